// ipcs, ipcmk and ipcrm against Debian's util-linux 2.38: one script makes,
// lists and removes System V objects in a fresh IPC namespace three ways —
// Debian's tools under `unshare -i`, our native box under `unshare -i`, and
// box on bocal (whose /proc/sysvipc and /proc/sys/kernel ipcs reads) — and
// the outputs, stderr folded into stdout, must be equal once what the moment
// decides is set aside: ipcmk's random keys, the times, and creator pids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BoxKernel, ENV, hostScratch } from '../support/box.ts';
import { nativePath } from '../support/programs.ts';

const APPLETS = ['ipcs', 'ipcmk', 'ipcrm'];

const script = [
  'exec 2>&1',
  'ipcmk -Q; ipcmk -Q -p 600; ipcmk -S 3 -p 0640; ipcmk -M 5000; ipcmk -M 1K -p 600 -Q -S 1',
  'ipcs; ipcs -a; ipcs -q; ipcs -s -m; ipcs -l; ipcs -l -b; ipcs -u; ipcs -t; ipcs -p; ipcs -c',
  'ipcs -q -t -p; ipcs -p -q -t; ipcs --human; ipcs -l --human; ipcs -u --human; ipcs -u -b',
  'ipcs -q -i 0 --human; ipcs -m -i 0 --human',
  'ipcs -q -i 0; ipcs -s -i 0; ipcs -m -i 1; echo rc=$?; ipcs -i 0; echo rc=$?',
  'ipcs -q -i 9; echo rc=$?; ipcs -x; echo rc=$?; ipcs -i abc -q; echo rc=$?; ipcs --help',
  'ipcmk; echo rc=$?; ipcmk -M 0; echo rc=$?; ipcmk -S 0; echo rc=$?; ipcmk -M abc; echo rc=$?',
  'ipcmk -p 999 -Q; echo rc=$?; ipcmk -S x; echo rc=$?; ipcmk -x; echo rc=$?; ipcmk --help',
  'ipcrm -q 1; echo rc=$?; ipcrm -q 1; echo rc=$?; ipcrm -q abc; echo rc=$?',
  'ipcrm -Q 0; echo rc=$?; ipcrm -Q xyz; echo rc=$?; ipcrm -Q 0x7fff1234; echo rc=$?',
  'ipcrm msg 32768; echo rc=$?; ipcrm shm 1; echo rc=$?; ipcrm sem; echo rc=$?',
  'ipcrm foo 1; echo rc=$?; ipcrm -a=shm; echo rc=$?; ipcrm -a msg; echo rc=$?',
  'ipcrm -m 9 -q 9; echo rc=$?; ipcs -m',
  'ipcrm -v -a; echo rc=$?; ipcs; ipcrm; echo rc=$?; ipcrm --help',
  // The tunables of /proc/sys/kernel, per IPC namespace, as root may set them.
  'cd /proc/sys/kernel; cat msgmax; echo 4096 > msgmax; echo rc=$?; cat msgmax',
  'echo "10 20 30 40" > sem; echo rc=$?; cat sem; echo abc > shmmni 2>/dev/null; echo rc=$?',
  'echo 40000 > shmmni 2>/dev/null; echo rc=$?; echo -1 > msgmnb 2>/dev/null; echo rc=$?',
  'cat shmmni msgmnb; echo 32768 > msgmni; echo rc=$?; echo 1 2 > msgmax; echo rc=$?; cat msgmax',
  'echo 5 > shmall; cat shmall; echo "  7  " > shmmax; cat shmmax; ipcmk -M 30000; echo rc=$?',
  'ipcs -l',
].join('\n');

/** Random keys, times (ctime's 24 and 16 character forms) and creator pids. */
function normalise(output: string): string {
  return output
    .replace(/0x[0-9a-f]{8}/g, '<key>')
    .replace(/[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}/g, '<date>')
    .replace(/[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d/g, '<time>')
    .replace(/cpid=\d+/g, 'cpid=<pid>')
    .replace(/^(\d+ +root +)\d+ +(\d+ *)$/gm, '$1<pid> $2');
}

function onLinux(path: string): string {
  if (process.getuid?.() !== 0) throw new Error('the Linux side needs root (unshare -i)');
  const result = spawnSync('unshare', ['-i', 'sh', '-c', script], {
    env: { ...ENV, PATH: path },
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.error) throw result.error;
  return result.stdout;
}

describe('ipcs, ipcmk, ipcrm: util-linux and box agree', () => {
  let bin = '';
  const kernel = new BoxKernel();
  let dir = '';
  beforeAll(async () => {
    bin = mkdtempSync(join(tmpdir(), 'box-ipc-'));
    for (const name of APPLETS) symlinkSync(nativePath('box'), join(bin, name));
    dir = hostScratch();
    await kernel.install(['sh', 'echo', 'cat', ...APPLETS]);
    await kernel.prepare(dir, []);
  });
  afterAll(async () => {
    rmSync(bin, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    await kernel.shutdown();
  });

  it('prints the same natively as Debian does', () => {
    const reference = onLinux('/usr/bin:/bin');
    expect(reference).toContain('------ Shared Memory Segments --------');
    expect(normalise(onLinux(`${bin}:/usr/bin:/bin`))).toBe(normalise(reference));
  }, 60_000);

  it('prints the same on bocal as Debian does on Linux', async () => {
    const reference = onLinux('/usr/bin:/bin');
    const bocal = await kernel.run(['sh', '-c', script], dir);
    expect(normalise(bocal.stdout)).toBe(normalise(reference));
  }, 120_000);
});
