// A process's resource limits (getrlimit(2)), copied by fork and kept across
// execve. RLIMIT_NOFILE's soft limit is not kept here but in the fd table
// (FdTable.limit), which enforces it; RLIMIT_AS and RLIMIT_DATA together
// give the memory limit a program's linear memory may not grow past (the
// host applies it when it loads the program). Other limits are recorded and
// reported but not enforced.
import { Resource, RLIM_INFINITY, RLIM_NLIMITS } from '../abi/resource.ts';

export interface Limit {
  /** The soft limit (enforced); RLIM_INFINITY for none. */
  soft: bigint;
  /** The ceiling the soft limit may be raised to; RLIM_INFINITY for none. */
  hard: bigint;
}

const MiB = 1n << 20n;

/**
 * The memory limit of a process that set none: 1 GiB. Where we differ from
 * Linux (whose RLIMIT_AS is unlimited): a web page shares one tab's memory
 * among all its processes, so each gets a bound unless it asks for more.
 */
export const DEFAULT_MEMORY_LIMIT = 1024n * MiB;

/** The most a wasm32 memory can address: 4 GiB. */
export const WASM32_MEMORY_MAX = 4096n * MiB;

/** Linux's defaults for a login session (the ones `ulimit -a` shows on a usual host). */
function defaults(): Limit[] {
  const limits: Limit[] = [];
  for (let r = 0; r < RLIM_NLIMITS; r++) limits.push({ soft: RLIM_INFINITY, hard: RLIM_INFINITY });
  limits[Resource.RLIMIT_STACK] = { soft: 8n * MiB, hard: RLIM_INFINITY };
  limits[Resource.RLIMIT_CORE] = { soft: 0n, hard: RLIM_INFINITY };
  limits[Resource.RLIMIT_NPROC] = { soft: 31_000n, hard: 31_000n };
  limits[Resource.RLIMIT_NOFILE] = { soft: 1024n, hard: 4096n };
  limits[Resource.RLIMIT_MEMLOCK] = { soft: 8n * MiB, hard: 8n * MiB };
  limits[Resource.RLIMIT_AS] = { soft: DEFAULT_MEMORY_LIMIT, hard: RLIM_INFINITY };
  limits[Resource.RLIMIT_SIGPENDING] = { soft: 31_000n, hard: 31_000n };
  limits[Resource.RLIMIT_MSGQUEUE] = { soft: 819_200n, hard: 819_200n };
  return limits;
}

export class ResourceLimits {
  private readonly limits: Limit[];

  constructor(limits?: readonly Limit[]) {
    this.limits = limits ? limits.map((l) => ({ ...l })) : defaults();
  }

  /** The limit of `resource` (0 ≤ resource < RLIM_NLIMITS, checked by the caller). */
  get(resource: Resource): Limit {
    const limit = this.limits[resource]!;
    return { ...limit };
  }

  set(resource: Resource, limit: Limit): void {
    this.limits[resource] = { ...limit };
  }

  /**
   * The bytes a program's linear memory may reach: the smaller soft limit of
   * RLIMIT_AS and RLIMIT_DATA, at most what wasm32 can address.
   */
  memoryLimit(): number {
    let limit = WASM32_MEMORY_MAX;
    for (const resource of [Resource.RLIMIT_AS, Resource.RLIMIT_DATA]) {
      const soft = this.limits[resource]!.soft;
      if (soft !== RLIM_INFINITY && soft < limit) limit = soft;
    }
    return Number(limit);
  }

  /** A copy for a child (fork(2)). */
  clone(): ResourceLimits {
    return new ResourceLimits(this.limits);
  }
}
