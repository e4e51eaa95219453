// The kernel's host in the browser: process workers are module Web Workers
// (bundled by Vite from src/worker/browser-entry.ts), started from the
// kernel's own worker.
import { growableArenaMemory, setPageArenaMemory } from '../../kernel/fs/page-arena.ts';
import { PooledProcessHost } from '../process-host.ts';
import { whenReady, type WorkerHandle } from '../worker-handle.ts';
import type { WorkerCounts } from './kernel-api.ts';

const counts: WorkerCounts = { started: 0, live: 0 };

/** Process workers this realm (the kernel's worker) has started, and those still alive. */
export function browserWorkerCounts(): WorkerCounts {
  return { ...counts };
}

async function createBrowserWorker(): Promise<WorkerHandle> {
  const worker = new Worker(new URL('../../worker/browser-entry.ts', import.meta.url), {
    type: 'module',
    name: 'bocal process',
  });
  counts.started++;
  counts.live++;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    counts.live--;
  };
  // A worker that failed to load or threw at the top level is gone.
  worker.addEventListener('error', end);
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
    terminate: () => {
      end();
      worker.terminate();
    },
    keepAlive: () => {},
  };
  return whenReady(handle);
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function createBrowserProcessHost(poolSize = 2): PooledProcessHost {
  // Browsers may count a whole 1 GiB buffer against the page's memory at
  // once; a growable one takes it as the files shared fill it.
  setPageArenaMemory(growableArenaMemory);
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
