// Pid namespaces through the syscalls on a booted kernel (pid_namespaces(7)):
// numbering in each namespace, the namespace's init (ppid 0, only handled
// signals from inside, SIGKILL from an ancestor, its death killing the
// namespace), orphans going to it, kill/wait in the caller's view, a proc
// mounted inside showing only the namespace, and the nesting limit.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { CLONE_NEWNS, CLONE_NEWPID } from '../../../src/kernel/abi/mount-flags.ts';
import { Signal } from '../../../src/kernel/abi/signals.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { exitedStatus } from '../../../src/kernel/abi/wait-status.ts';
import { KernelError } from '../../../src/kernel/errors.ts';
import { exitProcess } from '../../../src/kernel/proc/exit.ts';
import { ProcessState } from '../../../src/kernel/proc/process.ts';
import { boot } from './support.ts';

function errnoOf(action: () => unknown): number {
  try {
    action();
    return 0;
  } catch (error) {
    if (error instanceof KernelError) return error.errno;
    throw error;
  }
}

/** A booted kernel with a process `outer` that unshared a pid namespace, and that namespace's init. */
async function unsharedOnly() {
  const k = boot();
  const outer = k.spawn();
  expect(await k.unshare(outer, CLONE_NEWPID)).toBe(0);
  return { k, outer };
}

async function namespace() {
  const k = boot();
  const outer = k.spawn();
  expect(await k.unshare(outer, CLONE_NEWPID)).toBe(0);
  const init = k.fork(outer);
  return { k, outer, init };
}

