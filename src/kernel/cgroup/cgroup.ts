// One cgroup of the v2 hierarchy (Linux's `struct cgroup`): a directory of
// cgroupfs, its member processes, the controllers it enables for its
// children (cgroup.subtree_control), and the state of each controller as
// it applies here: limits, counters and event counts. Behaviour that
// spans the tree (migration, fork charging, OOM) is in hierarchy.ts.
//
// Invariants: a process is a member of exactly one cgroup, from fork until
// it is reaped; `children` holds live cgroups only (rmdir removes them).
import type { Process } from '../proc/process.ts';
import { ProcessState } from '../proc/process.ts';
import { CONTROLLERS, type Controller } from './controllers.ts';

export interface MemoryEvents {
  low: number;
  high: number;
  max: number;
  oom: number;
  oom_kill: number;
  oom_group_kill: number;
  sock_throttled: number;
}

export function noMemoryEvents(): MemoryEvents {
  return { low: 0, high: 0, max: 0, oom: 0, oom_kill: 0, oom_group_kill: 0, sock_throttled: 0 };
}

export class Cgroup {
  readonly children = new Map<string, Cgroup>();
  /** Member processes, zombies included until reaped (pruned lazily: see `members`). */
  private readonly tasks = new Set<Process>();
  /** cgroup.subtree_control: what its children get. */
  readonly subtreeControl = new Set<Controller>();
  maxDepth = Infinity;
  maxDescendants = Infinity;
  /** False once removed by rmdir. */
  alive = true;
  /** cgroup.freeze as written here (freezer.ts: an ancestor's counts too). */
  freeze = false;

  readonly pids = {
    max: Infinity,
    peak: 0,
    /** pids.events `max`: forks refused by this cgroup's limit or a descendant's. */
    events: 0,
    /** pids.events.local `max`: forks refused by this cgroup's own limit. */
    eventsLocal: 0,
  };

  readonly memory = {
    max: Infinity,
    high: Infinity,
    peak: 0,
    /** memory.events: hierarchical (this cgroup's and its descendants'). */
    events: noMemoryEvents(),
    /** memory.events.local: this cgroup's own. */
    eventsLocal: noMemoryEvents(),
  };

  readonly cpu = {
    /** cpu.max as written (quota and period); recorded, not enforced. */
    max: 'max 100000',
    weight: 100,
    /** CPU milliseconds of processes that left (exited and were reaped, or moved away). */
    retiredMs: 0,
    /** The system-time part of retiredMs (cpu.stat system_usec). */
    retiredSystemMs: 0,
  };

  /** Host milliseconds, for CPU accounting: the hierarchy's clock, shared by every cgroup. */
  readonly now: () => number;

  constructor(
    /** The directory name; empty for the root. */
    readonly name: string,
    readonly parent: Cgroup | undefined,
    now?: () => number,
  ) {
    this.now = now ?? parent?.now ?? (() => 0);
  }

  get isRoot(): boolean {
    return this.parent === undefined;
  }

  /** Depth below the root (0 for it). */
  get level(): number {
    return this.parent ? this.parent.level + 1 : 0;
  }

  /** Its path from the hierarchy's root: `/` or `/a/b`. */
  get path(): string {
    return this.parent ? `${this.parent.isRoot ? '' : this.parent.path}/${this.name}` : '/';
  }

  /** Its path as seen from `root` (a cgroup namespace's root): `/x`, or `/../y` when outside it. */
  pathFrom(root: Cgroup): string {
    const mine = this.ancestry();
    const theirs = root.ancestry();
    let common = 0;
    while (common < mine.length && common < theirs.length && mine[common] === theirs[common]) {
      common++;
    }
    const ups = theirs.slice(common).map(() => '..');
    const downs = mine.slice(common).map((c) => c.name);
    return `/${[...ups, ...downs].join('/')}`;
  }

  /** From the root down to this one. */
  ancestry(): Cgroup[] {
    return this.parent ? [...this.parent.ancestry(), this] : [this];
  }

