// The engine of a kernel in Node: the image store under $BOCAL_HOME with
// the built-in images, the emulated runtime on that kernel.
import { Engine } from '../../engine/engine.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import {
  loadNodeBuiltinImages,
  openNodeImageStore,
} from '../../platform/node/image-store/open-store.ts';
import { EmulatedRuntime } from '../../runtime/emulated/emulated-runtime.ts';
import { daemonRunning } from '../../platform/node/daemon/client.ts';

export async function openNodeEngine(kernel: Kernel, box: Uint8Array): Promise<Engine> {
  const store = openNodeImageStore();
  await loadNodeBuiltinImages(store);
  const engine = new Engine(store, new EmulatedRuntime(kernel, box));
  // A live daemon on this store (beside `bocal shell`'s engine, or BOCAL_DAEMON=0) owns
  // the containers it runs: this engine leaves their records alone.
  await engine.restore({ othersLive: await daemonRunning() });
  return engine;
}

/** The engine made on first use (a `bocal shell` that never runs docker does not open the store). */
export function lazyNodeEngine(kernel: Kernel, box: Uint8Array): () => Promise<Engine> {
  let engine: Promise<Engine> | undefined;
  return () => (engine ??= openNodeEngine(kernel, box));
}
