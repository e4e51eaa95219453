// What the kernel needs from the platform it runs on, and nothing more:
// turning program bytes into something a worker can run, running it in a
// worker, randomness and time. Browser and Node adapters implement it
// (src/platform/); the kernel never touches Worker or WebAssembly itself.
import type { StartupFacts } from './abi/startup-facts.ts';

/** A compiled program, cached by the host. Opaque to the kernel. */
export interface ProgramImage {
  readonly key: string;
}

/** How a program's worker stopped running it. */
export type ProgramEnd = 'exit' | 'killed' | 'exec' | 'trap';

export interface ProgramEvents {
  /** The worker finished the program (after its last syscall). */
  finished(end: ProgramEnd): void;
  /** The worker died without finishing: the host's fault, not the program's. */
  lost(reason: string): void;
}

export interface RunningProgram {
  /** Ends the program now, even in a compute loop; its worker is replaced. */
  terminate(): void;
}

export interface StartOptions {
  channel: SharedArrayBuffer;
  /** The rings of the pipes the process holds, and the worker's lock token (fs/pipe/ring-export.ts). */
  rings?: SharedArrayBuffer[];
  ringToken?: number;
  /** The shared page arena (fs/page-arena.ts) that the rings' page references point into. */
  pageArena?: SharedArrayBuffer;
  argv: string[];
  env: string[];
  /** Answers to the C library's start-up calls (abi/startup-facts.ts). */
  startup?: StartupFacts;
  events: ProgramEvents;
}

/** How a program is to be loaded for the process that will run it. */
export interface LoadOptions {
  /**
   * The bytes its linear memory may grow to (the process's RLIMIT_AS, later
   * also its cgroup's memory.max); none by default. The host lowers the
   * module's declared maximum to it, so memory.grow fails past it and malloc
   * returns NULL, as wasi-libc does when memory runs out.
   */
  memoryLimit?: number;
}

export interface ProcessHost {
  /**
   * The id (abi/channel.ts SIDE_I32_CHANNEL) of the channel the worker that
   * the next start would get used last, if any: a kept channel of that id is
   * the one to give it, as the worker may have prepared for it.
   */
  preferredChannel?(): number | undefined;
  /**
   * Compiles `bytes` (or finds it compiled under `key` for the same
   * options). Throws KernelError(ENOEXEC) naming the problem when the bytes
   * are not a WebAssembly module or import something we do not provide,
   * KernelError(ENOMEM) when the program needs more memory to start than
   * `options.memoryLimit` allows.
   */
  load(bytes: Uint8Array, key: string, options?: LoadOptions): Promise<ProgramImage>;
  /** Runs a loaded program in a worker. */
  start(image: ProgramImage, options: StartOptions): RunningProgram;
  /** Fills `bytes` with cryptographically strong random bytes. */
  random(bytes: Uint8Array): void;
  /** Wall-clock time in milliseconds since the epoch, with sub-millisecond precision. */
  now(): number;
  /** `now()` when the host started: CLOCK_MONOTONIC counts from here, in every process. */
  readonly bootTime: number;
  /** Releases the workers (the kernel is shutting down). */
  close(): Promise<void>;
}
