// wasm/tests/mount_chroot.c end to end: natively as root inside
// `unshare -m --propagation private` (so the host's mounts are untouched),
// and as its WASI build on the bocal kernel; both must print the same lines.
import { capturedStdio } from '../../support/captured-stdio.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shellExitCode } from '../../../src/kernel/abi/wait-status.ts';
import { makeDirectories } from '../../../src/kernel/boot/kernel-files.ts';
import { Kernel } from '../../../src/kernel/kernel.ts';
import { createNodeProcessHost } from '../../../src/platform/node/process-host.ts';
import { runNative, scratchDirectories } from '../../support/native-vs-bocal.ts';
import { wasmPath } from '../../support/programs.ts';

/** Not native-vs-bocal's runOnBocal: the program is not written into the tree it chroots into. */
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

const scratch = scratchDirectories('bocal-mount-');

describe('mount_chroot', () => {
  it('prints on bocal what it prints on Linux', async () => {
    const nativeDir = scratch();
    const native = await runNative('mount_chroot', () => [nativeDir], {
      wrapper: ['unshare', '-m', '--propagation', 'private'],
      rootFor: 'it mounts inside unshare -m',
      timeout: 10_000,
    });
    expect(native).toContain('escaped: yes');
    const bocalDir = scratch();
    const bocal = await runOnBocal(bocalDir);
    expect(bocal.status).toBe(0);
    expect(bocal.stdout.split(bocalDir).join('<dir>')).toBe(native.split(nativeDir).join('<dir>'));
  }, 30_000);
});
