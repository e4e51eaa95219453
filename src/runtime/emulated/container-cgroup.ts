// A container's cgroup, as dockerd's cgroupfs driver makes
// /sys/fs/cgroup/docker/<id>: made when the container starts with its
// limits (pids.max, memory.max), the container's init started in it so
// every process of the container is counted, removed once it has stopped.
// An OOM kill in it is remembered for `docker inspect`'s State.OOMKilled.
import type { Cgroup } from '../../kernel/cgroup/cgroup.ts';
import { createLimitedCgroup } from '../../kernel/cgroup/containers.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import type { Process } from '../../kernel/proc/process.ts';
import type { ContainerLimits } from '../runtime.ts';

export const CONTAINERS_CGROUP = '/docker';

export class ContainerCgroup {
  readonly cgroup: Cgroup;
  oomKilled = false;
  private readonly stopListening: () => void;

  /** Told of each OOM kill in the container: the process the kernel killed. */
  onOomKill: (victim: Process) => void = () => {};

  constructor(
    private readonly kernel: Kernel,
    id: string,
    limits: ContainerLimits = {},
  ) {
    const path = `${CONTAINERS_CGROUP}/${id}`;
    const stale = kernel.cgroups.find(path);
    if (stale && !stale.populated && stale.children.size === 0) kernel.cgroups.remove(stale);
    this.cgroup = createLimitedCgroup(kernel.cgroups, path, {
      pids: limits.pids ?? Infinity,
      memory: limits.memory ?? Infinity,
    });
    this.stopListening = kernel.cgroups.onOom((event) => {
      if (event.cgroup === this.cgroup || [...event.cgroup.upward()].includes(this.cgroup)) {
        this.oomKilled = true;
        this.onOomKill(event.victim);
      }
    });
  }

  /** Removes the cgroup (its processes are gone); a cgroup still in use is left. */
  release(): void {
    this.stopListening();
    try {
      if (this.cgroup.alive) this.kernel.cgroups.remove(this.cgroup);
    } catch {
      // EBUSY: something still runs in it (an exec); it goes with the next start.
    }
  }
}
