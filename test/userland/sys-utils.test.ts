// The box system utilities (find xargs du date which nproc timeout tty
// clear) against Debian's tools (findutils 4.9, coreutils 9.1,
// debianutils' which, ncurses' clear): each command line runs in a fresh
// scratch directory three ways (reference /usr/bin/NAME, native box, box on
// bocal) and stdout, stderr and the exit status must equal the reference's.
// find lists directories in readdir order, which differs between ext4 and
// bocal's tmpfs, so its lines are compared sorted. du runs on a tmpfs
// mounted over the scratch directory (so Linux counts directory sizes as
// bocal's tmpfs does); its block counts (pages on Linux, 512-byte sectors on
// bocal) are compared natively only, its apparent sizes three ways, its
// lines sorted too (Linux's tmpfs lists the newest entry first). The
// rest (df, free, uptime, nice, nproc, which on PATH) are checked on bocal
// against what its /proc says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BoxKernel, ENV, hostScratch, prepareHost } from '../support/box.ts';
import type { BoxResult, ScratchEntry } from '../support/box.ts';
import { nativePath } from '../support/programs.ts';
import { shellExitCode } from '../../src/kernel/abi/wait-status.ts';

const files: ScratchEntry[] = [
  { file: 'a.txt', content: 'hello\n' },
  { file: 'b.log', content: '' },
  { file: 'd/c.TXT', content: 'x'.repeat(3000) },
  { dir: 'd/e' },
  { file: 'd/sub/deep.txt', content: 'deep\n' },
  { file: 'run.sh', content: '#!/bin/sh\necho ran\n', mode: 0o755 },
  { symlink: 'link', target: 'a.txt' },
];

interface Case {
  argv: string[];
  stdin?: string;
  /** Compare stdout's lines sorted (find's readdir order is the file system's). */
  sorted?: boolean;
}

