// The extension's C library (wasm/lib) end to end: each wasm/tests/ext_*.c
// program runs natively on Linux and as its WASI build on the bocal kernel,
// and both must print the same lines. The program spawns and execs itself,
// so on bocal its wasm file is first written into the kernel's filesystem.
import { describe, expect, it } from 'vitest';
import { runOnBocal, scratchDirectories } from '../support/native-vs-bocal.ts';
import { nativePath } from '../support/programs.ts';
import { nativeRunner } from '../support/wasi-runners.ts';

// The user database ext_sys reads (as a Linux host's root entries are).
const etc = {
  '/etc/passwd':
    'root:x:0:0:root:/root:/bin/sh\nbroken line\nstudent:x:1000:1000::/home/student:/bin/sh\n',
  '/etc/group': 'root:x:0:\nstudent:x:1000:student\n',
};

const scratch = scratchDirectories('bocal-ext-');

const lines = (text: string, dir: string) => text.split(dir).join('<scratch>').split('\n');

describe.each(['ext_proc', 'ext_files', 'ext_sys', 'ext_stat'])('%s', (program) => {
  it('prints on bocal what it prints on Linux', async () => {
    const nativeDir = scratch();
    const native = await nativeRunner.run(program, [nativeDir, nativePath(program)], {
      dir: nativeDir,
    });
    expect(native.status).toBe(0);
    const bocalDir = scratch();
    const bocal = await runOnBocal(program, bocalDir, (self) => [bocalDir, self], etc);
    expect(lines(bocal.stdout, bocalDir)).toEqual(lines(native.stdout, nativeDir));
    expect(bocal.status).toBe(0);
  }, 30_000);
});
