// The contract between the page and the kernel's worker: what the page may
// ask of the kernel, carried by comlink. Both sides import these types; the
// worker implements KernelApi (kernel-service.ts), the page holds a
// comlink Remote of it (kernel-client.ts). Every value crosses by structured
// clone, so only plain data, strings and byte arrays appear here.

/** Where a program's WebAssembly comes from. */
export type ProgramSource =
  /** Fetched by the kernel's worker; relative URLs resolve against the page. */
  | { url: string }
  /** The module's bytes; `name` keys the compiled-module cache. */
  | { bytes: Uint8Array; name: string };

export interface SpawnRequest {
  program: ProgramSource;
  /** argv, argv[0] included. */
  argv: string[];
  /** Environment as NAME=VALUE strings; nothing else is inherited. */
  env?: string[];
  /** Bytes of stdin (UTF-8); stdin is at end of file after them. */
  stdin?: string;
  /** Working directory, absolute; `/` by default. */
  cwd?: string;
}

export interface ProgramResult {
  stdout: string;
  stderr: string;
  /** Exit status as a shell shows it: 128 + n when killed by signal n. */
  status: number;
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  argv: string[];
  /** One letter, as ps(1) and /proc/<pid>/stat show it: R, S, T or Z. */
  state: string;
}

/** What the process host has done with Web Workers since the kernel booted. */
export interface WorkerCounts {
  /** Process workers created (pooled workers are reused, killed ones replaced). */
  started: number;
  /** Process workers alive now, idle in the pool or running a program. */
  live: number;
}

/** Receives what the console prints; the page passes it wrapped in comlink's `proxy`. */
export type ConsoleListener = (bytes: Uint8Array) => void;

/** What the kernel's worker booted: see system-boot.ts. */
export interface SystemInfo {
  /** The applets of box, each installed as /bin/<applet>. */
  applets: string[];
  /** argv of the shell kept on the console (`sh -i`, or `sh` before box's sh has -i). */
  shell: string[];
}

/** The console's window size as the kernel has it (TIOCGWINSZ). */
export interface ConsoleSize {
  rows: number;
  columns: number;
}

export interface KernelApi {
  /**
   * Starts a program as a child of init; resolves with its pid. Its output
   * is kept until `wait` collects it (or the kernel's worker ends).
   */
  spawn(request: SpawnRequest): Promise<number>;
  /** Waits for a process started by `spawn` and collects its output. ESRCH if unknown. */
  wait(pid: number): Promise<ProgramResult>;
  /** `spawn` then `wait`. */
  runProgram(request: SpawnRequest): Promise<ProgramResult>;
  /** Sends signal `signal` (a number, as kill(2)) to the process `pid`, as root; init ignores it. */
  kill(pid: number, signal: number): Promise<void>;
  /** Every process in the table, init included, by pid. */
  ps(): Promise<ProcessInfo[]>;
  /** `mkdir -p` as root. */
  mkdir(path: string, mode?: number): Promise<void>;
  /** Creates or replaces a file, as root. */
  writeFile(path: string, bytes: Uint8Array, mode?: number): Promise<void>;
  readFile(path: string): Promise<Uint8Array>;
  workers(): Promise<WorkerCounts>;

  // ---- the console: one terminal, with a shell on it -------------------------

  /**
   * Resolves when the system is up (box in /bin, /etc written, the shell
   * started on the console); rejects with the reason it could not boot.
   */
  booted(): Promise<SystemInfo>;
  /** Keystrokes for the console, raw as a terminal sends them (Enter is \r, ^C is 0x03). */
  consoleInput(bytes: Uint8Array): Promise<void>;
  /** The page's terminal is now `rows` × `columns`; the foreground job gets SIGWINCH. */
  consoleResize(rows: number, columns: number): Promise<void>;
  consoleSize(): Promise<ConsoleSize>;
  /**
   * Calls `listener` with every output of the console from now on, after
   * what it printed while nobody listened (the last 64 KiB). Resolves with
   * an id for `consoleUnlisten`.
   */
  consoleListen(listener: ConsoleListener): Promise<number>;
  consoleUnlisten(id: number): Promise<void>;
}
