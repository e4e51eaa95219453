// A bocal kernel for the kernel benchmarks: booted in this Node process with
// a pool of warm workers, running the C programs of build/wasm/ with stdio
// given as open files (a pipe end, a sink that drops what it gets, or one
// that keeps it). It times nothing itself; the benchmarks do.
import { readFileSync } from 'node:fs';
import { Kernel, type SpawnedProcess } from '../../src/kernel/kernel.ts';
import { HostStream } from '../../src/kernel/io/host-stream.ts';
import { writeFile } from '../../src/kernel/boot/kernel-files.ts';
import { shellExitCode } from '../../src/kernel/abi/wait-status.ts';
import { sendSignal } from '../../src/kernel/proc/signals.ts';
import { Signal } from '../../src/kernel/abi/signals.ts';
import type { OpenFile } from '../../src/kernel/fs/open-file.ts';
import { createNodeProcessHost } from '../../src/platform/node/process-host.ts';
import { builtWasm } from '../baselines/programs.ts';

/** A sink that keeps what a program writes, as text. */
export interface Capture {
  file: OpenFile;
  text(): string;
}

export interface KernelRun {
  /** Exit status as a shell shows it (128+n for signal n). */
  status: number;
  stdout: string;
  stderr: string;
}

/** Past this, a benchmark's program is killed: a hung run fails instead of stalling the bench. */
const DEFAULT_TIMEOUT_MS = 60_000;

export class BenchKernel {
  private readonly programs = new Map<string, { bytes: Uint8Array; key: string }>();

  private constructor(readonly kernel: Kernel) {}

  /** Boots a kernel whose host keeps `poolSize` workers warm, and waits for them. */
  static async boot(poolSize = 2): Promise<BenchKernel> {
    const host = createNodeProcessHost(poolSize);
    const kernel = new Kernel(host);
    await host.warm();
    return new BenchKernel(kernel);
  }

  /** build/wasm/<name>.wasm, read once; its key is its path, as `bocal wasi` uses. */
  program(name: string): { bytes: Uint8Array; key: string } {
    let program = this.programs.get(name);
    if (!program) {
      const path = builtWasm(name);
      program = { bytes: readFileSync(path), key: path };
      this.programs.set(name, program);
    }
    return program;
  }

  /** Starts build/wasm/<name>.wasm with argv [name, ...args] and the given fds. */
  spawn(name: string, args: string[], fds: Map<number, OpenFile>): Promise<SpawnedProcess> {
    return this.kernel.spawn({ program: this.program(name), argv: [name, ...args], fds });
  }

  /**
   * Runs a program to its end. Stdout and stderr are captured unless `fds`
   * gives them; stdin is whatever `fds` gives (none by default).
   */
  async run(
    name: string,
    args: string[],
    fds: Map<number, OpenFile> = new Map(),
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<KernelRun> {
    const stdout = this.capture();
    const stderr = this.capture();
    const all = new Map(fds);
    if (!all.has(1)) all.set(1, stdout.file);
    if (!all.has(2)) all.set(2, stderr.file);
    const status = await this.waitFor(await this.spawn(name, args, all), timeoutMs);
    return { status, stdout: stdout.text(), stderr: stderr.text() };
  }

  /** Resolves with the shell exit status of `spawned`, killing it after `timeoutMs`. */
  async waitFor(spawned: SpawnedProcess, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<number> {
    const timer = setTimeout(
      () => sendSignal(this.kernel.processes, spawned.process, Signal.SIGKILL),
      timeoutMs,
    );
    try {
      return shellExitCode(await spawned.exited);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A read-only file that yields `bytes`, then end of file. */
  source(bytes: Uint8Array): OpenFile {
    let rest = bytes;
    return new HostStream(
      async (length) => {
        const chunk = rest.subarray(0, length);
        rest = rest.subarray(chunk.length);
        return chunk;
      },
      undefined,
      this.clock,
    );
  }

  /** A write-only file that drops what it is given, as /dev/null does. */
  discard(): OpenFile {
    return new HostStream(undefined, () => {}, this.clock);
  }

  /** A write-only file that keeps what it is given. */
  capture(): Capture {
    const decoder = new TextDecoder();
    let text = '';
    const file = new HostStream(
      undefined,
      (bytes) => void (text += decoder.decode(bytes, { stream: true })),
      this.clock,
    );
    return { file, text: () => text + decoder.decode() };
  }

  /** Creates or replaces a file in the kernel's filesystem, as root. */
  writeFile(path: string, bytes: Uint8Array): Promise<void> {
    return writeFile(this.kernel.init, path, bytes);
  }

  shutdown(): Promise<void> {
    return this.kernel.shutdown();
  }

  private readonly clock = (): bigint => BigInt(Math.round(this.kernel.host.now() * 1e6));
}

/**
 * Runs `use` with a freshly booted kernel and shuts it down afterwards,
 * whatever happens.
 */
export async function withBenchKernel<T>(
  use: (kernel: BenchKernel) => Promise<T>,
  poolSize?: number,
): Promise<T> {
  const kernel = await BenchKernel.boot(poolSize);
  try {
    return await use(kernel);
  } finally {
    await kernel.shutdown();
  }
}

const MEBIBYTE = 1024 * 1024;

/** `bytes` bytes of the repeating non-zero pattern the file-read baseline writes (temp-file.ts). */
export function patternBytes(bytes: number): Uint8Array {
  const chunk = new Uint8Array(MEBIBYTE);
  for (let i = 0; i < MEBIBYTE; i++) chunk[i] = (i * 131 + 17) & 0xff;
  const result = new Uint8Array(bytes);
  for (let at = 0; at < bytes; at += MEBIBYTE) {
    result.set(chunk.subarray(0, Math.min(MEBIBYTE, bytes - at)), at);
  }
  return result;
}
