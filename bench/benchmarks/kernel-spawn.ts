// kernel.spawn-warm: starting a process on a warm kernel, from
// kernel.spawn to the exit status, for hello.wasm with its stdout dropped.
// The pool's workers are up and the module is compiled before the timing
// starts (the first runs are untimed), so this is the cost of a spawn in a
// running system: fork from init, a pooled worker, instantiation, the
// program's few syscalls, exit and the worker's return to the pool.
//
// Baseline: a fresh worker_threads Worker instantiating and running the same
// hello.wasm with minimal imports (baselines/fresh-worker.ts), the plainest
// way to run a program in a thread; pooling should make bocal cheaper.
// (It did only once the pool stopped starting a replacement worker at every
// spawn: that worker's start-up took the CPU from the program, about 40 ms
// a spawn on the 2-core test machine; see refillSoon in process-host.ts.)
import type { Benchmark, Measurement } from '../harness.ts';
import { measureFreshWorker } from '../baselines/fresh-worker.ts';
import { median, nowNanoseconds } from '../baselines/statistics.ts';
import { withBenchKernel, type BenchKernel } from '../kernel-support/bench-kernel.ts';

const RUNS = 30;
const WARMUP = 5;

/** Spawns hello.wasm with stdout dropped; resolves to its shell exit status. */
export async function spawnHello(kernel: BenchKernel): Promise<number> {
  const fds = new Map([
    [1, kernel.discard()],
    [2, kernel.discard()],
  ]);
  return kernel.waitFor(await kernel.spawn('hello', [], fds));
}

/** Median ms from spawn to exit of hello.wasm on a warm kernel. */
export function measureKernelSpawn(runs = RUNS, warmup = WARMUP): Promise<Measurement> {
  return withBenchKernel(async (kernel) => {
    const samples: number[] = [];
    for (let run = -warmup; run < runs; run++) {
      const start = nowNanoseconds();
      const status = await spawnHello(kernel);
      const duration = nowNanoseconds() - start;
      if (status !== 0) throw new Error(`hello exited with ${status}`);
      if (run >= 0) samples.push(duration);
    }
    return { value: median(samples) / 1e6, unit: 'ms' };
  });
}

export const kernelSpawnWarm: Benchmark = {
  name: 'kernel.spawn-warm',
  baseline: 'fresh worker runs hello.wasm',
  measure: () => measureKernelSpawn(),
  measureBaseline: () => measureFreshWorker(),
};
