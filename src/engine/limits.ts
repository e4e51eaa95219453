// The resource and root options of `docker run` as dockerd keeps them in
// HostConfig (the Engine API's names: Memory in bytes, PidsLimit,
// ReadonlyRootfs, Init), how the CLI parses them (`-m 64m` is go-units'
// RAMInBytes, dockerd's 6 MB minimum), and the limits the runtime applies
// to the container's cgroup.
import type { ContainerLimits } from '../runtime/runtime.ts';
import type { ApiMount } from './mounts.ts';
import { EngineError } from './errors.ts';

export interface RuntimeHostConfig {
  /** Bytes; 0 for no limit. */
  Memory: number;
  /** null (or 0, -1) for no limit. */
  PidsLimit: number | null;
  ReadonlyRootfs: boolean;
  /** `--init`; null when not asked (Docker's default). */
  Init: boolean | null;
  /** `-v` specs as given (mounts.ts). */
  Binds: string[] | null;
  /** `--mount` (mounts.ts); null without (present, so templates can name it as Go's can). */
  Mounts?: ApiMount[] | null;
  /** `--tmpfs` destinations and their options; null without. */
  Tmpfs?: Record<string, string> | null;
  /** `--group-add`: groups (names or gids) the process also gets; null without. */
  GroupAdd?: string[] | null;
  /** `--add-host` as given ("NAME:IP"); null without. */
  ExtraHosts?: string[] | null;
  /** `--dns`, `--dns-search`, `--dns-option` (empty lists without, as dockerd keeps them). */
  Dns?: string[];
  DnsSearch?: string[];
  DnsOptions?: string[];
}

/** dockerd refuses a memory limit under this (linux: 6 MB). */
export const MINIMUM_MEMORY = 6 * 1024 * 1024;

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

/** go-units RAMInBytes: `64m`, `1.5g`, `512k`, `100` (bytes); undefined when malformed. */
export function ramInBytes(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgtpb]?)(?:i?b)?$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = UNITS[match[2]!.toLowerCase()];
  if (unit === undefined) return undefined;
  return Math.trunc(Number(match[1]) * unit);
}

/** Checks the values dockerd checks at create. */
export function checkHostConfig(config: Partial<RuntimeHostConfig>): void {
  // host-gateway is the address of dockerd's default bridge on the host: bocal has none.
  if (config.ExtraHosts?.some((entry) => entry.endsWith(':host-gateway'))) {
    throw new EngineError('invalid', 'unable to derive the IP value for host-gateway');
  }
  if (config.Memory !== undefined && config.Memory > 0 && config.Memory < MINIMUM_MEMORY) {
    throw new EngineError('invalid', 'Minimum memory limit allowed is 6MB');
  }
}

/** What the runtime's cgroup enforces. */
export function limitsOf(config: Partial<RuntimeHostConfig>): ContainerLimits {
  const limits: ContainerLimits = {};
  if (config.Memory) limits.memory = config.Memory;
  if (config.PidsLimit !== undefined && config.PidsLimit !== null && config.PidsLimit > 0) {
    limits.pids = config.PidsLimit;
  }
  return limits;
}

export const DEFAULT_HOST_CONFIG: RuntimeHostConfig = {
  Memory: 0,
  PidsLimit: null,
  ReadonlyRootfs: false,
  Init: null,
  Binds: null,
  Mounts: null,
  Tmpfs: null,
  GroupAdd: null,
  ExtraHosts: null,
  Dns: [],
  DnsSearch: [],
  DnsOptions: [],
};
