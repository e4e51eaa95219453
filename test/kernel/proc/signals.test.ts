// Signals: permission, default actions, the special rules of SIGKILL,
// SIGSTOP and SIGCONT, job control, masks, delivery to handlers,
// sigsuspend and kill's pid selectors.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import {
  SA_NOCLDSTOP,
  SA_NODEFER,
  SA_RESETHAND,
  SA_RESTART,
  SIG_BLOCK,
  SIG_IGN,
  SIG_SETMASK,
  SIG_UNBLOCK,
  Signal,
  sigmask,
} from '../../../src/kernel/abi/signals.ts';
import { signaledStatus } from '../../../src/kernel/abi/wait-status.ts';
import { KernelError } from '../../../src/kernel/errors.ts';
import {
  sigaction,
  sigpending,
  sigprocmask,
  sigreturn,
  sigsuspend,
  takeDeliverable,
} from '../../../src/kernel/proc/delivery.ts';
import { forkProcess } from '../../../src/kernel/proc/fork.ts';
import { setpgid, setsid } from '../../../src/kernel/proc/groups.ts';
import { ProcessState } from '../../../src/kernel/proc/process.ts';
import { kill, sendSignal } from '../../../src/kernel/proc/signals.ts';
import { child, settle, user, world } from './support.ts';

function errno(run: () => unknown): Errno | undefined {
  try {
    run();
  } catch (e) {
    if (e instanceof KernelError) return e.errno;
    throw e;
  }
  return undefined;
}

const handle = (handler: number, flags = 0, mask = 0) => ({ handler, mask, flags });

/** A session leader shell with a job in its own group: a non-orphaned group. */
function job() {
  const w = world();
  const shell = child(w.table, w.init);
  setsid(w.table, shell);
  const process = forkProcess(w.table, shell);
  setpgid(w.table, shell, process.pid, 0);
  return { ...w, shell, process };
}

describe('permission', () => {
  it('may a user signal only its own processes, and root any?', () => {
    const { table, init } = world();
    const alice = child(table, init, user(1000));
    const bob = child(table, init, user(1001));
    expect(errno(() => sendSignal(table, bob, Signal.SIGTERM, alice))).toBe(Errno.EPERM);
    expect(errno(() => sendSignal(table, bob, 0, alice))).toBe(Errno.EPERM);
    expect(errno(() => sendSignal(table, alice, 0, alice))).toBeUndefined();
    sendSignal(table, bob, Signal.SIGTERM, init);
    expect(bob.state).toBe(ProcessState.Zombie);
  });

  it('does a matching real uid against the target saved uid suffice?', () => {
    const { table, init } = world();
    const sender = child(table, init, { ...user(1000), euid: 5 });
    const target = child(table, init, { ...user(7), suid: 1000 });
    sendSignal(table, target, Signal.SIGUSR1, sender);
    expect(target.state).toBe(ProcessState.Zombie);
  });

  it('is signal 0 a check only, and an unknown signal EINVAL?', () => {
    const { table, init } = world();
    const c = child(table, init);
    sendSignal(table, c, 0, init);
    expect(c.state).toBe(ProcessState.Running);
    expect(errno(() => sendSignal(table, c, 32, init))).toBe(Errno.EINVAL);
    expect(errno(() => sendSignal(table, c, -1, init))).toBe(Errno.EINVAL);
  });
});

