// Enforcement and accounting through the hierarchy's kernel API: the OOM
// killer (largest process of the cgroup past memory.max, alone), memory
// events and peaks, cgroup.kill, cpu.stat's format, the cgroup namespace's
// view, and the engine's calls (a limited cgroup at a path, its stats).
import { afterEach, describe, expect, it } from 'vitest';
import { Signal } from '../../../src/kernel/abi/signals.ts';
import { WIFSIGNALED, WTERMSIG } from '../../../src/kernel/abi/wait-status.ts';
import type { Cgroup } from '../../../src/kernel/cgroup/cgroup.ts';
import { cgroupStats, createLimitedCgroup } from '../../../src/kernel/cgroup/containers.ts';
import type { OomEvent } from '../../../src/kernel/cgroup/memory.ts';
import { Cgroupfs } from '../../../src/kernel/fs/cgroupfs/cgroupfs.ts';
import { filesystemTypes } from '../../../src/kernel/fs/vfs/filesystem-types.ts';
import type { Kernel } from '../../../src/kernel/kernel.ts';
import { CgroupNamespace } from '../../../src/kernel/ns/cgroup.ts';
import { ProcessState, type Process } from '../../../src/kernel/proc/process.ts';
import { ROOT, bootKernel, errnoOf, fork, mkdir, read, write } from './support.ts';

const MiB = 2 ** 20;
let kernel: Kernel;
afterEach(async () => kernel?.shutdown());

function boot(): Kernel {
  kernel = bootKernel();
  return kernel;
}

function killedBy(process: Process): number | undefined {
  if (process.state !== ProcessState.Zombie) return undefined;
  const status = process.exitStatus ?? 0;
  return WIFSIGNALED(status) ? WTERMSIG(status) : undefined;
}

/** A child of init moved into the cgroup at `path`. */
function member(path: string): Process {
  const process = fork(kernel);
  expect(write(kernel.init, `${ROOT}${path}/cgroup.procs`, String(process.pid))).toBe('ok');
  return process;
}

describe('the memory controller', () => {
  it('OOM-kills the largest process of a cgroup past memory.max, and only it', () => {
    const { init, cgroups } = boot();
    write(init, `${ROOT}/cgroup.subtree_control`, '+memory');
    mkdir(init, `${ROOT}/x`);
    write(init, `${ROOT}/x/memory.max`, '10M');
    const small = member('/x');
    const big = member('/x');
    const outside = fork(kernel);
    const events: OomEvent[] = [];
    cgroups.onOom((event) => events.push(event));
    cgroups.chargeMemory(outside, 64 * MiB);
    cgroups.chargeMemory(small, 4 * MiB);
    expect(read(init, `${ROOT}/x/memory.current`)).toBe(`${4 * MiB}\n`);
    cgroups.chargeMemory(big, 8 * MiB);
    expect(killedBy(big)).toBe(Signal.SIGKILL);
    expect(killedBy(small)).toBeUndefined();
    expect(killedBy(outside)).toBeUndefined();
    expect(events.map((e) => [e.cgroup.path, e.victim.pid])).toEqual([['/x', big.pid]]);
    expect(read(init, `${ROOT}/x/memory.current`)).toBe(`${4 * MiB}\n`);
    expect(read(init, `${ROOT}/x/memory.peak`)).toBe(`${12 * MiB}\n`);
    expect(read(init, `${ROOT}/x/memory.events`)).toBe(
      'low 0\nhigh 0\nmax 1\noom 1\noom_kill 1\noom_group_kill 0\nsock_throttled 0\n',
    );
  });

  it('counts events hierarchically (memory.events) and locally (memory.events.local)', () => {
    const { init, cgroups } = boot();
    write(init, `${ROOT}/cgroup.subtree_control`, '+memory');
    mkdir(init, `${ROOT}/a`);
    write(init, `${ROOT}/a/cgroup.subtree_control`, '+memory');
    mkdir(init, `${ROOT}/a/b`);
    write(init, `${ROOT}/a/b/memory.max`, '1M');
    write(init, `${ROOT}/a/b/memory.high`, '512K');
    const hog = member('/a/b');
    cgroups.chargeMemory(hog, 2 * MiB);
    expect(killedBy(hog)).toBe(Signal.SIGKILL);
    expect(read(init, `${ROOT}/a/memory.events`)).toContain('oom_kill 1\n');
    expect(read(init, `${ROOT}/a/memory.events.local`)).toContain('oom_kill 0\n');
    expect(read(init, `${ROOT}/a/b/memory.events.local`)).toContain('high 1\n');
  });

  it('lowering memory.max below the usage kills at once, as Linux reclaims then OOM-kills', () => {
    const { init, cgroups } = boot();
    write(init, `${ROOT}/cgroup.subtree_control`, '+memory');
    mkdir(init, `${ROOT}/x`);
    const process = member('/x');
    cgroups.chargeMemory(process, 8 * MiB);
    expect(killedBy(process)).toBeUndefined();
    expect(write(init, `${ROOT}/x/memory.max`, '4M')).toBe('ok');
    expect(killedBy(process)).toBe(Signal.SIGKILL);
  });
});

