// The page's side of the kernel: starts the kernel's worker and wraps it
// with comlink, so the page calls KernelApi methods as async functions.
import { wrap, type Remote } from 'comlink';
import type { KernelApi } from './kernel-api.ts';

export interface KernelConnection {
  kernel: Remote<KernelApi>;
  /** Ends the kernel's worker; its process workers, nested in it, end with it. */
  close(): void;
}

export function startKernelWorker(): KernelConnection {
  const worker = new Worker(new URL('./kernel-worker.ts', import.meta.url), {
    type: 'module',
    name: 'bocal kernel',
  });
  return { kernel: wrap<KernelApi>(worker), close: () => worker.terminate() };
}
