// CPU time on bocal, as a user sees it: the shell's `times`, the utime and
// stime fields of /proc/PID/stat, and ps's TIME and %CPU. The kernel counts a
// process's time alive minus the time it waited (cgroup/task-usage.ts), so a
// busy loop shows user time and a sleep shows almost none. The bounds hold
// on a loaded machine: waiting for a CPU still counts as CPU time here, so
// load can only raise a busy loop's figures, and a sleep's are far below its
// second.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { BoxKernel, hostScratch } from '../support/box.ts';

/** A shell loop that computes for a quarter of a second or more (on a fast idle core). */
const BUSY = 'i=0; while [ $i -lt 40000 ]; do i=$((i+1)); done';

/** The seconds of one `times` line: "0m0.250000s 0m0.010000s" → [0.25, 0.01]. */
function seconds(line: string | undefined): [number, number] {
  const match = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(line ?? '');
  if (!match) throw new Error(`not a times line: ${line}`);
  const [, um, us, sm, ss] = match.map(Number);
  return [um! * 60 + us!, sm! * 60 + ss!];
}

describe('CPU time on bocal', () => {
  const box = new BoxKernel();
  let dir = '';
  beforeAll(async () => {
    await box.install(['sh', 'sleep', 'ps', 'cat', 'top']);
    dir = hostScratch();
    await box.prepare(dir, []);
  });
  afterAll(async () => {
    await box.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a busy loop shows user time in times, in /proc/PID/stat and in ps', async () => {
    const result = await box.run(
      ['sh', '-c', `${BUSY}; sleep 1; times; cat /proc/$$/stat; ps -o time=,bsdtime=,%cpu= -p $$`],
      dir,
    );
    expect(result.stderr).toBe('');
    const [own, children, stat, ps] = result.stdout.trimEnd().split('\n');
    const [user, system] = seconds(own);
    expect(user).toBeGreaterThanOrEqual(0.1);
    expect(system).toBeLessThan(user);
    // The children's: the sleep's, which slept.
    expect(seconds(children).reduce((a, b) => a + b)).toBeLessThan(0.5);
    // utime and stime (fields 14 and 15) in clock ticks of 1/100 s.
    const fields = stat!.slice(stat!.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    expect(utime).toBeGreaterThanOrEqual(Math.floor(user * 100));
    expect(stime).toBeGreaterThanOrEqual(0);
    // starttime (field 22): after boot, in ticks.
    expect(Number(fields[19])).toBeGreaterThanOrEqual(0);
    // TIME is whole seconds; %CPU the time used over the whole seconds since
    // the start (at least one: the sleep), at least 0.1 s over about 1.1 s.
    const [time, bsdtime, pcpu] = ps!.trim().split(/\s+/);
    const whole = Math.floor((utime + stime) / 100);
    expect(time).toMatch(/^00:00:\d\d$/);
    expect(Number(time!.slice(-2))).toBeGreaterThanOrEqual(whole);
    expect(bsdtime).toMatch(/^0:\d\d$/);
    expect(Number(pcpu)).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('a sleep uses almost no CPU time, and its parent is charged it only once waited for', async () => {
    const result = await box.run(['sh', '-c', 'sleep 1 & times; wait; times'], dir);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(seconds(lines[1])).toEqual([0, 0]);
    const [user, system] = seconds(lines[3]);
    expect(user + system).toBeLessThan(0.5);
  }, 60_000);

  it("top's %CPU of a busy process is its share of the time between two frames", async () => {
    const result = await box.run(
      ['sh', '-c', 'sh -c "while :; do :; done" & top -b -n 2 -d 0.5 -p $!; kill -9 $!'],
      dir,
    );
    expect(result.stderr).toBe('');
    const rows = result.stdout.split('\n').filter((row) => /^ *\d+ root /.test(row));
    expect(rows).toHaveLength(2);
    // PID USER PR NI VIRT RES SHR S %CPU %MEM TIME+ COMMAND: the second frame's %CPU.
    const columns = rows[1]!.trim().split(/ +/);
    expect(columns.at(-1)).toBe('sh');
    // A loop that never blocks is charged all its time, however busy the host.
    expect(Number(columns[8])).toBeGreaterThanOrEqual(50);
    expect(columns[10]).toMatch(/^0:\d\d\.\d\d$/);
  }, 60_000);

  it("a busy child's time is added to its parent's children's time when waited for", async () => {
    const result = await box.run(['sh', '-c', `times; sh -c '${BUSY}'; times`], dir);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(seconds(lines[1])).toEqual([0, 0]);
    const [user] = seconds(lines[3]);
    expect(user).toBeGreaterThanOrEqual(0.1);
    // The parent only waited: its own time stays below the child's.
    expect(seconds(lines[2])[0]).toBeLessThan(user);
  }, 60_000);
});
