// wasm/tests/mount_chroot.c end to end: natively as root inside
// `unshare -m --propagation private` (so the host's mounts are untouched),
// and as its WASI build on the bocal kernel; both must print the same lines.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { shellExitCode } from '../../../src/kernel/abi/wait-status.ts';
import { makeDirectories } from '../../../src/kernel/boot/kernel-files.ts';
import type { OpenFile } from '../../../src/kernel/fs/open-file.ts';
import { HostStream } from '../../../src/kernel/io/host-stream.ts';
import { Kernel } from '../../../src/kernel/kernel.ts';
import { createNodeProcessHost } from '../../../src/platform/node/process-host.ts';
import { nativePath, wasmPath } from '../../support/programs.ts';

const run = promisify(execFile);
const clock = () => BigInt(Date.now()) * 1_000_000n;

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
    let stdout = '';
    const decoder = new TextDecoder();
    const sink = (bytes: Uint8Array) => void (stdout += decoder.decode(bytes, { stream: true }));
    const fds = new Map<number, OpenFile>([
      [0, new HostStream(async () => new Uint8Array(0), undefined, clock)],
      [1, new HostStream(undefined, sink, clock)],
      [2, new HostStream(undefined, sink, clock)],
    ]);
    makeDirectories(kernel.init, dir);
    const path = wasmPath('mount_chroot');
    const { exited } = await kernel.spawn({
      program: { bytes: readFileSync(path), key: path },
      argv: ['mount_chroot', dir],
      fds,
    });
    const status = shellExitCode(await exited);
    return { stdout, status };
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
