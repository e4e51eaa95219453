// Baseline: the raw SharedArrayBuffer + Atomics round trip between the main
// thread and one worker_threads Worker, with nothing else in the way. A bocal
// syscall is this round trip plus the kernel's work, so the kernel's syscall
// latency is judged as a ratio to it.
//
// The main thread times every trip (one clock read per trip) and returns the
// median in microseconds. Waiting styles:
//   'wait'                  block in Atomics.wait at once
//   'spin-then-wait'        check the word up to spinLimit times, then block
//   'wait-async'            Atomics.waitAsync, i.e. a wake-up through the event loop
//   'spin-then-wait-async'  spin first, then Atomics.waitAsync
// The async styles are how the kernel (on an event loop) will wait; they are
// informative, the two synchronous styles are the baselines.
//
// The spinning figure is bimodal. DEFAULT_SPIN_LIMIT loads take about 35 µs
// on the 2-core test machine (about 9 ns per Atomics.load). With a core free
// for each side, a trip costs well under 1 µs. When other processes hold the
// cores, a side that blocked needs a core to wake up on, and the spinning
// side holds one until its spin runs out: each trip then costs about two
// whole spins (about 78 µs measured, several times the blocking trip). A
// spinning syscall path has the same two regimes, so this is measured, not
// smoothed away.
import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
import type { Measurement } from '../harness.ts';
import { median, nowNanoseconds } from './statistics.ts';

export type MainWait = 'wait' | 'spin-then-wait' | 'wait-async' | 'spin-then-wait-async';
export type WorkerWait = 'wait' | 'spin-then-wait';

export interface RoundTripOptions {
  main: MainWait;
  worker: WorkerWait;
  /** Timed round trips. */
  iterations?: number;
  /** Untimed round trips first, so both threads are hot. */
  warmup?: number;
  /** Atomics.load checks before blocking, in the spinning styles. */
  spinLimit?: number;
}

export const DEFAULT_SPIN_LIMIT = 4000;
const MAIN_TURN = 0;
const WORKER_TURN = 1;
const TIMEOUT_MS = 10_000;

const workerUrl = new URL('./atomics-ping-pong.worker.mjs', import.meta.url);

/** Median round trip in µs between this thread and a fresh worker, in the given waiting styles. */
export async function measureRoundTrip(options: RoundTripOptions): Promise<Measurement> {
  const iterations = options.iterations ?? 20_000;
  const warmup = options.warmup ?? 2_000;
  const spinLimit = options.spinLimit ?? DEFAULT_SPIN_LIMIT;
  if (!(iterations > 0 && warmup >= 0 && spinLimit >= 0)) {
    throw new RangeError('iterations must be positive, warmup and spinLimit not negative');
  }
  const shared = new SharedArrayBuffer(4);
  const turn = new Int32Array(shared);
  // execArgv: [] so the worker does not load this process's TypeScript loader.
  const worker = new Worker(workerUrl, {
    execArgv: [],
    workerData: {
      shared,
      trips: warmup + iterations,
      spinLimit: options.worker === 'spin-then-wait' ? spinLimit : 0,
    },
  });
  const failure = new Promise<never>((_, reject) => worker.once('error', reject));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  try {
    await Promise.race([once(worker, 'message'), failure]);
    const mainSpin = options.main.startsWith('spin') ? spinLimit : 0;
    const samples = options.main.endsWith('async')
      ? await Promise.race([tripsAsync(turn, warmup, iterations, mainSpin), failure])
      : tripsBlocking(turn, warmup, iterations, mainSpin);
    await exited;
    return { value: median(samples) / 1000, unit: 'us' };
  } finally {
    await worker.terminate();
  }
}

/** Variant (a): both sides block in Atomics.wait at once. */
export function measureBlockingRoundTrip(iterations?: number): Promise<Measurement> {
  return measureRoundTrip({ main: 'wait', worker: 'wait', iterations });
}

/** Variant (b): both sides spin up to DEFAULT_SPIN_LIMIT checks before blocking. */
export function measureSpinningRoundTrip(iterations?: number): Promise<Measurement> {
  return measureRoundTrip({ main: 'spin-then-wait', worker: 'spin-then-wait', iterations });
}

/**
 * Variant (c): the main thread waits with Atomics.waitAsync. Without `spin`
 * the worker blocks at once, as a bocal process does by default; with `spin`
 * both sides spin first, so the only difference from variant (b) is how the
 * main thread waits when the spin runs out.
 */
export function measureWaitAsyncRoundTrip(
  spin: boolean,
  iterations?: number,
): Promise<Measurement> {
  return measureRoundTrip({
    main: spin ? 'spin-then-wait-async' : 'wait-async',
    worker: spin ? 'spin-then-wait' : 'wait',
    iterations,
  });
}

function ping(turn: Int32Array): void {
  Atomics.store(turn, 0, WORKER_TURN);
  Atomics.notify(turn, 0);
}

/** Spins up to `limit` checks; true if the reply came. */
function spinForReply(turn: Int32Array, limit: number): boolean {
  for (let spins = 0; spins < limit; spins++) {
    if (Atomics.load(turn, 0) === MAIN_TURN) return true;
  }
  return false;
}

/** Runs all trips with a blocking main thread; returns the timed trips' durations in ns. */
function tripsBlocking(
  turn: Int32Array,
  warmup: number,
  iterations: number,
  spinLimit: number,
): Float64Array {
  const samples = new Float64Array(iterations);
  let previous = 0;
  for (let trip = -warmup; trip <= iterations; trip++) {
    const now = nowNanoseconds();
    if (trip > 0) samples[trip - 1] = now - previous;
    previous = now;
    if (trip === iterations) break;
    ping(turn);
    if (spinForReply(turn, spinLimit)) continue;
    while (Atomics.load(turn, 0) !== MAIN_TURN) {
      if (Atomics.wait(turn, 0, WORKER_TURN, TIMEOUT_MS) === 'timed-out') {
        throw new Error('ping-pong: no reply from the worker');
      }
    }
  }
  return samples;
}

/** As tripsBlocking, but waiting with Atomics.waitAsync so the event loop keeps running. */
async function tripsAsync(
  turn: Int32Array,
  warmup: number,
  iterations: number,
  spinLimit: number,
): Promise<Float64Array> {
  const samples = new Float64Array(iterations);
  let previous = 0;
  for (let trip = -warmup; trip <= iterations; trip++) {
    const now = nowNanoseconds();
    if (trip > 0) samples[trip - 1] = now - previous;
    previous = now;
    if (trip === iterations) break;
    ping(turn);
    if (spinForReply(turn, spinLimit)) continue;
    while (Atomics.load(turn, 0) !== MAIN_TURN) {
      const result = Atomics.waitAsync(turn, 0, WORKER_TURN, TIMEOUT_MS);
      const outcome = result.async ? await result.value : result.value;
      if (outcome === 'timed-out') throw new Error('ping-pong: no reply from the worker');
    }
  }
  return samples;
}
