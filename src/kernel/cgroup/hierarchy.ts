// The cgroup v2 hierarchy of one kernel (Linux's cgrp_dfl_root): the tree
// of cgroups and the rules that span it. Creating and removing cgroups with
// the depth and descendant limits, moving processes between them with the
// "no internal processes" rule, enabling controllers for a subtree, and
// enforcement: a fork past pids.max anywhere up the tree fails with EAGAIN
// (pids.ts), a cgroup past memory.max has a process OOM-killed (memory.ts).
//
// Every process is in one cgroup: init in the root, a child where its
// parent is (or where its spawn asks), until moved by a write to
// cgroup.procs.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { Process } from '../proc/process.ts';
import { Cgroup } from './cgroup.ts';
import { isController, type Controller } from './controllers.ts';
import { checkMemory, type OomEvent } from './memory.ts';
import { chargeFork, joinCgroup } from './fork.ts';
import { strip } from './values.ts';

/** What the hierarchy needs of its kernel. */
export interface HierarchyHost {
  /** Host milliseconds (CPU accounting). */
  now(): number;
  /** Ends a process with SIGKILL (the OOM killer, cgroup.kill). */
  kill(process: Process): void;
  /** The pid `viewer` knows `process` by (0 if it cannot see it); kernel-wide for no viewer. */
  pidIn(viewer: Process | undefined, process: Process): number;
  /** The process `viewer` knows as `pid`, if any. */
  processAt(viewer: Process, pid: number): Process | undefined;
}

export type OomListener = (event: OomEvent) => void;

export class CgroupHierarchy {
  readonly root: Cgroup;
  /**
   * The `nsdelegate` mount option (given by a mount from the initial cgroup
   * namespace): cgroup namespaces become delegation boundaries, and a
   * cgroup.procs write must see both ends of the move from its namespace.
   */
  nsDelegate = false;
  private readonly oomListeners = new Set<OomListener>();

  constructor(readonly host: HierarchyHost) {
    this.root = new Cgroup('', undefined, () => host.now());
  }

  /** Places a process that has no parent to inherit from (init) in the root. */
  adopt(process: Process): void {
    joinCgroup(process, this.root);
  }

  /**
   * The fork half of the pids controller: EAGAIN when one more process in
   * `into` would pass pids.max there or above (pids.events counts it).
   */
  checkFork(into: Cgroup): void {
    chargeFork(into);
  }

  /** The process has exited: its memory is released, its CPU time stops. */
  exited(process: Process): void {
    process.usage.end(this.host.now());
  }

  /** Implements mkdir(2) in cgroupfs: a new child cgroup of `parent`. */
  create(parent: Cgroup, name: string): Cgroup {
    if (!parent.alive) fail(Errno.ENOENT);
    if (name.includes('\n') || name.includes('/')) fail(Errno.EINVAL);
    if (parent.children.has(name)) fail(Errno.EEXIST);
    let depth = 1;
    for (const ancestor of parent.upward()) {
      if (ancestor.descendantCount() >= ancestor.maxDescendants) fail(Errno.EAGAIN);
      if (depth > ancestor.maxDepth) fail(Errno.EAGAIN);
      depth++;
    }
    const cgroup = new Cgroup(name, parent);
    parent.children.set(name, cgroup);
    return cgroup;
  }

  /** Implements rmdir(2) in cgroupfs: EBUSY while it has live processes or children. */
  remove(cgroup: Cgroup): void {
    if (cgroup.isRoot) fail(Errno.EBUSY);
    if (cgroup.populated || cgroup.children.size > 0) fail(Errno.EBUSY);
    const now = this.host.now();
    // Zombies not yet reaped are charged to the parent from now on.
    for (const process of cgroup.members()) {
      cgroup.remove(process, now);
      process.cgroup = cgroup.parent;
      cgroup.parent!.add(process);
    }
    cgroup.parent!.cpu.retiredMs += cgroup.cpu.retiredMs;
    cgroup.parent!.cpu.retiredSystemMs += cgroup.cpu.retiredSystemMs;
    cgroup.parent!.children.delete(cgroup.name);
    cgroup.alive = false;
  }

  /**
   * Moves `process` into `target` (a write to cgroup.procs). EBUSY when
   * `target` is not the root and enables controllers for its children:
   * processes live only in leaves of the controlled tree. pids.max is
   * not checked on migration, as Linux does not.
   */
  migrate(process: Process, target: Cgroup): void {
    if (!target.alive) fail(Errno.ENOENT);
    const source = process.cgroup;
    if (source === target) return;
    if (!target.isRoot && target.subtreeControl.size > 0) fail(Errno.EBUSY);
    source?.remove(process, this.host.now());
    process.cgroup = target;
    target.add(process);
    for (const at of target.upward()) at.pids.peak = Math.max(at.pids.peak, at.taskCount());
    checkMemory(target, this.oomHost());
  }