describe('cgroup.kill and cpu.stat', () => {
  it('cgroup.kill ends every process of the subtree with SIGKILL', () => {
    const { init } = boot();
    mkdir(init, `${ROOT}/x`);
    mkdir(init, `${ROOT}/x/y`);
    const one = member('/x');
    const two = member('/x/y');
    const outside = fork(kernel);
    expect(write(init, `${ROOT}/x/cgroup.kill`, '1')).toBe('ok');
    expect([killedBy(one), killedBy(two), killedBy(outside)]).toEqual([9, 9, undefined]);
    expect(read(init, `${ROOT}/x/cgroup.events`)).toBe('populated 0\nfrozen 0\n');
  });

  it('spares the kernel’s init, as Linux spares the global init', () => {
    const { init } = boot();
    mkdir(init, `${ROOT}/x`);
    expect(write(init, `${ROOT}/x/cgroup.procs`, '1')).toBe('ok');
    expect(write(init, `${ROOT}/x/cgroup.kill`, '1')).toBe('ok');
    expect(init.state).not.toBe(ProcessState.Zombie);
  });

  it('cpu.stat has the core counters, and the cpu controller adds its own', () => {
    const { init } = boot();
    mkdir(init, `${ROOT}/x`);
    const keys = (text: string) =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(' ')[0]);
    expect(keys(read(init, `${ROOT}/x/cpu.stat`))).toEqual([
      'usage_usec',
      'user_usec',
      'system_usec',
      'nice_usec',
    ]);
    write(init, `${ROOT}/cgroup.subtree_control`, '+cpu');
    expect(keys(read(init, `${ROOT}/x/cpu.stat`))).toEqual([
      'usage_usec',
      'user_usec',
      'system_usec',
      'nice_usec',
      'nr_periods',
      'nr_throttled',
      'throttled_usec',
      'nr_bursts',
      'burst_usec',
    ]);
    const usage = Number(/usage_usec (\d+)/.exec(read(init, `${ROOT}/cpu.stat`))![1]);
    expect(usage).toBeGreaterThanOrEqual(0);
  });
});

describe('the cgroup namespace', () => {
  function enter(process: Process, root: Cgroup): void {
    const owner = process.namespaces.user;
    const ns = CgroupNamespace.create(4026532999, owner, root);
    process.namespaces = process.namespaces.with({ cgroup: ns });
  }

  it('makes the creator’s cgroup the root of paths and of cgroup2 mounts made inside', () => {
    const { init, cgroups } = boot();
    mkdir(init, `${ROOT}/a`);
    mkdir(init, `${ROOT}/a/b`);
    mkdir(init, `${ROOT}/c`);
    const inside = member('/a/b');
    const other = member('/c');
    const a = cgroups.find('/a')!;
    enter(inside, a);
    expect(cgroups.pathOf(inside, inside)).toBe('/b');
    expect(cgroups.pathOf(other, inside)).toBe('/../c');
    expect(cgroups.pathOf(inside, init)).toBe('/a/b');
    const made = filesystemTypes(kernel.mounts)('cgroup2', '', inside);
    expect(made.fs).toBeInstanceOf(Cgroupfs);
    expect(made.root).toBe((made.fs as Cgroupfs).directoryOf(a));
    expect(errnoOf(() => filesystemTypes(kernel.mounts)('cgroup2', 'bogus', inside))).toBe(
      'EINVAL',
    );
    // With nsdelegate (from a mount in the initial namespace), a move must
    // stay inside the writer's namespace (ENOENT); without it, it need not.
    expect(write(inside, `${ROOT}/a/cgroup.procs`, String(inside.pid))).toBe('ok');
    filesystemTypes(kernel.mounts)('cgroup2', 'nsdelegate', inside);
    expect(write(inside, `${ROOT}/a/cgroup.procs`, String(other.pid))).toBe('ok');
    filesystemTypes(kernel.mounts)('cgroup2', 'nsdelegate', init);
    expect(write(inside, `${ROOT}/c/cgroup.procs`, String(inside.pid))).toBe('ENOENT');
    expect(write(inside, `${ROOT}/a/b/cgroup.procs`, String(inside.pid))).toBe('ok');
  });
});

describe('the engine’s calls', () => {
  it('makes a limited cgroup at a path with every controller on the way, and reads its stats', async () => {
    const { init, cgroups } = boot();
    const cgroup = createLimitedCgroup(cgroups, '/docker/abc', { pids: 2, memory: 64 * MiB });
    expect(read(init, `${ROOT}/cgroup.subtree_control`)).toBe('cpu memory pids\n');
    expect(read(init, `${ROOT}/docker/cgroup.subtree_control`)).toBe('cpu memory pids\n');
    expect(read(init, `${ROOT}/docker/abc/pids.max`)).toBe('2\n');
    expect(read(init, `${ROOT}/docker/abc/memory.max`)).toBe(`${64 * MiB}\n`);
    const process = member('/docker/abc');
    cgroups.chargeMemory(process, 3 * MiB);
    const stats = cgroupStats(cgroup);
    expect(stats.pids).toEqual({ current: 1, limit: 2 });
    expect(stats.memory).toMatchObject({ usage: 3 * MiB, limit: 64 * MiB, peak: 3 * MiB });
    expect(stats.cpu.usageUsec).toBeGreaterThanOrEqual(0);
    expect(createLimitedCgroup(cgroups, '/docker/abc')).toBe(cgroup);
  });
});
