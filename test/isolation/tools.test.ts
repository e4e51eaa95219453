// box's namespace tools (unshare, nsenter, lsns, mount, umount) against
// util-linux 2.38: each command line runs with util-linux, with the native
// box, and with box on bocal; stdout, stderr and the exit status must be
// equal. The cases that change the machine run inside a new mount (and pid)
// namespace on the real side, so the host keeps its mounts; on bocal the
// same script runs under box's own unshare.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { nativePath } from '../support/programs.ts';
import { BocalSide } from './bocal-side.ts';
import type { RunResult } from './normalise.ts';
import { ensureRealTools, newScratch } from './real-linux.ts';

const env = { LC_ALL: 'C', PATH: '/usr/sbin:/usr/bin:/sbin:/bin', SHELL: '/bin/true' };

/** Argument and usage errors: nothing is changed, so they run on the host as they are. */
const errorCases: string[][] = [
  ['unshare', '--bogus'],
  ['unshare', '-x'],
  ['unshare', '--propagation', 'foo', 'true'],
  ['unshare', 'nonexistent-program'],
  ['unshare', '--setgroups', 'x', 'true'],
  ['unshare', '-w', '/nonexistent', 'true'],
  ['unshare', '-R', '/nonexistent', 'true'],
  ['unshare', '--map-user=nosuchuser', '-U', 'true'],
  ['unshare', '--map-group=0', '--setgroups=allow', '-U', 'true'],
  ['unshare', '-S', 'x', 'true'],
  ['unshare', '--mount-proc=/nonexistent', '-f', 'true'],
  ['unshare', '-u', '-f', 'sh', '-c', 'exit 7'],
  ['unshare', '-f', 'sh', '-c', 'kill -KILL $$'],
  ['unshare', '-u'],
  ['nsenter', '-t', '999999', '-u', 'true'],
  ['nsenter', '-u', 'true'],
  ['nsenter', '-t', 'abc', '-u', 'true'],
  ['nsenter', '--uts=/etc/passwd', 'true'],
  ['nsenter', '-a', 'true'],
  ['nsenter', '-t', '1', '-S', 'x', 'true'],
  ['nsenter', '--bogus'],
  ['lsns', '-t', 'foo'],
  ['lsns', '-o', 'FOO'],
  ['lsns', '-p', 'abc'],
  ['lsns', 'x'],
  ['lsns', '1', '2'],
  ['lsns', '-p', '999999999'],
  ['mount', '-x'],
  ['mount', 'a', 'b', 'c'],
  ['mount', '--make-private'],
  ['mount', '-o', 'remount,ro'],
  ['mount', '/nonexistent'],
  ['mount', '-t', 'tmpfs', 'none', '/nonexistent'],
  ['umount'],
  ['umount', '/nonexistent'],
  ['umount', '-x'],
];

/** Mounts and unmounts in $S, run in a new mount namespace. */
const mountScript = `
cd $S; mkdir -p a b; touch f
run() { echo "\\$ $*"; "$@" 2>&1; echo "rc=$?"; }
run mount -t bogusfs none $S/a
run mount --bind $S/zz $S/a
run umount $S/a
run mount -o remount,ro $S/a
run mount --make-private $S/a
run mount -t tmpfs -o size=1m,mode=700 tmp1 $S/a
run sh -c "mount -t tmpfs | grep $S"
run mount -o remount,ro $S/a
run sh -c "mount -t tmpfs | grep $S"
run umount $S/a
run mount --bind -o ro $S/b a
run touch a/new
run umount a
run mount -t tmpfs t1 a
run mkdir a/s
run mount -t tmpfs t2 a/s
run umount a
run umount -R a
run umount -R a
run mount -t proc proc a
run sh -c "mount -t proc | grep -c $S"
run umount -l a
run mount -t tmpfs none f
run umount a b
`;

/**
 * Namespaces listed from inside a new pid namespace (the only processes are
 * the script's). The sleeps outlive every lsns, whatever the machine's load,
 * and die with the namespace's pid 1 at the end.
 */
// lsns writes to a file rather than straight into sed: a pipeline's sed may
// not be forked yet when lsns counts the processes of each namespace.
const lsnsScript = `
sleep 60 >/dev/null & unshare -u sh -c "sleep 60 >/dev/null & lsns; lsns -l; lsns -r; lsns -J; lsns -n -t uts -o NS,PATH,PPID,UID,COMMAND" >"$S/lsns.out"
sed -E 's/[0-9]{10}/<id>/g' "$S/lsns.out"
lsns -t pid -o TYPE,NPROCS,PID,PPID,USER; kill %1
`;

function runNative(which: 'reference' | 'native', argv: string[]): RunResult {
  const [name, ...args] = argv;
  const result =
    which === 'reference'
      ? spawnSync(name!, args, { env, encoding: 'utf8', timeout: 20_000 })
      : spawnSync(nativePath('box'), argv, { env, encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status ?? 128 };
}

/** `script` under `sh` in new namespaces, with util-linux or box's tools first in PATH. */
function runScript(
  which: 'reference' | 'native',
  flags: string[],
  script: string,
  scratch: string,
) {
  const bin = `${scratch}-tools-${which}`;
  mkdirSync(bin, { recursive: true });
  if (which === 'native') {
    for (const name of ['unshare', 'nsenter', 'lsns', 'mount', 'umount']) {
      symlinkSync(nativePath('box'), join(bin, name));
    }
  }
  const result = spawnSync('unshare', [...flags, 'sh', '-c', script], {
    env: { ...env, PATH: `${bin}:${env.PATH}`, S: scratch },
    encoding: 'utf8',
    timeout: 30_000,
  });
  rmSync(bin, { recursive: true, force: true });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status ?? 128 };
}

describe('namespace tools against util-linux', () => {
  let bocal: BocalSide;
  beforeAll(async () => {
    ensureRealTools();
    bocal = new BocalSide();
    await bocal.install();
  });
  afterAll(() => bocal?.shutdown());

  for (const argv of errorCases) {
    it(argv.join(' '), async () => {
      const reference = runNative('reference', argv);
      expect(runNative('native', argv)).toEqual(reference);
      const scratch = newScratch();
      const quoted = argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
      const ours = await bocal.run(`SHELL=/bin/true ${quoted}`, scratch, false);
      rmSync(scratch, { recursive: true, force: true });
      // The base report the runner prints first is not part of the comparison.
      const stdout = ours.stdout.split('\n').slice(1).join('\n');
      expect({ ...ours, stdout }).toEqual(reference);
    });
  }

  it('mount and umount in a new mount namespace', async () => {
    const scratch = newScratch();
    const reference = runScript('reference', ['-m'], mountScript, scratch);
    expect(reference.stdout).toContain('tmp1 on');
    expect(runScript('native', ['-m'], mountScript, scratch)).toEqual(reference);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('lsns in a new pid namespace', () => {
    const scratch = newScratch();
    const flags = ['-p', '-f', '-m', '--mount-proc'];
    const reference = runScript('reference', flags, lsnsScript, scratch);
    expect(reference.stdout).toContain('uts');
    const native = runScript('native', flags, lsnsScript, scratch);
    rmSync(scratch, { recursive: true, force: true });
    // lsns lists by namespace id, and the uts namespace each run creates gets
    // a new id that may sort before or after the inherited ones: the ids
    // are blanked by the script, so the rows are compared as sorted sets.
    const same = (r: RunResult) => r.stdout.split('\n').sort().join('\n');
    expect(same(native)).toEqual(same(reference));
  });
});