  /**
   * A write to cgroup.subtree_control: space-separated `+name` / `-name`.
   * EINVAL for a token without a sign or an unknown controller; ENOENT
   * for one not in cgroup.controllers; EBUSY to enable in a non-root
   * cgroup with processes, or to disable what a child itself enables.
   */
  changeSubtreeControl(cgroup: Cgroup, text: string): void {
    const enable = new Set<Controller>();
    const disable = new Set<Controller>();
    for (const token of strip(text).split(/\s+/)) {
      if (token === '') continue;
      const sign = token[0];
      const name = token.slice(1);
      if ((sign !== '+' && sign !== '-') || !isController(name)) return fail(Errno.EINVAL);
      if (sign === '+') {
        enable.add(name);
        disable.delete(name);
      } else {
        disable.add(name);
        enable.delete(name);
      }
    }
    for (const name of enable) if (!cgroup.has(name)) fail(Errno.ENOENT);
    const adding = [...enable].filter((c) => !cgroup.subtreeControl.has(c));
    if (adding.length > 0 && !cgroup.isRoot && cgroup.liveMembers().length > 0) {
      fail(Errno.EBUSY);
    }
    for (const name of disable) {
      for (const child of cgroup.children.values()) {
        if (child.subtreeControl.has(name)) fail(Errno.EBUSY);
      }
    }
    for (const name of adding) cgroup.subtreeControl.add(name);
    for (const name of disable) {
      if (!cgroup.subtreeControl.delete(name)) continue;
      for (const child of cgroup.children.values()) resetController(child, name);
    }
  }

  /** The process's wasm memory is now `bytes`: charge it, and OOM-kill if a limit is passed. */
  chargeMemory(process: Process, bytes: number): void {
    process.usage.memoryBytes = bytes;
    const cgroup = process.cgroup;
    if (cgroup) checkMemory(cgroup, this.oomHost());
  }

  /** Re-checks `cgroup` after its memory.max was lowered. */
  enforceMemory(cgroup: Cgroup): void {
    checkMemory(cgroup, this.oomHost());
  }

  /** Implements cgroup.kill: SIGKILL to every process here and below. */
  killAll(cgroup: Cgroup): void {
    for (const each of cgroup.subtree()) {
      for (const process of each.liveMembers()) this.host.kill(process);
    }
  }

  /** Calls `listener` on every OOM kill (the engine's container events); returns an unsubscriber. */
  onOom(listener: OomListener): () => void {
    this.oomListeners.add(listener);
    return () => this.oomListeners.delete(listener);
  }

  /** The cgroup that is `/` for `viewer` (its cgroup namespace's root); the root for the kernel. */
  viewRoot(viewer: Process | undefined): Cgroup {
    return viewer?.namespaces.cgroup.rootIn(this.root) ?? this.root;
  }

  /** `process`'s cgroup path as `viewer` sees it (/proc/<pid>/cgroup: `0::PATH`). */
  pathOf(process: Process, viewer: Process | undefined): string {
    return (process.cgroup ?? this.root).pathFrom(this.viewRoot(viewer));
  }

  /** The cgroup at `path` (`/a/b`) below `from`, or undefined. */
  find(path: string, from: Cgroup = this.root): Cgroup | undefined {
    let at: Cgroup | undefined = from;
    for (const name of path.split('/')) {
      if (name === '' || name === '.') continue;
      at = name === '..' ? (at.parent ?? at) : at.children.get(name);
      if (!at) return undefined;
    }
    return at;
  }

  private oomHost() {
    return {
      kill: (process: Process) => this.host.kill(process),
      report: (event: OomEvent) => {
        for (const listener of this.oomListeners) listener(event);
      },
    };
  }
}

/** A controller disabled for `cgroup` loses its state there, as Linux frees its css. */
function resetController(cgroup: Cgroup, controller: Controller): void {
  if (controller === 'pids') cgroup.pids.max = Infinity;
  if (controller === 'memory') {
    cgroup.memory.max = Infinity;
    cgroup.memory.high = Infinity;
  }
  if (controller === 'cpu') {
    cgroup.cpu.max = 'max 100000';
    cgroup.cpu.weight = 100;
  }
}
