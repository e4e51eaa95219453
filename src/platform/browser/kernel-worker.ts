/// <reference types="vite/client" />
// Entry of the kernel's own dedicated Web Worker: boots one Kernel whose
// processes are nested Web Workers, and serves KernelApi to the page through
// comlink. At start it boots the emulated host the page's terminal shows:
// rootfs/host/, box in /bin, and a login shell on the console (system-boot.ts). Keeping the
// kernel off the page's main thread means a busy kernel never freezes the
// page, and the page cannot block the kernel.
import { expose } from 'comlink';
import { Kernel } from '../../kernel/kernel.ts';
import type { BuiltinProgram } from '../../kernel/exec/builtin-program.ts';
import { lazyBrowserEngine } from '../../cli/docker/browser-engine.ts';
import { dockerBuiltin, installDockerCommand } from '../../cli/docker/docker-builtin.ts';
import type { KernelApi } from './kernel-api.ts';
import { bundledHostTree } from './host-tree.ts';
import { KernelService } from './kernel-service.ts';
import { browserWorkerCounts, createBrowserProcessHost } from './process-host.ts';
// Vite serves the built multi-call binary in development and copies it into dist/ on build.
import boxUrl from '../../../build/wasm/box.wasm?url';

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

const builtins: Record<string, BuiltinProgram> = {};
const kernel = new Kernel(createBrowserProcessHost(), { builtins });
builtins.docker = dockerBuiltin(lazyBrowserEngine(kernel, () => fetchProgram(boxUrl)));
const service = new KernelService(kernel, {
  fetchProgram,
  workers: browserWorkerCounts,
  hostTree: bundledHostTree,
});
service.startSystem({ url: boxUrl });
// /usr/bin/docker, once the host's tree is in place.
service
  .booted()
  .then(() => installDockerCommand(kernel))
  .catch(() => undefined);
const api: KernelApi = service;
expose(api);
