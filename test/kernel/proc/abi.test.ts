// The signal ABI and the wait status word: numbers, default actions, the
// WASI map, and encode/decode round trips against Linux's values.
import { describe, expect, it } from 'vitest';
import {
  DefaultAction,
  SIGNAL_NAMES,
  Signal,
  defaultAction,
  signalFromWasi,
  sigsetFromWire,
} from '../../../src/kernel/abi/signals.ts';
import { WasiSignal } from '../../../src/kernel/abi/wasi.ts';
import {
  CONTINUED_STATUS,
  WCOREDUMP,
  WEXITSTATUS,
  WIFCONTINUED,
  WIFEXITED,
  WIFSIGNALED,
  WIFSTOPPED,
  WSTOPSIG,
  WTERMSIG,
  exitedStatus,
  shellExitCode,
  signaledStatus,
  stoppedStatus,
} from '../../../src/kernel/abi/wait-status.ts';

describe('signal numbers', () => {
  it('are Linux numbers', () => {
    expect(Signal.SIGHUP).toBe(1);
    expect(Signal.SIGKILL).toBe(9);
    expect(Signal.SIGCHLD).toBe(17);
    expect(Signal.SIGCONT).toBe(18);
    expect(Signal.SIGSTOP).toBe(19);
    expect(Signal.SIGTSTP).toBe(20);
    expect(Signal.SIGSYS).toBe(31);
    expect(SIGNAL_NAMES[Signal.SIGTERM]).toBe('SIGTERM');
    expect(SIGNAL_NAMES).toHaveLength(32);
  });

  it('have signal(7) default actions', () => {
    expect(defaultAction(Signal.SIGTERM)).toBe(DefaultAction.Terminate);
    expect(defaultAction(Signal.SIGSEGV)).toBe(DefaultAction.Core);
    expect(defaultAction(Signal.SIGTSTP)).toBe(DefaultAction.Stop);
    expect(defaultAction(Signal.SIGCONT)).toBe(DefaultAction.Continue);
    expect(defaultAction(Signal.SIGCHLD)).toBe(DefaultAction.Ignore);
    expect(defaultAction(Signal.SIGWINCH)).toBe(DefaultAction.Ignore);
  });

  it('does a WASI signal map to the Linux signal of the same name?', () => {
    expect(signalFromWasi(WasiSignal.NONE)).toBe(0);
    expect(signalFromWasi(WasiSignal.TERM)).toBe(Signal.SIGTERM);
    expect(signalFromWasi(WasiSignal.CHLD)).toBe(Signal.SIGCHLD);
    expect(signalFromWasi(WasiSignal.STOP)).toBe(Signal.SIGSTOP);
    expect(signalFromWasi(WasiSignal.SYS)).toBe(Signal.SIGSYS);
    expect(signalFromWasi(31)).toBeUndefined();
  });

  it('drops real-time signals from a wire sigset', () => {
    expect(sigsetFromWire(0xffffffffffffffffn)).toBe(0x7fffffff);
  });
});

describe('wait status', () => {
  it('round-trips an exit code', () => {
    const status = exitedStatus(3);
    expect(status).toBe(0x300);
    expect(WIFEXITED(status)).toBe(true);
    expect(WEXITSTATUS(status)).toBe(3);
    expect(WIFSIGNALED(status) || WIFSTOPPED(status) || WIFCONTINUED(status)).toBe(false);
    expect(shellExitCode(status)).toBe(3);
  });

  it('keeps only the low 8 bits of an exit code, as exit(256) gives 0', () => {
    expect(WEXITSTATUS(exitedStatus(256))).toBe(0);
    expect(WEXITSTATUS(exitedStatus(-1))).toBe(255);
  });

  it('round-trips a fatal signal with and without core', () => {
    const killed = signaledStatus(Signal.SIGKILL);
    expect(killed).toBe(9);
    expect(WIFSIGNALED(killed)).toBe(true);
    expect(WIFEXITED(killed)).toBe(false);
    expect(WTERMSIG(killed)).toBe(9);
    expect(WCOREDUMP(killed)).toBe(false);
    expect(shellExitCode(killed)).toBe(137);
    const core = signaledStatus(Signal.SIGSEGV, true);
    expect(core).toBe(11 | 0x80);
    expect(WTERMSIG(core)).toBe(11);
    expect(WCOREDUMP(core)).toBe(true);
  });

  it('round-trips a stop and a continue', () => {
    const stopped = stoppedStatus(Signal.SIGTSTP);
    expect(stopped).toBe((20 << 8) | 0x7f);
    expect(WIFSTOPPED(stopped)).toBe(true);
    expect(WIFSIGNALED(stopped)).toBe(false);
    expect(WSTOPSIG(stopped)).toBe(20);
    expect(shellExitCode(stopped)).toBe(148);
    expect(WIFCONTINUED(CONTINUED_STATUS)).toBe(true);
    expect(WIFEXITED(CONTINUED_STATUS)).toBe(false);
  });
});
