// The process table: pids, fork, exit, zombies, reparenting, groups and
// sessions.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { SA_NOCLDWAIT, SIG_IGN, Signal } from '../../../src/kernel/abi/signals.ts';
import { exitedStatus } from '../../../src/kernel/abi/wait-status.ts';
import { KernelError } from '../../../src/kernel/errors.ts';
import { OpenFile } from '../../../src/kernel/fs/open-file.ts';
import { sigaction } from '../../../src/kernel/proc/delivery.ts';
import { resetOnExec } from '../../../src/kernel/proc/exec-reset.ts';
import { exitProcess } from '../../../src/kernel/proc/exit.ts';
import { forkProcess } from '../../../src/kernel/proc/fork.ts';
import { getpgid, getsid, setpgid, setsid } from '../../../src/kernel/proc/groups.ts';
import { ProcessState } from '../../../src/kernel/proc/process.ts';
import type { Process } from '../../../src/kernel/proc/process.ts';
import { tableOf } from '../../../src/kernel/proc/process-table.ts';
import { child, world } from './support.ts';

function errno(run: () => unknown): Errno | undefined {
  try {
    run();
  } catch (e) {
    if (e instanceof KernelError) return e.errno;
    throw e;
  }
  return undefined;
}

describe('pids', () => {
  it('is init pid 1 and are children numbered upward?', () => {
    const { table, init } = world();
    expect(init.pid).toBe(1);
    expect(child(table, init).pid).toBe(2);
    expect(child(table, init).pid).toBe(3);
    expect(tableOf(init)).toBe(table);
  });

  it('does allocation wrap at pid_max and skip pids, groups and sessions in use?', () => {
    const { table, init } = world({ pidMax: 6 });
    const a = child(table, init); // 2
    const b = child(table, init); // 3
    const c = child(table, init); // 4
    const d = child(table, init); // 5
    expect([a.pid, b.pid, c.pid, d.pid]).toEqual([2, 3, 4, 5]);
    setsid(table, c); // session 4 and group 4
    exitProcess(table, b, exitedStatus(0)); // zombie: pid 3 still used
    exitProcess(table, a, exitedStatus(0));
    reapAll(init);
    // 2 is free again; 3 is free after reaping; 4 is c's; 5 is d's.
    expect(child(table, init).pid).toBe(2);
    expect(child(table, init).pid).toBe(3);
    expect(errno(() => child(table, init))).toBe(Errno.EAGAIN);
  });

  it('is a process-group id kept from reuse while the group lives?', () => {
    const { table, init } = world({ pidMax: 5 });
    const leader = child(table, init); // 2
    setpgid(table, leader, 0, 0);
    const member = forkProcess(table, leader); // 3, in group 2
    exitProcess(table, leader, exitedStatus(0));
    reapAll(init);
    expect(member.pgid).toBe(2);
    expect(child(table, init).pid).toBe(4);
    expect(errno(() => child(table, init))).toBe(Errno.EAGAIN);
  });
});

function reapAll(parent: Process): void {
  const table = tableOf(parent);
  for (const c of [...parent.children]) {
    if (c.state === ProcessState.Zombie) table.unregister(c);
  }
}

describe('fork', () => {
  it('does a child copy what fork copies?', () => {
    const { table, init } = world();
    const file = new OpenFile(true, false);
    init.fds.add(file);
    init.umask = 0o077;
    init.signals.blocked = 1 << 4;
    sigaction(table, init, Signal.SIGUSR1, { handler: 7, mask: 0, flags: 0 });
    const c = child(table, init, { uid: 1000 });
    expect(c.parent).toBe(init);
    expect(init.children.has(c)).toBe(true);
    expect(c.fds.get(0)).toBe(file);
    expect(file.references).toBe(2);
    expect(c.umask).toBe(0o077);
    expect(c.root).toBe(init.root);
    expect(c.cwd).toBe(init.cwd);
    expect(c.signals.blocked).toBe(1 << 4);
    expect(c.signals.action(Signal.SIGUSR1).handler).toBe(7);
    expect(c.pgid).toBe(init.pgid);
    expect(c.sid).toBe(init.sid);
    expect(init.credentials.uid).toBe(0); // credentials are a copy
  });

  it('does exec reset caught signals but keep ignored ones and the mask?', () => {
    const { table, init } = world();
    const c = child(table, init);
    sigaction(table, c, Signal.SIGINT, { handler: 5, mask: 0, flags: 0 });
    sigaction(table, c, Signal.SIGQUIT, { handler: SIG_IGN, mask: 0, flags: 0 });
    c.signals.blocked = 1 << 9;
    const file = new OpenFile(true, false);
    c.fds.add(file, true);
    resetOnExec(c, ['/bin/sh'], ['A=1'], '/bin/sh');
    expect(c.signals.action(Signal.SIGINT).handler).toBe(0);
    expect(c.signals.action(Signal.SIGQUIT).handler).toBe(SIG_IGN);
    expect(c.signals.blocked).toBe(1 << 9);
    expect(c.fds.has(0)).toBe(false);
    expect(c.argv).toEqual(['/bin/sh']);
    expect(c.executed).toBe(true);
  });
});

