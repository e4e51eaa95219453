// Runs a C program's WASI build on the bocal kernel, in this Node process,
// and collects what a user would see. The scratch directory is made inside
// the kernel's own filesystem (tmpfs), under the same absolute path.
import { capturedStdio } from './captured-stdio.ts';
import { readFileSync } from 'node:fs';
import { Kernel } from '../../src/kernel/kernel.ts';
import { makeDirectories } from '../../src/kernel/boot/kernel-files.ts';
import { shellExitCode } from '../../src/kernel/abi/wait-status.ts';
import { sendSignal } from '../../src/kernel/proc/signals.ts';
import { Signal } from '../../src/kernel/abi/signals.ts';
import { createNodeProcessHost } from '../../src/platform/node/process-host.ts';
import { wasmPath } from './programs.ts';
import type { RunOptions, RunResult, WasiRunner } from './wasi-runners.ts';

/** A kernel with captured stdio, for one run. */
export async function runOnKernel(
  bytes: Uint8Array,
  key: string,
  argv: string[],
  options: RunOptions & { timeoutMs?: number },
): Promise<RunResult> {
  const kernel = new Kernel(createNodeProcessHost(1));
  try {
    const stdio = capturedStdio(options.stdin);
    const fds = stdio.fds;
    makeDirectories(kernel.init, options.dir);
    const env = Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`);
    const { process, exited } = await kernel.spawn({ program: { bytes, key }, argv, env, fds });
    const timer = setTimeout(
      () => sendSignal(kernel.processes, process, Signal.SIGKILL),
      options.timeoutMs ?? 20_000,
    );
    const status = await exited;
    clearTimeout(timer);
    return { stdout: stdio.stdout(), stderr: stdio.stderr(), status: shellExitCode(status) };
  } finally {
    await kernel.shutdown();
  }
}

export const bocalRunner: WasiRunner = {
  name: 'bocal',
  wasi: true,
  run(program, args, options) {
    const path = wasmPath(program);
    return runOnKernel(readFileSync(path), path, [program, ...args], options);
  },
};