const cases: Case[] = [
  // find
  { argv: ['find'], sorted: true },
  { argv: ['find', '.', '-name', '*.txt'], sorted: true },
  { argv: ['find', '.', '-iname', '*.txt'], sorted: true },
  { argv: ['find', '.', '-type', 'f'], sorted: true },
  { argv: ['find', '.', '-type', 'd'], sorted: true },
  { argv: ['find', '.', '-type', 'l'], sorted: true },
  { argv: ['find', '.', '-type', 'f,l'], sorted: true },
  { argv: ['find', '.', '-maxdepth', '1'], sorted: true },
  { argv: ['find', '.', '-mindepth', '2'], sorted: true },
  { argv: ['find', 'd', '-maxdepth', '1', '-type', 'f', '-o', '-name', 'e'], sorted: true },
  { argv: ['find', '.', '-name', 'd', '-prune', '-o', '-print'], sorted: true },
  { argv: ['find', '.', '-path', './d/*'], sorted: true },
  { argv: ['find', 'd/', '-name', 'sub'], sorted: true },
  { argv: ['find', '.', '-size', '-1'], sorted: true },
  { argv: ['find', '.', '-size', '+2k', '-type', 'f'], sorted: true },
  { argv: ['find', '.', '-type', 'f', '-size', '1'], sorted: true },
  { argv: ['find', '.', '-size', '-3000c', '-type', 'f'], sorted: true },
  { argv: ['find', '.', '-empty'], sorted: true },
  { argv: ['find', '.', '-type', 'f', '-perm', '755'], sorted: true },
  { argv: ['find', '.', '-type', 'f', '-perm', '-u+x'], sorted: true },
  { argv: ['find', '.', '-type', 'f', '-perm', '/111'], sorted: true },
  { argv: ['find', '.', '-user', 'root', '-type', 'f'], sorted: true },
  { argv: ['find', '.', '-mtime', '-1', '-type', 'f'], sorted: true },
  { argv: ['find', '.', '-mtime', '+1'], sorted: true },
  { argv: ['find', '.', '!', '-name', '*.txt', '-type', 'f'], sorted: true },
  { argv: ['find', '.', '-not', '-type', 'd', '-a', '-name', 'a.txt'], sorted: true },
  {
    argv: ['find', '.', '(', '-name', '*.log', '-o', '-name', '*.sh', ')', '-print'],
    sorted: true,
  },
  { argv: ['find', '.', '-name', 'a.txt', '-exec', 'echo', 'X', '{}', 'Y{}', ';'] },
  { argv: ['find', '.', '-type', 'f', '-exec', 'ls', '{}', '+'] },
  { argv: ['find', 'd', '-name', '*.txt', '-exec', 'cat', '{}', ';'] },
  { argv: ['find', '.', '-name', 'deep.txt', '-print', '-quit'] },
  { argv: ['find', '.', '-name', 'a.txt', '-print0'] },
  { argv: ['find', '.', '-name', 'a.txt', '-exec', 'sh', '-c', 'exit 1', ';', '-print'] },
  { argv: ['find', '.', '-name', 'a.txt', '-exec', 'false', '{}', '+'] },
  { argv: ['find', 'missing', '.', '-maxdepth', '0'] },
  { argv: ['find', '-L', '.', '-type', 'l'] },
  { argv: ['sh', '-c', 'find . -name "*.log" -delete; find . | sort'] },
  { argv: ['sh', '-c', 'find . -name "*.txt" -print0 | xargs -0 ls'] },
  { argv: ['find', '-foo'] },
  { argv: ['find', '.', '-name'] },
  { argv: ['find', '.', '-name', 'a', 'b'] },
  { argv: ['find', '.', '-type', 'x'] },
  { argv: ['find', '.', '-maxdepth', 'x'] },
  { argv: ['find', '.', '-user', 'nosuch'] },
  { argv: ['find', '.', '-group', 'nosuch'] },
  { argv: ['find', '.', '(', '-name', 'a'] },
  { argv: ['find', '.', '-name', 'a', ')'] },
  { argv: ['find', '.', '-exec', 'echo', '{}'] },
  { argv: ['find', '.', '-size', '3q'] },
  { argv: ['find', '.', '-perm', '999'] },
  { argv: ['find', '.', '-mtime', 'x'] },
  { argv: ['find', '.', '-newer', 'nope'] },
  { argv: ['find', '.', '-o'] },
  { argv: ['find', '.', '!'] },
  { argv: ['find', '.', '-delete', '-prune'] },
  // xargs
  { argv: ['xargs', '-t', 'echo'], stdin: 'a b\nc\n' },
  { argv: ['xargs', '-n1'], stdin: 'a \'b c\' "d e" f\\ g\n' },
  { argv: ['xargs'], stdin: "a 'b\n" },
  { argv: ['xargs', '-I{}', 'echo', 'x{}y', '{}'], stdin: 'a\nb\n' },
  { argv: ['xargs', '-I%', 'echo', '[%]'], stdin: '  a  b\n c\n' },
  { argv: ['xargs', '-r', 'echo', 'hi'], stdin: '' },
  { argv: ['xargs', 'echo', 'hi'], stdin: '' },
  { argv: ['xargs', 'nope'], stdin: 'a\n' },
  { argv: ['xargs', './a.txt'], stdin: 'a\n' },
  { argv: ['xargs', 'false'], stdin: 'a\n' },
  { argv: ['xargs', 'sh', '-c', 'exit 255'], stdin: 'a\n' },
  { argv: ['xargs', 'sh', '-c', 'kill -9 $$'], stdin: 'a\n' },
  { argv: ['xargs', '-d:', '-n2', 'echo'], stdin: 'a:b:c' },
  { argv: ['xargs', '-d', '\\n', '-n1', 'echo'], stdin: 'a b\nc\n' },
  { argv: ['xargs', '-0', '-n1', 'echo'], stdin: 'a\0b c\0' },
  { argv: ['xargs', '-n', '2', '-t', 'echo'], stdin: 'a b c d e\n' },
  { argv: ['xargs', '-L2', 'echo'], stdin: 'a\nb\nc\n' },
  { argv: ['xargs', '-L1', 'echo'], stdin: 'a b \nc\n\nd\n' },
  { argv: ['xargs', '-n1', 'echo', '-n'], stdin: 'a b\n' },
  { argv: ['xargs', '-P1', '-n1', '--', 'echo', '--'], stdin: 'a b\n' },
  { argv: ['xargs', '-n', 'x'], stdin: '' },
  { argv: ['xargs', '-n', '0'], stdin: '' },
  { argv: ['xargs', '-d', 'ab'], stdin: '' },
  { argv: ['xargs', '-q'], stdin: '' },
  // date
  { argv: ['date', '-d', '@1700000000'] },
  { argv: ['date', '-u', '-d', '@0', '-R'] },
  { argv: ['date', '-d', '@1700000000', '-I'] },
  { argv: ['date', '-d', '@1700000000', '-Iseconds'] },
  { argv: ['date', '-d', '@1700000000.25', '--iso-8601=ns'] },
  { argv: ['date', '-d', '@1700000000', '-Ih'] },
  { argv: ['date', '-d', '@1700000000', '+%F %T %j %a %A %b %B %e %s %z %:z %Z %p %I %l %k'] },
  { argv: ['date', '-d', '@1700000000', '+%U %W %V %G %g %u %w %C %y %D %R %r %c %x %X %q'] },
  { argv: ['date', '-d', '@86401', '+%-d|%_H|%05e|%^a|%#Z|%10A|%::z|%%|%Q'] },
  { argv: ['date', '-d', '@1700000000.123456789', '+%N %3N %s'] },
  { argv: ['date', '-d', '2024-02-29 13:05', '+%F %T %V %G %j'] },
  { argv: ['date', '-d', '2021-01-03', '+%V %G %U %W'] },
  { argv: ['date', '-d', 'xx'] },
  { argv: ['date', 'a', 'b'] },
  { argv: ['date', 'x'] },
  { argv: ['date', '-d', '@1', '-I=foo'] },
  { argv: ['date', '-d', '@1', '-R', '-I'] },
  { argv: ['date', '-d', '@1', 'x'] },
  { argv: ['date', '-x'] },
  // which (debianutils), nproc, tty, clear
  { argv: ['which', './run.sh'] },
  { argv: ['which', '-a', './run.sh', './nope'] },
  { argv: ['which', './a.txt'] },
  { argv: ['which', 'no-such-command'] },
  { argv: ['which'] },
  { argv: ['nproc', '--ignore=x'] },
  { argv: ['nproc', 'a'] },
  { argv: ['nproc', '-x'] },
  { argv: ['tty'] },
  { argv: ['tty', '-s'] },
  { argv: ['tty', 'x'] },
  { argv: ['tty', '-x'] },
  { argv: ['clear'] },
  { argv: ['clear', '-T', 'xterm'] },
  { argv: ['clear', '-x', '-T', 'xterm-256color'] },
  // more and less with stdout not a terminal: they copy through
  { argv: ['more', 'a.txt', 'd/sub/deep.txt'] },
  { argv: ['more', 'nope', 'd', 'a.txt'] },
  { argv: ['less', 'a.txt', 'nope', 'd', 'run.sh'] },
  { argv: ['less'], stdin: 'from a pipe\n' },
  // timeout
  { argv: ['timeout', '0.2', 'sleep', '5'] },
  { argv: ['timeout', '5', 'true'] },
  { argv: ['timeout', '5', 'sh', '-c', 'echo out; exit 3'] },
  { argv: ['timeout', '0.2', 'sh', '-c', 'sleep 5; echo not reached'] },
  { argv: ['timeout', '--preserve-status', '0.2', 'sleep', '5'] },
  { argv: ['timeout', '-v', '0.2', 'sleep', '5'] },
  { argv: ['timeout', '-s', 'INT', '0.2', 'sleep', '5'] },
  { argv: ['timeout', '-s', 'KILL', '0.2', 'sleep', '5'] },
  { argv: ['timeout', '0', 'true'] },
  { argv: ['timeout'] },
  { argv: ['timeout', '1'] },
  { argv: ['timeout', 'x', 'sleep', '1'] },
  { argv: ['timeout', '1', 'nope'] },
  { argv: ['timeout', '1', './a.txt'] },
  { argv: ['timeout', '-s', 'FOO', '1', 'true'] },
];