describe('default actions', () => {
  it('does SIGTERM terminate with a signaled status and tell the hooks?', () => {
    const { table, init, hooks } = world();
    const c = child(table, init);
    sendSignal(table, c, Signal.SIGTERM, init);
    expect(c.exitStatus).toBe(signaledStatus(Signal.SIGTERM));
    expect(hooks.of('terminate')).toEqual([
      { hook: 'terminate', pid: c.pid, signal: Signal.SIGTERM },
    ]);
  });

  it('is SIGCHLD ignored by default?', () => {
    const { table, init } = world();
    const c = child(table, init);
    sendSignal(table, c, Signal.SIGCHLD, init);
    expect(c.state).toBe(ProcessState.Running);
    expect(c.signals.pending).toBe(0);
  });

  it('is SIGKILL delivered even when blocked, ignored or caught?', () => {
    const { table, init } = world();
    const c = child(table, init);
    expect(errno(() => sigaction(table, c, Signal.SIGKILL, handle(SIG_IGN)))).toBe(Errno.EINVAL);
    expect(errno(() => sigaction(table, c, Signal.SIGSTOP, handle(5)))).toBe(Errno.EINVAL);
    sigprocmask(table, c, SIG_BLOCK, 0x7fffffff);
    expect(c.signals.blocked & sigmask(Signal.SIGKILL)).toBe(0);
    expect(c.signals.blocked & sigmask(Signal.SIGSTOP)).toBe(0);
    sendSignal(table, c, Signal.SIGKILL, init);
    expect(c.exitStatus).toBe(signaledStatus(Signal.SIGKILL));
  });

  it('is SIGKILL fatal to a stopped process?', () => {
    const { table, process, shell } = job();
    sendSignal(table, process, Signal.SIGSTOP, shell);
    expect(process.state).toBe(ProcessState.Stopped);
    sendSignal(table, process, Signal.SIGKILL, shell);
    expect(process.state).toBe(ProcessState.Zombie);
  });

  it('does a blocked fatal signal wait pending until unblocked?', () => {
    const { table, init } = world();
    const c = child(table, init);
    sigprocmask(table, c, SIG_BLOCK, sigmask(Signal.SIGTERM));
    sendSignal(table, c, Signal.SIGTERM, init);
    expect(c.state).toBe(ProcessState.Running);
    expect(sigpending(c)).toBe(sigmask(Signal.SIGTERM));
    sigprocmask(table, c, SIG_UNBLOCK, sigmask(Signal.SIGTERM));
    expect(c.exitStatus).toBe(signaledStatus(Signal.SIGTERM));
  });

  it('is a pending signal discarded when its action becomes SIG_IGN?', () => {
    const { table, init } = world();
    const c = child(table, init);
    sigprocmask(table, c, SIG_BLOCK, sigmask(Signal.SIGINT));
    sendSignal(table, c, Signal.SIGINT, init);
    sigaction(table, c, Signal.SIGINT, handle(SIG_IGN));
    expect(sigpending(c)).toBe(0);
  });
});

