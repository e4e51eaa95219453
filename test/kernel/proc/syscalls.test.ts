// The process and signal syscalls through the dispatcher, as a program's
// worker calls them: argument decoding, results and errnos.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { SA_RESTART, Signal, sigmask } from '../../../src/kernel/abi/signals.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { WasiSignal } from '../../../src/kernel/abi/wasi.ts';
import type { Process } from '../../../src/kernel/proc/process.ts';
import { ProcessState } from '../../../src/kernel/proc/process.ts';
import { takeDeliverable } from '../../../src/kernel/proc/delivery.ts';
import type { Reply } from '../../../src/kernel/syscalls/channel-server.ts';
import { dispatch } from '../../../src/kernel/syscalls/dispatch.ts';
import { processSyscalls } from '../../../src/kernel/syscalls/process.ts';
import { signalSyscalls } from '../../../src/kernel/syscalls/signal.ts';
import { SyscallTable } from '../../../src/kernel/syscalls/table.ts';
import { child, user, world } from './support.ts';

const syscalls = new SyscallTable(processSyscalls, signalSyscalls);

function sys(
  process: Process,
  number: Sys,
  args: (number | bigint)[] = [],
  input = new Uint8Array(),
): Reply | Promise<Reply> {
  const wire = BigInt64Array.from(args, (a) => BigInt.asIntN(64, BigInt(a)));
  return dispatch(syscalls, process, { number, args: wire, input });
}

function sync(reply: Reply | Promise<Reply>): Reply {
  if (reply instanceof Promise) throw new Error('call blocked');
  return reply;
}

const result = (reply: Reply | Promise<Reply>, i = 0) => Number(sync(reply).results?.[i]);

describe('process syscalls', () => {
  it('do getpid, getppid, getpgid and getsid answer for the caller?', () => {
    const { table, init } = world();
    const c = child(table, init);
    expect(result(sys(c, Sys.GETPID))).toBe(c.pid);
    expect(result(sys(c, Sys.GETPPID))).toBe(1);
    expect(result(sys(init, Sys.GETPPID))).toBe(0);
    expect(result(sys(c, Sys.GETPGID, [0]))).toBe(1);
    expect(result(sys(c, Sys.GETSID, [0]))).toBe(1);
    expect(sync(sys(c, Sys.GETPGID, [9999])).errno).toBe(Errno.ESRCH);
    expect(result(sys(c, Sys.SETSID))).toBe(c.pid);
  });

  it('does wait4 return the pid and the status in results?', async () => {
    const { table, init } = world();
    const c = child(table, init);
    const grandchild = child(table, c);
    sync(sys(grandchild, Sys.PROC_EXIT, [3]));
    const reply = await sys(c, Sys.WAIT4, [-1n, 0]);
    expect(reply.errno).toBe(Errno.SUCCESS);
    expect(Number(reply.results?.[0])).toBe(grandchild.pid);
    expect(Number(reply.results?.[1])).toBe(3 << 8);
    expect((await sys(c, Sys.WAIT4, [0xffffffffn, 0])).errno).toBe(Errno.ECHILD);
  });

  it('do the set*id calls follow Linux rules for a user?', () => {
    const { table, init } = world();
    const c = child(table, init, { ...user(1000), suid: 0 });
    expect(sync(sys(c, Sys.SETUID, [5])).errno).toBe(Errno.EPERM);
    expect(sync(sys(c, Sys.SETUID, [0])).errno).toBe(Errno.SUCCESS); // back to the saved uid
    expect(result(sys(c, Sys.GETEUID))).toBe(0);
    expect(result(sys(c, Sys.GETUID))).toBe(1000);
    // Privileged again: setuid sets all three ids.
    expect(sync(sys(c, Sys.SETUID, [1000])).errno).toBe(Errno.SUCCESS);
    const ids = sync(sys(c, Sys.GETRESUID)).results?.slice(0, 3).map(Number);
    expect(ids).toEqual([1000, 1000, 1000]);
    expect(sync(sys(c, Sys.SETUID, [0])).errno).toBe(Errno.EPERM);
  });

  it('does setreuid(-1, x) leave the real uid and setresuid check each id?', () => {
    const { table, init } = world();
    const c = child(table, init, { uid: 1, euid: 2, suid: 3 });
    expect(sync(sys(c, Sys.SETREUID, [0xffffffffn, 3])).errno).toBe(Errno.SUCCESS);
    expect(c.credentials).toMatchObject({ uid: 1, euid: 3, suid: 3 });
    expect(sync(sys(c, Sys.SETRESUID, [3, 1, 9])).errno).toBe(Errno.EPERM);
    expect(c.credentials).toMatchObject({ uid: 1, euid: 3, suid: 3 });
    expect(sync(sys(c, Sys.SETRESUID, [3, 1, 0xffffffffn])).errno).toBe(Errno.SUCCESS);
    expect(c.credentials).toMatchObject({ uid: 3, euid: 1, suid: 3 });
    expect(sync(sys(c, Sys.SETUID, [0xffffffffn])).errno).toBe(Errno.EINVAL);
  });

  it('do setgroups and getgroups round-trip, for root only?', () => {
    const { table, init } = world();
    const input = new Uint8Array([10, 0, 0, 0, 20, 0, 0, 0]);
    expect(sync(sys(init, Sys.SETGROUPS, [2], input)).errno).toBe(Errno.SUCCESS);
    expect(result(sys(init, Sys.GETGROUPS, [0]))).toBe(2);
    expect(sync(sys(init, Sys.GETGROUPS, [1])).errno).toBe(Errno.EINVAL);
    expect([...(sync(sys(init, Sys.GETGROUPS, [8])).output ?? [])]).toEqual([...input]);
    const u = child(table, init, user(1000));
    expect(sync(sys(u, Sys.SETGROUPS, [0])).errno).toBe(Errno.EPERM);
  });

  it('does umask return the old mask and keep only permission bits?', () => {
    const { init } = world();
    expect(result(sys(init, Sys.UMASK, [0o7777]))).toBe(0o022);
    expect(init.umask).toBe(0o777);
  });
});

