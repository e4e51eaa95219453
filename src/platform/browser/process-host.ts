// The kernel's host in the browser: process workers are module Web Workers
// (bundled by Vite from src/worker/browser-entry.ts), started from the
// kernel's own worker.
import { PooledProcessHost } from '../process-host.ts';
import { whenReady, type WorkerHandle } from '../worker-handle.ts';

async function createBrowserWorker(): Promise<WorkerHandle> {
  const worker = new Worker(new URL('../../worker/browser-entry.ts', import.meta.url), {
    type: 'module',
    name: 'bocal process',
  });
  const handle: WorkerHandle = {
    postMessage: (message) => worker.postMessage(message),
    onMessage(listener) {
      const wrapped = (event: MessageEvent) => listener(event.data as { type: string });
      worker.addEventListener('message', wrapped);
      return () => worker.removeEventListener('message', wrapped);
    },
    onDeath(listener) {
      const wrapped = (event: ErrorEvent) => listener(event.message || 'the worker failed');
      worker.addEventListener('error', wrapped);
      return () => worker.removeEventListener('error', wrapped);
    },
    terminate: () => worker.terminate(),
    keepAlive: () => {},
  };
  return whenReady(handle);
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function createBrowserProcessHost(poolSize = 2): PooledProcessHost {
  return new PooledProcessHost(
    {
      createWorker: createBrowserWorker,
      digest: sha256,
      random: (bytes) => {
        for (let at = 0; at < bytes.length; at += 65536) {
          crypto.getRandomValues(
            bytes.subarray(at, Math.min(bytes.length, at + 65536)) as Uint8Array<ArrayBuffer>,
          );
        }
      },
      now: () => performance.timeOrigin + performance.now(),
    },
    poolSize,
  );
}
