// ps against procps-ng. Natively, in a new pid namespace with its own /proc
// (unshare -p -f --mount-proc, as root) so that both see the same few
// processes: a shell, a sleeping child and ps itself; Debian's /usr/bin/ps
// and our box (as `ps`, by a symlink on PATH) must print the same, but for
// what the moment and the memory decide. On bocal the same scenario must give
// procps's headers and one row per process with the values /proc shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BoxKernel, hostScratch } from '../support/box.ts';
import { nativePath } from '../support/programs.ts';

const formats = [
  [],
  ['-ef'],
  ['aux'],
  ['ax'],
  ['-o', 'pid,ppid,comm,args'],
  ['-o', 'pid,user,stat,tty,time,cmd,pgid,sid,uid,comm'],
  ['-p', '1', '-o', 'pid=,comm='],
  ['-o', 'pid=P,comm=Name', '-o', 'stat'],
  ['-e', '-o', 'comm,pid'],
  ['-f', '-p', '2,1'],
  ['-p', '99'],
  ['a'],
  ['-o', 'bogus'],
  ['-Q'],
];

/**
 * What may differ between two runs of the same scenario: the minute a
 * process started (STIME, START), and aux's %CPU, %MEM, VSZ and RSS (ps's
 * own memory is its program's).
 */
function normalise(output: string): string {
  return (
    output
      .replace(/\b\d\d:\d\d\b(?!:)/g, '<hh:mm>')
      // pid 1 (the shell that started ps) is running or already waiting for
      // ps, depending on when ps reads it: R or S, on either side.
      .replace(/^(\s*(?:\S+\s+)?1\s.*?\s)[RS](\s)/m, '$1<R|S>$2')
      .replace(/^(\S+ +\d+) +[\d.]+ +[\d.]+ +\d+ +\d+ /gm, '$1 <cpu> <mem> <vsz> <rss> ')
  );
}

describe('ps: procps-ng and box agree on a controlled scenario', () => {
  let bin = '';
  beforeAll(() => {
    bin = mkdtempSync(join(tmpdir(), 'box-ps-'));
    symlinkSync(nativePath('box'), join(bin, 'ps'));
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  /** `sh -c 'sleep 3 & sleep 0.2; ps ARGS'` as pid 1 of a new pid namespace. */
  function inNamespace(args: string[], path: string): { output: string; status: number } {
    const quoted = args.map((a) => `'${a}'`).join(' ');
    const result = spawnSync(
      'unshare',
      ['-p', '-f', '--mount-proc', 'sh', '-c', `sleep 3 & sleep 0.2; ps ${quoted}`],
      { encoding: 'utf8', env: { LC_ALL: 'C', TZ: 'UTC', PATH: path } },
    );
    if (result.error || /unshare: /.test(result.stderr))
      throw new Error(
        `this test needs util-linux's unshare and root (pid namespaces): ${result.error?.message ?? result.stderr}`,
      );
    return { output: result.stdout + result.stderr, status: result.status ?? 128 };
  }

  it.each(formats.map((f) => [f.join(' ') || '(no options)', f] as const))('ps %s', (_, args) => {
    const reference = inNamespace(args, '/usr/bin:/bin');
    const box = inNamespace(args, `${bin}:/usr/bin:/bin`);
    expect(reference.output, 'the reference ps printed nothing').not.toBe('');
    expect({ ...box, output: normalise(box.output) }).toEqual({
      ...reference,
      output: normalise(reference.output),
    });
  });
});

describe('ps on bocal', () => {
  const kernel = new BoxKernel();
  let dir = '';
  beforeAll(async () => {
    await kernel.install(['sh', 'sleep', 'ps', 'cat', 'kill']);
    dir = hostScratch();
    await kernel.prepare(dir, []);
  });
  afterAll(async () => {
    await kernel.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Output lines, the header first, of `ps ARGS` beside a sleeping child. */
  async function ps(args: string): Promise<string[]> {
    const result = await kernel.run(['sh', '-c', `sleep 2 & ps ${args}; kill $!`], dir);
    expect(result.stderr).toBe('');
    return result.stdout.trimEnd().split('\n');
  }

  // No /proc/sys/kernel/pid_max here: pid columns are procps's default 5 wide.
  it('ps -ef: procps headers and a row per process, children under their parent', async () => {
    const [header, ...rows] = await ps('-ef');
    expect(header).toBe('UID        PID  PPID  C STIME TTY          TIME CMD');
    // C is the CPU share since the start: 0 within its first second, and
    // the kernel's account of CPU time after (cgroup/task-usage.ts).
    const row = /^root +(\d+) +(\d+) +\d+ \d\d:\d\d \? {8}00:00:0\d (.*)$/;
    const parsed = rows.map((r) => r.match(row)?.slice(1) ?? r);
    const shell = parsed.find((r) => r[2] === `sh -c sleep 2 & ps -ef; kill $!`)!;
    expect(shell, rows.join('\n')).toBeDefined();
    expect(parsed).toContainEqual([expect.any(String), shell[0], 'sleep 2']);
    expect(parsed).toContainEqual([expect.any(String), shell[0], 'ps -ef']);
    expect(parsed[0]).toEqual(['1', '0', 'init']);
  });

  it('ps aux and -o: headers, columns one space apart, values from /proc', async () => {
    const [aux, ...rows] = await ps('aux');
    expect(aux).toBe('USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(rows.at(-1)).toMatch(
      /^root +\d+ +\d+\.\d {2}0\.0 {6}0 {5}0 \? {8}R\S* +\d\d:\d\d {3}0:0\d ps aux$/,
    );
    const [header, own, stat] = await ps('-o pid,ppid,stat,comm,args -p $$; cat /proc/$$/stat');
    expect(header).toBe('  PID  PPID STAT COMMAND         COMMAND');
    const [, pid, comm, ppid] = stat!.match(/^(\d+) \((.*)\) \S (\d+) /)!;
    expect(own).toBe(
      `${pid!.padStart(5)} ${ppid!.padStart(5)} S    ${comm!.padEnd(15)} ` +
        'sh -c sleep 2 & ps -o pid,ppid,stat,comm,args -p $$; cat /proc/$$/stat; kill $!',
    );
  });

  it('ps -p with no such process prints the header only and exits 1', async () => {
    const result = await kernel.run(['ps', '-p', '999'], dir);
    expect(result).toEqual({ stdout: '  PID TTY          TIME CMD\n', stderr: '', status: 1 });
  });
});
