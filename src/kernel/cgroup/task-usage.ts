// What one process is charged in its cgroup: its wasm linear memory (the
// size its worker reported at its last syscall) and the time it held a CPU,
// as far as the kernel can tell: the time it existed minus the time it
// waited in blocking syscalls (a worker cannot measure its own CPU use;
// time runnable but not scheduled by the host counts as used).

export class TaskUsage {
  /** Bytes of linear memory the program has (0 until its first report). */
  memoryBytes = 0;
  /** Host milliseconds when it was forked. */
  startedAt = 0;
  /** Milliseconds spent in syscalls that waited (pipes, sleeps, wait4). */
  blockedMs = 0;
  /** When its current blocking syscall began, if one is in progress. */
  private blockedSince: number | undefined;
  /** Host milliseconds when it exited; undefined while alive. */
  endedAt: number | undefined;
  /** Milliseconds of CPU time already charged to a cgroup it left (migration). */
  chargedMs = 0;

  beginBlocking(now: number): void {
    this.blockedSince ??= now;
  }

  endBlocking(now: number): void {
    if (this.blockedSince === undefined) return;
    this.blockedMs += Math.max(0, now - this.blockedSince);
    this.blockedSince = undefined;
  }

  end(now: number): void {
    this.endBlocking(now);
    this.endedAt ??= now;
    this.memoryBytes = 0;
  }

  /** CPU milliseconds used since fork, up to `now` (or its exit). */
  cpuMs(now: number): number {
    const until = this.endedAt ?? now;
    const blockedNow = this.blockedSince === undefined ? 0 : Math.max(0, until - this.blockedSince);
    return Math.max(0, until - this.startedAt - this.blockedMs - blockedNow);
  }
}