/** The exit status as a shell shows it: 128 + N for a death by signal N. */
function shellStatus(result: { status: number | null; signal: NodeJS.Signals | null }): number {
  if (result.status !== null) return result.status;
  return 128 + (result.signal ? constants.signals[result.signal] : 0);
}

/** Runs `argv` natively with `stdin`: the reference (/usr/bin/NAME) or build/native/box. */
function runHost(which: 'reference' | 'native', c: Case, cwd: string): BoxResult {
  const [name, ...args] = c.argv;
  const options = { cwd, env: ENV, encoding: 'utf8' as const, input: c.stdin ?? '' };
  const result =
    which === 'reference'
      ? spawnSync(`/usr/bin/${name}`, args, { ...options, argv0: name })
      : spawnSync(nativePath('box'), c.argv, options);
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: shellStatus(result) };
}

/** The scratch path becomes `<scratch>`; find's lines are sorted. */
function normalise(result: BoxResult, dir: string, c: Case): BoxResult {
  const clean = (output: string) => output.split(dir).join('<scratch>');
  let stdout = clean(result.stdout);
  if (c.sorted) stdout = stdout.split('\n').filter(Boolean).sort().join('\n');
  return { stdout, stderr: clean(result.stderr), status: result.status };
}

const label = (c: Case) => c.argv.join(' ') + (c.stdin === undefined ? '' : ' <stdin');

