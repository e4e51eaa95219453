// wasm/tests/ipc_*.c end to end: natively on this machine's Linux inside
// `unshare -i` (a fresh IPC namespace, so ids start from 0 as on a fresh
// bocal kernel) and as their WASI builds on bocal; both must print the
// same lines. argv[1] is the program's own path, to run itself as a child.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { shellExitCode } from '../../../src/kernel/abi/wait-status.ts';
import { writeFile } from '../../../src/kernel/boot/kernel-files.ts';
import { Kernel } from '../../../src/kernel/kernel.ts';
import { createNodeProcessHost } from '../../../src/platform/node/process-host.ts';
import { capturedStdio } from '../../support/captured-stdio.ts';
import { nativePath, wasmPath } from '../../support/programs.ts';

const run = promisify(execFile);

async function runNative(program: string): Promise<string> {
  if (process.getuid?.() !== 0) {
    throw new Error(`the Linux side of ${program} needs root (unshare -i)`);
  }
  const { stdout } = await run('unshare', ['-i', nativePath(program), nativePath(program)], {
    timeout: 20_000,
  });
  return stdout;
}

async function runOnBocal(program: string): Promise<{ stdout: string; status: number }> {
  const kernel = new Kernel(createNodeProcessHost(2));
  try {
    const stdio = capturedStdio('', true);
    const self = `/${program}`;
    const bytes = readFileSync(wasmPath(program));
    await writeFile(kernel.init, self, bytes, 0o755);
    const { exited } = await kernel.spawn({
      program: { bytes, key: wasmPath(program) },
      argv: [self, self],
      env: [],
      fds: stdio.fds,
    });
    const status = shellExitCode(await exited);
    return { stdout: stdio.stdout(), status };
  } finally {
    await kernel.shutdown();
  }
}

describe.each(['ipc_msg', 'ipc_sem', 'ipc_shm'])('%s', (program) => {
  it('prints on bocal what it prints on Linux', async () => {
    const native = await runNative(program);
    expect(native).toMatch(/IPC_RMID[^\n]*: 0 \n/);
    const bocal = await runOnBocal(program);
    expect(bocal.stdout).toBe(native);
    expect(bocal.status).toBe(0);
  }, 60_000);
});
