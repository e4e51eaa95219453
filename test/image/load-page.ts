// Script of the load page: `docker load` of an archive fetched from the dev
// server into an IndexedDB store, timed in the page; used by the browser
// test of an interrupted load and by the Chromium load benchmark.
import { loadArchive } from '../../src/image/archive-load.ts';
import { ImageStore } from '../../src/image/image-store.ts';
import { openIndexedDbBackend } from '../../src/platform/browser/image-store/indexeddb-backend.ts';

export interface LoadReport {
  tags: string[];
  milliseconds: number;
}

export interface StoreState {
  images: string[][];
  blobs: number;
  uploads: number;
}

declare global {
  interface Window {
    /** `offload: false`: all on the page's thread (for the benchmark's comparison). */
    loadFrom(
      url: string,
      database: string,
      options?: { offload?: boolean },
    ): Promise<LoadReport | string>;
    startLoad(url: string, database: string): void;
    uploadsInProgress(database: string): Promise<number>;
    storeState(database: string): Promise<StoreState>;
  }
}

const open = async (database: string, offload?: boolean) =>
  new ImageStore(await openIndexedDbBackend({ name: database, offload }));

window.loadFrom = async (url, database, options = {}) => {
  try {
    const store = await open(database, options.offload);
    const start = performance.now();
    // no-store: a response cut short by the reload must not be reused from the cache.
    const response = await fetch(url, { cache: 'no-store' });
    const loaded = await loadArchive(store, response.body!);
    const milliseconds = performance.now() - start;
    await store.backend.close();
    return { tags: loaded.flatMap((l) => l.tags), milliseconds };
  } catch (error) {
    return String((error as Error).stack ?? error);
  }
};

window.startLoad = (url, database) => {
  void window.loadFrom(url, database);
};

window.uploadsInProgress = async (database) => {
  const { openDB } = await import('idb');
  const db = await openDB(database);
  const count = await db.count('chunks');
  db.close();
  return count;
};

window.storeState = async (database) => {
  const store = await open(database);
  const state: StoreState = {
    images: (await store.list()).map((i) => i.repoTags),
    blobs: (await store.backend.listBlobs()).length,
    uploads: 0,
  };
  await store.backend.close();
  return state;
};
