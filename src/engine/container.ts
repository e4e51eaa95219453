// The engine's record of one container, shaped after the Docker Engine
// API's container JSON (what `docker inspect` prints).
import type { RestartPolicy } from './restart.ts';
import type { RuntimeHostConfig } from './limits.ts';
import type { MountPoint } from './mounts.ts';
import type { ContainerStatus } from './state.ts';

export interface ContainerConfig {
  Hostname: string;
  User: string;
  Tty: boolean;
  OpenStdin: boolean;
  Env: string[];
  Cmd: string[] | null;
  Entrypoint: string[] | null;
  Image: string;
  WorkingDir: string;
  Labels: Record<string, string>;
}

export interface ContainerState {
  Status: ContainerStatus;
  Running: boolean;
  Paused: boolean;
  Restarting: boolean;
  OOMKilled: boolean;
  Dead: boolean;
  Pid: number;
  ExitCode: number;
  Error: string;
  StartedAt: string;
  FinishedAt: string;
}

export interface ContainerRecord {
  Id: string;
  Created: string;
  Path: string;
  Args: string[];
  State: ContainerState;
  Image: string;
  Name: string;
  RestartCount: number;
  Config: ContainerConfig;
  HostConfig: {
    AutoRemove: boolean;
    NetworkMode: string;
    /** `--restart` (engine/restart.ts); absent in records older than it: `no`. */
    RestartPolicy?: RestartPolicy;
  } & Partial<RuntimeHostConfig>;
  /** The mounts (`-v`, `--mount`), as `docker inspect` shows them (mounts.ts). */
  Mounts?: MountPoint[];
}

export const ZERO_TIME = '0001-01-01T00:00:00Z';

export function initialState(): ContainerState {
  return {
    Status: 'created',
    Running: false,
    Paused: false,
    Restarting: false,
    OOMKilled: false,
    Dead: false,
    Pid: 0,
    ExitCode: 0,
    Error: '',
    StartedAt: ZERO_TIME,
    FinishedAt: ZERO_TIME,
  };
}

/** Go's RFC 3339 with nanoseconds, as Docker prints its times. */
export function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}
