// cgroups from box's sh on the kernel, as a Linux course uses them: make a
// cgroup under /sys/fs/cgroup, set pids.max or memory.max, move the shell
// in with `echo $$ > cgroup.procs`, then run a fork bomb or a memory hog.
// The bomb ends in EAGAIN messages and the host still runs commands; the
// hog is OOM-killed (137) while its neighbour lives on.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFile } from '../../../src/kernel/boot/kernel-files.ts';
import { BoxKernel } from '../../support/box.ts';
import { wasmPath } from '../../support/programs.ts';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { cgroupStats, createLimitedCgroup } from '../../../src/kernel/cgroup/containers.ts';
import { capturedStdio } from '../../support/captured-stdio.ts';
import { ROOT, read, write } from './support.ts';

const APPLETS = ['sh', 'cat', 'mkdir', 'rmdir', 'sleep', 'true', 'ls', 'unshare'];

let box: BoxKernel | undefined;
afterEach(async () => {
  await box?.shutdown();
  box = undefined;
});

async function boot(): Promise<BoxKernel> {
  box = new BoxKernel();
  await box.install(APPLETS);
  return box;
}

/** Polls `condition` every 50 ms until it holds (the test's own timeout bounds it). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('cgroups from the shell', () => {
  it('a fork bomb under pids.max gets EAGAIN, stays within the limit, and the host still runs commands', async () => {
    const { kernel } = await boot();
    const setup = await box!.run(
      [
        'sh',
        '-c',
        `cd ${ROOT} && echo +pids > cgroup.subtree_control && mkdir bomb && echo 5 > bomb/pids.max && cat bomb/pids.max bomb/pids.current`,
      ],
      '/',
    );
    expect(setup).toEqual({ stdout: '5\n0\n', stderr: '', status: 0 });
    const bomb = box!.run(
      // The bombing shell waits in a loop of sleeps until it is killed: a
      // single `sleep` can itself find pids.max reached and end the shell
      // (status 126) before the kill (seen in CI).
      [
        'sh',
        '-c',
        `echo $$ > ${ROOT}/bomb/cgroup.procs; f() { f | f & }; f; while :; do sleep 1; done 2>/dev/null`,
      ],
      '/',
    );
    const init = kernel.init;
    await until(() => read(init, `${ROOT}/bomb/pids.events`) !== 'max 0\n');
    // The shell that got EAGAIN prints its message just after: give it the time
    // before the kill (the kill could otherwise come between the two).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(Number(read(init, `${ROOT}/bomb/pids.current`))).toBeLessThanOrEqual(5);
    expect(Number(read(init, `${ROOT}/bomb/pids.peak`))).toBeLessThanOrEqual(5);
    expect(write(init, `${ROOT}/bomb/cgroup.kill`, '1')).toBe('ok');
    const ended = await bomb;
    expect(ended.status).toBe(137);
    expect(ended.stderr).toContain('Resource temporarily unavailable');
    await until(() => read(init, `${ROOT}/bomb/cgroup.events`).startsWith('populated 0'));
    const after = await box!.run(
      ['sh', '-c', 'echo alive; rmdir /sys/fs/cgroup/bomb && echo removed'],
      '/',
    );
    expect(after).toEqual({ stdout: 'alive\nremoved\n', stderr: '', status: 0 });
  }, 60_000);

  it('a memory hog past memory.max is OOM-killed (137) alone; memory.events counts it', async () => {
    const { kernel } = await boot();
    await writeFile(kernel.init, '/bin/cgroup_hog', readFileSync(wasmPath('cgroup_hog')), 0o755);
    const script = [
      `cd ${ROOT}`,
      'echo +memory > cgroup.subtree_control',
      'mkdir box',
      'echo 32M > box/memory.max',
      'echo $$ > box/cgroup.procs',
      'sleep 1 & cgroup_hog 4',
      'cgroup_hog 48',
      'echo "hog: $?"',
      'wait $!',
      'echo "neighbour: $?"',
      'cat box/memory.max',
      'cat box/memory.events',
    ].join('\n');
    const result = await box!.run(['sh', '-c', script], '/');
    expect(result.stdout).toBe(
      [
        'cgroup_hog: allocated 4 MiB (check 10)',
        'hog: 137',
        'neighbour: 0',
        '33554432',
        'low 0',
        'high 0',
        'max 1',
        'oom 1',
        'oom_kill 1',
        'oom_group_kill 0',
        'sock_throttled 0',
        '',
      ].join('\n'),
    );
    expect(result.status).toBe(0);
    const peak = Number(read(kernel.init, `${ROOT}/box/memory.peak`));
    expect(peak).toBeGreaterThan(32 * 2 ** 20);
  }, 60_000);

  it('Kernel.spawn starts a program in a container cgroup, refused with EAGAIN past its pids.max', async () => {
    const { kernel } = await boot();
    const cgroup = createLimitedCgroup(kernel.cgroups, '/docker/c1', { pids: 2 });
    const stdio = capturedStdio();
    const env = ['PATH=/bin'];
    const sleeper = await kernel.spawn({
      program: { path: 'sleep' },
      argv: ['sleep', '2'],
      env,
      fds: stdio.fds,
      cgroup,
    });
    const reader = await kernel.spawn({
      program: { path: 'sh' },
      argv: ['sh', '-c', 'cat /sys/fs/cgroup/docker/c1/pids.current'],
      env,
      fds: stdio.fds,
      cgroup,
    });
    expect(await reader.exited).not.toBe(0);
    expect(stdio.stderr()).toContain('Resource temporarily unavailable');
    await expect(
      kernel.spawn({ program: { path: 'true' }, argv: ['true'], env, cgroup }),
    ).rejects.toMatchObject({ errno: Errno.EAGAIN });
    expect(cgroupStats(cgroup).pids).toEqual({ current: 1, limit: 2 });
    await sleeper.exited;
    expect(read(kernel.init, `${ROOT}/docker/c1/cgroup.procs`)).toBe('');
  }, 60_000);

  it('/proc/self/cgroup shows the cgroup, and from the root of a new cgroup namespace (unshare -C)', async () => {
    await boot();
    const script = [
      'cat /proc/self/cgroup',
      `mkdir ${ROOT}/ctr`,
      `echo $$ > ${ROOT}/ctr/cgroup.procs`,
      'cat /proc/self/cgroup',
      'unshare -C sh -c "cat /proc/self/cgroup; cat /proc/1/cgroup"',
    ].join('\n');
    const result = await box!.run(['sh', '-c', script], '/');
    expect(result).toEqual({ stdout: '0::/\n0::/ctr\n0::/\n0::/..\n', stderr: '', status: 0 });
  }, 60_000);

  it('a program cannot make the worker’s memory report itself (ENOSYS)', async () => {
    const { kernel } = await boot();
    await writeFile(
      kernel.init,
      '/bin/cgroup_report',
      readFileSync(wasmPath('cgroup_report')),
      0o755,
    );
    const result = await box!.run(['cgroup_report'], '/');
    expect(result.stdout).toBe(`memory_report from the program: errno ${Errno.ENOSYS}\n`);
  }, 60_000);

  it('cpu.stat charges the CPU time of processes that ran in the cgroup, after they are gone too', async () => {
    const { kernel } = await boot();
    const script = [
      `mkdir ${ROOT}/work`,
      `echo $$ > ${ROOT}/work/cgroup.procs`,
      'i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done',
      `echo $$ > ${ROOT}/cgroup.procs`,
    ].join('\n');
    const result = await box!.run(['sh', '-c', script], '/');
    expect(result.status).toBe(0);
    const stat = read(kernel.init, `${ROOT}/work/cpu.stat`);
    const usage = Number(/^usage_usec (\d+)$/m.exec(stat)![1]);
    expect(usage).toBeGreaterThan(0);
    // Split in two: each syscall served counts a little system time (cgroup/task-usage.ts).
    const user = Number(/^user_usec (\d+)$/m.exec(stat)![1]);
    const system = Number(/^system_usec (\d+)$/m.exec(stat)![1]);
    expect(user + system).toBe(usage);
    expect(system).toBeGreaterThan(0);
    expect(system).toBeLessThan(user);
    expect(read(kernel.init, `${ROOT}/work/cgroup.procs`)).toBe('');
  }, 60_000);
});
