// The Atomics round trip between the main thread and a worker, in the ways
// bocal could wait for a syscall (see baselines/atomics-ping-pong.ts). The
// blocking round trip is the floor a syscall that sleeps pays; spinning
// shows what a brief spin saves; the waitAsync rows show what the kernel,
// which waits on an event loop, pays on top.
import type { Benchmark } from '../harness.ts';
import {
  measureBlockingRoundTrip,
  measureSpinningRoundTrip,
  measureWaitAsyncRoundTrip,
} from '../baselines/atomics-ping-pong.ts';

export const atomicsSpinRoundTrip: Benchmark = {
  name: 'atomics.round-trip-spin',
  baseline: 'both sides block in Atomics.wait',
  measure: () => measureSpinningRoundTrip(),
  measureBaseline: () => measureBlockingRoundTrip(),
};

export const atomicsWaitAsyncRoundTrip: Benchmark = {
  name: 'atomics.round-trip-wait-async',
  baseline: 'both sides block in Atomics.wait',
  measure: () => measureWaitAsyncRoundTrip(false),
  measureBaseline: () => measureBlockingRoundTrip(),
};

export const atomicsSpinWaitAsyncRoundTrip: Benchmark = {
  name: 'atomics.round-trip-spin-wait-async',
  baseline: 'both sides spin, then Atomics.wait',
  measure: () => measureWaitAsyncRoundTrip(true),
  measureBaseline: () => measureSpinningRoundTrip(),
};