describe('job control', () => {
  it('does SIGTSTP stop a job, notify the parent, and SIGCONT resume it?', () => {
    const { table, process, shell, hooks } = job();
    sigaction(table, shell, Signal.SIGCHLD, handle(30));
    sendSignal(table, process, Signal.SIGTSTP, shell);
    expect(process.state).toBe(ProcessState.Stopped);
    expect(hooks.of('stop')).toEqual([{ hook: 'stop', pid: process.pid }]);
    expect(shell.signals.pending).toBe(sigmask(Signal.SIGCHLD));
    sendSignal(table, process, Signal.SIGCONT, shell);
    expect(process.state).toBe(ProcessState.Running);
    expect(hooks.of('resume')).toEqual([{ hook: 'resume', pid: process.pid }]);
  });

  it('does SA_NOCLDSTOP keep SIGCHLD from the parent on stop?', () => {
    const { table, process, shell } = job();
    sigaction(table, shell, Signal.SIGCHLD, handle(6, SA_NOCLDSTOP));
    sendSignal(table, process, Signal.SIGSTOP, shell);
    expect(shell.signals.pending).toBe(0);
  });

  it('does SIGCONT resume even when blocked or ignored?', () => {
    const { table, process, shell } = job();
    sigaction(table, process, Signal.SIGCONT, handle(SIG_IGN));
    sigprocmask(table, process, SIG_BLOCK, sigmask(Signal.SIGCONT));
    sendSignal(table, process, Signal.SIGSTOP, shell);
    sendSignal(table, process, Signal.SIGCONT, shell);
    expect(process.state).toBe(ProcessState.Running);
  });

  it('does SIGCONT discard pending stop signals, and a stop signal a pending SIGCONT?', () => {
    const { table, process, shell } = job();
    const stops = sigmask(Signal.SIGTSTP) | sigmask(Signal.SIGTTIN);
    sigprocmask(table, process, SIG_BLOCK, stops | sigmask(Signal.SIGCONT));
    sendSignal(table, process, Signal.SIGTSTP, shell);
    sendSignal(table, process, Signal.SIGCONT, shell);
    expect(sigpending(process)).toBe(sigmask(Signal.SIGCONT));
    sendSignal(table, process, Signal.SIGTTIN, shell);
    expect(sigpending(process)).toBe(sigmask(Signal.SIGTTIN));
  });

  it('are SIGTSTP, SIGTTIN and SIGTTOU discarded for an orphaned group, but not SIGSTOP?', () => {
    const { table, init } = world();
    const orphan = child(table, init);
    setsid(table, orphan);
    sendSignal(table, orphan, Signal.SIGTSTP, init);
    sendSignal(table, orphan, Signal.SIGTTOU, init);
    expect(orphan.state).toBe(ProcessState.Running);
    sendSignal(table, orphan, Signal.SIGSTOP, init);
    expect(orphan.state).toBe(ProcessState.Stopped);
  });

  it('does a stopped process keep a fatal signal pending until continued?', () => {
    const { table, process, shell } = job();
    sendSignal(table, process, Signal.SIGSTOP, shell);
    sendSignal(table, process, Signal.SIGTERM, shell);
    expect(process.state).toBe(ProcessState.Stopped);
    sendSignal(table, process, Signal.SIGCONT, shell);
    expect(process.exitStatus).toBe(signaledStatus(Signal.SIGTERM));
  });

  it('does a group orphaned with a stopped member get SIGHUP then SIGCONT?', () => {
    const { table, process, shell } = job();
    sigaction(table, process, Signal.SIGHUP, handle(8));
    sendSignal(table, process, Signal.SIGSTOP, shell);
    sendSignal(table, shell, Signal.SIGKILL);
    expect(process.parent?.pid).toBe(1);
    expect(process.state).toBe(ProcessState.Running);
    expect(process.signals.pending & sigmask(Signal.SIGHUP)).not.toBe(0);
  });
});

