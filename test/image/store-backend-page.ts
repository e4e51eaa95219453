// Script of the store test page: runs one behaviour case against a fresh
// IndexedDB store, on request of test/image/store-backend.test.ts.
import { openIndexedDbBackend } from '../../src/platform/browser/image-store/indexeddb-backend.ts';
import { backendCases } from './store-backend-cases.ts';

declare global {
  interface Window {
    runStoreCase(name: string, database: string): Promise<string>;
  }
}

window.runStoreCase = async (name, database) => {
  const found = backendCases.find((c) => c.name === name);
  if (!found) return `no case named ${name}`;
  try {
    await found.run(() => openIndexedDbBackend({ name: database }));
    return 'ok';
  } catch (error) {
    return String((error as Error).stack ?? error);
  }
};
