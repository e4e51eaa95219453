// Test support for bad input: one kernel shared by several programs (so a
// test can check that the others keep running), stdout and stderr captured
// per program, and hand-made WebAssembly modules.
import { shellExitCode } from '../../../src/kernel/abi/wait-status.ts';
import type { OpenFile } from '../../../src/kernel/fs/open-file.ts';
import { HostStream } from '../../../src/kernel/io/host-stream.ts';
import { Kernel, type SpawnedProcess } from '../../../src/kernel/kernel.ts';
import { createNodeProcessHost } from '../../../src/platform/node/process-host.ts';

const clock = () => BigInt(Date.now()) * 1_000_000n;

export interface Captured {
  spawned: SpawnedProcess;
  stdout(): string;
  stderr(): string;
  /** The exit code a shell would show. */
  code(): Promise<number>;
}

/** Starts `bytes` on `kernel` with captured output and empty stdin. */
export async function start(
  kernel: Kernel,
  bytes: Uint8Array,
  key: string,
  argv: string[],
): Promise<Captured> {
  let out = '';
  let err = '';
  const decoder = new TextDecoder();
  const fds = new Map<number, OpenFile>([
    [0, new HostStream(() => Promise.resolve(new Uint8Array()), undefined, clock)],
    [1, new HostStream(undefined, (b) => void (out += decoder.decode(b)), clock)],
    [2, new HostStream(undefined, (b) => void (err += decoder.decode(b)), clock)],
  ]);
  const spawned = await kernel.spawn({ program: { bytes, key }, argv, fds });
  return {
    spawned,
    stdout: () => out,
    stderr: () => err,
    code: async () => shellExitCode(await spawned.exited),
  };
}

/** Runs `bytes` to its end on `kernel`. */
export async function run(
  kernel: Kernel,
  bytes: Uint8Array,
  key: string,
  argv: string[],
): Promise<{ stdout: string; stderr: string; code: number }> {
  const captured = await start(kernel, bytes, key, argv);
  const code = await captured.code();
  return { stdout: captured.stdout(), stderr: captured.stderr(), code };
}

export function newKernel(): Kernel {
  return new Kernel(createNodeProcessHost(1));
}

// ---- Hand-made modules ----------------------------------------------------

function leb(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    out.push(rest ? low | 0x80 : low);
  } while (rest);
  return out;
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...leb(bytes.length), ...bytes];
}

function section(id: number, content: number[]): number[] {
  return [id, ...leb(content.length), ...content];
}

export interface ModuleSpec {
  /** Function imports (all of type () -> ()). */
  imports?: { module: string; name: string }[];
  /** Memory limits in pages; no memory section when absent. */
  memory?: { min: number; max?: number };
  exportMemory?: boolean;
  /** Export one empty function as `_start`. */
  exportStart?: boolean;
}

/** A minimal valid module as the spec describes. */
export function makeModule(spec: ModuleSpec): Uint8Array {
  const bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  bytes.push(...section(1, [1, 0x60, 0, 0])); // one type: () -> ()
  const imports = spec.imports ?? [];
  if (imports.length > 0) {
    const entries = imports.flatMap((i) => [...name(i.module), ...name(i.name), 0x00, 0]);
    bytes.push(...section(2, [...leb(imports.length), ...entries]));
  }
  if (spec.exportStart) bytes.push(...section(3, [1, 0]));
  if (spec.memory) {
    const { min, max } = spec.memory;
    const limits = max === undefined ? [0, ...leb(min)] : [1, ...leb(min), ...leb(max)];
    bytes.push(...section(5, [1, ...limits]));
  }
  const exports: number[][] = [];
  if (spec.exportStart) exports.push([...name('_start'), 0x00, ...leb(imports.length)]);
  if (spec.memory && spec.exportMemory !== false) exports.push([...name('memory'), 0x02, 0]);
  if (exports.length > 0) bytes.push(...section(7, [exports.length, ...exports.flat()]));
  if (spec.exportStart) bytes.push(...section(10, [1, 2, 0, 0x0b]));
  return new Uint8Array(bytes);
}
