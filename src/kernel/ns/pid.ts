// The pid namespace (pid_namespaces(7)): nested; a process has a pid in its
// own namespace and in every ancestor (Linux's struct pid with one number
// per level). The initial namespace numbers processes with the process
// table's own pids (Process.pid, the "global" pid); every other namespace
// keeps its numbers here, both ways, for the global pids of its processes
// and of the process groups and sessions they lead.
//
// Invariants: a global pid has a number here only while the process table
// uses it (as a pid, pgid or sid) and it was allocated to a process whose
// own namespace is this one or a descendant; so every process visible here
// is visible in every ancestor. Numbers 1.. are given in order, never
// reused while in use; number 1 is the namespace's init (its child reaper).
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { Process } from '../proc/process.ts';
import { NamespaceKind } from './kind.ts';
import { Namespace } from './namespace.ts';
import type { UserNamespace } from './user.ts';

/** Linux's MAX_PID_NS_LEVEL: the initial namespace is level 0, the deepest 32. */
export const MAX_PID_NS_LEVEL = 32;

export class PidNamespace extends Namespace {
  readonly kind = NamespaceKind.Pid;
  /** Local number -> global pid (empty for the initial namespace). */
  private readonly localToGlobal = new Map<number, number>();
  /** Global pid -> local number. */
  private readonly globalToLocal = new Map<number, number>();
  private lastLocal = 0;
  /** Its pid 1, which reaps orphans; set when the first process is made in it. */
  init: Process | undefined;
  /**
   * Its init has exited (Linux clears PIDNS_ADDING): nothing can be created
   * in it any more; fork into it fails with ENOMEM.
   */
  dead = false;

  constructor(
    id: number,
    owner: UserNamespace | undefined,
    /** The namespace this one was created in; undefined for the initial one. */
    readonly parent: PidNamespace | undefined,
  ) {
    super(id, owner);
  }

  /** Depth below the initial namespace (0 for it); Linux allows 32 levels. */
  get level(): number {
    return this.parent ? this.parent.level + 1 : 0;
  }

  /** A child namespace (unshare/spawn with CLONE_NEWPID): ENOSPC past the nesting limit. */
  createChild(id: number, owner: UserNamespace): PidNamespace {
    if (this.level + 1 > MAX_PID_NS_LEVEL) fail(Errno.ENOSPC);
    return new PidNamespace(id, owner, this);
  }

  /** True if `this` is `other` or one of its ancestors (so it sees everything `other` sees). */
  isAncestorOf(other: PidNamespace): boolean {
    for (let ns: PidNamespace | undefined = other; ns; ns = ns.parent) {
      if (ns === this) return true;
    }
    return false;
  }

  /** The namespaces from this one up to the initial one. */
  chain(): PidNamespace[] {
    return this.parent ? [this, ...this.parent.chain()] : [this];
  }

  /** The number of global pid `global` here; 0 if it has none (outside this namespace). */
  numberOf(global: number): number {
    if (!this.parent) return global;
    return this.globalToLocal.get(global) ?? 0;
  }

  /** The global pid of local number `local`, or undefined. */
  globalOf(local: number): number | undefined {
    if (!this.parent) return local > 0 ? local : undefined;
    return this.localToGlobal.get(local);
  }

  /**
   * Gives global pid `global` the next free number here (Linux's
   * alloc_pid at this level). `pidMax` bounds numbers as pid_max does.
   */
  bind(global: number, pidMax: number): number {
    if (!this.parent) return global;
    let local = this.lastLocal;
    for (let tries = 0; tries < pidMax; tries++) {
      local = local + 1 >= pidMax ? 1 : local + 1;
      if (!this.localToGlobal.has(local)) {
        this.lastLocal = local;
        this.localToGlobal.set(local, global);
        this.globalToLocal.set(global, local);
        return local;
      }
    }
    return fail(Errno.EAGAIN);
  }

  /** Frees the number of `global` (the process table no longer uses it). */
  release(global: number): void {
    const local = this.globalToLocal.get(global);
    if (local === undefined) return;
    this.globalToLocal.delete(global);
    this.localToGlobal.delete(local);
  }
}
