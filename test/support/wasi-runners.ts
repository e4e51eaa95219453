// Ways to run one of the C programs under wasm/tests/ and see what a user
// would see: its stdout, stderr and exit status. The conformance tests are
// parameterised over a list of runners, so a runner for the bocal kernel can
// join the list later without changing the tests.
import { spawn } from 'node:child_process';
import { nativePath, wasmPath } from './programs.ts';

export interface RunOptions {
  /** Environment, exactly: nothing is inherited from the test process. */
  env?: Record<string, string>;
  /** Host scratch directory; the program sees it under the same absolute path. */
  dir: string;
  /** Bytes for stdin (UTF-8); stdin is at end of file after them. */
  stdin?: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** Exit status; 128 + n when killed by signal n, as a shell reports it. */
  status: number;
}

export interface WasiRunner {
  /** Short name used in test titles and in tables of known differences. */
  readonly name: string;
  /** True when the runner runs the WASI build (rather than the native one). */
  readonly wasi: boolean;
  run(program: string, args: string[], options: RunOptions): Promise<RunResult>;
}

/** A program that has not finished after this long is killed (status 137). */
const timeoutMs = 20_000;

const signalNumbers: Record<string, number> = { SIGKILL: 9, SIGTERM: 15, SIGABRT: 6 };

function spawnAndCollect(
  command: string,
  args: string[],
  options: RunOptions,
  env: Record<string, string>,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd: options.dir, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const status = code ?? 128 + (signal ? (signalNumbers[signal] ?? 0) : 0);
      resolve({ stdout, stderr, status });
    });
    // A program may exit without reading its stdin: EPIPE then is not an error.
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');
  });
}

/** The binary built by `npm run build:native`, run by Linux itself. */
export const nativeRunner: WasiRunner = {
  name: 'native',
  wasi: false,
  run(program, args, options) {
    return spawnAndCollect(nativePath(program), args, options, options.env ?? {});
  },
};

// Runs inside a child Node: node:wasi writes straight to the process's own
// fds, and proc_exit must end a process that is not the test's. Programs
// linked with wasm/lib may import bocal_v1.syscall: here it answers ENOSYS
// (52) to every call, as on any WASI host without bocal, and the C library
// falls back to wasi-libc's behaviour.
const nodeWasiScript = `
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';
const { path, args, env, dir } = JSON.parse(process.argv[1]);
const wasi = new WASI({ version: 'preview1', args, env, preopens: { [dir]: dir },
                        returnOnExit: true });
const module = await WebAssembly.compile(readFileSync(path));
const imports = { ...wasi.getImportObject(), bocal_v1: { syscall: () => 52 } };
const instance = await WebAssembly.instantiate(module, imports);
process.exitCode = wasi.start(instance);
`;

/** The WASI build under Node's own node:wasi (uvwasi), the scratch dir preopened. */
export const nodeWasiRunner: WasiRunner = {
  name: 'node:wasi',
  wasi: true,
  run(program, args, options) {
    const spec = JSON.stringify({
      path: wasmPath(program),
      args: [program, ...args],
      env: options.env ?? {},
      dir: options.dir,
    });
    const nodeArgs = ['--no-warnings', '--input-type=module', '-e', nodeWasiScript, spec];
    return spawnAndCollect(process.execPath, nodeArgs, options, {});
  },
};
