// A process: what the kernel knows of one running program. Relations
// (parent, children, groups, sessions) live in the process table; signal
// state in signals.ts; this file holds the per-process state itself.
import type { Cgroup } from '../cgroup/cgroup.ts';
import { TaskUsage } from '../cgroup/task-usage.ts';
import type { Dentry } from '../fs/dentry.ts';
import type { NamespaceSet } from '../ns/namespace-set.ts';
import type { Credentials } from './credentials.ts';
import type { FdTable } from './fd-table.ts';
import { ResourceLimits } from './resource-limits.ts';
import { SignalState } from './signal-state.ts';

export const enum ProcessState {
  Running = 'R',
  Sleeping = 'S',
  Stopped = 'T',
  Zombie = 'Z',
}

/**
 * What the process layer knows of a terminal (tty/tty.ts implements it).
 * The terminal is the source of truth: a process's controlling terminal
 * counts only while the terminal's `session` is the process's session.
 */
export interface ControllingTerminal {
  readonly session: number | undefined;
  /** Detaches the terminal from its session (Linux's disassociate_ctty). */
  disassociate(onExit: boolean): void;
}

export class Process {
  state: ProcessState = ProcessState.Running;
  /** The wait(2) status once a zombie (see abi/wait-status). */
  exitStatus: number | undefined;
  umask = 0o022;
  /** The executable's path, for /proc/<pid>/exe. */
  executable = '';
  /** The command name (Linux's comm, /proc/<pid>/comm): set by exec, inherited by fork. */
  comm = '';
  /** The parent; undefined for init. Maintained by the process table (fork, exit). */
  parent: Process | undefined;
  /** Live and zombie children. Maintained by the process table. */
  readonly children = new Set<Process>();
  /** Process group and session ids; set by the process table when it registers the process. */
  pgid = 0;
  sid = 0;
  /** Dispositions, blocked mask and pending signals. */
  signals = new SignalState();
  /** Whether the process has called execve since fork: setpgid(2) by its parent then fails. */
  executed = false;
  /** A stop or continue not yet reported to wait(2), as its wait status. */
  unreportedChange: number | undefined;
  /** Its controlling terminal: inherited by fork, dropped by setsid and TIOCNOTTY. */
  controllingTty: ControllingTerminal | undefined;
  /** getrlimit(2) limits; copied by fork, kept by execve. */
  limits = new ResourceLimits();
  /** Its cgroup (cgroup/hierarchy.ts): inherited at fork, moved by cgroup.procs writes. */
  cgroup: Cgroup | undefined;
  /** What it is charged in its cgroup: memory and CPU time. */
  readonly usage = new TaskUsage();
  /**
   * Capabilities in its own user namespace when they do not follow from its
   * euid (ns/capability.ts): true after creating or entering a user
   * namespace, until execve or a set*id call recomputes them.
   */
  capabilities: boolean | undefined;

  constructor(
    readonly pid: number,
    public argv: string[],
    public env: string[],
    public fds: FdTable,
    public root: Dentry,
    public cwd: Dentry,
    public credentials: Credentials,
    /** The namespaces it is in; replaced whole by unshare(2) and setns(2). */
    public namespaces: NamespaceSet,
  ) {}
}