/** Mounts a new tmpfs on `dir` (we run as root, as the project's tests do). */
function mountTmpfs(dir: string): void {
  const mounted = spawnSync('mount', ['-t', 'tmpfs', 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0)
    throw new Error(`du's cases need to mount a tmpfs (as root): ${mounted.stderr}`);
}

describe('box system utilities: Debian findutils, coreutils, debianutils; native box and box on bocal agree', () => {
  const kernel = new BoxKernel();
  const scratches: string[] = [];
  const applets = [
    ...new Set([
      ...cases.map((c) => c.argv[0]!),
      'sh',
      'echo',
      'ls',
      'cat',
      'sort',
      'sleep',
      'true',
      'false',
      'xargs',
      'du',
      'df',
      'free',
      'uptime',
      'nice',
      'nproc',
      'grep',
      'kill',
      'dmesg',
      'logger',
    ]),
  ];

  beforeAll(async () => {
    await kernel.install(applets);
  });
  afterAll(async () => {
    await kernel.shutdown();
    for (const dir of scratches) {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  function scratch(tmpfs = false): string {
    const dir = hostScratch();
    scratches.push(dir);
    if (tmpfs) mountTmpfs(dir);
    return dir;
  }

  async function threeWays(c: Case): Promise<BoxResult[]> {
    const results: BoxResult[] = [];
    for (const which of ['reference', 'native', 'bocal'] as const) {
      const dir = scratch();
      let result: BoxResult;
      if (which === 'bocal') {
        await kernel.prepare(dir, files);
        result = await kernel.run(c.argv, dir, c.stdin ?? '');
      } else {
        prepareHost(dir, files);
        result = runHost(which, c, dir);
      }
      results.push(normalise(result, dir, c));
    }
    return results;
  }

  it.each(cases.map((c) => [label(c), c] as const))('%s', async (_, c) => {
    const [reference, native, bocal] = await threeWays(c);
    expect(native, 'native box differs from the Debian tool').toEqual(reference);
    expect(bocal, 'box on bocal differs from the Debian tool').toEqual(reference);
  });

  // du on a tmpfs: apparent sizes three ways, block counts natively.
  const duApparent: string[][] = [
    ['du', '-ab'],
    ['du', '-sb'],
    ['du', '-b', '-d', '1'],
    ['du', '-b', '-c', 'd', 'a.txt'],
    ['du', '--apparent-size', '-a'],
    ['du', '--apparent-size', '-ah', 'd'],
    ['du', '-sb', 'd', 'd/sub'],
    ['du', '-b', 'missing', 'a.txt'],
    ['du', '-sa'],
    ['du', '-s', '-d', '1'],
    ['du', '-d', 'x'],
  ];
  const duBlocks: string[][] = [
    ['du'],
    ['du', '-a'],
    ['du', '-sh'],
    ['du', '-ahc', '.', 'd'],
    ['du', '-k', '-d', '1'],
  ];

  it.each(duApparent.map((argv) => [argv.join(' '), argv] as const))(
    '%s (tmpfs, three ways)',
    async (_, argv) => {
      const results: BoxResult[] = [];
      for (const which of ['reference', 'native', 'bocal'] as const) {
        const dir = scratch(which !== 'bocal');
        const c = { argv, sorted: true };
        if (which === 'bocal') {
          await kernel.prepare(dir, files);
          results.push(normalise(await kernel.run(argv, dir), dir, c));
        } else {
          prepareHost(dir, files);
          results.push(normalise(runHost(which, c, dir), dir, c));
        }
      }
      const [reference, native, bocal] = results;
      expect(native).toEqual(reference);
      expect(bocal).toEqual(reference);
    },
  );

  it.each(duBlocks.map((argv) => [argv.join(' '), argv] as const))(
    '%s (tmpfs, native against coreutils)',
    (_, argv) => {
      const results = (['reference', 'native'] as const).map((which) => {
        const dir = scratch(true);
        prepareHost(dir, files);
        return normalise(runHost(which, { argv }, dir), dir, { argv, sorted: true });
      });
      expect(results[1]).toEqual(results[0]);
      expect(results[0]!.stdout).not.toBe('');
    },
  );

  it('du on bocal counts the 512-byte blocks its tmpfs gives (st_blocks)', async () => {
    const dir = scratch();
    await kernel.prepare(dir, [{ file: 'f', content: 'x'.repeat(3000) }, { dir: 'e' }]);
    // 3000 bytes: 6 blocks, 3 KiB; the directory's 60 bytes (3 entries of
    // tmpfs's 20): 1 block; du shows KiB rounded up.
    expect(await kernel.run(['du', '-a'], dir)).toEqual({
      stdout: '3\t./f\n1\t./e\n4\t.\n',
      stderr: '',
      status: 0,
    });
  });

  it('nproc on bocal counts the processors of /proc/cpuinfo; natively it agrees with coreutils', async () => {
    const dir = scratch();
    await kernel.prepare(dir, []);
    const cpuinfo = await kernel.run(['grep', '-c', '^processor', '/proc/cpuinfo'], dir);
    expect(await kernel.run(['nproc'], dir)).toEqual({
      stdout: cpuinfo.stdout,
      stderr: '',
      status: 0,
    });
    expect((await kernel.run(['nproc', '--ignore=100'], dir)).stdout).toBe('1\n');
    for (const argv of [['nproc'], ['nproc', '--all'], ['nproc', '--ignore=1']]) {
      expect(runHost('native', { argv }, dir)).toEqual(runHost('reference', { argv }, dir));
    }
  });

  it('which finds the applets on bocal PATH (/bin/NAME, each match with -a)', async () => {
    const dir = scratch();
    await kernel.prepare(dir, []);
    expect(await kernel.run(['which', '-a', 'ls', 'sh', 'no-such'], dir)).toEqual({
      stdout: '/bin/ls\n/bin/sh\n',
      stderr: '',
      status: 1,
    });
  });

  it('df on bocal lists the mounts of /proc/mounts that hold files, sized from the memory', async () => {
    const dir = scratch();
    await kernel.prepare(dir, []);
    const mounts = (await kernel.run(['cat', '/proc/mounts'], dir)).stdout;
    const meminfo = (await kernel.run(['cat', '/proc/meminfo'], dir)).stdout;
    const total = Number(/MemTotal:\s+(\d+) kB/.exec(meminfo)![1]);
    const df = await kernel.run(['df', '-T'], dir);
    expect(df.status).toBe(0);
    const [header, ...rows] = df.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^Filesystem +Type +1K-blocks +Used +Available +Use% +Mounted on$/);
    const storing = mounts
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' '))
      .filter(([, , type]) => !['proc', 'sysfs', 'cgroup2', 'devpts'].includes(type!));
    expect(rows.map((row) => row.split(/ +/)[6])).toEqual(storing.map(([, target]) => target));
    for (const row of rows) {
      const [source, type, size, used, available, percent] = row.split(/ +/);
      expect(storing.some(([s, , t]) => s === source && t === type)).toBe(true);
      // No size= option here: half the memory, as tmpfs' default.
      expect(Number(size)).toBe(Math.floor(total / 2));
      expect(Number(used) + Number(available)).toBe(Number(size));
      expect(percent).toMatch(/^\d+%$/);
    }
    // The root holds box itself: at least its size is used.
    const used = Number(rows[0]!.split(/ +/)[3]);
    const box = await kernel.run(['du', '-k', '/bin/box'], dir);
    expect(used).toBeGreaterThanOrEqual(Number(box.stdout.split('\t')[0]));
    const human = await kernel.run(['df', '-h', '/'], dir);
    expect(human.stdout).toMatch(
      /^Filesystem +Size +Used +Avail +Use% +Mounted on\n\S+ +[\d.]+[KMG] /,
    );
  });

  it('free shows /proc/meminfo: used is total minus available (procps-ng 4)', async () => {
    const dir = scratch();
    await kernel.prepare(dir, []);
    const meminfo = (await kernel.run(['cat', '/proc/meminfo'], dir)).stdout;
    const field = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(meminfo)![1]);
    const total = field('MemTotal');
    const free = await kernel.run(['free'], dir);
    expect(free.status).toBe(0);
    const lines = free.stdout.split('\n');
    expect(lines[0]).toBe(
      '               total        used        free      shared  buff/cache   available',
    );
    const mem = lines[1]!.split(/ +/);
    const cache = field('Buffers') + field('Cached');
    expect(mem).toEqual([
      'Mem:',
      String(total),
      String(total - field('MemAvailable')),
      String(field('MemFree')),
      String(field('Shmem')),
      String(cache),
      String(field('MemAvailable')),
    ]);
    const bytes = (await kernel.run(['free', '-b'], dir)).stdout.split('\n')[1]!.split(/ +/);
    expect(bytes[1]).toBe(String(total * 1024));
    const mebi = (await kernel.run(['free', '-m'], dir)).stdout.split('\n')[1]!.split(/ +/);
    expect(mebi[1]).toBe(String(Math.floor(total / 1024)));
    expect((await kernel.run(['free', '-x'], dir)).status).toBe(1);
  });

  it('uptime reads /proc/uptime and /proc/loadavg in procps-ng formats', async () => {
    const dir = scratch();
    await kernel.prepare(dir, []);
    const up = await kernel.run(['uptime'], dir);
    expect(up.stdout).toMatch(
      /^ \d\d:\d\d:\d\d up +(\d+ min|\d+:\d\d), {2}0 user, {2}load average: 0\.00, 0\.00, 0\.00\n$/,
    );
    expect((await kernel.run(['uptime', '-p'], dir)).stdout).toMatch(/^up \d+ minutes?\n$/);
    const since = (await kernel.run(['uptime', '-s'], dir)).stdout;
    const seconds = Number((await kernel.run(['cat', '/proc/uptime'], dir)).stdout.split(' ')[0]);
    const boot = Date.parse(since.trim().replace(' ', 'T') + 'Z');
    expect(Math.abs(Date.now() - seconds * 1000 - boot)).toBeLessThan(5000);
  });

  it('nice prints the niceness of /proc/self/stat; without setpriority it says so and runs the command', async () => {
    const dir = scratch();
    await kernel.prepare(dir, []);
    expect(await kernel.run(['nice'], dir)).toEqual({ stdout: '0\n', stderr: '', status: 0 });
    expect(await kernel.run(['nice', '-n', '5', 'echo', 'ran'], dir)).toEqual({
      stdout: 'ran\n',
      stderr: 'nice: cannot set niceness: Function not implemented\n',
      status: 0,
    });
    expect((await kernel.run(['nice', '-n', 'x', 'true'], dir)).status).toBe(125);
  });

  it('logger writes records of /dev/kmsg that dmesg shows (-x, -r, -t, -l, -k), as Linux formats them', async () => {
    const dir = scratch();
    await kernel.prepare(dir, []);
    const script =
      'logger hello world; logger -t app -p local0.err -i oops; echo "<3>raw" > /dev/kmsg; ' +
      'dmesg; dmesg -x; dmesg -r; dmesg -t -l err; dmesg -k; logger -p foo.bar x';
    const result = await kernel.run(['sh', '-c', script], dir);
    const time = '\\[ *\\d+\\.\\d{6}\\]';
    const lines = [
      `${time} root: hello world`,
      `${time} app\\[\\d+\\]: oops`,
      `${time} raw`,
      `user  :notice: ${time} root: hello world`,
      `local0:err   : ${time} app\\[\\d+\\]: oops`,
      `user  :err   : ${time} raw`,
      `<13>${time} root: hello world`,
      `<131>${time} app\\[\\d+\\]: oops`,
      '<11>' + time + ' raw',
      'app\\[\\d+\\]: oops',
      'raw',
    ];
    expect(result.stdout).toMatch(new RegExp(`^${lines.join('\\n')}\\n$`));
    expect(result.stderr).toBe('logger: unknown facility name: foo\n');
    const ls = await kernel.run(['ls', '-l', '/dev/kmsg'], dir);
    expect(ls.stdout).toMatch(/^crw-r--r-- 1 root root 1, 11 /);
  });

  it('dmesg natively reads the log of the host kernel (/dev/kmsg) as util-linux does', () => {
    const dir = scratch();
    // The oldest records: they stay while the test runs.
    for (const args of [
      [],
      ['-r'],
      ['-x'],
      ['-t'],
      ['-l', 'err,warn'],
      ['-k'],
      ['-f', 'kern'],
      ['-T'],
    ]) {
      const command = (path: string) =>
        spawnSync('sh', ['-c', `${path} ${args.join(' ')} | head -n 20`], {
          cwd: dir,
          env: ENV,
          encoding: 'utf8',
        });
      const reference = command('/usr/bin/dmesg');
      expect(reference.stdout, `dmesg ${args.join(' ')} printed nothing`).not.toBe('');
      expect(command(`${nativePath('box')} dmesg`).stdout).toBe(reference.stdout);
    }
  });
});

