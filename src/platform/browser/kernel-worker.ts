// Entry of the kernel's own dedicated Web Worker: boots one Kernel whose
// processes are nested Web Workers, and serves KernelApi to the page through
// comlink. Keeping the kernel off the page's main thread means a busy
// kernel never freezes the page, and the page cannot block the kernel.
import { expose } from 'comlink';
import { Kernel } from '../../kernel/kernel.ts';
import type { KernelApi } from './kernel-api.ts';
import { KernelService } from './kernel-service.ts';
import { browserWorkerCounts, createBrowserProcessHost } from './process-host.ts';

async function fetchProgram(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
  // Development servers and static hosts answer a missing file with the
  // page itself (an SPA fallback): report that as missing, not as bad wasm.
  if (response.headers.get('content-type')?.startsWith('text/html')) {
    throw new Error(`${url}: not found (the server answered with an HTML page)`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

const kernel = new Kernel(createBrowserProcessHost());
const api: KernelApi = new KernelService(kernel, { fetchProgram, workers: browserWorkerCounts });
expose(api);
