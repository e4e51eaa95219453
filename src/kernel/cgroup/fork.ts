// The cgroup half of fork(2) (Linux's cgroup_can_fork and cgroup_post_fork),
// called by proc/fork.ts: the pids check before the child exists, and the
// child's entry into its parent's cgroup once it does.
import type { Process } from '../proc/process.ts';
import type { Cgroup } from './cgroup.ts';

export { chargeFork } from './pids.ts';

/** Makes a new process a member of `cgroup`, starting its CPU clock. */
export function joinCgroup(child: Process, cgroup: Cgroup): void {
  child.usage.startedAt = cgroup.now();
  child.cgroup = cgroup;
  cgroup.add(child);
  for (const at of cgroup.upward()) at.pids.peak = Math.max(at.pids.peak, at.taskCount());
}
