// Process start-up the plainest way: a fresh worker_threads Worker runs
// hello.wasm with minimal WASI imports (see baselines/fresh-worker.ts). Its
// baseline, the same run in a worker that is already up, shows what pooling
// saves.
import type { Benchmark } from '../harness.ts';
import { measureFreshWorker, measureWarmWorker } from '../baselines/fresh-worker.ts';

export const freshWorkerRun: Benchmark = {
  name: 'worker.fresh-run-hello',
  baseline: 'same run in a reused worker',
  measure: () => measureFreshWorker(),
  measureBaseline: () => measureWarmWorker(),
};
