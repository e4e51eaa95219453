// The box utilities added for text and processes (grep sort uniq tr cut tee
// env printenv id whoami uname hostname sleep seq yes kill) against the
// Debian tools (GNU grep 3.8, coreutils 9.1, procps-ng's kill): each command
// line, with an optional standard input, runs in a fresh scratch directory
// three ways (reference /usr/bin/NAME, native box, box on bocal), and
// stdout, stderr and the exit status must all equal the reference's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { BoxKernel, ENV, hostScratch, prepareHost } from '../support/box.ts';
import type { BoxResult, ScratchEntry } from '../support/box.ts';
import { nativePath } from '../support/programs.ts';

const files: ScratchEntry[] = [
  { file: 'a.txt', content: 'one\ntwo\n\n\nthree four\nfive\tsix\n' },
  { file: 'f.txt', content: 'banana 3\napple 10\nCherry 2\napple 10\ndate -1\nbanana 3\n' },
  {
    file: 'p.txt',
    content:
      'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n' +
      'bin:x:2:2:bin:/bin:/usr/sbin/nologin\n',
  },
  { file: 'pat', content: 'apple\nsix\n' },
  { file: 'bin.dat', content: 'abc\0def\nxyz\nabc\n' },
  { file: 'big', content: `${'wx'.repeat(60000)}\nneedle\n${'y'.repeat(70000)}z\n` },
  { dir: 'd/e' },
  { file: 'd/f', content: 'x two\n' },
];

interface Case {
  argv: string[];
  stdin?: string;
}

const text = 'Hello, World\nhello  again\n\tTabs and   spaces\n';

