// What the engine asks of a runtime (as containerd asks runc): make a
// container from a root and a process spec, start it, signal it, wait for
// it and delete it. Runtimes keep no state of their own between engine
// restarts: the engine owns the records.
import type { OpenFile } from '../kernel/fs/open-file.ts';
import type { ContainerOperations } from './container-operations.ts';
import type { SnapshotEntry } from '../image/snapshot.ts';

export interface ProcessSpec {
  /** argv[0] is the program, found in PATH inside the root when it has no '/'. */
  args: string[];
  env: string[];
  cwd: string;
  hostname: string;
  /** Open files for fds 0, 1, 2 in the container. */
  stdio: Map<number, OpenFile>;
  /** Start on the kernel's console: a new session with it as the controlling terminal. */
  console?: boolean;
  /**
   * `-t`: a terminal of the container's own (fds 0, 1, 2 and the
   * controlling terminal; `stdio` is not used); the runtime sets its
   * `input` and `resize`.
   */
  ownTerminal?: OwnTerminal;
  /**
   * `-u`: the ids the program runs as (resolved by the engine from the
   * image's /etc/passwd and /etc/group), with its supplementary groups.
   */
  user?: { uid: number; gid: number; groups?: number[] };
  /** `--init`: a tiny init (docker-init) is pid 1 and runs the program as its child. */
  init?: boolean;
}

/** The engine's side of a container's own terminal: its screen, and the keys typed on it. */
export interface OwnTerminal {
  /** What the container writes on its terminal (output-processed: \r\n). */
  output(bytes: Uint8Array): void;
  /** Its first window size (24 x 80 without one), the caller's terminal's for `run -it`. */
  size?: [rows: number, columns: number];
  /** Types bytes on the terminal (set by the runtime). */
  input?: (bytes: Uint8Array) => void;
  /** The window size (set by the runtime). */
  resize?: (rows: number, columns: number) => void;
}

/**
 * A mount in the container (`-v`, `--mount`, `--tmpfs`): a directory or a
 * file of the host's filesystem (bind), a named volume of the runtime, or a
 * new tmpfs.
 */
export type MountSpec =
  | {
      type: 'bind';
      source: string;
      target: string;
      readOnly: boolean;
      /** `--mount`'s binds: a missing source is an error (-v makes a directory). */
      mustExist?: boolean;
    }
  | { type: 'volume'; name: string; target: string; readOnly: boolean }
  | { type: 'tmpfs'; target: string; readOnly: boolean; size?: number; mode?: number };

/** The container's cgroup limits (`--pids-limit`, `-m`); absent means none. */
export interface ContainerLimits {
  pids?: number;
  /** Bytes. */
  memory?: number;
}

/** One image layer as unpacked in the store (a Snapshot): its index and lazy reads. */
export interface ImageLayer {
  /** Names the layer's contents (equal ids, equal files): lets the runtime share what it reads. */
  readonly id?: string;
  readonly entries: ReadonlyMap<string, SnapshotEntry>;
  readFile(entry: SnapshotEntry, offset?: number, length?: number): Promise<Uint8Array>;
}

export interface RootSpec {
  /** The image's layers, lowest first: the read-only part of the root. */
  layers: readonly ImageLayer[];
  /** The writable layer a previous run left (an encoded change set); a new, empty one if absent. */
  changes?: Uint8Array;
  /** `--read-only`: the root is mounted read-only (writes fail with EROFS). */
  readOnly?: boolean;
}

export interface ContainerSpec {
  id: string;
  root: RootSpec;
  process: ProcessSpec;
  /** `--network none` (a new, empty network namespace) or `host` (the host's). */
  network: 'none' | 'host';
  /** --add-host, --dns, --dns-search, --dns-option: in its /etc/hosts and /etc/resolv.conf. */
  names?: NetworkNames;
  limits?: ContainerLimits;
  /** Mounted over the root in this order (parents before what goes inside them). */
  mounts?: MountSpec[];
}

/** Names the container's network files give (dockerd's ExtraHosts, Dns, DnsSearch, DnsOptions). */
export interface NetworkNames {
  /** "NAME:IP" entries. */
  extraHosts: string[];
  nameservers: string[];
  search: string[];
  options: string[];
}

/** Named volumes' contents, kept by the runtime while it lives, persisted by the engine. */
export interface VolumeContents {
  /** Makes the volume (from `contents`, an encoded change set, or empty) if the runtime lacks it. */
  open(name: string, contents?: Uint8Array): void;
  /** The volume's files as one byte string. */
  contents(name: string): Uint8Array;
  /** Forgets the volume (`docker volume rm`). */
  close(name: string): void;
}

/** What the engine reads and writes of a container's root (live or stopped), as dockerd's graph driver. */
export interface RootFilesystem {
  /** The writable layer as one byte string (kept by the engine, given back as RootSpec.changes). */
  changes(): Promise<Uint8Array>;
  /** `docker diff`: the writable layer against the image, sorted by path. */
  diff(): Promise<Array<{ kind: 'A' | 'C' | 'D'; path: string }>>;
  /** `docker export`: a tar of the merged root. */
  exportTar(): Promise<Uint8Array>;
  /** `docker commit`: the writable layer as an OCI layer tar (whiteouts as `.wh.` files). */
  layerTar(): Promise<Uint8Array>;
  /** `docker cp` out: a tar of `path` named by its base name. */
  archive(path: string): Promise<Uint8Array>;
  /** `docker cp` in: unpacks `tar` into the directory `path`. */
  extract(path: string, tar: Uint8Array): Promise<void>;
  /** What is at `path` (symlinks followed), or undefined. */
  kind(path: string): 'directory' | 'file' | 'other' | undefined;
  /** A regular file's bytes, or undefined when there is none at `path`. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** `mkdir -p` (for `-w` and mount points), owned by root, 0755. */
  makeDirectory(path: string): void;
}

/** A mount the runtime cannot make (a missing source, a file on a directory): dockerd's 400. */
export class MountError extends Error {}

/** A path of a container's root that archive/extract cannot use (dockerd's 404 or 400). */
export class RootPathError extends Error {
  constructor(
    readonly code: 'not-found' | 'not-directory' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

export type RuntimeStatus = 'created' | 'running' | 'stopped';

/** exec, pause, top and stats are in container-operations.ts. */
export interface Runtime extends ContainerOperations {
  create(spec: ContainerSpec): Promise<void>;
  /** Starts the container's process; resolves with its pid (in the runtime's namespace). */
  start(id: string): Promise<number>;
  kill(id: string, signal: number): void;
  /** Resolves with the wait status of the container's process. */
  wait(id: string): Promise<number>;
  status(id: string): RuntimeStatus | undefined;
  delete(id: string): Promise<void>;
  /** The root of a created container, or one opened from `root` (a stopped container's). */
  filesystem(id: string, root: RootSpec): RootFilesystem;
  /** Whether the container's last run ended by the OOM killer of its cgroup. */
  oomKilled(id: string): boolean;
  /** The host's own name (a --network host container takes it, as Docker's does). */
  hostName?(): string;
  /** Whether the host has a file or directory at `path` (a --mount bind's source must). */
  hostPathExists?(path: string): boolean;
  readonly volumes: VolumeContents;
}
