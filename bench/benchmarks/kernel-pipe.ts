// kernel.cat-pipe-wc: bulk data through the kernel. A 64 MiB file in the
// kernel's tmpfs is read by catfile.wasm (named four times, so 256 MiB per
// run), which writes it into a pipe; bench_count.wasm reads the pipe in
// 64 KiB chunks and prints the byte count, which is checked. One run is
// from the first spawn to both exits; the result is MiB/s of the median run.
// Every byte crosses two channels (file to catfile, catfile to the pipe)
// and the pipe (to bench_count), against one read in the baseline.
//
// Baseline: node:wasi running catfile.wasm on the same 64 MiB, four times,
// to /dev/null (baselines/node-wasi-file-read.ts).
//
// What limits it (measured on the shared 2-core test machine): three
// channel round trips per 64 KiB chunk, most of them waking a worker that
// had stopped spinning, and on the kernel's thread a fresh 64 KiB array per
// tmpfs read and two per pipe write and read (garbage collection took about
// a third of the kernel thread's time). node:wasi makes one host read per
// chunk with no thread hop at all.
import type { Benchmark, Measurement } from '../harness.ts';
import { FILE_READ_BYTES, measureNodeWasiFileRead } from '../baselines/node-wasi-file-read.ts';
import { mebibytesPerSecond, median, nowNanoseconds } from '../baselines/statistics.ts';
import { createPipe } from '../../src/kernel/fs/pipe/create-pipe.ts';
import { patternBytes, withBenchKernel, type BenchKernel } from '../kernel-support/bench-kernel.ts';

const PASSES = 4;
const RUNS = 5;
const WARMUP = 1;
const INPUT = '/tmp/input.bin';

/**
 * Runs `catfile PATH×passes | bench_count` on the kernel; resolves to what
 * bench_count printed. Throws if either program fails.
 */
export async function catPipeCount(kernel: BenchKernel, path: string, passes: number) {
  const [readEnd, writeEnd] = createPipe();
  const catErrors = kernel.capture();
  const countOutput = kernel.capture();
  const countErrors = kernel.capture();
  const cat = await kernel.spawn(
    'catfile',
    Array<string>(passes).fill(path),
    new Map([
      [1, writeEnd],
      [2, catErrors.file],
    ]),
  );
  const count = await kernel.spawn(
    'bench_count',
    [],
    new Map([
      [0, readEnd],
      [1, countOutput.file],
      [2, countErrors.file],
    ]),
  );
  const [catStatus, countStatus] = await Promise.all([kernel.waitFor(cat), kernel.waitFor(count)]);
  if (catStatus !== 0) throw new Error(`catfile exited with ${catStatus}: ${catErrors.text()}`);
  if (countStatus !== 0) {
    throw new Error(`bench_count exited with ${countStatus}: ${countErrors.text()}`);
  }
  return countOutput.text();
}

/** MiB/s of `catfile FILE×4 | bench_count` on a warm kernel, file in tmpfs. */
export function measureKernelCatPipe(
  bytes = FILE_READ_BYTES,
  runs = RUNS,
  warmup = WARMUP,
): Promise<Measurement> {
  return withBenchKernel(async (kernel) => {
    await kernel.writeFile(INPUT, patternBytes(bytes));
    const expected = `${bytes * PASSES}\n`;
    const durations: number[] = [];
    for (let run = -warmup; run < runs; run++) {
      const start = nowNanoseconds();
      const printed = await catPipeCount(kernel, INPUT, PASSES);
      const duration = nowNanoseconds() - start;
      if (printed !== expected) {
        throw new Error(`bench_count printed ${JSON.stringify(printed)}, expected ${expected}`);
      }
      if (run >= 0) durations.push(duration);
    }
    return { value: mebibytesPerSecond(bytes * PASSES, median(durations)), unit: 'MiB/s' };
  });
}

export const kernelCatPipeCount: Benchmark = {
  name: 'kernel.cat-pipe-wc',
  baseline: 'node:wasi catfile, same file',
  measure: () => measureKernelCatPipe(),
  measureBaseline: () => measureNodeWasiFileRead({ passes: PASSES }),
};
