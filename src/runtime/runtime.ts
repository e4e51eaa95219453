// What the engine asks of a runtime (as containerd asks runc): make a
// container from a root and a process spec, start it, signal it, wait for
// it and delete it. Runtimes keep no state of their own between engine
// restarts: the engine owns the records.
import type { OpenFile } from '../kernel/fs/open-file.ts';
import type { MergedEntry } from '../image/snapshot-merge.ts';

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
}

export interface RootSpec {
  /** The flat file tree of the image (lowest layer first, whiteouts applied). */
  tree: Map<string, MergedEntry>;
  readFile(entry: MergedEntry): Promise<Uint8Array>;
}

export interface ContainerSpec {
  id: string;
  root: RootSpec;
  process: ProcessSpec;
  /** `--network none` (a new, empty network namespace) or `host` (the host's). */
  network: 'none' | 'host';
}

export type RuntimeStatus = 'created' | 'running' | 'stopped';

export interface Runtime {
  create(spec: ContainerSpec): Promise<void>;
  /** Starts the container's process; resolves with its pid (in the runtime's namespace). */
  start(id: string): Promise<number>;
  kill(id: string, signal: number): void;
  /** Resolves with the wait status of the container's process. */
  wait(id: string): Promise<number>;
  status(id: string): RuntimeStatus | undefined;
  delete(id: string): Promise<void>;
}