describe('delivery to handlers', () => {
  it('does takeDeliverable hand over a caught signal and mask it until sigreturn?', () => {
    const { table, init, hooks } = world();
    const c = child(table, init);
    sigaction(table, c, Signal.SIGUSR1, handle(12, SA_RESTART, sigmask(Signal.SIGUSR2)));
    sendSignal(table, c, Signal.SIGUSR1, init);
    expect(hooks.of('interrupt')).toEqual([{ hook: 'interrupt', pid: c.pid }]);
    expect(takeDeliverable(c)).toEqual({
      signal: Signal.SIGUSR1,
      handler: 12,
      flags: SA_RESTART,
      restart: true,
    });
    expect(c.signals.blocked).toBe(sigmask(Signal.SIGUSR1) | sigmask(Signal.SIGUSR2));
    expect(takeDeliverable(c)).toBeUndefined();
    sendSignal(table, c, Signal.SIGUSR1, init);
    expect(takeDeliverable(c)).toBeUndefined(); // masked while the handler runs
    sigreturn(table, c);
    expect(c.signals.blocked).toBe(0);
    expect(takeDeliverable(c)?.signal).toBe(Signal.SIGUSR1);
  });

  it('do SA_NODEFER and SA_RESETHAND do what they say?', () => {
    const { table, init } = world();
    const c = child(table, init);
    sigaction(table, c, Signal.SIGINT, handle(3, SA_NODEFER | SA_RESETHAND));
    sendSignal(table, c, Signal.SIGINT, init);
    takeDeliverable(c);
    expect(c.signals.blocked).toBe(0);
    expect(c.signals.action(Signal.SIGINT).handler).toBe(0);
    sendSignal(table, c, Signal.SIGINT, init);
    expect(c.exitStatus).toBe(signaledStatus(Signal.SIGINT));
  });

  it('is sigreturn outside a handler EINVAL?', () => {
    const { table, init } = world();
    expect(errno(() => sigreturn(table, init))).toBe(Errno.EINVAL);
  });

  it('does sigprocmask return the old mask and reject a bad how?', () => {
    const { table, init } = world();
    expect(sigprocmask(table, init, SIG_SETMASK, 0b110)).toBe(0);
    expect(sigprocmask(table, init, SIG_UNBLOCK, 0b010)).toBe(0b110);
    expect(sigprocmask(table, init, SIG_BLOCK)).toBe(0b100);
    expect(errno(() => sigprocmask(table, init, 7, 0))).toBe(Errno.EINVAL);
  });

  it('does sigsuspend wait with its mask, end with EINTR, and restore the mask after the handler?', async () => {
    const { table, init } = world();
    const c = child(table, init);
    sigaction(table, c, Signal.SIGUSR1, handle(20));
    sigprocmask(table, c, SIG_BLOCK, sigmask(Signal.SIGUSR1));
    let result: unknown;
    sigsuspend(table, c, 0).catch((e: unknown) => (result = e));
    await settle();
    expect(result).toBeUndefined();
    sendSignal(table, c, Signal.SIGUSR1, init);
    await settle();
    expect(result).toBeInstanceOf(KernelError);
    expect((result as KernelError).errno).toBe(Errno.EINTR);
    expect(takeDeliverable(c)?.signal).toBe(Signal.SIGUSR1);
    sigreturn(table, c);
    expect(c.signals.blocked).toBe(sigmask(Signal.SIGUSR1));
  });

  it('does sigsuspend return at once for a pending signal it unblocks?', async () => {
    const { table, init } = world();
    const c = child(table, init);
    sigaction(table, c, Signal.SIGUSR2, handle(21));
    sigprocmask(table, c, SIG_BLOCK, sigmask(Signal.SIGUSR2));
    sendSignal(table, c, Signal.SIGUSR2, init);
    await expect(sigsuspend(table, c, 0)).rejects.toMatchObject({ errno: Errno.EINTR });
  });

  it('does a child start with nothing pending but the same mask?', () => {
    const { table, init } = world();
    sigprocmask(table, init, SIG_BLOCK, sigmask(Signal.SIGUSR1));
    sendSignal(table, init, Signal.SIGUSR1);
    const c = child(table, init);
    expect(c.signals.pending).toBe(0);
    expect(c.signals.blocked).toBe(sigmask(Signal.SIGUSR1));
  });
});

describe('kill selectors', () => {
  it('does kill(0) signal the caller group and kill(-pgid) another group?', () => {
    const { table, shell, process } = job();
    const sibling = forkProcess(table, shell);
    setpgid(table, shell, sibling.pid, process.pid);
    kill(table, shell, -process.pid, Signal.SIGTERM);
    expect(process.state).toBe(ProcessState.Zombie);
    expect(sibling.state).toBe(ProcessState.Zombie);
    expect(shell.state).toBe(ProcessState.Running);
    expect(errno(() => kill(table, shell, -9999, Signal.SIGTERM))).toBe(Errno.ESRCH);
    expect(errno(() => kill(table, shell, 9999, Signal.SIGTERM))).toBe(Errno.ESRCH);
    kill(table, shell, 0, Signal.SIGTERM);
    expect(shell.state).toBe(ProcessState.Zombie);
  });

  it('does kill(-1) spare init and the sender, and skip what it may not signal?', () => {
    const { table, init } = world();
    const sender = child(table, init, user(1000));
    const mine = child(table, init, user(1000));
    const theirs = child(table, init, user(1001));
    kill(table, sender, -1, Signal.SIGTERM);
    expect(mine.state).toBe(ProcessState.Zombie);
    expect(theirs.state).toBe(ProcessState.Running);
    expect(sender.state).toBe(ProcessState.Running);
    expect(init.state).toBe(ProcessState.Running);
  });

  it('does a signal to a zombie succeed and do nothing?', async () => {
    const { table, init } = world();
    const c = child(table, init);
    sendSignal(table, c, Signal.SIGTERM, init);
    sendSignal(table, c, Signal.SIGUSR1, init);
    await settle();
    expect(c.exitStatus).toBe(signaledStatus(Signal.SIGTERM));
  });
});
