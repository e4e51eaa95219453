// The same shell script against a real cgroup2 mount of this machine's
// kernel (as root, in a private mount namespace) and against bocal's
// /sys/fs/cgroup: the core files' formats and which writes fail. Only core
// files are compared: the test machine's pids, memory and cpu controllers
// are bound to cgroup v1, so its cgroup2 has none of their files.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFile } from '../../../src/kernel/boot/kernel-files.ts';
import { BoxKernel } from '../../support/box.ts';
import { nativePath, wasmPath } from '../../support/programs.ts';

const run = promisify(execFile);

/** `$CG` is the hierarchy's root; writes report ok or fail, as dash's and box's messages differ. */
const SCRIPT = `
w() { if echo "$2" > "$1" 2>/dev/null; then echo "write $2 > $1: ok"; else echo "write $2 > $1: fail"; fi; }
self() { if echo $$ > "$1" 2>/dev/null; then echo "move self to $1: ok"; else echo "move self to $1: fail"; fi; }
cd "$CG" && { rmdir bocal-compare 2>/dev/null; mkdir bocal-compare; } && cd bocal-compare || exit 1
cat cgroup.type cgroup.events cgroup.max.depth cgroup.max.descendants
cut -d' ' -f1 cpu.stat
w cgroup.max.depth garbage
w cgroup.max.depth -5
w cgroup.max.depth 2147483648
w cgroup.max.descendants 0x10
cat cgroup.max.descendants
w cgroup.max.depth 0
if mkdir sub 2>/dev/null; then echo "mkdir sub: ok"; else echo "mkdir sub: fail"; fi
w cgroup.max.depth max
w cgroup.type domain
w cgroup.type junk
w cgroup.subtree_control +nosuch
w cgroup.subtree_control nosign
w cgroup.procs abc
w cgroup.procs 99999999
if cat cgroup.kill 2>/dev/null; then echo "read cgroup.kill: ok"; else echo "read cgroup.kill: fail"; fi
w cgroup.kill 2
w cgroup.kill 1
self cgroup.procs
cat cgroup.events
if rmdir ../bocal-compare 2>/dev/null; then echo "rmdir populated: ok"; else echo "rmdir populated: fail"; fi
self ../cgroup.procs
cat cgroup.events
cd .. && rmdir bocal-compare && echo removed
`;

async function onLinux(script = SCRIPT): Promise<string> {
  if (process.getuid?.() !== 0) throw new Error('the Linux side needs root (it mounts cgroup2)');
  const dir = mkdtempSync(join(tmpdir(), 'bocal-cg2-'));
  dirs.push(dir);
  const command = `mount -t cgroup2 none "$CG" && sh -c "$SCRIPT"`;
  const { stdout } = await run('unshare', ['-m', '--propagation', 'private', 'sh', '-c', command], {
    env: { ...process.env, CG: dir, SCRIPT: script },
    timeout: 20_000,
  }).catch((error: Error) => {
    throw new Error(`unshare and a cgroup2 mount must work on this machine: ${error.message}`);
  });
  return stdout;
}

async function onBocal(script = SCRIPT): Promise<string> {
  const box = new BoxKernel();
  try {
    await box.install(['sh', 'cat', 'cut', 'mkdir', 'rmdir']);
    const program = wasmPath('cgroup_mount');
    await writeFile(box.kernel.init, '/bin/cgroup_mount', readFileSync(program), 0o755);
    const result = await box.run(['sh', '-c', `CG=/sys/fs/cgroup\n${script}`], '/');
    return result.stdout;
  } finally {
    await box.shutdown();
  }
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmdirSync(dir)));

describe('cgroupfs compared with a real cgroup2 mount', () => {
  it('gives the same core files, formats and failed writes', async () => {
    const linux = await onLinux();
    expect(linux).toContain('removed');
    expect(await onBocal()).toBe(linux);
  }, 60_000);

  it('shows a cgroup namespace the same way: /proc/self/cgroup, a cgroup2 mount made inside', async () => {
    const mnt = mkdtempSync(join(tmpdir(), 'bocal-cg2-mnt-'));
    dirs.push(mnt);
    const script = (program: string, dir: string) =>
      `mkdir -p ${dir}; ${program} "$CG" ${dir}; rmdir "$CG/bocal-ns/inner" "$CG/bocal-ns" && echo cleaned`;
    const linux = await onLinux(script(nativePath('cgroup_mount'), mnt));
    expect(linux).toContain('inner in the new mount: yes');
    expect(linux).toContain('cleaned');
    expect(await onBocal(script('cgroup_mount', mnt))).toBe(linux);
  }, 60_000);
});
