// Runs one of wasm/tests' programs two ways, for the end-to-end tests that
// compare them: its native build on this machine's Linux (as root, for real
// namespaces) and its WASI build as a process on a fresh bocal kernel.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach } from 'vitest';
import { shellExitCode } from '../../src/kernel/abi/wait-status.ts';
import { makeDirectories, writeFile } from '../../src/kernel/boot/kernel-files.ts';
import { Kernel } from '../../src/kernel/kernel.ts';
import { createNodeProcessHost } from '../../src/platform/node/process-host.ts';
import { capturedStdio } from './captured-stdio.ts';
import { nativePath, wasmPath } from './programs.ts';

const run = promisify(execFile);

export interface NativeRun {
  /** A command that runs the rest of its arguments (such as `unshare -i`), if any. */
  wrapper?: string[];
  /** Why the run needs root, for the error when the tests do not run as root. */
  rootFor: string;
  timeout?: number;
}

/** The arguments of a run, given the path the program is started as (they often name it). */
export type Arguments = (self: string) => string[];

/**
 * What `program`'s native build prints, run with `args` through `options.wrapper`.
 * Throws, with what it printed, when it fails.
 */
export async function runNative(
  program: string,
  args: Arguments,
  options: NativeRun,
): Promise<string> {
  if (process.getuid?.() !== 0) {
    throw new Error(`the Linux side of ${program} needs root (${options.rootFor})`);
  }
  const self = nativePath(program);
  const [command, ...rest] = [...(options.wrapper ?? []), self, ...args(self)];
  const { stdout } = await run(command!, rest, { timeout: options.timeout ?? 20_000 }).catch(
    (error: Error & { stdout?: string }) => {
      throw new Error(`${program} failed natively: ${error.message}\n${error.stdout ?? ''}`);
    },
  );
  return stdout;
}

/**
 * What `program`'s WASI build prints as a process on a new kernel, and its
 * exit code: it is written to `dir`/`program` (`dir` made first; the root
 * when empty) and started as that path with `args` and no environment,
 * after `files` (absolute path: text) are written.
 */
export async function runOnBocal(
  program: string,
  dir: string,
  args: Arguments,
  files: Record<string, string> = {},
): Promise<{ stdout: string; status: number }> {
  const kernel = new Kernel(createNodeProcessHost(2));
  try {
    const stdio = capturedStdio('', true);
    for (const [path, text] of Object.entries(files)) {
      makeDirectories(kernel.init, dirname(path));
      await writeFile(kernel.init, path, new TextEncoder().encode(text), 0o644);
    }
    if (dir) makeDirectories(kernel.init, dir);
    const self = `${dir}/${program}`;
    const bytes = readFileSync(wasmPath(program));
    await writeFile(kernel.init, self, bytes, 0o755);
    const { exited } = await kernel.spawn({
      program: { bytes, key: wasmPath(program) },
      argv: [self, ...args(self)],
      env: [],
      fds: stdio.fds,
    });
    const status = shellExitCode(await exited);
    return { stdout: stdio.stdout(), status };
  } finally {
    await kernel.shutdown();
  }
}

/** A maker of host scratch directories named `prefix`..., removed after each test. */
export function scratchDirectories(prefix: string): () => string {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}
