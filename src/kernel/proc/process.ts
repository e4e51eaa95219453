// A process: what the kernel knows of one running program. Relations
// (parent, children, groups, sessions) live in the process table; signal
// state in signals.ts; this file holds the per-process state itself.
import type { Dentry } from '../fs/dentry.ts';
import type { Credentials } from './credentials.ts';
import type { FdTable } from './fd-table.ts';

export const enum ProcessState {
  Running = 'R',
  Sleeping = 'S',
  Stopped = 'T',
  Zombie = 'Z',
}

export class Process {
  state: ProcessState = ProcessState.Running;
  /** The wait(2) status once a zombie (see abi/wait-status). */
  exitStatus: number | undefined;
  umask = 0o022;
  /** The executable's path, for /proc/<pid>/exe. */
  executable = '';

  constructor(
    readonly pid: number,
    public argv: string[],
    public env: string[],
    public fds: FdTable,
    public root: Dentry,
    public cwd: Dentry,
    public credentials: Credentials,
  ) {}
}