  /** This cgroup and every ancestor, nearest first. */
  *upward(): Generator<Cgroup> {
    yield this;
    if (this.parent) yield* this.parent.upward();
  }

  /** This cgroup and every descendant, depth first. */
  *subtree(): Generator<Cgroup> {
    yield this;
    for (const child of this.children.values()) yield* child.subtree();
  }

  isWithin(ancestor: Cgroup): boolean {
    for (const at of this.upward()) if (at === ancestor) return true;
    return false;
  }

  /** cgroup.controllers: what its parent enables for it; every controller at the root. */
  get controllers(): ReadonlySet<Controller> {
    return this.parent ? this.parent.subtreeControl : new Set(CONTROLLERS);
  }

  /** Whether `controller` applies here: enabled by the parent (always at the root). */
  has(controller: Controller): boolean {
    return this.controllers.has(controller);
  }

  /** Member processes until reaped (zombies included), pruning the reaped ones. */
  members(): Process[] {
    const result: Process[] = [];
    for (const process of this.tasks) {
      if (isReaped(process)) this.retire(process);
      else result.push(process);
    }
    return result;
  }

  /** Members that have not exited: what cgroup.procs lists and `populated` counts. */
  liveMembers(): Process[] {
    return this.members().filter((p) => p.state !== ProcessState.Zombie);
  }

  add(process: Process): void {
    this.tasks.add(process);
  }

  /** Takes `process` out, keeping the CPU time it used here. */
  remove(process: Process, now: number): void {
    if (!this.tasks.delete(process)) return;
    const usage = process.usage;
    const times = usage.times(now);
    const used = Math.max(0, times.userMs + times.systemMs - usage.chargedMs);
    const system = Math.max(0, times.systemMs - usage.chargedSystemMs);
    this.cpu.retiredMs += used;
    this.cpu.retiredSystemMs += system;
    usage.chargedMs += used;
    usage.chargedSystemMs += system;
  }

  private retire(process: Process): void {
    this.remove(process, process.usage.endedAt ?? 0);
  }

  /** cgroup.events `populated`: a live process here or below. */
  get populated(): boolean {
    for (const cgroup of this.subtree()) if (cgroup.liveMembers().length > 0) return true;
    return false;
  }

  /** Processes here and below, zombies included until reaped (pids.current). */
  taskCount(): number {
    let count = 0;
    for (const cgroup of this.subtree()) count += cgroup.members().length;
    return count;
  }

  /** Bytes of wasm memory of the live processes here and below (memory.current). */
  memoryCurrent(): number {
    let bytes = 0;
    for (const cgroup of this.subtree()) {
      for (const process of cgroup.liveMembers()) bytes += process.usage.memoryBytes;
    }
    return bytes;
  }

  /** CPU milliseconds used here and below, up to `now` (cpu.stat usage_usec / 1000). */
  cpuMs(now: number): number {
    let ms = 0;
    for (const cgroup of this.subtree()) {
      ms += cgroup.cpu.retiredMs;
      for (const process of cgroup.members()) {
        ms += Math.max(0, process.usage.cpuMs(now) - process.usage.chargedMs);
      }
    }
    return ms;
  }

  /** The system-time part of cpuMs (cpu.stat system_usec / 1000). */
  systemMs(now: number): number {
    let ms = 0;
    for (const cgroup of this.subtree()) {
      ms += cgroup.cpu.retiredSystemMs;
      for (const process of cgroup.members()) {
        const usage = process.usage;
        ms += Math.max(0, usage.times(now).systemMs - usage.chargedSystemMs);
      }
    }
    return ms;
  }

  /** Live descendants (cgroup.stat nr_descendants). */
  descendantCount(): number {
    let count = -1;
    for (const _ of this.subtree()) count++;
    return count;
  }
}

/** A zombie that wait(2) or init has reaped: the process table has let go of it. */
function isReaped(process: Process): boolean {
  return process.state === ProcessState.Zombie && process.parent === undefined;
}