type Step = { expect: string | RegExp } | { send: string };

/** Runs `command` on a Linux pseudo-terminal (test/tty/pty-session.py). */
function linuxTerminal(steps: Step[], command: string[]): { screen: string; status: number } {
  const found = spawnSync('python3', ['--version']);
  if (found.status !== 0)
    throw new Error('python3 is missing: install it (apt-get install python3)');
  const driver = fileURLToPath(new URL('../tty/pty-session.py', import.meta.url));
  const output = spawnSync('python3', [driver, JSON.stringify(steps), ...command], {
    encoding: 'utf8',
    env: { ...ENV },
    timeout: 60_000,
  });
  const session = JSON.parse(output.stdout) as { screen: string; status: number; error: string };
  if (session.error) throw new Error(`${session.error}; the terminal showed:\n${session.screen}`);
  return { screen: session.screen, status: session.status };
}

describe('box utilities on a terminal: bocal console and a Linux pty', { timeout: 60_000 }, () => {
  const kernel = new BoxKernel();
  const encoder = new TextEncoder();
  let screen = '';
  let dir = '';

  beforeAll(async () => {
    await kernel.install([
      'sh',
      'stty',
      'top',
      'ps',
      'watch',
      'more',
      'less',
      'seq',
      'cat',
      'echo',
      'sleep',
      'tr',
      'wc',
      'grep',
    ]);
    dir = hostScratch();
    const numbers = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    await kernel.prepare(dir, [{ file: 'numbers', content: numbers }]);
    const decoder = new TextDecoder();
    kernel.kernel.console.onOutput((bytes) => (screen += decoder.decode(bytes, { stream: true })));
  });
  afterAll(async () => {
    await kernel.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Waits until the screen (from `from` on) shows `wanted`; returns where it ends. */
  async function seen(wanted: string | RegExp, from: number): Promise<number> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const text = screen.slice(from);
      if (typeof wanted === 'string') {
        const at = text.indexOf(wanted);
        if (at >= 0) return from + at + wanted.length;
      } else {
        const match = wanted.exec(text);
        if (match) return from + match.index + match[0].length;
      }
      if (Date.now() > deadline)
        throw new Error(`never saw ${String(wanted)}; the console showed:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Runs argv on bocal's console, following `steps`; what it showed and its status. */
  async function onConsole(argv: string[], steps: Step[] = [], env: string[] = []) {
    const start = screen.length;
    const { exited } = await kernel.kernel.spawn({
      program: { path: `/bin/${argv[0]}` },
      argv,
      env: [...Object.entries(ENV).map(([k, v]) => `${k}=${v}`), ...env],
      cwd: dir,
      console: true,
    });
    // Each expectation is looked for after the previous one, as pty-session.py does.
    let mark = start;
    for (const step of steps) {
      if ('send' in step) kernel.kernel.console.input(encoder.encode(step.send));
      else mark = await seen(step.expect, mark);
    }
    const status = shellExitCode(await exited);
    return { screen: screen.slice(start), status };
  }

  it('stty shows and changes the console as GNU stty does a Linux pty', async () => {
    const script =
      'stty sane -iutf8 rows 24 cols 80; stty; stty -a; stty raw -echo; stty; stty -raw echo; ' +
      'stty -icanon min 3 time 5 intr ^A; stty; stty sane; stty size; stty rows 30 cols 100; ' +
      'stty size; stty -a; stty -g | tr : "\\n" | wc -l; stty foo; stty rows x; ' +
      'stty rows 24 cols 80; echo end';
    const ours = await onConsole(['sh', '-c', script]);
    const linux = linuxTerminal([{ expect: 'end' }], ['sh', '-c', script]);
    expect(ours.screen).toContain('speed 38400 baud; rows 24; columns 80; line = 0;');
    expect(ours).toEqual(linux);
  });
  it('top -b -n 1 shows procps-ng headers and the processes ps shows', async () => {
    const result = await kernel.run(
      ['sh', '-c', 'sleep 3 & top -b -n 1; echo ===; ps -e -o pid=,comm='],
      dir,
    );
    expect(result.stderr).toBe('');
    const [top, ps] = result.stdout.split('===\n');
    const lines = top!.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^top - \d\d:\d\d:\d\d up +(\d+ min|\d+:\d\d), {2}0 user, {2}load average: 0\.00, 0\.00, 0\.00$/,
    );
    expect(lines[1]).toMatch(
      /^Tasks: +\d+ total, +\d+ running, +\d+ sleeping, +0 stopped, +0 zombie$/,
    );
    expect(lines[2]).toMatch(/^%Cpu\(s\):/);
    expect(lines[3]).toMatch(
      /^MiB Mem : +[\d.]+ total, +[\d.]+ free, +[\d.]+ used, +[\d.]+ buff\/cache {5}$/,
    );
    expect(lines[4]).toMatch(
      /^MiB Swap: +0\.0 total, +0\.0 free, +0\.0 used\. +[\d.]+ avail Mem $/,
    );
    expect(lines[6]).toMatch(
      /^ +PID USER {6}PR {2}NI {4}VIRT {4}RES {4}SHR S {2}%CPU {2}%MEM {5}TIME\+ COMMAND$/,
    );
    const rows = lines.slice(7).map((row) => row.trim().split(/ +/));
    const shown = (list: string[][]) => list.map((row) => `${row[0]} ${row.at(-1)}`);
    // Each is its own last row (top, then ps); the others are the same processes.
    const psRows = ps!
      .trim()
      .split('\n')
      .map((row) => row.trim().split(/ +/));
    expect(shown(rows).slice(0, -1)).toEqual(shown(psRows).slice(0, -1));
    expect(rows.at(-1)!.at(-1)).toBe('top');
    expect(Number(lines[1]!.match(/(\d+) total/)![1])).toBe(rows.length);
  });

  it('top on the console redraws every -d seconds in non-canonical mode, and q quits', async () => {
    const ours = await onConsole(
      ['sh', '-c', 'top -d 0.2; stty | grep -c icanon; echo done'],
      [{ expect: 'COMMAND' }, { expect: 'COMMAND' }, { send: 'q' }, { expect: 'done' }],
    );
    expect(ours.status).toBe(0);
    const frames = ours.screen.split('\x1b[H\x1b[2J').length - 1;
    expect(frames).toBeGreaterThanOrEqual(2);
    expect(ours.screen).toMatch(/top - \d\d:\d\d:\d\d up/);
    // The terminal is given back canonical: stty lists nothing about icanon.
    expect(ours.screen.slice(-40)).toMatch(/\r\n0\r\ndone\r\n$/);
  });

  it('watch redraws the output of its command with a title until ^C', async () => {
    const ours = await onConsole(
      ['watch', '-n', '0.2', 'echo hello; echo world'],
      [{ expect: 'hello\r\nworld' }, { expect: 'hello\r\nworld' }, { send: '\x03' }],
    );
    expect(ours.status).toBe(0);
    expect(
      ours.screen.startsWith('\x1b[?1049h\x1b[H\x1b[2JEvery 0.2s: echo hello; echo world'),
    ).toBe(true);
    expect(ours.screen).toMatch(
      /Every 0\.2s: echo hello; echo world +\S+: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\r\n\r\nhello\r\nworld/,
    );
    expect(ours.screen.split('\x1b[H\x1b[2J').length - 1).toBeGreaterThanOrEqual(2);
    expect(ours.screen.endsWith('\x1b[?1049l')).toBe(true);
    const untitled = await onConsole(
      ['watch', '-t', '-n', '0.2', 'echo plain'],
      [{ expect: 'plain' }, { send: '\x03' }],
    );
    expect(untitled.screen.startsWith('\x1b[?1049h\x1b[H\x1b[2Jplain')).toBe(true);
  });

  it('less pages, searches, shows (END) and quits with q', async () => {
    const ours = await onConsole(
      ['less', 'numbers'],
      [
        { expect: '\x1b[7mnumbers\x1b[27m' },
        { send: ' ' },
        { expect: 'line 46\r\n:' },
        { send: '/line 77\r' },
        { expect: '\x1b[H\x1b[2Jline 77\r\n' },
        { send: 'G' },
        { expect: 'line 100\r\n\x1b[7m(END)\x1b[27m' },
        { send: 'b' },
        { expect: 'line 77\r\n' },
        { send: 'q' },
      ],
    );
    expect(ours.status).toBe(0);
    // The first screen: 23 lines of the file (the console has 24 rows) and the name.
    expect(ours.screen).toContain(
      '\x1b[H\x1b[2Jline 1\r\n' +
        Array.from({ length: 22 }, (_, i) => `line ${i + 2}\r\n`).join('') +
        '\x1b[7mnumbers\x1b[27m',
    );
    const piped = await onConsole(
      ['sh', '-c', 'cat numbers | less -N; echo status $?'],
      [{ expect: '     23 line 23\r\n:' }, { send: 'q' }, { expect: 'status 0' }],
    );
    expect(piped.screen).toContain('      1 line 1\r\n');
  });

  it('more pages down with --More--(NN%), Enter for a line, /RE skips ahead, q quits', async () => {
    const ours = await onConsole(
      ['more', 'numbers'],
      [
        { expect: 'line 23\r\n\x1b[7m--More--(' },
        { send: ' ' },
        { expect: 'line 46\r\n\x1b[7m--More--(' },
        { send: '\r' },
        { expect: 'line 47\r\n\x1b[7m--More--(' },
        { send: '/line 60\r' },
        { expect: '...skipping\r\nline 58\r\nline 59\r\nline 60\r\n' },
        { expect: '--More--' },
        { send: 'q' },
      ],
    );
    expect(ours.status).toBe(0);
    // The share of the bytes shown: 175 of the file's 792.
    expect(ours.screen).toContain('line 23\r\n\x1b[7m--More--(22%)\x1b[27m');
    // At the end of the input, more ends by itself.
    const pages: Step[] = [];
    for (let i = 0; i < 4; i++) pages.push({ expect: '--More--' }, { send: ' ' });
    const end = await onConsole(['more', 'numbers'], pages);
    expect(end.screen).toContain('line 100\r\n');
    expect(end.status).toBe(0);
  });
});
