// The engine of the page's kernel: the image store in IndexedDB with the
// built-in images fetched from the site (build/images/), the emulated
// runtime on that kernel, and the container records a previous page left
// (or another open tab keeps: the Web Locks API tells).
import { Engine } from '../../engine/engine.ts';
import { CATALOGUE, loadBuiltinImages } from '../../image/builtin-images.ts';
import { ImageStore } from '../../image/image-store.ts';
import { fetchLayoutSource } from '../../image/layout-source.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { openIndexedDbBackend } from '../../platform/browser/image-store/indexeddb-backend.ts';
import { EmulatedRuntime } from '../../runtime/emulated/emulated-runtime.ts';

export const BUILTIN_IMAGES_URL = '/build/images/';

async function openBrowserEngine(kernel: Kernel, box: () => Promise<Uint8Array>): Promise<Engine> {
  const store = new ImageStore(await openIndexedDbBackend());
  const response = await fetch(`${BUILTIN_IMAGES_URL}${CATALOGUE}`);
  if (!response.ok) throw new Error(`${BUILTIN_IMAGES_URL}${CATALOGUE}: ${response.status}`);
  const catalogue = new Uint8Array(await response.arrayBuffer());
  await loadBuiltinImages(store, catalogue, (name) =>
    fetchLayoutSource(`${BUILTIN_IMAGES_URL}${name}`),
  );
  const engine = new Engine(store, new EmulatedRuntime(kernel, await box()));
  await engine.restore({ othersLive: await joinEngines() });
  return engine;
}

/** The Web Lock every live page engine of this origin holds (shared), until its page goes. */
const ENGINE_LOCK = 'bocal-engine';

/**
 * Whether another tab's engine works on this store now (it holds the lock),
 * then takes this engine's share of it: a second tab leaves the first tab's
 * running containers as they are instead of marking them exited.
 */
async function joinEngines(): Promise<boolean> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return false;
  const { held = [] } = await locks.query();
  const othersLive = held.some((lock) => lock.name === ENGINE_LOCK);
  void locks.request(ENGINE_LOCK, { mode: 'shared' }, () => new Promise<never>(() => undefined));
  return othersLive;
}

/** The engine made when docker first runs (a page that never runs it does not open the store). */
export function lazyBrowserEngine(
  kernel: Kernel,
  box: () => Promise<Uint8Array>,
): () => Promise<Engine> {
  let engine: Promise<Engine> | undefined;
  return () => (engine ??= openBrowserEngine(kernel, box));
}
