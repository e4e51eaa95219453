// The controllers of our cgroup v2 hierarchy, in Linux's order (the order
// of its subsystem ids, which cgroup.controllers and cgroup.subtree_control
// follow): cpu, memory, pids. Linux has more (cpuset, io, hugetlb, rdma,
// misc); a name of theirs is unknown here, as a controller not built into
// a kernel is.

export type Controller = 'cpu' | 'memory' | 'pids';

export const CONTROLLERS: readonly Controller[] = ['cpu', 'memory', 'pids'];

export function isController(name: string): name is Controller {
  return (CONTROLLERS as readonly string[]).includes(name);
}

/** A set of controllers as Linux prints it: space-separated, in subsystem order. */
export function controllerList(set: ReadonlySet<Controller>): string {
  return CONTROLLERS.filter((c) => set.has(c)).join(' ');
}
