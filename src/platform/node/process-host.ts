// The kernel's host in Node: process workers are worker_threads started
// from a JavaScript bundle of src/worker/node-entry.ts.
import { Worker } from 'node:worker_threads';
import { createHash, randomFillSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PooledProcessHost } from '../process-host.ts';
import { whenReady, type WorkerHandle } from '../worker-handle.ts';
import { processWorkerCode } from './worker-code.ts';

async function createNodeWorker(): Promise<WorkerHandle> {
  const worker = new Worker(await processWorkerCode(), { eval: true });
  const handle: WorkerHandle = {
    postMessage: (message) => worker.postMessage(message),
    onMessage(listener) {
      worker.on('message', listener);
      return () => worker.off('message', listener);
    },
    onDeath(listener) {
      const onError = (error: Error) => listener(error.message);
      const onExit = (code: number) => listener(`the worker exited with code ${code}`);
      worker.on('error', onError);
      worker.on('exit', onExit);
      return () => {
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
    },
    terminate: () => void worker.terminate(),
    keepAlive: (alive) => (alive ? worker.ref() : worker.unref()),
  };
  return whenReady(handle);
}

export function createNodeProcessHost(poolSize = 2): PooledProcessHost {
  return new PooledProcessHost(
    {
      createWorker: createNodeWorker,
      digest: async (bytes) => createHash('sha256').update(bytes).digest('hex'),
      random: (bytes) => void randomFillSync(bytes),
      now: () => performance.timeOrigin + performance.now(),
    },
    poolSize,
  );
}