describe('exit', () => {
  it('does an exited child stay a zombie until reaped, with its fds closed?', () => {
    const { table, init, hooks } = world();
    const c = child(table, init);
    const file = new OpenFile(true, false);
    let released = false;
    file.release = () => {
      released = true;
    };
    c.fds.add(file);
    exitProcess(table, c, exitedStatus(3));
    expect(c.state).toBe(ProcessState.Zombie);
    expect(c.exitStatus).toBe(0x300);
    expect(table.get(c.pid)).toBe(c);
    expect(released).toBe(true);
    expect(hooks.of('terminate')).toEqual([{ hook: 'terminate', pid: c.pid, signal: 0 }]);
  });

  it('does the parent get SIGCHLD when a child exits?', () => {
    const { table, init } = world();
    const parent = child(table, init);
    sigaction(table, parent, Signal.SIGCHLD, { handler: 9, mask: 0, flags: 0 });
    const c = child(table, parent);
    exitProcess(table, c, exitedStatus(0));
    expect(parent.signals.pending & (1 << (Signal.SIGCHLD - 1))).not.toBe(0);
  });

  it('is a child reaped at once when its parent ignores SIGCHLD?', () => {
    const { table, init } = world();
    const parent = child(table, init);
    sigaction(table, parent, Signal.SIGCHLD, { handler: SIG_IGN, mask: 0, flags: 0 });
    const c = child(table, parent);
    exitProcess(table, c, exitedStatus(0));
    expect(table.get(c.pid)).toBeUndefined();
    expect(parent.children.size).toBe(0);
    expect(parent.signals.pending).toBe(0);
  });

  it('with SA_NOCLDWAIT and a handler, is the child reaped and SIGCHLD still sent?', () => {
    const { table, init } = world();
    const parent = child(table, init);
    sigaction(table, parent, Signal.SIGCHLD, { handler: 4, mask: 0, flags: SA_NOCLDWAIT });
    const c = child(table, parent);
    exitProcess(table, c, exitedStatus(0));
    expect(table.get(c.pid)).toBeUndefined();
    expect(parent.signals.pending).toBe(1 << (Signal.SIGCHLD - 1));
  });

  it('does an orphan get reparented to init?', () => {
    const { table, init } = world();
    const parent = child(table, init);
    const orphan = forkProcess(table, parent);
    exitProcess(table, parent, exitedStatus(0));
    expect(orphan.parent).toBe(init);
    expect(init.children.has(orphan)).toBe(true);
    expect(parent.children.size).toBe(0);
  });

  it('is an orphaned zombie handed to init for reaping?', () => {
    const { table, init } = world();
    const parent = child(table, init);
    const zombie = forkProcess(table, parent);
    exitProcess(table, zombie, exitedStatus(1));
    exitProcess(table, parent, exitedStatus(0));
    expect(zombie.parent).toBe(init);
    expect(table.get(zombie.pid)).toBe(zombie);
  });

  it('when init exits, is everyone else killed and the caller told?', () => {
    const { table, init, hooks } = world();
    const a = child(table, init);
    const b = forkProcess(table, a);
    exitProcess(table, init, exitedStatus(0));
    expect(a.state).toBe(ProcessState.Zombie);
    expect(b.state).toBe(ProcessState.Zombie);
    expect(b.exitStatus).toBe(Signal.SIGKILL);
    expect(hooks.of('initExited')).toEqual([{ hook: 'initExited', pid: 1 }]);
    expect(table.list()).toEqual([init]);
  });
});

describe('groups and sessions', () => {
  it('can a shell put a child in a new group, and the child join it?', () => {
    const { table, init } = world();
    const shell = child(table, init);
    setsid(table, shell);
    const job = forkProcess(table, shell);
    setpgid(table, shell, job.pid, 0);
    expect(getpgid(table, shell, job.pid)).toBe(job.pid);
    const second = forkProcess(table, shell);
    setpgid(table, shell, second.pid, job.pid);
    expect(second.pgid).toBe(job.pid);
    expect(getsid(table, second, 0)).toBe(shell.pid);
  });

  it('does setpgid refuse what setpgid(2) refuses?', () => {
    const { table, init } = world();
    const shell = child(table, init);
    setsid(table, shell);
    const job = forkProcess(table, shell);
    const stranger = child(table, init);
    expect(errno(() => setpgid(table, shell, stranger.pid, 0))).toBe(Errno.ESRCH);
    expect(errno(() => setpgid(table, shell, 9999, 0))).toBe(Errno.ESRCH);
    expect(errno(() => setpgid(table, shell, job.pid, -1))).toBe(Errno.EINVAL);
    expect(errno(() => setpgid(table, shell, 0, 0))).toBe(Errno.EPERM); // session leader
    expect(errno(() => setpgid(table, shell, job.pid, stranger.pid))).toBe(Errno.EPERM);
    resetOnExec(job, ['x'], [], 'x');
    expect(errno(() => setpgid(table, shell, job.pid, 0))).toBe(Errno.EACCES);
    const other = forkProcess(table, shell);
    setsid(table, other);
    expect(errno(() => setpgid(table, shell, other.pid, 0))).toBe(Errno.EPERM); // other session
  });

  it('does setsid fail for a group leader and otherwise start a session?', () => {
    const { table, init } = world();
    expect(errno(() => setsid(table, init))).toBe(Errno.EPERM);
    const c = child(table, init);
    expect(setsid(table, c)).toBe(c.pid);
    expect(c.pgid).toBe(c.pid);
    expect(c.sid).toBe(c.pid);
    expect(errno(() => setsid(table, c))).toBe(Errno.EPERM);
  });
});
