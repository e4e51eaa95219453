// kernel.syscall-round-trip: what one syscall costs a program on bocal.
//
// Method: bench_write_loop.wasm (wasm/tests/bench_write_loop.c) runs on a
// warm kernel and makes 200 batches of 100 one-byte write(2) calls to
// /dev/null, timing each batch inside the program with
// clock_gettime(CLOCK_MONOTONIC); it prints the median batch's time per
// write. Timing inside the program leaves out process start-up, and the
// clock costs no syscall (the worker answers clock_time_get itself), so
// the figure is one fd_write: the worker's marshalling, the channel round
// trip and the kernel's dispatch to /dev/null. The value is the median over
// a few program runs.
//
// Baseline: the faster of the two synchronous Atomics ping-pongs
// (baselines/atomics-ping-pong.ts), both sides blocking or both spinning,
// measured in the same run: the least a round trip through shared memory
// can cost on this machine right now.
//
// What limits it (measured on the shared 2-core test machine): the kernel
// watches the channel for about 10 µs after each answer and the worker
// spins 2000 checks before sleeping, so a program in a syscall loop is
// answered without a wake-up when both threads have a core; the figure is
// bimodal, as the spinning baseline is (about 40 µs when a thread had to
// be woken). Per call, on top of the bare handoff: the kernel's serve and
// answer (Request views remade per call, Atomics.notify at about 80 ns
// even with no sleeper) and the worker's marshalling (memory.buffer read
// about 40 ns, several times per call).
//
// Figures (µs per write / spinning baseline in the same run, ratio):
//   before (bb3a6c0): 0.74-1.14 / 0.17-0.29, ratios 2.5-6.6
//   after (views made once, notify only a side that says it sleeps,
//   guest memory views checked without reading memory.buffer): 0.67-1.01 /
//   0.29-0.30, ratios 2.2-3.4. Kernel side alone (serve + dispatch of a
//   1-byte write, one thread, under tsx): 695 ns -> 175 ns; with an empty
//   handler 400 ns -> 62 ns. Worker marshalling of fd_write: 300 -> 240 ns.
//   Commit 6ac63f2 (a microtask hop after every answered call) puts every
//   call in the 40 µs mode: 39-45 µs measured with it, 0.67-1.0 without.
//   This session, under load average 17-27 (both baselines in their slow
//   mode: spinning 77.8 µs, blocking 11.0-11.6 µs): before, 46.9 µs (4.05x);
//   after (one reused Request per channel, arguments as 32-bit halves and
//   results read without BigInts, no closure or array per fd_write, and a
//   worker spin that halves after each short sleep and doubles after each
//   caught answer, so an oversubscribed worker stops taking the kernel's
//   CPU): 23.9 µs (2.09x). Not measured on a quiet machine this session.
//   Next session, start of it, quiet (load average 0.5): 0.793 µs vs the
//   spinning baseline 0.37 µs, 2.14x. Then the cuts, measured single-thread
//   (a loop over the real code with the other side answering at once):
//   the worker's fd_write marshalling 260-480 ns -> 100 ns (guest memory
//   views no longer checked with `instanceof` on every access, which cost
//   more than the rest of the call; WASI wrappers with each function's own
//   arity; a 1-byte vector copied without making a view), the kernel's
//   dispatch of the write 100 -> 70 ns (arguments read as 32-bit halves,
//   no BigInt per argument). The quiet-machine figure after these was not
//   measurable: other helpers kept the load average at 12-21 for the rest
//   of the session, where both threads are woken for every call (the
//   worker's spin catches about 1 answer in 12) and the figure is two
//   wake-ups. Same run, alternating old (aef4358) and new, load 15-19:
//   old 23.96-29.79 µs (2.12-2.50x the blocking baseline of 11.3-11.9 µs),
//   new 23.49-23.59 µs (2.05-2.11x of 11.2-11.5 µs). In that mode the
//   floor is one futex wake of the worker plus one event-loop wake of the
//   kernel (Atomics.waitAsync resolves through its task queue), about 2x
//   the blocking baseline's two futex wakes; a longer kernel watch (4,000
//   or 10,000 checks instead of 1,000) measured worse (26.8-51.3 µs), as
//   the watching kernel takes the core the worker needs.
//   Third session (docs/design/pipes.md, "Third look"): the freezer check
//   per call without generators and a reply without BigInts (single-thread
//   fd_write through the program runner 341 -> 275 ns), one cache line per
//   small call (results and the first argument beside the state, writes of
//   at most 32 bytes inline): short probes under chrt, ping-pong 200-210
//   ns, 550-565 -> 520-530 ns per write; plain runs at load 11-12: 23.5-24.0
//   µs vs blocking 11.5-11.7 µs (2.01-2.05x), and 57x in a run where only
//   the ping-pong caught its fast mode.
import type { Benchmark, Measurement } from '../harness.ts';
import {
  measureBlockingRoundTrip,
  measureSpinningRoundTrip,
} from '../baselines/atomics-ping-pong.ts';
import { median } from '../baselines/statistics.ts';
import { withBenchKernel, type BenchKernel } from '../kernel-support/bench-kernel.ts';

const RUNS = 5;
const BATCHES = 200;
const WRITES_PER_BATCH = 100;

/** Runs bench_write_loop once; resolves to the nanoseconds per write it printed. */
export async function writeLoopNanoseconds(
  kernel: BenchKernel,
  batches = BATCHES,
  writes = WRITES_PER_BATCH,
): Promise<number> {
  const run = await kernel.run('bench_write_loop', [String(batches), String(writes)]);
  if (run.status !== 0 || !/^\d+\n$/.test(run.stdout)) {
    throw new Error(
      `bench_write_loop exited with ${run.status}, printed ${JSON.stringify(run.stdout)}: ${run.stderr}`,
    );
  }
  return Number(run.stdout);
}

/** Median µs of one 1-byte fd_write to /dev/null on the kernel, over `runs` program runs. */
export function measureKernelSyscall(runs = RUNS): Promise<Measurement> {
  return withBenchKernel(async (kernel) => {
    await writeLoopNanoseconds(kernel, 10); // compiles and warms the program
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push(await writeLoopNanoseconds(kernel));
    return { value: median(samples) / 1000, unit: 'us' };
  });
}

/** The faster of the blocking and the spinning Atomics round trip, in µs. */
export async function measureFastestRoundTrip(): Promise<Measurement> {
  const blocking = await measureBlockingRoundTrip();
  const spinning = await measureSpinningRoundTrip();
  return blocking.value <= spinning.value ? blocking : spinning;
}

export const kernelSyscallRoundTrip: Benchmark = {
  name: 'kernel.syscall-round-trip',
  baseline: 'faster Atomics ping-pong (blocking or spinning)',
  measure: () => measureKernelSyscall(),
  measureBaseline: () => measureFastestRoundTrip(),
};
