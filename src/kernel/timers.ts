// Timers for the kernel (poll timeouts, VTIME, nanosleep). setTimeout is in
// every host but not in ECMAScript, so the kernel reaches it here, only.
interface HostTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const host = globalThis as unknown as HostTimers;

/** Calls `callback` once after `ms` milliseconds; returns a canceller. */
export function setKernelTimer(callback: () => void, ms: number): () => void {
  const handle = host.setTimeout(callback, Math.max(0, ms));
  return () => host.clearTimeout(handle);
}
