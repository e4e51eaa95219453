// Script of the built-in images page: loads the layouts of build/images/
// (fetched as static assets) into an IndexedDB store and reports what a
// person (or the engine) would then see.
import { CATALOGUE, loadBuiltinImages } from '../../src/image/builtin-images.ts';
import { ImageStore } from '../../src/image/image-store.ts';
import { fetchLayoutSource } from '../../src/image/layout-source.ts';
import { openIndexedDbBackend } from '../../src/platform/browser/image-store/indexeddb-backend.ts';

export interface BuiltinReport {
  loaded: string[];
  available: string[];
  helloSize: number;
  helloHead: string;
  platform: string;
  missing: string;
}

declare global {
  interface Window {
    loadBuiltins(database: string, load: boolean): Promise<BuiltinReport | string>;
  }
}

window.loadBuiltins = async (database, load) => {
  try {
    const store = new ImageStore(await openIndexedDbBackend({ name: database }));
    let loaded: string[] = [];
    if (load) {
      const catalogue = new Uint8Array(
        await (await fetch(`/build/images/${CATALOGUE}`)).arrayBuffer(),
      );
      loaded = (
        await loadBuiltinImages(store, catalogue, (name) =>
          fetchLayoutSource(`/build/images/${name}`),
        )
      ).flatMap((l) => l.tags);
    }
    const hello = await store.resolve('hello-world');
    const entry = hello.snapshots[0]!.entries.get('/hello')!;
    const head = await hello.snapshots[0]!.readFile(entry, 0, 4);
    let missing = '';
    try {
      await store.get('alpine');
    } catch (error) {
      missing = (error as Error).message;
    }
    const report: BuiltinReport = {
      loaded,
      available: await store.availableTags(),
      helloSize: entry.size,
      helloHead: Array.from(head, (b) => b.toString(16).padStart(2, '0')).join(''),
      platform: `${hello.config.os}/${hello.config.architecture}`,
      missing,
    };
    await store.backend.close();
    return report;
  } catch (error) {
    return String((error as Error).stack ?? error);
  }
};
