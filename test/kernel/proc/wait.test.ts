// wait4: selectors, options, blocking and wake-ups, ECHILD and EINTR.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { SA_NOCLDSTOP, SIG_IGN, Signal } from '../../../src/kernel/abi/signals.ts';
import {
  CONTINUED_STATUS,
  WCONTINUED,
  WNOHANG,
  WNOWAIT,
  WUNTRACED,
  exitedStatus,
  stoppedStatus,
} from '../../../src/kernel/abi/wait-status.ts';
import { KernelError } from '../../../src/kernel/errors.ts';
import { sigaction } from '../../../src/kernel/proc/delivery.ts';
import { exitProcess } from '../../../src/kernel/proc/exit.ts';
import { forkProcess } from '../../../src/kernel/proc/fork.ts';
import { setpgid } from '../../../src/kernel/proc/groups.ts';
import { ProcessState } from '../../../src/kernel/proc/process.ts';
import { sendSignal } from '../../../src/kernel/proc/signals.ts';
import { wait4 } from '../../../src/kernel/proc/wait.ts';
import { child, settle, world } from './support.ts';

async function errnoOf(promise: Promise<unknown>): Promise<Errno | undefined> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof KernelError) return e.errno;
    throw e;
  }
  return undefined;
}

describe('wait4', () => {
  it('does wait(WNOHANG) return 0 while the child runs?', async () => {
    const { table, init } = world();
    const parent = child(table, init);
    child(table, parent);
    expect(await wait4(table, parent, -1, WNOHANG)).toEqual({ pid: 0, status: 0 });
  });

  it('does wait fail with ECHILD when there is no child?', async () => {
    const { table, init } = world();
    const parent = child(table, init);
    expect(await errnoOf(wait4(table, parent, -1, 0))).toBe(Errno.ECHILD);
    const c = child(table, parent);
    expect(await errnoOf(wait4(table, parent, c.pid + 1, 0))).toBe(Errno.ECHILD);
    expect(await errnoOf(wait4(table, parent, -1, 0x4000))).toBe(Errno.EINVAL);
  });

  it('does wait return an exited child status and reap it?', async () => {
    const { table, init } = world();
    const parent = child(table, init);
    const c = child(table, parent);
    exitProcess(table, c, exitedStatus(42));
    expect(await wait4(table, parent, c.pid, 0)).toEqual({ pid: c.pid, status: 42 << 8 });
    expect(table.get(c.pid)).toBeUndefined();
    expect(await errnoOf(wait4(table, parent, -1, 0))).toBe(Errno.ECHILD);
  });

  it('does WNOWAIT leave the zombie to be waited for again?', async () => {
    const { table, init } = world();
    const parent = child(table, init);
    const c = child(table, parent);
    exitProcess(table, c, exitedStatus(1));
    expect((await wait4(table, parent, -1, WNOWAIT)).pid).toBe(c.pid);
    expect(table.get(c.pid)).toBe(c);
    expect((await wait4(table, parent, -1, 0)).pid).toBe(c.pid);
  });

  it('does a blocked wait resolve when the child exits later?', async () => {
    const { table, init } = world();
    const parent = child(table, init);
    const c = child(table, parent);
    const waiting = wait4(table, parent, -1, 0);
    await settle();
    expect(parent.state).toBe(ProcessState.Sleeping);
    exitProcess(table, c, exitedStatus(7));
    expect(await waiting).toEqual({ pid: c.pid, status: 7 << 8 });
    expect(parent.state).toBe(ProcessState.Running);
  });

  it('does wait(0) see only children in the caller group, and wait(-pgid) that group?', async () => {
    const { table, init } = world();
    const parent = child(table, init);
    const same = child(table, parent);
    const other = forkProcess(table, parent);
    setpgid(table, parent, other.pid, 0);
    exitProcess(table, other, exitedStatus(0));
    expect(await wait4(table, parent, 0, WNOHANG)).toEqual({ pid: 0, status: 0 });
    expect((await wait4(table, parent, -other.pid, 0)).pid).toBe(other.pid);
    exitProcess(table, same, exitedStatus(0));
    expect((await wait4(table, parent, 0, 0)).pid).toBe(same.pid);
  });

  it('does WUNTRACED report a stop once, and WCONTINUED a continue?', async () => {
    const { table, init } = world();
    const parent = child(table, init);
    const c = child(table, parent);
    sendSignal(table, c, Signal.SIGSTOP, parent);
    expect(await wait4(table, parent, -1, WNOHANG)).toEqual({ pid: 0, status: 0 });
    expect(await wait4(table, parent, -1, WUNTRACED | WNOHANG)).toEqual({
      pid: c.pid,
      status: stoppedStatus(Signal.SIGSTOP),
    });
    expect(await wait4(table, parent, -1, WUNTRACED | WNOHANG)).toEqual({ pid: 0, status: 0 });
    sendSignal(table, c, Signal.SIGCONT, parent);
    expect(await wait4(table, parent, -1, WCONTINUED)).toEqual({
      pid: c.pid,
      status: CONTINUED_STATUS,
    });
  });

  it('does a blocked WUNTRACED wait wake when the child stops?', async () => {
    const { table, init } = world();
    const parent = child(table, init);
    sigaction(table, parent, Signal.SIGCHLD, { handler: 0, mask: 0, flags: SA_NOCLDSTOP });
    const c = child(table, parent);
    const waiting = wait4(table, parent, c.pid, WUNTRACED);
    await settle();
    sendSignal(table, c, Signal.SIGSTOP);
    expect((await waiting).status).toBe(stoppedStatus(Signal.SIGSTOP));
  });

  it('is a wait interrupted with EINTR by a signal that has a handler?', async () => {
    const { table, init } = world();
    const parent = child(table, init);
    child(table, parent);
    sigaction(table, parent, Signal.SIGUSR1, { handler: 3, mask: 0, flags: 0 });
    const waiting = wait4(table, parent, -1, 0);
    await settle();
    sendSignal(table, parent, Signal.SIGUSR1, init);
    expect(await errnoOf(waiting)).toBe(Errno.EINTR);
  });

  it('is a wait for children that are auto-reaped ended with ECHILD?', async () => {
    const { table, init } = world();
    const parent = child(table, init);
    sigaction(table, parent, Signal.SIGCHLD, { handler: SIG_IGN, mask: 0, flags: 0 });
    const c = child(table, parent);
    const waiting = wait4(table, parent, -1, 0);
    await settle();
    exitProcess(table, c, exitedStatus(0));
    expect(await errnoOf(waiting)).toBe(Errno.ECHILD);
  });
});
