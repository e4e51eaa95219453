// Which process is calling into a terminal. Open terminal descriptions are
// shared between processes (fork, dup, SCM_RIGHTS), so a TtyFile asks its
// accessor at the start of each read, write or ioctl; the kernel names the
// calling process around the synchronous part of every syscall handler.
import type { Process } from '../proc/process.ts';
import type { ProcessTable } from '../proc/process-table.ts';
import type { TtyCaller, TtyCallerAccessor } from './job-control.ts';
import { ttyCallerOfProcess } from './process-caller.ts';

export class CallingProcess {
  private current: Process | undefined;

  constructor(private readonly table: ProcessTable) {}

  /**
   * Runs `run` with `process` as the caller; what `run` returns (a promise,
   * maybe) is passed through. Nested calls restore the outer caller.
   */
  during<T>(process: Process, run: () => T): T {
    const outer = this.enter(process);
    try {
      return run();
    } finally {
      this.leave(outer);
    }
  }

  /** Names `process` as the caller; returns the outer caller for `leave` (the syscall hot path: no closure). */
  enter(process: Process): Process | undefined {
    const outer = this.current;
    this.current = process;
    return outer;
  }

  leave(outer: Process | undefined): void {
    this.current = outer;
  }

  /** The process calling now, or undefined when the kernel itself is. */
  get process(): Process | undefined {
    return this.current;
  }

  /** The accessor TtyFiles are opened with. */
  readonly accessor: TtyCallerAccessor = (): TtyCaller | undefined =>
    this.current ? ttyCallerOfProcess(this.table, this.current) : undefined;
}
