// `mount -t overlay` from a shell, as a person types it: box on bocal and
// Debian's tools natively (as root in `unshare -m`) run the same script on
// the same files and must print the same.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoxKernel, ENV, hostScratch } from '../../../support/box.ts';

const SCRIPT = [
  'mkdir l u w m l/d && echo low > l/f && echo deep > l/d/x',
  'here=$(pwd)',
  'mount -t overlay overlay -o lowerdir=$here/l,upperdir=$here/u,workdir=$here/w m || exit 1',
  'cat m/f; ls m',
  'echo more >> m/f; cat u/f l/f',
  'rm m/d/x && rmdir m/d && stat -c %F u/d',
  'mkdir m/d && ls m/d && stat -c %F u/d',
  'mv m/f m/g && ls m u && stat -c %F u/f',
  'grep -c "overlay $here/m overlay" /proc/mounts',
  'umount m && ls m',
  'mount -t overlay overlay -o upperdir=$here/u,workdir=$here/w m; echo status $?',
].join('\n');

describe('mount -t overlay from a shell: box on bocal and Linux agree', () => {
  const kernel = new BoxKernel();
  const scratches: string[] = [];
  beforeAll(async () => {
    const applets = ['sh', 'mkdir', 'echo', 'mount', 'umount', 'cat', 'ls', 'rm', 'rmdir', 'stat'];
    await kernel.install([...applets, 'mv', 'grep']);
  });
  afterAll(async () => {
    await kernel.shutdown();
    for (const dir of scratches) rmSync(dir, { recursive: true, force: true });
  });

  it('mounts, copies up, whites out, makes opaque directories, unmounts', async () => {
    if (process.getuid?.() !== 0)
      throw new Error('this test mounts an overlay natively: run as root');
    const native = hostScratch();
    scratches.push(native);
    const linux = spawnSync('unshare', ['-m', 'sh', '-c', SCRIPT], {
      cwd: native,
      env: ENV,
      encoding: 'utf8',
    });
    const ours = hostScratch();
    scratches.push(ours);
    await kernel.prepare(ours, []);
    const bocal = await kernel.run(['sh', '-c', SCRIPT], ours);
    const normalise = (text: string, dir: string) => text.split(dir).join('DIR');
    expect(normalise(bocal.stderr, ours)).toBe(normalise(linux.stderr, native));
    expect(linux.stdout).toContain('character special file');
    expect({ stdout: normalise(bocal.stdout, ours), status: bocal.status }).toEqual({
      stdout: normalise(linux.stdout, native),
      status: linux.status,
    });
  });
});
