// Runs a C program's WASI build on the bocal kernel through the `bocal wasi`
// command, with the scratch directory mapped from the host by
// `--dir DIR::DIR` (a hostfs mount at the same absolute path), so the
// conformance suite checks hostfs against Linux as it checks tmpfs.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { wasmPath } from './programs.ts';
import type { RunOptions, RunResult, WasiRunner } from './wasi-runners.ts';

const bocal = fileURLToPath(new URL('../../bin/bocal.js', import.meta.url));
const timeoutMs = 20_000;

export function runBocalCommand(args: string[], stdin = ''): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bocal, ...args], { stdio: 'pipe' });
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
      resolve({ stdout, stderr, status: code ?? (signal === 'SIGKILL' ? 137 : 128) });
    });
    child.stdin.end(stdin);
  });
}

export const bocalHostfsRunner: WasiRunner = {
  name: 'bocal-hostfs',
  wasi: true,
  run(program, args, options: RunOptions) {
    const env = Object.entries(options.env ?? {}).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
    const dir = ['--dir', `${options.dir}::${options.dir}`];
    return runBocalCommand(
      ['wasi', ...dir, ...env, wasmPath(program), ...args],
      options.stdin ?? '',
    );
  },
};
