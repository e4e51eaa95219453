// Timers for the kernel (poll timeouts, VTIME, nanosleep) and its clock for
// short deadlines. setTimeout and performance are in every host but not in
// ECMAScript, so the kernel reaches them here, only.
interface HostTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  performance: { now(): number };
}

const host = globalThis as unknown as HostTimers;

/** Calls `callback` once after `ms` milliseconds; returns a canceller. */
export function setKernelTimer(callback: () => void, ms: number): () => void {
  const handle = host.setTimeout(callback, Math.max(0, ms));
  return () => host.clearTimeout(handle);
}

/** Milliseconds on the host's monotonic clock (for spin and slice deadlines). */
export function monotonicMilliseconds(): number {
  return host.performance.now();
}
