// A process's signal state (the parts of Linux's sighand and task signal
// fields that we need): one action per signal, the blocked mask, the pending
// set, and the masks saved while handlers run. Pure data; the rules for
// sending and delivering live in signals.ts and delivery.ts.
import { DefaultAction, NSIG, SIG_DFL, SIG_IGN, defaultAction, sigmask } from '../abi/signals.ts';

/** One sigaction(2) entry. `handler` is SIG_DFL, SIG_IGN or the C side's opaque table index (≥ 2). */
export interface SignalAction {
  handler: number;
  /** Signals blocked while the handler runs (besides the signal itself unless SA_NODEFER). */
  mask: number;
  flags: number;
}

export const DEFAULT_ACTION: Readonly<SignalAction> = { handler: SIG_DFL, mask: 0, flags: 0 };

export class SignalState {
  /** Index = signal number (1..31); index 0 unused. */
  private readonly actions: SignalAction[] = Array.from({ length: NSIG }, () => ({
    ...DEFAULT_ACTION,
  }));
  /** Blocked signals (never SIGKILL or SIGSTOP). */
  blocked = 0;
  /** Generated but not yet delivered or discarded. */
  pending = 0;
  /** Masks to restore on sigreturn, innermost handler last. */
  readonly savedMasks: number[] = [];
  /** During sigsuspend: the mask the first handler's sigreturn restores. */
  suspendedMask: number | undefined;
  /** Called when a signal with a handler becomes deliverable: interruptible waits listen. */
  readonly listeners = new Set<() => void>();

  action(sig: number): SignalAction {
    return { ...(this.actions[sig] ?? DEFAULT_ACTION) };
  }

  setAction(sig: number, action: SignalAction): void {
    this.actions[sig] = { ...action };
  }

  /** Whether delivering `sig` now would do nothing (SIG_IGN, or SIG_DFL whose action is ignore). */
  ignores(sig: number): boolean {
    const { handler } = this.action(sig);
    return (
      handler === SIG_IGN || (handler === SIG_DFL && defaultAction(sig) === DefaultAction.Ignore)
    );
  }

  /** Pending, unblocked signals that have a handler: what takeDeliverable would return. */
  handlerDeliverable(): number {
    let set = 0;
    const ready = this.pending & ~this.blocked;
    for (let sig = 1; sig < NSIG; sig++) {
      if ((ready & sigmask(sig)) !== 0 && this.action(sig).handler > SIG_IGN) set |= sigmask(sig);
    }
    return set;
  }

  notifyListeners(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** The child's copy at fork(2): same actions and mask, nothing pending. */
  clone(): SignalState {
    const copy = new SignalState();
    for (let sig = 1; sig < NSIG; sig++) copy.setAction(sig, this.action(sig));
    copy.blocked = this.blocked;
    return copy;
  }

  /**
   * execve(2): caught signals go back to SIG_DFL (the handlers are gone with
   * the old program); ignored ones stay ignored; mask and pending set are kept.
   */
  resetForExec(): void {
    for (let sig = 1; sig < NSIG; sig++) {
      const action = this.action(sig);
      if (action.handler > SIG_IGN) this.setAction(sig, DEFAULT_ACTION);
      else this.setAction(sig, { ...action, mask: 0, flags: 0 });
    }
    this.savedMasks.length = 0;
    this.suspendedMask = undefined;
  }
}
