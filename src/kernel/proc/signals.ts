// Sending signals (kill(2)) and what happens at generation: permission,
// the special rules of SIGKILL, SIGSTOP and SIGCONT, and the default
// actions (terminate, stop, continue, ignore), carried out at once through
// the hooks since a program in a worker cannot be preempted. Signals with a
// handler stay pending until the worker takes them (delivery.ts).
//
// The init of a pid namespace (pid_namespaces(7)) gets only the signals it
// has a handler for; SIGKILL and SIGSTOP reach it only from the kernel or
// from a process of an ancestor namespace (Linux's SIGNAL_UNKILLABLE and
// its `force`). kill(2)'s pids are as the sender's namespace numbers them.
//
// Where we differ from Linux: a default action is taken when the signal is
// generated or unblocked, not when the process next returns to user mode;
// the outcome a program can observe is the same. No core files are written,
// so the wait status of a "core" signal never has the core-dump bit.
import { Errno } from '../abi/errno.ts';
import {
  DefaultAction,
  NSIG,
  SA_NOCLDSTOP,
  SIG_DFL,
  SIG_IGN,
  Signal,
  defaultAction,
  isStopSignal,
  isValidSignal,
  sigmask,
} from '../abi/signals.ts';
import { CONTINUED_STATUS, signaledStatus, stoppedStatus } from '../abi/wait-status.ts';
import { KernelError, fail } from '../errors.ts';
import { capableIn } from '../ns/capability.ts';
import { exitProcess } from './exit.ts';
import { isOrphanedGroup } from './groups.ts';
import { ProcessState } from './process.ts';
import type { Process } from './process.ts';
import type { ProcessTable } from './process-table.ts';

const STOP_SIGNALS =
  sigmask(Signal.SIGSTOP) |
  sigmask(Signal.SIGTSTP) |
  sigmask(Signal.SIGTTIN) |
  sigmask(Signal.SIGTTOU);

/**
 * kill(2)'s permission rule: a sender with CAP_KILL over the target's user
 * namespace, or one whose real or effective uid is the target's real or
 * saved uid; SIGCONT also within the same session.
 */
export function maySignal(sender: Process, target: Process, sig: number): boolean {
  const from = sender.credentials;
  const to = target.credentials;
  if (capableIn(sender, target.namespaces.user)) return true;
  if (from.uid === to.uid || from.uid === to.suid) return true;
  if (from.euid === to.uid || from.euid === to.suid) return true;
  return sig === Signal.SIGCONT && sender.sid === target.sid;
}

/**
 * Sends `sig` to one process. `sender` undefined means the kernel (always
 * allowed). Signal 0 checks existence and permission only. A zombie
 * accepts and ignores every signal, as in Linux.
 */
export function sendSignal(
  table: ProcessTable,
  target: Process,
  sig: number,
  sender?: Process,
): void {
  if (sig !== 0 && !isValidSignal(sig)) fail(Errno.EINVAL);
  if (sender && !maySignal(sender, target, sig)) fail(Errno.EPERM);
  if (sig === 0 || target.state === ProcessState.Zombie) return;
  if (isNamespaceInit(target) && target.signals.action(sig).handler === SIG_DFL) {
    const blocked = (target.signals.blocked & sigmask(sig)) !== 0;
    const forced = isKernelOnly(sig) && (!sender || fromAncestor(table, sender, target));
    if (!forced && !blocked) return;
  }
  generate(table, target, sig, sender !== target);
}

/** Whether `process` is pid 1 of its pid namespace (the initial one's too). */
export function isNamespaceInit(process: Process): boolean {
  return process.namespaces.pid.init === process;
}

const isKernelOnly = (sig: number): boolean => sig === Signal.SIGKILL || sig === Signal.SIGSTOP;

/** The sender has no pid in the target's namespace: it is in an ancestor. */
function fromAncestor(table: ProcessTable, sender: Process, target: Process): boolean {
  return table.pidIn(target.namespaces.pid, sender.pid) === 0;
}

/** Implements kill(2)'s pid selector: > 0 one process, 0 the caller's group, -1 all, < -1 group -pid. */
export function kill(table: ProcessTable, sender: Process, pid: number, sig: number): void {
  const ns = sender.namespaces.pid;
  if (pid > 0) {
    return sendSignal(table, table.processIn(ns, pid) ?? fail(Errno.ESRCH), sig, sender);
  }
  if (pid === 0) return signalGroup(table, sender.pgid, sig, sender);
  if (pid < -1) return signalGroup(table, table.globalIn(ns, -pid) ?? 0, sig, sender);
  signalAll(table, sender, sig);
}

/** kill(-pgid): succeeds if any member was signalled; ESRCH for an empty group. */
export function signalGroup(
  table: ProcessTable,
  pgid: number,
  sig: number,
  sender?: Process,
): void {
  const members = table.groupMembers(pgid);
  if (members.length === 0) fail(Errno.ESRCH);
  let error: KernelError | undefined;
  let delivered = false;
  for (const member of members) {
    try {
      sendSignal(table, member, sig, sender);
      delivered = true;
    } catch (e) {
      if (!(e instanceof KernelError)) throw e;
      error = e;
    }
  }
  if (!delivered && error) throw error;
}

