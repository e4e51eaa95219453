// kernel.sha256: compute-bound code on the kernel. sha256bench.wasm hashes
// 64 MiB generated in memory and prints the digest (one syscall at the end),
// so this measures how fast a process's WebAssembly runs in a bocal worker.
// One run is spawn to exit on a warm kernel; the result is MiB/s of the
// median run, and every run's digest must match the first.
//
// Baseline: the same program under node:wasi (baselines/node-wasi-sha256.ts),
// instantiation included there too.
//
// On the shared test machine single runs of either vary up to twofold, so
// the ratio of two medians taken a minute apart swings (0.76x to 2.3x seen);
// run interleaved, the fastest runs of the two were within 2% of each other.
import type { Benchmark, Measurement } from '../harness.ts';
import { SHA256_BYTES, measureNodeWasiSha256 } from '../baselines/node-wasi-sha256.ts';
import { mebibytesPerSecond, median, nowNanoseconds } from '../baselines/statistics.ts';
import { withBenchKernel, type BenchKernel } from '../kernel-support/bench-kernel.ts';

const RUNS = 3;
const WARMUP = 1;

/** Runs sha256bench on `bytes` bytes on the kernel; resolves to its output (digest and newline). */
export async function kernelSha256(kernel: BenchKernel, bytes: number): Promise<string> {
  const run = await kernel.run('sha256bench', [String(bytes)]);
  if (run.status !== 0) throw new Error(`sha256bench exited with ${run.status}: ${run.stderr}`);
  return run.stdout;
}

/** MiB/s of sha256bench on a warm kernel. */
export function measureKernelSha256(
  bytes = SHA256_BYTES,
  runs = RUNS,
  warmup = WARMUP,
): Promise<Measurement> {
  return withBenchKernel(async (kernel) => {
    const durations: number[] = [];
    let expected: string | undefined;
    for (let run = -warmup; run < runs; run++) {
      const start = nowNanoseconds();
      const output = await kernelSha256(kernel, bytes);
      const duration = nowNanoseconds() - start;
      expected ??= output;
      if (!/^[0-9a-f]{64}\n$/.test(output) || output !== expected) {
        throw new Error(`sha256bench printed ${JSON.stringify(output)}, expected ${expected}`);
      }
      if (run >= 0) durations.push(duration);
    }
    return { value: mebibytesPerSecond(bytes, median(durations)), unit: 'MiB/s' };
  });
}

export const kernelSha256Bench: Benchmark = {
  name: 'kernel.sha256',
  baseline: 'node:wasi sha256bench',
  measure: () => measureKernelSha256(),
  measureBaseline: () => measureNodeWasiSha256(),
};
