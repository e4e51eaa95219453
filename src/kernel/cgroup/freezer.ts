// The cgroup v2 freezer (cgroup.freeze, cgroup.events `frozen`): a frozen
// cgroup's processes, and those of its descendants, stop running. Linux
// parks them in a freezer trap (they show as sleeping, not as stopped, and
// their parents see no job-control change). Here a process is parked at
// its next syscall: the program's request waits until the cgroup thaws
// (exec/program-runner.ts). A program in a pure compute loop makes no
// syscall, so it keeps its CPU until its next call: a worker cannot be
// suspended from outside without ending it.
import type { Cgroup } from './cgroup.ts';

/** Who waits for a cgroup to thaw. */
const waiters = new WeakMap<Cgroup, Set<() => void>>();

/** Whether `cgroup` or an ancestor has cgroup.freeze set. */
export function isFrozen(cgroup: Cgroup | undefined): boolean {
  // A loop over parents, not upward()'s generators: this runs for every
  // syscall, and a generator per level cost more than the rest of a write.
  for (let at = cgroup; at !== undefined; at = at.parent) if (at.freeze) return true;
  return false;
}

/** A write to cgroup.freeze: `1` freezes, `0` thaws (what an ancestor still freezes stays frozen). */
export function setFreeze(cgroup: Cgroup, freeze: boolean): void {
  cgroup.freeze = freeze;
  if (freeze) return;
  for (const at of cgroup.subtree()) {
    const set = waiters.get(at);
    if (!set) continue;
    waiters.delete(at);
    for (const wake of set) wake();
  }
}

/**
 * Resolves when `cgroup` may have thawed (a thaw of it or of an
 * ancestor): the waiter checks `isFrozen` again.
 */
export function thawed(cgroup: Cgroup): Promise<void> {
  return new Promise((resolve) => {
    let set = waiters.get(cgroup);
    if (!set) waiters.set(cgroup, (set = new Set()));
    set.add(resolve);
  });
}