/**
 * kill(-1): every process the sender sees except its namespace's pid 1 and
 * itself. As in Linux, EPERM on some targets is not reported; ESRCH only
 * when there is no candidate.
 */
function signalAll(table: ProcessTable, sender: Process, sig: number): void {
  let candidates = 0;
  let error: KernelError | undefined;
  const ns = sender.namespaces.pid;
  for (const target of table.listIn(ns)) {
    if (table.pidIn(ns, target.pid) === 1 || target === sender) continue;
    candidates++;
    try {
      sendSignal(table, target, sig, sender);
    } catch (e) {
      if (!(e instanceof KernelError)) throw e;
      if (e.errno !== Errno.EPERM) error = e;
    }
  }
  if (candidates === 0) fail(Errno.ESRCH);
  if (error) throw error;
}

/** Generation (Linux's prepare_signal + send): side effects that happen whatever the mask. */
function generate(table: ProcessTable, target: Process, sig: number, fromOther: boolean): void {
  const state = target.signals;
  if (sig === Signal.SIGKILL) {
    exitProcess(table, target, signaledStatus(sig));
    return;
  }
  if (isStopSignal(sig)) state.pending &= ~sigmask(Signal.SIGCONT);
  if (sig === Signal.SIGCONT) {
    state.pending &= ~STOP_SIGNALS;
    if (target.state === ProcessState.Stopped) continueProcess(table, target);
  }
  const blocked = (state.blocked & sigmask(sig)) !== 0;
  // An ignored, unblocked signal is discarded now; a blocked one stays
  // pending, since the disposition may change before it is unblocked.
  if (!blocked && state.ignores(sig)) return;
  state.pending |= sigmask(sig);
  dispatchSignals(table, target);
  if (fromOther && state.handlerDeliverable() !== 0) table.hooks.interrupt(target);
}

/**
 * Acts on the pending, unblocked signals of `process`: discards ignored
 * ones, carries out default actions, and leaves those with a handler
 * pending for takeDeliverable (waking interruptible waits). A stopped
 * process acts on nothing until continued (SIGKILL never gets here).
 * Called after any change of the pending set, the mask or a disposition.
 */
export function dispatchSignals(table: ProcessTable, process: Process): void {
  const state = process.signals;
  for (let sig = 1; sig < NSIG; sig++) {
    if (process.state === ProcessState.Stopped || process.state === ProcessState.Zombie) return;
    const bit = sigmask(sig);
    if ((state.pending & ~state.blocked & bit) === 0) continue;
    const { handler } = state.action(sig);
    if (handler > SIG_IGN) continue;
    state.pending &= ~bit;
    // A namespace init acts on a default action only for a forced SIGSTOP.
    if (isNamespaceInit(process) && sig !== Signal.SIGSTOP) continue;
    if (handler === SIG_DFL) defaultActionOf(table, process, sig);
  }
  if (process.state !== ProcessState.Zombie && state.handlerDeliverable() !== 0) {
    state.notifyListeners();
  }
}

function defaultActionOf(table: ProcessTable, process: Process, sig: number): void {
  switch (defaultAction(sig)) {
    case DefaultAction.Terminate:
    case DefaultAction.Core:
      exitProcess(table, process, signaledStatus(sig));
      return;
    case DefaultAction.Stop:
      // Terminal stop signals to an orphaned group are dropped: nobody is
      // left in the session to continue it (POSIX job control).
      if (sig !== Signal.SIGSTOP && isOrphanedGroup(table, process.pgid)) return;
      stopProcess(table, process, sig);
      return;
    case DefaultAction.Continue:
    case DefaultAction.Ignore:
      return;
  }
}

function stopProcess(table: ProcessTable, process: Process, sig: number): void {
  process.state = ProcessState.Stopped;
  process.unreportedChange = stoppedStatus(sig);
  table.hooks.stop(process);
  notifyParentOfJobControl(table, process);
}

function continueProcess(table: ProcessTable, process: Process): void {
  process.state = ProcessState.Running;
  process.unreportedChange = CONTINUED_STATUS;
  table.hooks.resume(process);
  notifyParentOfJobControl(table, process);
}

/** A child stopped or continued: SIGCHLD unless the parent set SA_NOCLDSTOP; wait(2) wakes. */
function notifyParentOfJobControl(table: ProcessTable, child: Process): void {
  const parent = child.parent;
  if (!parent || parent.state === ProcessState.Zombie) return;
  if ((parent.signals.action(Signal.SIGCHLD).flags & SA_NOCLDSTOP) === 0) {
    sendSignal(table, parent, Signal.SIGCHLD);
  }
  table.wakeChildWaiters(parent);
}