const cases: Case[] = [
  // grep
  { argv: ['grep', 'o', 'a.txt'] },
  { argv: ['grep', '-n', '-i', 'T', 'a.txt', 'f.txt'] },
  { argv: ['grep', '-c', 'o', 'a.txt', 'f.txt'] },
  { argv: ['grep', '-v', '-n', 'o', 'a.txt'] },
  { argv: ['grep', '-l', 'o', 'a.txt', 'f.txt', 'p.txt'] },
  { argv: ['grep', '-L', 'o', 'a.txt', 'f.txt', 'p.txt'] },
  { argv: ['grep', '-q', 'zzz', 'a.txt'] },
  { argv: ['grep', '-q', 'one', 'missing', 'a.txt'] },
  { argv: ['grep', '-E', 'a+p|ch', 'f.txt'] },
  { argv: ['grep', '-E', 'a{2}|n{1}a', 'f.txt'] },
  { argv: ['grep', '-F', 'a.', 'a.txt'] },
  { argv: ['grep', '-w', 'two', 'a.txt', 'd/f'] },
  { argv: ['grep', '-iw', 'APPLE', 'f.txt'] },
  { argv: ['grep', '-wF', 'an', 'f.txt'] },
  { argv: ['grep', '-x', 'one', 'a.txt'] },
  { argv: ['grep', '-xF', 'apple 10', 'f.txt'] },
  { argv: ['grep', '-e', 'one', '-e', 'six', 'a.txt'] },
  { argv: ['grep', '-f', 'pat', 'a.txt', 'f.txt'] },
  { argv: ['grep', '-r', 'two', 'd'] },
  { argv: ['grep', 'two', 'd'] },
  { argv: ['grep', 'one', 'missing', 'a.txt'] },
  { argv: ['grep', '-s', 'one', 'missing'] },
  { argv: ['grep', '-h', 'o', 'a.txt', 'f.txt'] },
  { argv: ['grep', '-c', '', 'a.txt'] },
  { argv: ['grep', '-n', '^$', 'a.txt'] },
  { argv: ['grep', '\\(a\\)\\1', 'f.txt'] },
  { argv: ['grep', '[', 'a.txt'] },
  { argv: ['grep', '-E', '(', 'a.txt'] },
  { argv: ['grep', 'o\\{2', 'a.txt'] },
  { argv: ['grep'] },
  { argv: ['grep', '-n', 'abc', 'a.txt', 'bin.dat'] },
  { argv: ['grep', '-c', 'abc', 'bin.dat'] },
  { argv: ['grep', '-c', 'x'], stdin: 'a\0x\nx\n' },
  { argv: ['grep', '-n', 'needle\\|z$', 'big'] },
  { argv: ['grep', '-c', 'w', 'big'] },
  { argv: ['grep', '-i', 'hello'], stdin: text },
  { argv: ['grep', '-c', 'x'], stdin: text },
  { argv: ['grep', '-m', '1', '-n', 'e'], stdin: text },
  { argv: ['grep', '-E', 'a[[:digit:]', 'f.txt'] },
  // sort
  { argv: ['sort', 'f.txt'] },
  { argv: ['sort', '-r', 'f.txt'] },
  { argv: ['sort', '-n', '-k2', 'f.txt'] },
  { argv: ['sort', '-u', 'f.txt'] },
  { argv: ['sort', '-f', 'f.txt'] },
  { argv: ['sort', '-t:', '-k3', '-n', 'p.txt'] },
  { argv: ['sort', '-t', ':', '-k', '6,6', '-r', 'p.txt'] },
  { argv: ['sort', '-k2n', '-k1r', 'f.txt'] },
  { argv: ['sort', '-nr', '-k2,2', 'f.txt'] },
  { argv: ['sort', '-k1.2,1.3', 'f.txt'] },
  { argv: ['sort', '-u', '-k1,1', 'f.txt'] },
  { argv: ['sort', '-s', '-k1,1', 'f.txt'] },
  { argv: ['sort', '-n'], stdin: '10\n9\n-3\n2.5\nx\n\n' },
  { argv: ['sort', 'missing'] },
  { argv: ['sort', '-o', 'sorted', '-r', 'a.txt'] },
  { argv: ['sort', '-k', 'x', 'a.txt'] },
  // uniq
  { argv: ['uniq', 'f.txt'] },
  { argv: ['uniq', '-c', 'a.txt'] },
  { argv: ['uniq', '-d', 'a.txt'] },
  { argv: ['uniq', '-u', 'a.txt'] },
  { argv: ['uniq', '-c', '-i'], stdin: 'a\nA\nb\nb\nb\nc\n' },
  { argv: ['uniq', 'missing'] },
  { argv: ['uniq', '-u', 'f.txt', 'out'] },
  // tr
  { argv: ['tr', 'a-z', 'A-Z'], stdin: text },
  { argv: ['tr', '[:lower:]', '[:upper:]'], stdin: text },
  { argv: ['tr', '-d', 'lo'], stdin: text },
  { argv: ['tr', '-s', ' '], stdin: text },
  { argv: ['tr', '-cd', '[:alpha:]\\n'], stdin: text },
  { argv: ['tr', '-c', 'a-zA-Z', '_'], stdin: text },
  { argv: ['tr', '-ds', 'l', ' '], stdin: text },
  { argv: ['tr', 'abcdefgh', 'xy'], stdin: 'abcdefghij\n' },
  { argv: ['tr', '\\t', '\\101'], stdin: text },
  { argv: ['tr', 'a'] },
  { argv: ['tr'] },
  { argv: ['tr', '-d', 'a', 'b'] },
  { argv: ['tr', 'z-a', 'x'] },
  { argv: ['tr', 'a-f', '[x*3]yz'], stdin: 'abcdefg\n' },
  { argv: ['tr', '-s', '[:digit:]', 'N'], stdin: 'a1234b56\n' },
  // cut
  { argv: ['cut', '-d:', '-f1,6', 'p.txt'] },
  { argv: ['cut', '-c1-3', 'a.txt'] },
  { argv: ['cut', '-c', '-2,4', 'a.txt'] },
  { argv: ['cut', '-d', ' ', '-f2', 'f.txt'] },
  { argv: ['cut', '-f2', 'a.txt'] },
  { argv: ['cut', '-s', '-f2', 'a.txt'] },
  { argv: ['cut', '-d:', '-f3-', 'p.txt'] },
  { argv: ['cut', '-d:', '--complement', '-f2', 'p.txt'] },
  { argv: ['cut', '-d:', '-f1,3', '--output-delimiter= | ', 'p.txt'] },
  { argv: ['cut', 'a.txt'] },
  { argv: ['cut', '-d', 'ab', '-f1', 'a.txt'] },
  { argv: ['cut', '-f0', 'a.txt'] },
  { argv: ['cut', '-f', '3-1', 'a.txt'] },
  { argv: ['cut', '-c1', 'missing'] },
  // tee
  { argv: ['tee', 'out1', 'out2'], stdin: 'to files\n' },
  { argv: ['tee', '-a', 'a.txt'], stdin: 'appended\n' },
  { argv: ['tee', 'd', 'out'], stdin: 'x\n' },
  // env, printenv
  { argv: ['printenv', 'LC_ALL'] },
  { argv: ['printenv', 'NOPE', 'TZ'] },
  { argv: ['env', '-i', 'A=1', 'B=2'] },
  { argv: ['env', '-u', 'TZ', '-i', 'X=y'] },
  { argv: ['env', '-i', 'A=b', 'printenv', 'A'] },
  { argv: ['env', 'nope-cmd'] },
  { argv: ['env', '-x'] },
  // id, whoami, uname, hostname
  { argv: ['id'] },
  { argv: ['id', '-u'] },
  { argv: ['id', '-gn'] },
  { argv: ['id', '-G'] },
  { argv: ['id', '-un'] },
  { argv: ['id', '-n'] },
  { argv: ['id', 'root'] },
  { argv: ['id', '-Gn', 'root'] },
  { argv: ['id', '-u', '0', 'nosuch'] },
  { argv: ['whoami'] },
  { argv: ['whoami', 'x'] },
  { argv: ['uname'] },
  { argv: ['uname', '-s', '-o'] },
  { argv: ['uname', '-x'] },
  // sleep, seq
  { argv: ['sleep', '0.01'] },
  { argv: ['sleep', '0', '0s', '1m', 'x'] },
  { argv: ['sleep'] },
  { argv: ['seq', '5'] },
  { argv: ['seq', '2', '4'] },
  { argv: ['seq', '10', '-3', '1'] },
  { argv: ['seq', '-w', '8', '11'] },
  { argv: ['seq', '-s,', '3'] },
  { argv: ['seq', '1', '0.5', '3'] },
  { argv: ['seq', '-1', '1'] },
  { argv: ['seq', '0.1', '0.1', '0.5'] },
  { argv: ['seq', '-f', '%.2f', '1', '3'] },
  { argv: ['seq', '5', '1'] },
  { argv: ['seq', 'x'] },
  { argv: ['seq', '1', '0', '3'] },
  { argv: ['seq'] },
  // kill (procps-ng)
  { argv: ['kill', '-l'] },
  { argv: ['kill', '-l', '9'] },
  { argv: ['kill', '-l', 'SIGKILL'] },
  { argv: ['kill', '-l', '99'] },
  { argv: ['kill'] },
  { argv: ['kill', '-9', '999999'] },
  { argv: ['kill', '-s', '0', '999999'] },
  { argv: ['kill', '-BOGUS', '1'] },
  { argv: ['kill', 'abc'] },
  { argv: ['kill', '--help'] },
];

