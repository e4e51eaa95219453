// sendfile(2) end to end: wasm/tests/sendfile_check.c runs natively on Linux
// and as its WASI build on the bocal kernel (the extension's sendfile call,
// src/kernel/syscalls/sendfile.ts), and both must print the same lines:
// offsets given and not, counts at and past the end of the file, a regular
// file as the output, EBADF, EINVAL, ESPIPE, EAGAIN, EINTR (a child signals
// the program while it waits on a full pipe), EPIPE with SIGPIPE.
import { describe, expect, it } from 'vitest';
import { runOnBocal, scratchDirectories } from '../../support/native-vs-bocal.ts';
import { nativePath } from '../../support/programs.ts';
import { nativeRunner } from '../../support/wasi-runners.ts';

const scratch = scratchDirectories('bocal-sendfile-');

describe('sendfile', () => {
  it('prints on bocal what sendfile_check prints on Linux', async () => {
    const nativeDir = scratch();
    const native = await nativeRunner.run(
      'sendfile_check',
      [nativeDir, nativePath('sendfile_check')],
      { dir: nativeDir },
    );
    expect(native.stdout).toContain('pipe holds bytes 10..110: yes');
    expect(native.status).toBe(0);
    const bocalDir = scratch();
    const bocal = await runOnBocal('sendfile_check', bocalDir, (self) => [bocalDir, self]);
    expect(bocal.stdout).toBe(native.stdout);
    expect(bocal.status).toBe(0);
  }, 30_000);
});
