// What one process is charged in its cgroup: its wasm linear memory (the
// size its worker reported at its last syscall) and the time it held a CPU,
// as far as the kernel can tell: the time it existed minus the time it
// waited in blocking syscalls (a worker cannot measure its own CPU use;
// time runnable but not scheduled by the host counts as used), and minus
// the time its worker reported waiting on pipe rings by itself.
//
// The split into user and system time (times(2), /proc/<pid>/stat) is an
// estimate: each call the kernel served counts SYSCALL_SYSTEM_MS of system
// time (the round trip and the handler, about what the syscall bench
// measures), the rest is user time. Timing each call would cost more than
// the calls themselves.

/** System time charged per syscall the kernel serves, in milliseconds (2 µs). */
export const SYSCALL_SYSTEM_MS = 0.002;

/** CPU time split as times(2) reports it, in milliseconds. */
export interface CpuTimes {
  userMs: number;
  systemMs: number;
}

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
  /** The system-time part of chargedMs. */
  chargedSystemMs = 0;
  /** Syscalls the kernel served (not those the worker answered itself): the system-time estimate. */
  syscalls = 0;
  /**
   * Milliseconds its worker waited on pipe rings without a syscall, as it
   * reported them (worker/pipe-rings.ts); a function reading the counter in
   * the current program's channel, plus what earlier programs reported.
   */
  workerWaitedMs = 0;
  workerWaited: (() => number) | undefined;
  /** CPU time of the children it waited for, and of theirs (cutime, cstime). */
  readonly children: CpuTimes = { userMs: 0, systemMs: 0 };

  /**
   * True while the kernel itself runs the program (init, builtin programs
   * such as the host's `docker`): that work is the kernel's, on its own
   * thread, so the process is charged none of it, as if always blocked.
   */
  private inKernel = false;

  beginBlocking(now: number): void {
    this.blockedSince ??= now;
  }

  endBlocking(now: number): void {
    if (this.blockedSince === undefined || this.inKernel) return;
    this.blockedMs += Math.max(0, now - this.blockedSince);
    this.blockedSince = undefined;
  }

  /** Keeps what the current program's worker reported, before its channel goes (exec, exit). */
  keepWorkerWaited(): void {
    this.workerWaitedMs += this.workerWaited?.() ?? 0;
    this.workerWaited = undefined;
  }

  /** The kernel runs its program from `now` (see inKernel). */
  runInKernel(now: number): void {
    this.beginBlocking(now);
    this.inKernel = true;
  }

  /** A worker runs its program from `now` (exec of a WebAssembly program). */
  runInWorker(now: number): void {
    if (!this.inKernel) return;
    this.inKernel = false;
    this.endBlocking(now);
  }

  end(now: number): void {
    this.inKernel = false;
    this.endBlocking(now);
    this.keepWorkerWaited();
    this.endedAt ??= now;
    this.memoryBytes = 0;
  }

  /** CPU milliseconds used since fork, up to `now` (or its exit). */
  cpuMs(now: number): number {
    const until = this.endedAt ?? now;
    const blockedNow = this.blockedSince === undefined ? 0 : Math.max(0, until - this.blockedSince);
    const waited = this.blockedMs + blockedNow + this.workerWaitedMs + (this.workerWaited?.() ?? 0);
    return Math.max(0, until - this.startedAt - waited);
  }

  /** Its own CPU time up to `now`, split into user and system time. */
  times(now: number): CpuTimes {
    const cpu = this.cpuMs(now);
    const systemMs = Math.min(cpu, this.syscalls * SYSCALL_SYSTEM_MS);
    return { userMs: cpu - systemMs, systemMs };
  }

  /** Adds a reaped child's times and its children's to the children's account (wait4). */
  addChild(child: TaskUsage): void {
    const own = child.times(child.endedAt ?? child.startedAt);
    this.children.userMs += own.userMs + child.children.userMs;
    this.children.systemMs += own.systemMs + child.children.systemMs;
  }
}