describe('signal syscalls', () => {
  it('does sigaction install a handler, return the old one, and query without changing?', () => {
    const { init } = world();
    const mask = BigInt(sigmask(Signal.SIGTERM));
    expect(result(sys(init, Sys.SIGACTION, [Signal.SIGINT, 1, 7, mask, SA_RESTART]))).toBe(0);
    const old = sync(sys(init, Sys.SIGACTION, [Signal.SIGINT, 0]));
    expect(old.results?.slice(0, 3).map(Number)).toEqual([7, Number(mask), SA_RESTART]);
    expect(sync(sys(init, Sys.SIGACTION, [Signal.SIGKILL, 1, 1])).errno).toBe(Errno.EINVAL);
    expect(sync(sys(init, Sys.SIGACTION, [40, 0])).errno).toBe(Errno.EINVAL);
  });

  it('does kill reach a handler that the worker then takes?', () => {
    const { table, init } = world();
    const c = child(table, init);
    sync(sys(c, Sys.SIGACTION, [Signal.SIGUSR1, 1, 9, 0, 0]));
    expect(sync(sys(init, Sys.KILL, [c.pid, Signal.SIGUSR1])).errno).toBe(Errno.SUCCESS);
    expect(takeDeliverable(c)?.handler).toBe(9);
    expect(sync(sys(c, Sys.SIGRETURN)).errno).toBe(Errno.SUCCESS);
    expect(sync(sys(c, Sys.SIGRETURN)).errno).toBe(Errno.EINVAL);
    expect(sync(sys(init, Sys.KILL, [-1n, 0])).errno).toBe(Errno.SUCCESS);
  });

  it('do sigprocmask and sigpending show a blocked signal?', () => {
    const { init } = world();
    const set = BigInt(sigmask(Signal.SIGUSR2));
    expect(result(sys(init, Sys.SIGPROCMASK, [0, 1, set]))).toBe(0);
    sync(sys(init, Sys.KILL, [0, Signal.SIGUSR2]));
    expect(result(sys(init, Sys.SIGPENDING))).toBe(Number(set));
    expect(result(sys(init, Sys.SIGPROCMASK, [0, 0]))).toBe(Number(set));
    expect(sync(sys(init, Sys.SIGPROCMASK, [9, 1, 0])).errno).toBe(Errno.EINVAL);
  });

  it('does sigsuspend end in EINTR when a handled signal arrives?', async () => {
    const { table, init } = world();
    const c = child(table, init);
    sync(sys(c, Sys.SIGACTION, [Signal.SIGALRM, 1, 4, 0, 0]));
    const pending = sys(c, Sys.SIGSUSPEND, [0]);
    sync(sys(init, Sys.KILL, [c.pid, Signal.SIGALRM]));
    expect((await pending).errno).toBe(Errno.EINTR);
  });

  it('does proc_raise map WASI numbers to Linux signals?', () => {
    const { table, init } = world();
    const c = child(table, init);
    expect(sync(sys(c, Sys.PROC_RAISE, [99])).errno).toBe(Errno.EINVAL);
    sync(sys(c, Sys.PROC_RAISE, [WasiSignal.TERM]));
    expect(c.state).toBe(ProcessState.Zombie);
    expect(c.exitStatus).toBe(Signal.SIGTERM);
  });

  it('may a user not kill another user process?', () => {
    const { table, init } = world();
    const a = child(table, init, user(1000));
    const b = child(table, init, user(1001));
    expect(sync(sys(a, Sys.KILL, [b.pid, Signal.SIGTERM])).errno).toBe(Errno.EPERM);
  });
});
