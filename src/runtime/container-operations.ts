// What the engine asks of a running container besides its life cycle
// (runtime.ts): run another process in it (`docker exec`, runc exec), freeze
// and thaw it (`docker pause`, the cgroup freezer), list its processes
// (`docker top`) and read its cgroup's counters (`docker stats`).
import type { OpenFile } from '../kernel/fs/open-file.ts';

export interface ExecSpec {
  /** argv[0] is found in the container's PATH (from `env`) when it has no '/'. */
  args: string[];
  env: string[];
  /** Absolute, inside the container's root. */
  cwd: string;
  /** `-u`: a user name or uid, optionally `:group` or `:gid`; empty for the container's. */
  user: string;
  /** The container's `--group-add` groups, given to the exec's user too (as runc exec does). */
  groupAdd?: readonly string[];
  /** Open files for fds 0, 1, 2. */
  stdio: Map<number, OpenFile>;
  /** Start on the kernel's console (a -t exec on the terminal of `bocal`). */
  console?: boolean;
}

export interface ExecProcess {
  /** Its pid in the runtime's (the host's) pid namespace. */
  pid: number;
  /** Resolves with its wait status. */
  exited: Promise<number>;
}

/** One process of a container, as `ps -ef` on the host shows it. */
export interface ContainerProcess {
  uid: number;
  pid: number;
  ppid: number;
  /** Host milliseconds when it started. */
  startedAt: number;
  cpuMs: number;
  tty: string;
  args: string[];
}

export interface ContainerUsage {
  cpuUsec: number;
  memory: { usage: number; limit: number };
  pids: number;
}

export interface ContainerOperations {
  /** Throws EngineError-like errors (see engine/exec.ts) when the command cannot run. */
  exec(id: string, spec: ExecSpec): Promise<ExecProcess>;
  /** Freezes every process of the container (its cgroup's cgroup.freeze). */
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  processes(id: string): Promise<ContainerProcess[]>;
  usage(id: string): Promise<ContainerUsage | undefined>;
}

/**
 * The exec's program is missing (`not-found`) or cannot be run
 * (`not-executable`, with why); `program` is empty when the user was the problem.
 */
export class CommandError extends Error {
  constructor(
    readonly kind: 'not-found' | 'not-executable',
    readonly program: string,
    readonly reason: string,
  ) {
    super(`${program}: ${reason}`);
  }
}
