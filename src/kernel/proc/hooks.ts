// What the process logic asks of the machinery that runs programs (workers).
// The kernel decides; these hooks carry the decision out. They are called
// synchronously from within kernel operations and must not call back into
// the process table.
import type { Process } from './process.ts';

export interface ProcessHooks {
  /**
   * The process has ended (exit, or killed by `signal`; 0 for a plain exit).
   * The kernel has already recorded its exit status and closed its fds: stop
   * running its program now and drop any reply to its pending syscall.
   * Called once per process.
   */
  terminate(process: Process, signal: number): void;
  /** The process is stopped: hold its program at the next syscall until `resume`. */
  stop(process: Process): void;
  /** The process was stopped and is continued (SIGCONT). */
  resume(process: Process): void;
  /**
   * Another process (or the kernel) sent a signal that has a handler and is
   * not blocked: if this process is blocked in a syscall, make that syscall
   * return EINTR now; the handler then runs via takeDeliverable. May be
   * called while nothing is blocked; then nothing needs doing.
   */
  interrupt(process: Process): void;
  /**
   * The table's init (pid 1) has exited; every other process of the table
   * has been killed. For the host this is a kernel panic, for a container
   * its end: the caller decides.
   */
  initExited(init: Process): void;
}
