// Runs a C program's WASI build on the bocal kernel, in this Node process,
// and collects what a user would see. The scratch directory is made inside
// the kernel's own filesystem (tmpfs), under the same absolute path.
import { readFileSync } from 'node:fs';
import { Kernel } from '../../src/kernel/kernel.ts';
import { HostStream } from '../../src/kernel/io/host-stream.ts';
import { makeDirectories } from '../../src/kernel/boot/kernel-files.ts';
import { shellExitCode } from '../../src/kernel/abi/wait-status.ts';
import { sendSignal } from '../../src/kernel/proc/signals.ts';
import { Signal } from '../../src/kernel/abi/signals.ts';
import type { OpenFile } from '../../src/kernel/fs/open-file.ts';
import { createNodeProcessHost } from '../../src/platform/node/process-host.ts';
import { wasmPath } from './programs.ts';
import type { RunOptions, RunResult, WasiRunner } from './wasi-runners.ts';

const clock = () => BigInt(Date.now()) * 1_000_000n;
const decoder = () => new TextDecoder();

/** A kernel with captured stdio, for one run. */
export async function runOnKernel(
  bytes: Uint8Array,
  key: string,
  argv: string[],
  options: RunOptions & { timeoutMs?: number },
): Promise<RunResult> {
  const kernel = new Kernel(createNodeProcessHost(1));
  try {
    let stdout = '';
    let stderr = '';
    const out = decoder();
    const err = decoder();
    let input = new TextEncoder().encode(options.stdin ?? '');
    const fds = new Map<number, OpenFile>([
      [
        0,
        new HostStream(
          async (length) => {
            const chunk = input.subarray(0, length);
            input = input.subarray(chunk.length);
            return chunk;
          },
          undefined,
          clock,
        ),
      ],
      [
        1,
        new HostStream(undefined, (b) => void (stdout += out.decode(b, { stream: true })), clock),
      ],
      [
        2,
        new HostStream(undefined, (b) => void (stderr += err.decode(b, { stream: true })), clock),
      ],
    ]);
    makeDirectories(kernel.init, options.dir);
    const env = Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`);
    const { process, exited } = await kernel.spawn({ program: { bytes, key }, argv, env, fds });
    const timer = setTimeout(
      () => sendSignal(kernel.processes, process, Signal.SIGKILL),
      options.timeoutMs ?? 20_000,
    );
    const status = await exited;
    clearTimeout(timer);
    return { stdout, stderr, status: shellExitCode(status) };
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
