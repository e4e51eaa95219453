// wasm/tests/sock_*.c end to end: natively on this machine's Linux inside a
// fresh network namespace with lo up (`unshare -n`, as root), and as their
// WASI builds on bocal, whose initial namespace has lo up; both must print
// the same lines, and every check must hold. argv: scratch dir, own path.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { shellExitCode } from '../../../src/kernel/abi/wait-status.ts';
import { makeDirectories, writeFile } from '../../../src/kernel/boot/kernel-files.ts';
import { Kernel } from '../../../src/kernel/kernel.ts';
import { createNodeProcessHost } from '../../../src/platform/node/process-host.ts';
import { capturedStdio } from '../../support/captured-stdio.ts';
import { nativePath, wasmPath } from '../../support/programs.ts';

const run = promisify(execFile);

async function runNative(program: string, dir: string): Promise<string> {
  if (process.getuid?.() !== 0) {
    throw new Error(`the Linux side of ${program} needs root (unshare -n)`);
  }
  const self = nativePath(program);
  const script = 'ip link set lo up && exec "$0" "$@"';
  const { stdout } = await run('unshare', ['-n', 'sh', '-c', script, self, dir, self], {
    timeout: 30_000,
  }).catch((error: Error & { stdout?: string }) => {
    throw new Error(`${program} failed natively: ${error.message}\n${error.stdout ?? ''}`);
  });
  return stdout;
}

async function runOnBocal(
  program: string,
  dir: string,
): Promise<{ stdout: string; status: number }> {
  const kernel = new Kernel(createNodeProcessHost(2));
  try {
    const stdio = capturedStdio('', true);
    makeDirectories(kernel.init, dir);
    const self = `${dir}/${program}`;
    const bytes = readFileSync(wasmPath(program));
    await writeFile(kernel.init, self, bytes, 0o755);
    const { exited } = await kernel.spawn({
      program: { bytes, key: wasmPath(program) },
      argv: [self, dir, self],
      env: [],
      fds: stdio.fds,
    });
    const status = shellExitCode(await exited);
    return { stdout: stdio.stdout(), status };
  } finally {
    await kernel.shutdown();
  }
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'bocal-sock-'));
  dirs.push(dir);
  return dir;
};

describe.each(['sock_tcp', 'sock_udp', 'sock_unix', 'sock_netns'])('%s', (program) => {
  it('prints on bocal what it prints on Linux, every check holding', async () => {
    const native = await runNative(program, scratch());
    expect(native).not.toContain('-- expected');
    const bocal = await runOnBocal(program, scratch());
    expect(bocal.stdout).toBe(native);
    expect(bocal.status).toBe(0);
  }, 120_000);
});
