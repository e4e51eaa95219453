// The kernel's side of KernelApi: runs programs on one Kernel with their
// stdio captured, and gives the page a root's view of processes and files.
// Platform-neutral (it only needs a Kernel and a way to fetch bytes), so the
// browser's kernel worker and Node tests can both use it.
import { Errno } from '../../kernel/abi/errno.ts';
import { isValidSignal } from '../../kernel/abi/signals.ts';
import { shellExitCode } from '../../kernel/abi/wait-status.ts';
import { makeDirectories, readFile, writeFile } from '../../kernel/boot/kernel-files.ts';
import { fail } from '../../kernel/errors.ts';
import type { OpenFile } from '../../kernel/fs/open-file.ts';
import { HostStream } from '../../kernel/io/host-stream.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { sendSignal } from '../../kernel/proc/signals.ts';
import { captureText } from './run-captured.ts';
import { bootSystem, type HostTree } from './system-boot.ts';
import type {
  ConsoleListener,
  ConsoleSize,
  KernelApi,
  ProcessInfo,
  ProgramResult,
  ProgramSource,
  SpawnRequest,
  SystemInfo,
  WorkerCounts,
} from './kernel-api.ts';

export interface ServiceHost {
  /** The bytes at `url`; rejects when they cannot be fetched. */
  fetchProgram(url: string): Promise<Uint8Array>;
  workers(): WorkerCounts;
  /** The emulated host's root filesystem (rootfs/host/) that startSystem boots. */
  hostTree?(): HostTree;
}

/** A process started through the API, with what it wrote so far. */
interface Started {
  exited: Promise<number>;
  stdout: () => string;
  stderr: () => string;
}

export class KernelService implements KernelApi {
  private readonly started = new Map<number, Started>();
  private system: Promise<SystemInfo> | undefined;
  /** Console listeners by id, each with the function that stops it. */
  private readonly listeners = new Map<number, () => void>();
  private nextListener = 1;

  constructor(
    private readonly kernel: Kernel,
    private readonly host: ServiceHost,
  ) {}

  async spawn(request: SpawnRequest): Promise<number> {
    const program = await this.programBytes(request.program);
    const stdout = captureText();
    const stderr = captureText();
    const fds = new Map<number, OpenFile>([
      [0, new HostStream(stdinSource(request.stdin ?? ''), undefined, this.clock)],
      [1, new HostStream(undefined, stdout.sink, this.clock)],
      [2, new HostStream(undefined, stderr.sink, this.clock)],
    ]);
    const { process, exited } = await this.kernel.spawn({
      program,
      argv: request.argv,
      env: request.env ?? [],
      fds,
      cwd: request.cwd,
    });
    this.started.set(process.pid, { exited, stdout: stdout.text, stderr: stderr.text });
    return process.pid;
  }

  /** Collects a process's output once; a second wait for the same pid is ESRCH, as wait4 after reaping. */
  async wait(pid: number): Promise<ProgramResult> {
    const started = this.started.get(pid) ?? fail(Errno.ESRCH, `no process ${pid} to wait for`);
    const status = await started.exited;
    this.started.delete(pid);
    return { stdout: started.stdout(), stderr: started.stderr(), status: shellExitCode(status) };
  }

  async runProgram(request: SpawnRequest): Promise<ProgramResult> {
    return this.wait(await this.spawn(request));
  }

  /**
   * As Linux protects init (SIGNAL_UNKILLABLE), a signal to pid 1 is
   * accepted and dropped: the kernel's init installs no handlers.
   */
  async kill(pid: number, signal: number): Promise<void> {
    const target = this.kernel.processes.lookup(pid);
    if (target === this.kernel.init) {
      if (signal !== 0 && !isValidSignal(signal)) fail(Errno.EINVAL);
      return;
    }
    sendSignal(this.kernel.processes, target, signal);
  }

  async ps(): Promise<ProcessInfo[]> {
    return this.kernel.processes
      .list()
      .map((p) => ({ pid: p.pid, ppid: p.parent?.pid ?? 0, argv: [...p.argv], state: p.state }))
      .sort((a, b) => a.pid - b.pid);
  }

  async mkdir(path: string, mode?: number): Promise<void> {
    makeDirectories(this.kernel.init, path, mode);
  }

  writeFile(path: string, bytes: Uint8Array, mode?: number): Promise<void> {
    return writeFile(this.kernel.init, path, bytes, mode);
  }

  readFile(path: string): Promise<Uint8Array> {
    return readFile(this.kernel.init, path);
  }

  async workers(): Promise<WorkerCounts> {
    return this.host.workers();
  }

  /**
   * Boots the system (system-boot.ts) with box from `box`: the kernel's
   * worker calls it once at start; `booted` reports how it went.
   */
  startSystem(box: ProgramSource): void {
    if (this.system) fail(Errno.EBUSY, 'the system is already booting');
    this.system = (async () => {
      const bytes = await this.programBytes(box);
      const tree = this.host.hostTree?.() ?? fail(Errno.ENOENT, 'no host tree to boot');
      const booted = await bootSystem(this.kernel, bytes, tree);
      return { applets: booted.applets, shell: booted.loginShell };
    })();
    // Nobody may ask: the reason stays in the promise for `booted`.
    this.system.catch(() => {});
  }

  booted(): Promise<SystemInfo> {
    return this.system ?? Promise.reject(new Error('no system was booted on this kernel'));
  }

  async consoleInput(bytes: Uint8Array): Promise<void> {
    this.kernel.console.input(bytes);
  }

  async consoleResize(rows: number, columns: number): Promise<void> {
    if (!validSize(rows) || !validSize(columns)) fail(Errno.EINVAL, `bad size ${rows}x${columns}`);
    this.kernel.console.resize(rows, columns);
  }

  async consoleSize(): Promise<ConsoleSize> {
    const { rows, columns } = this.kernel.console.tty.winsize;
    return { rows, columns };
  }

  async consoleListen(listener: ConsoleListener): Promise<number> {
    const id = this.nextListener++;
    this.listeners.set(id, this.kernel.console.onOutput(listener));
    return id;
  }

  async consoleUnlisten(id: number): Promise<void> {
    this.listeners.get(id)?.();
    this.listeners.delete(id);
  }

  private readonly clock = (): bigint => BigInt(Math.round(this.kernel.host.now() * 1e6));

  private async programBytes(source: ProgramSource): Promise<{ bytes: Uint8Array; key: string }> {
    const bytes = 'url' in source ? await this.host.fetchProgram(source.url) : source.bytes;
    const name = 'url' in source ? source.url : source.name;
    // The key names the content too, so a rebuilt program is not served from the cache.
    return { bytes, key: `${name}:${bytes.length}:${fnv1a(bytes)}` };
  }
}

/** struct winsize holds unsigned shorts. */
function validSize(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 0xffff;
}

function stdinSource(text: string): (length: number) => Promise<Uint8Array> {
  let input = new TextEncoder().encode(text);
  return async (length) => {
    const chunk = input.subarray(0, length);
    input = input.subarray(chunk.length);
    return chunk;
  };
}

/** FNV-1a over the bytes: a cheap content fingerprint for cache keys (not a security digest). */
function fnv1a(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  return (hash >>> 0).toString(16);
}
