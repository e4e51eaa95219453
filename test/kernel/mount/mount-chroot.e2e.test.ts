// wasm/tests/mount_chroot.c end to end: natively as root inside
// `unshare -m --propagation private` (so the host's mounts are untouched),
// and as its WASI build on the bocal kernel; both must print the same lines.
import { capturedStdio } from '../../support/captured-stdio.ts';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { shellExitCode } from '../../../src/kernel/abi/wait-status.ts';
import { makeDirectories } from '../../../src/kernel/boot/kernel-files.ts';
import { Kernel } from '../../../src/kernel/kernel.ts';
import { createNodeProcessHost } from '../../../src/platform/node/process-host.ts';
import { nativePath, wasmPath } from '../../support/programs.ts';

const run = promisify(execFile);

async function runNative(dir: string): Promise<string> {
  if (process.getuid?.() !== 0) {
    throw new Error('the Linux side of this test needs root (it mounts inside unshare -m)');
  }
  const args = ['-m', '--propagation', 'private', nativePath('mount_chroot'), dir];
  const { stdout } = await run('unshare', args, { timeout: 10_000 }).catch((error: Error) => {
    throw new Error(`unshare (util-linux) must be installed and work: ${error.message}`);
  });
  return stdout;
}

async function runOnBocal(dir: string): Promise<{ stdout: string; status: number }> {
  const kernel = new Kernel(createNodeProcessHost(1));
  try {
    const stdio = capturedStdio('', true);
    const fds = stdio.fds;
    makeDirectories(kernel.init, dir);
    const path = wasmPath('mount_chroot');
    const { exited } = await kernel.spawn({
      program: { bytes: readFileSync(path), key: path },
      argv: ['mount_chroot', dir],
      fds,
    });
    const status = shellExitCode(await exited);
    return { stdout: stdio.stdout(), status };
  } finally {
    await kernel.shutdown();
  }
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('mount_chroot', () => {
  it('prints on bocal what it prints on Linux', async () => {
    const nativeDir = mkdtempSync(join(tmpdir(), 'bocal-mount-'));
    dirs.push(nativeDir);
    const native = await runNative(nativeDir);
    expect(native).toContain('escaped: yes');
    const bocalDir = mkdtempSync(join(tmpdir(), 'bocal-mount-'));
    dirs.push(bocalDir);
    const bocal = await runOnBocal(bocalDir);
    expect(bocal.status).toBe(0);
    expect(bocal.stdout.split(bocalDir).join('<dir>')).toBe(native.split(nativeDir).join('<dir>'));
    expect(bocal.status).toBe(0);
  }, 30_000);
});