describe('pid namespace', () => {
  it('unshare leaves the caller where it is; its next child is pid 1 with ppid 0', async () => {
    const { k, outer, init } = await namespace();
    expect(await k.getpid(outer)).toBe(outer.pid);
    expect(await k.readlink(outer, '/proc/self/ns/pid')).toBe('pid:[4026531836]');
    expect(await k.readlink(outer, '/proc/self/ns/pid_for_children')).toMatch(
      /^pid:\[4026532\d+\]$/,
    );
    expect(await k.getpid(init)).toBe(1);
    expect(await k.getppid(init)).toBe(0);
    const second = k.fork(init);
    expect(await k.getpid(second)).toBe(2);
    expect(await k.getppid(second)).toBe(1);
    // Outside, the same processes have their global numbers.
    expect(init.pid).toBeGreaterThan(outer.pid);
    expect(await k.value(outer, Sys.GETPGID, [init.pid])).toBe(outer.pgid);
  });

  it('pid_for_children dangles (ENOENT) until the new namespace has its first process', async () => {
    const { k, outer } = await unsharedOnly();
    expect(await k.readlink(outer, '/proc/self/ns/pid_for_children')).toBe(`errno ${Errno.ENOENT}`);
    expect(await k.list(outer, '/proc/self/ns')).toContain('pid_for_children');
    k.fork(outer);
    expect(await k.readlink(outer, '/proc/self/ns/pid_for_children')).toMatch(
      /^pid:\[4026532\d+\]$/,
    );
  });

  it('a second CLONE_NEWPID before a fork is EINVAL', async () => {
    const { k, outer } = await namespace();
    expect(await k.unshare(outer, CLONE_NEWPID)).toBe(Errno.EINVAL);
  });

  it('getpgid/getsid of a group led from outside read 0; unknown pids are ESRCH inside', async () => {
    const { k, outer, init } = await namespace();
    expect(await k.value(init, Sys.GETPGID, [0])).toBe(0);
    expect(await k.value(init, Sys.GETSID, [0])).toBe(0);
    expect((await k.sys(init, Sys.GETPGID, [outer.pid])).errno).toBe(Errno.ESRCH);
    expect(await k.value(init, Sys.SETSID)).toBe(1);
    expect(await k.value(init, Sys.GETSID, [0])).toBe(1);
    expect(await k.value(outer, Sys.GETSID, [init.pid])).toBe(init.pid);
  });

  it('wait4 reports the child as the waiter numbers it', async () => {
    const { k, outer, init } = await namespace();
    const child = k.fork(init);
    exitProcess(k.kernel.processes, child, exitedStatus(3));
    const waited = await k.sys(init, Sys.WAIT4, [-1, 0]);
    expect(Number(waited.value)).toBe(2);
    exitProcess(k.kernel.processes, init, exitedStatus(0));
    const outerWait = await k.sys(outer, Sys.WAIT4, [init.pid, 0]);
    expect(Number(outerWait.value)).toBe(init.pid);
  });

  it('init gets only handled signals from inside; SIGKILL from the parent namespace kills it', async () => {
    const { k, outer, init } = await namespace();
    const inside = k.fork(init);
    for (const sig of [Signal.SIGTERM, Signal.SIGKILL, Signal.SIGSTOP, Signal.SIGINT]) {
      expect(await k.errno(inside, Sys.KILL, [1, sig])).toBe(0);
      expect(await k.errno(init, Sys.KILL, [1, sig])).toBe(0);
    }
    expect(init.state).not.toBe(ProcessState.Zombie);
    expect(init.state).not.toBe(ProcessState.Stopped);
    // SIGTERM from outside is not forced either: only SIGKILL and SIGSTOP are.
    expect(await k.errno(outer, Sys.KILL, [init.pid, Signal.SIGTERM])).toBe(0);
    expect(init.state).not.toBe(ProcessState.Zombie);
    expect(await k.errno(outer, Sys.KILL, [init.pid, Signal.SIGKILL])).toBe(0);
    expect(init.state).toBe(ProcessState.Zombie);
    expect(inside.state).toBe(ProcessState.Zombie);
  });

  it('when init exits everyone inside is killed and nothing more can be made there (ENOMEM)', async () => {
    const { k, outer, init } = await namespace();
    const a = k.fork(init);
    const b = k.fork(a);
    exitProcess(k.kernel.processes, init, exitedStatus(0));
    expect(a.state).toBe(ProcessState.Zombie);
    expect(b.exitStatus).toBe(Signal.SIGKILL);
    expect(k.kernel.processes.get(a.pid)).toBeUndefined();
    expect(errnoOf(() => k.fork(outer))).toBe(Errno.ENOMEM);
  });

  it('orphans inside are adopted by the namespace init', async () => {
    const { k, init } = await namespace();
    const middle = k.fork(init);
    const orphan = k.fork(middle);
    exitProcess(k.kernel.processes, middle, exitedStatus(0));
    expect(orphan.parent).toBe(init);
    expect(await k.getppid(orphan)).toBe(1);
  });

  it('kill -1 reaches only what the caller sees, never its pid 1', async () => {
    const { k, outer, init } = await namespace();
    const a = k.fork(init);
    const b = k.fork(init);
    const bystander = k.spawn();
    expect(await k.errno(a, Sys.KILL, [-1, Signal.SIGKILL])).toBe(0);
    expect(b.state).toBe(ProcessState.Zombie);
    expect(a.state).not.toBe(ProcessState.Zombie);
    expect(init.state).not.toBe(ProcessState.Zombie);
    expect(bystander.state).not.toBe(ProcessState.Zombie);
    expect(outer.state).not.toBe(ProcessState.Zombie);
    expect(await k.errno(a, Sys.KILL, [bystander.pid, 0])).toBe(Errno.ESRCH);
  });

  it('a proc mounted inside lists the namespace only, numbered from it; NSpid shows every level', async () => {
    const { k, outer, init } = await namespace();
    expect(await k.unshare(init, CLONE_NEWNS)).toBe(0);
    expect(await k.mount(init, 'proc', '/proc', 'proc')).toBe(0);
    const child = k.fork(init);
    const pids = (await k.list(init, '/proc')).filter((name) => /^\d+$/.test(name));
    expect(pids).toEqual(['1', '2']);
    expect(await k.readlink(child, '/proc/self')).toBe('2');
    // Through the host's proc (the outer process's), every level; through the inner one, its own.
    const status = await k.read(outer, `/proc/${child.pid}/status`);
    expect(status).toMatch(new RegExp(`\\nNSpid:\\t${child.pid}\\t2\\n`));
    expect(status).toMatch(new RegExp(`\\nNSpgid:\\t${outer.pgid}\\t0\\n`));
    const inner = await k.read(init, '/proc/2/status');
    expect(inner).toMatch(/\nPid:\t2\nPPid:\t1\n/);
    expect(inner).toMatch(/\nNSpid:\t2\n/);
    const stat = await k.read(init, '/proc/1/stat');
    expect(stat.split(' ').slice(0, 4)).toEqual(['1', '(init)', 'R', '0']);
    // The outer process's /proc is still the host's.
    expect(await k.list(outer, '/proc')).toContain(String(child.pid));
  });

  it('nests 32 levels; the 33rd is ENOSPC', async () => {
    const k = boot();
    let p = k.spawn();
    for (let level = 1; level <= 32; level++) {
      expect(await k.unshare(p, CLONE_NEWPID)).toBe(0);
      p = k.fork(p);
      expect(p.namespaces.pid.level).toBe(level);
    }
    expect(await k.unshare(p, CLONE_NEWPID)).toBe(Errno.ENOSPC);
  });

  it('setns into a descendant pid namespace sets pid_for_children; an ancestor is EINVAL', async () => {
    const { k, outer, init } = await namespace();
    const other = k.spawn();
    expect(await k.setns(other, `/proc/${init.pid}/ns/pid`, CLONE_NEWPID)).toBe(0);
    const joined = k.fork(other);
    expect(await k.getpid(joined)).toBe(2);
    expect(await k.getppid(joined)).toBe(0);
    expect(await k.setns(init, `/proc/${outer.pid}/ns/pid`)).toBe(Errno.EINVAL);
  });
});
