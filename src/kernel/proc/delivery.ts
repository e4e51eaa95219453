// Signal delivery to a handler, and the calls that change what is
// deliverable: sigaction(2), sigprocmask(2), sigpending(2), sigsuspend(2)
// and sigreturn. Handlers run in the program's worker: after each syscall
// the worker calls takeDeliverable, runs the handler it names (an opaque
// function-table index of the C side), then issues sigreturn.
import { Errno } from '../abi/errno.ts';
import {
  NSIG,
  SA_NODEFER,
  SA_RESETHAND,
  SA_RESTART,
  SIG_BLOCK,
  SIG_IGN,
  SIG_SETMASK,
  SIG_UNBLOCK,
  blockable,
  isUncatchable,
  isValidSignal,
  sigmask,
} from '../abi/signals.ts';
import { fail } from '../errors.ts';
import { interruptible } from './interruptible.ts';
import { ProcessState } from './process.ts';
import type { Process } from './process.ts';
import type { ProcessTable } from './process-table.ts';
import { DEFAULT_ACTION } from './signal-state.ts';
import type { SignalAction } from './signal-state.ts';
import { dispatchSignals } from './signals.ts';

/** A signal for the worker to hand to the program's handler. */
export interface Delivery {
  signal: number;
  /** The handler's function-table index (≥ 2). */
  handler: number;
  /** The action's sa_flags. */
  flags: number;
  /**
   * SA_RESTART: if the syscall just finished returned EINTR because of this
   * signal, the worker reissues it after the handler instead of returning
   * EINTR (sigsuspend is never restarted).
   */
  restart: boolean;
}

/**
 * Takes the lowest pending, unblocked signal that has a handler: removes it
 * from the pending set, saves the mask for sigreturn, blocks the action's
 * sa_mask and the signal itself (unless SA_NODEFER), and resets the action
 * to SIG_DFL with SA_RESETHAND. Undefined if there is none, or the process
 * is stopped or dead.
 */
export function takeDeliverable(process: Process): Delivery | undefined {
  const state = process.signals;
  if (process.state === ProcessState.Stopped || process.state === ProcessState.Zombie) {
    return undefined;
  }
  const ready = state.handlerDeliverable();
  for (let sig = 1; sig < NSIG; sig++) {
    if ((ready & sigmask(sig)) === 0) continue;
    const action = state.action(sig);
    state.pending &= ~sigmask(sig);
    state.savedMasks.push(state.suspendedMask ?? state.blocked);
    state.suspendedMask = undefined;
    const self = (action.flags & SA_NODEFER) !== 0 ? 0 : sigmask(sig);
    state.blocked = blockable(state.blocked | action.mask | self);
    if ((action.flags & SA_RESETHAND) !== 0) state.setAction(sig, DEFAULT_ACTION);
    return {
      signal: sig,
      handler: action.handler,
      flags: action.flags,
      restart: (action.flags & SA_RESTART) !== 0,
    };
  }
  // sigsuspend ended without a handler to run: its mask is undone now.
  if (state.suspendedMask !== undefined) {
    state.blocked = state.suspendedMask;
    state.suspendedMask = undefined;
  }
  return undefined;
}

/** Implements sigreturn: restores the mask saved when the handler was entered. EINVAL outside a handler. */
export function sigreturn(table: ProcessTable, process: Process): void {
  const mask = process.signals.savedMasks.pop();
  if (mask === undefined) fail(Errno.EINVAL);
  process.signals.blocked = blockable(mask);
  dispatchSignals(table, process);
}

/**
 * Implements sigaction(2): returns the old action and installs `action` if
 * given. SIGKILL and SIGSTOP cannot be changed (EINVAL). Setting an action
 * that ignores the signal discards it if pending, as POSIX says.
 */
export function sigaction(
  table: ProcessTable,
  process: Process,
  sig: number,
  action?: SignalAction,
): SignalAction {
  if (!isValidSignal(sig)) fail(Errno.EINVAL);
  const state = process.signals;
  const old = state.action(sig);
  if (!action) return old;
  if (isUncatchable(sig)) fail(Errno.EINVAL);
  state.setAction(sig, {
    handler: action.handler,
    mask: blockable(action.mask),
    flags: action.flags >>> 0,
  });
  if (action.handler === SIG_IGN || state.ignores(sig)) state.pending &= ~sigmask(sig);
  dispatchSignals(table, process);
  return old;
}

/** Implements sigprocmask(2): returns the old mask; `set` undefined only queries. */
export function sigprocmask(
  table: ProcessTable,
  process: Process,
  how: number,
  set?: number,
): number {
  const state = process.signals;
  const old = state.blocked;
  if (set === undefined) return old;
  switch (how) {
    case SIG_BLOCK:
      state.blocked = blockable(old | set);
      break;
    case SIG_UNBLOCK:
      state.blocked = blockable(old & ~set);
      break;
    case SIG_SETMASK:
      state.blocked = blockable(set);
      break;
    default:
      fail(Errno.EINVAL);
  }
  dispatchSignals(table, process);
  return old;
}

/** Implements sigpending(2): signals pending because they are blocked. */
export function sigpending(process: Process): number {
  return process.signals.pending & process.signals.blocked;
}

/**
 * Implements sigsuspend(2): replaces the mask with `mask` and waits until a
 * signal with a handler is deliverable (or the process dies); always ends
 * with EINTR. The original mask comes back when that handler's sigreturn
 * runs (or at once, if takeDeliverable finds no handler).
 */
export async function sigsuspend(
  table: ProcessTable,
  process: Process,
  mask: number,
): Promise<never> {
  const state = process.signals;
  state.suspendedMask = state.blocked;
  state.blocked = blockable(mask);
  dispatchSignals(table, process);
  await interruptible(process, new Promise<never>(() => {}), () => {});
  return fail(Errno.EINTR);
}
