// The process table: every process of one pid space by pid, zombies
// included until reaped, with the queries that relations need (groups,
// sessions, the reaper of orphans) and the wake-ups of wait(2).
//
// Pids here are the table's own ("global" pids, the initial pid namespace's
// numbers). Invariant: a process is in the table from fork until reaped,
// its parent (if any) is in the table and lists it among its children.
// Pid namespaces (ns/pid.ts) give each process a number in its own
// namespace and every ancestor: `register` binds them, the numbers are
// freed when the table no longer uses the global pid (as a pid, pgid or
// sid), and the syscall boundary translates with `pidIn`/`processIn`;
// everything else refers to processes, not numbers.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { PidNamespace } from '../ns/pid.ts';
import type { ProcessHooks } from './hooks.ts';
import { PID_MAX, PidAllocator } from './pid-allocator.ts';
import { ProcessState } from './process.ts';
import type { Process } from './process.ts';

const tables = new WeakMap<Process, ProcessTable>();

/** The table a process belongs to (syscall handlers only see the process). */
export function tableOf(process: Process): ProcessTable {
  return tables.get(process) ?? fail(Errno.ESRCH, 'process is not in a table');
}

export interface ProcessTableOptions {
  /** pids are 1..pidMax-1 (Linux's pid_max). */
  pidMax?: number;
}

export class ProcessTable {
  private readonly processes = new Map<number, Process>();
  private readonly allocator: PidAllocator;
  /** The non-initial pid namespaces that number each global pid. */
  private readonly numbered = new Map<number, PidNamespace[]>();
  /** Processes blocked in wait(2), by the parent they wait as. */
  private readonly childWaiters = new Map<Process, Set<() => void>>();
  /** pid 1 of this table: reaps orphans; its exit is reported to hooks.initExited. */
  init: Process | undefined;

  constructor(
    readonly hooks: ProcessHooks,
    options: ProcessTableOptions = {},
  ) {
    this.allocator = new PidAllocator((pid) => this.isUsed(pid), options.pidMax ?? PID_MAX);
  }

  get(pid: number): Process | undefined {
    return this.processes.get(pid);
  }

  /** The process with this pid, or ESRCH. */
  lookup(pid: number): Process {
    return this.processes.get(pid) ?? fail(Errno.ESRCH);
  }

  /** Every process, zombies included, by ascending pid (for ps and /proc). */
  list(): Process[] {
    return [...this.processes.values()].sort((a, b) => a.pid - b.pid);
  }

  /** Members of process group `pgid`, zombies included (they stay until reaped, as in Linux). */
  groupMembers(pgid: number): Process[] {
    return this.list().filter((p) => p.pgid === pgid);
  }

  /** Whether a process group `pgid` exists in session `sid`. */
  groupInSession(pgid: number, sid: number): boolean {
    for (const p of this.processes.values()) if (p.pgid === pgid && p.sid === sid) return true;
    return false;
  }

  /** A new pid (EAGAIN if none is free). */
  allocatePid(): number {
    return this.allocator.allocate();
  }

  /**
   * Adds a new process under `parent` (undefined for init), numbering it in
   * each pid namespace from its own up (ENOMEM into a namespace whose init
   * has died, as Linux's alloc_pid). Used by fork.ts.
   */
  register(process: Process, parent: Process | undefined): void {
    const chain = process.namespaces.pid.chain();
    if (chain.some((ns) => ns.dead)) fail(Errno.ENOMEM);
    this.forgetNumbers(process.pid);
    const namespaces: PidNamespace[] = [];
    for (const ns of chain) {
      if (!ns.parent) {
        if (process.pid === 1) ns.init ??= process;
        continue;
      }
      if (ns.bind(process.pid, this.allocator.pidMax) === 1) ns.init = process;
      namespaces.push(ns);
    }
    if (namespaces.length > 0) this.numbered.set(process.pid, namespaces);
    this.processes.set(process.pid, process);
    tables.set(process, this);
    process.parent = parent;
    parent?.children.add(process);
  }

  /** Removes a reaped zombie for good, freeing its pid. Used by exit.ts and wait.ts. */
  unregister(process: Process): void {
    this.processes.delete(process.pid);
    const parent = process.parent;
    parent?.children.delete(process);
    process.parent = undefined;
    for (const id of [process.pid, process.pgid, process.sid]) this.releaseIfUnused(id);
    if (parent) this.wakeChildWaiters(parent);
  }

  /** Frees the namespace numbers of global pid `id` once nothing uses it (after setpgid, setsid, reaping). */
  releaseIfUnused(id: number): void {
    if (!this.isUsed(id)) this.forgetNumbers(id);
  }

  private forgetNumbers(id: number): void {
    for (const ns of this.numbered.get(id) ?? []) ns.release(id);
    this.numbered.delete(id);
  }

  /** Global pid `id` (of a process, group or session) as numbered in `ns`; 0 if not there. */
  pidIn(ns: PidNamespace, id: number): number {
    return ns.numberOf(id);
  }

  /** The process numbered `local` in `ns`, if it is visible there. */
  processIn(ns: PidNamespace, local: number): Process | undefined {
    const id = ns.globalOf(local);
    const process = id === undefined ? undefined : this.processes.get(id);
    return process && ns.isAncestorOf(process.namespaces.pid) ? process : undefined;
  }

  /** Global id of group or session `local` of `ns`, or undefined. */
  globalIn(ns: PidNamespace, local: number): number | undefined {
    return ns.globalOf(local);
  }

  /** Every process visible in `ns`, by ascending number there. */
  listIn(ns: PidNamespace): Process[] {
    if (!ns.parent) return this.list();
    return this.list()
      .filter((p) => ns.isAncestorOf(p.namespaces.pid))
      .sort((a, b) => ns.numberOf(a.pid) - ns.numberOf(b.pid));
  }

  /**
   * Who adopts the children of `exiting` (Linux's find_new_reaper): the
   * init of its pid namespace, while it lives. Undefined once that init is
   * gone (or is the one exiting): such orphans are reaped as soon as they
   * exit. Not a child subreaper (PR_SET_CHILD_SUBREAPER).
   */
  reaperFor(exiting: Process): Process | undefined {
    const init = exiting.namespaces.pid.parent ? exiting.namespaces.pid.init : this.init;
    if (!init || init === exiting || init.state === ProcessState.Zombie) return undefined;
    return init;
  }

  /** A promise that resolves at the next change among `parent`'s children, and its canceller. */
  childChange(parent: Process): { promise: Promise<void>; cancel: () => void } {
    let waiters = this.childWaiters.get(parent);
    if (!waiters) {
      waiters = new Set();
      this.childWaiters.set(parent, waiters);
    }
    const set = waiters;
    let wake = (): void => {};
    const promise = new Promise<void>((resolve) => {
      wake = () => {
        set.delete(wake);
        resolve();
      };
    });
    set.add(wake);
    return { promise, cancel: () => set.delete(wake) };
  }

  /** Wakes `parent`'s waiters: a child exited, stopped, continued or left. */
  wakeChildWaiters(parent: Process): void {
    const waiters = this.childWaiters.get(parent);
    if (!waiters) return;
    this.childWaiters.delete(parent);
    for (const wake of waiters) wake();
  }

  private isUsed(pid: number): boolean {
    if (this.processes.has(pid)) return true;
    for (const p of this.processes.values()) if (p.pgid === pid || p.sid === pid) return true;
    return false;
  }
}
