// Pid allocation as Linux does it: the next number after the last one
// given, wrapping at pid_max back to RESERVED_PIDS (Linux keeps low pids
// for daemons started at boot), skipping numbers still in use as a pid, a
// process group id or a session id.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';

/** Linux's default /proc/sys/kernel/pid_max on 64-bit: pids are 1..pid_max-1. */
export const PID_MAX = 4194304;
/** Where allocation resumes after wrapping (Linux's RESERVED_PIDS). */
export const RESERVED_PIDS = 300;

export class PidAllocator {
  private last = 0;

  constructor(
    /** Whether `pid` is taken (by a process, even a zombie, a group or a session). */
    private readonly isUsed: (pid: number) => boolean,
    readonly pidMax = PID_MAX,
    private readonly wrapTo = pidMax > RESERVED_PIDS ? RESERVED_PIDS : 1,
  ) {}

  /** A free pid, or EAGAIN when every number is taken (fork(2) fails the same way). */
  allocate(): number {
    let pid = this.last;
    for (let tries = 0; tries < this.pidMax; tries++) {
      pid = pid + 1 >= this.pidMax ? this.wrapTo : pid + 1;
      if (!this.isUsed(pid)) {
        this.last = pid;
        return pid;
      }
    }
    return fail(Errno.EAGAIN);
  }
}