/** Runs `argv` natively with `stdin`: the reference (/usr/bin/NAME) or build/native/box. */
function runHost(which: 'reference' | 'native', c: Case, cwd: string): BoxResult {
  const [name, ...args] = c.argv;
  const options = { cwd, env: ENV, encoding: 'utf8' as const, input: c.stdin ?? '' };
  const result =
    which === 'reference'
      ? spawnSync(`/usr/bin/${name}`, args, { ...options, argv0: name })
      : spawnSync(nativePath('box'), c.argv, options);
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status ?? 128 };
}

/** The scratch directory's path (mkdtemp) is `<scratch>`. */
function normalise(result: BoxResult, dir: string): BoxResult {
  const clean = (output: string) => output.split(dir).join('<scratch>');
  return { stdout: clean(result.stdout), stderr: clean(result.stderr), status: result.status };
}

const label = (c: Case) => c.argv.join(' ') + (c.stdin === undefined ? '' : ' <stdin');

describe('box utilities: Debian grep, coreutils and procps, native box and box on bocal agree', () => {
  const kernel = new BoxKernel();
  const scratches: string[] = [];
  const applets = [
    ...new Set([...cases.map((c) => c.argv[0]!), 'cat', 'head', 'sh', 'yes', 'hostname']),
  ];

  beforeAll(async () => {
    await kernel.install(applets);
  });
  afterAll(async () => {
    await kernel.shutdown();
    for (const dir of scratches) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs a case three ways; after tee, the files it wrote are appended to stdout. */
  async function threeWays(c: Case): Promise<BoxResult[]> {
    const results: BoxResult[] = [];
    const written = c.argv[0] === 'tee' ? c.argv.slice(1).filter((a) => !a.startsWith('-')) : [];
    for (const which of ['reference', 'native', 'bocal'] as const) {
      const dir = hostScratch();
      scratches.push(dir);
      let result: BoxResult;
      if (which === 'bocal') {
        await kernel.prepare(dir, files);
        result = await kernel.run(c.argv, dir, c.stdin ?? '');
        for (const file of written)
          result.stdout += '--- ' + (await kernel.run(['cat', file], dir)).stdout;
      } else {
        prepareHost(dir, files);
        result = runHost(which, c, dir);
        for (const file of written)
          result.stdout += '--- ' + runHost('reference', { argv: ['cat', file] }, dir).stdout;
      }
      results.push(normalise(result, dir));
    }
    return results;
  }

  it.each(cases.map((c) => [label(c), c] as const))('%s', async (_, c) => {
    const [reference, native, bocal] = await threeWays(c);
    expect(native, 'native box differs from the Debian tool').toEqual(reference);
    expect(bocal, 'box on bocal differs from the Debian tool').toEqual(reference);
  });

  it('yes | grep -m 3 ends yes quietly, natively and on bocal', async () => {
    const dir = hostScratch();
    scratches.push(dir);
    await kernel.prepare(dir, []);
    const onBocal = await kernel.run(['sh', '-c', 'yes a b | grep -m 3 a; echo done'], dir);
    expect(onBocal).toEqual({ stdout: 'a b\na b\na b\ndone\n', stderr: '', status: 0 });
    // Natively through dash's real pipe: Node ignores SIGPIPE and its
    // children inherit that, so yes sees EPIPE, and must stay quiet.
    const native = spawnSync('/bin/sh', ['-c', `"${nativePath('box')}" yes a b | head -n 3`], {
      encoding: 'utf8',
    });
    expect(native.stdout).toBe('a b\na b\na b\n');
    expect(native.stderr).toBe('');
  });

  it('yes | head -n 3 ends: head stops reading once it has its lines, yes dies of SIGPIPE', async () => {
    const dir = hostScratch();
    scratches.push(dir);
    await kernel.prepare(dir, []);
    const onBocal = await kernel.run(['sh', '-c', 'yes | head -n 3; echo "head: $?"'], dir);
    expect(onBocal).toEqual({ stdout: 'y\ny\ny\nhead: 0\n', stderr: '', status: 0 });
  });

  it('names a process after the link it was run through, as Linux sets comm', async () => {
    const dir = hostScratch();
    scratches.push(dir);
    await kernel.prepare(dir, []);
    // /bin/cat is a link to /bin/box: comm is "cat", /proc/self/exe the file it names.
    expect(await kernel.run(['cat', '/proc/self/comm'], dir)).toEqual({
      stdout: 'cat\n',
      stderr: '',
      status: 0,
    });
  });

  it('uname -a, hostname (and setting it) and kill act on the kernel they run on', async () => {
    const dir = hostScratch();
    scratches.push(dir);
    await kernel.prepare(dir, []);
    const all = await kernel.run(['uname', '-a'], dir);
    const node = (await kernel.run(['uname', '-n'], dir)).stdout.trim();
    const release = (await kernel.run(['uname', '-r'], dir)).stdout.trim();
    const machine = (await kernel.run(['uname', '-m'], dir)).stdout.trim();
    expect(all.status).toBe(0);
    expect(all.stdout.startsWith(`Linux ${node} ${release} `)).toBe(true);
    expect(all.stdout.endsWith(` ${machine} GNU/Linux\n`)).toBe(true);
    expect(await kernel.run(['hostname'], dir)).toEqual({
      stdout: `${node}\n`,
      stderr: '',
      status: 0,
    });
    const killed = await kernel.run(
      ['sh', '-c', 'sleep 5 & kill -s TERM $!; wait $!; echo $?'],
      dir,
    );
    expect(killed.stdout).toBe('143\n');
    // Last, as it changes the kernel's name for everything after it.
    const renamed = await kernel.run(['sh', '-c', 'hostname jar; hostname; uname -n'], dir);
    expect(renamed).toEqual({ stdout: 'jar\njar\n', stderr: '', status: 0 });
  });
});
