// What the engine asks of cgroups for a container (as dockerd's cgroupfs
// driver does with /sys/fs/cgroup/docker/<id>): a cgroup at a path with
// the pids, memory and cpu controllers enabled down to it and its limits
// set (`--pids-limit`, `-m/--memory`, `--cpus`), the numbers `docker stats`
// shows, and removal. Spawn a process into it with Kernel.spawn's
// `cgroup`; OOM kills are reported by CgroupHierarchy.onOom.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { Cgroup, MemoryEvents } from './cgroup.ts';
import { CONTROLLERS } from './controllers.ts';
import type { CgroupHierarchy } from './hierarchy.ts';

export interface CgroupLimits {
  /** pids.max; undefined or Infinity for none. */
  pids?: number;
  /** memory.max in bytes; undefined or Infinity for none. */
  memory?: number;
  /** cpu.max as Linux writes it (`50000 100000` for --cpus 0.5); recorded, not enforced. */
  cpu?: string;
}

export interface CgroupStats {
  pids: { current: number; limit: number };
  memory: { usage: number; limit: number; peak: number; events: MemoryEvents };
  cpu: { usageUsec: number };
}

/**
 * `mkdir -p` of `path` below the root with every controller enabled on the
 * way (cgroup.subtree_control of each ancestor), then `limits` applied.
 * EBUSY if a cgroup on the way holds processes (no internal processes).
 */
export function createLimitedCgroup(
  hierarchy: CgroupHierarchy,
  path: string,
  limits: CgroupLimits = {},
): Cgroup {
  let at = hierarchy.root;
  for (const name of path.split('/').filter(Boolean)) {
    if (name === '.' || name === '..') fail(Errno.EINVAL);
    if (at.subtreeControl.size < CONTROLLERS.length) {
      hierarchy.changeSubtreeControl(at, CONTROLLERS.map((c) => `+${c}`).join(' '));
    }
    at = at.children.get(name) ?? hierarchy.create(at, name);
  }
  setLimits(hierarchy, at, limits);
  return at;
}

/** Applies limits to a cgroup (what `docker update` changes). */
export function setLimits(hierarchy: CgroupHierarchy, cgroup: Cgroup, limits: CgroupLimits): void {
  if (limits.pids !== undefined) cgroup.pids.max = limits.pids;
  if (limits.cpu !== undefined) cgroup.cpu.max = limits.cpu;
  if (limits.memory !== undefined) {
    cgroup.memory.max = limits.memory;
    hierarchy.enforceMemory(cgroup);
  }
}

/** The numbers of `docker stats`: processes, memory (wasm pages), CPU time. */
export function cgroupStats(cgroup: Cgroup): CgroupStats {
  return {
    pids: { current: cgroup.taskCount(), limit: cgroup.pids.max },
    memory: {
      usage: cgroup.memoryCurrent(),
      limit: cgroup.memory.max,
      peak: Math.max(cgroup.memory.peak, cgroup.memoryCurrent()),
      events: { ...cgroup.memory.events },
    },
    cpu: { usageUsec: Math.round(cgroup.cpuMs(cgroup.now()) * 1000) },
  };
}
