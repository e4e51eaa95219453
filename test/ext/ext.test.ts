// The extension's C library (wasm/lib) end to end: each wasm/tests/ext_*.c
// program runs natively on Linux and as its WASI build on the bocal kernel,
// and both must print the same lines. The program spawns and execs itself,
// so on bocal its wasm file is first written into the kernel's filesystem.
import { capturedStdio } from '../support/captured-stdio.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kernel } from '../../src/kernel/kernel.ts';
import { makeDirectories, writeFile } from '../../src/kernel/boot/kernel-files.ts';
import { shellExitCode } from '../../src/kernel/abi/wait-status.ts';
import { createNodeProcessHost } from '../../src/platform/node/process-host.ts';
import { nativePath, wasmPath } from '../support/programs.ts';
import { nativeRunner } from '../support/wasi-runners.ts';

const encoder = new TextEncoder();
const passwd =
  'root:x:0:0:root:/root:/bin/sh\nbroken line\nstudent:x:1000:1000::/home/student:/bin/sh\n';
const group = 'root:x:0:\nstudent:x:1000:student\n';

async function runOnBocal(
  program: string,
  dir: string,
): Promise<{ stdout: string; status: number }> {
  const kernel = new Kernel(createNodeProcessHost(2));
  try {
    const stdio = capturedStdio('', true);
    const fds = stdio.fds;
    makeDirectories(kernel.init, dir);
    // The user database ext_sys reads (as a Linux host's root entries are).
    makeDirectories(kernel.init, '/etc');
    await writeFile(kernel.init, '/etc/passwd', encoder.encode(passwd), 0o644);
    await writeFile(kernel.init, '/etc/group', encoder.encode(group), 0o644);
    const self = `${dir}/${program}`;
    const bytes = readFileSync(wasmPath(program));
    await writeFile(kernel.init, self, bytes, 0o755);
    const { exited } = await kernel.spawn({
      program: { bytes, key: wasmPath(program) },
      argv: [self, dir, self],
      env: [],
      fds,
    });
    const status = await exited;
    return { stdout: stdio.stdout(), status: shellExitCode(status) };
  } finally {
    await kernel.shutdown();
  }
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'bocal-ext-'));
  dirs.push(dir);
  return dir;
};

const lines = (text: string, dir: string) => text.split(dir).join('<scratch>').split('\n');

describe.each(['ext_proc', 'ext_files', 'ext_sys', 'ext_stat'])('%s', (program) => {
  it('prints on bocal what it prints on Linux', async () => {
    const nativeDir = scratch();
    const native = await nativeRunner.run(program, [nativeDir, nativePath(program)], {
      dir: nativeDir,
    });
    expect(native.status).toBe(0);
    const bocalDir = scratch();
    const bocal = await runOnBocal(program, bocalDir);
    expect(lines(bocal.stdout, bocalDir)).toEqual(lines(native.stdout, nativeDir));
    expect(bocal.status).toBe(0);
  }, 30_000);
});
