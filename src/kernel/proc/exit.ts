// Process exit (Linux's do_exit/exit_notify) and reaping: the exiting
// process becomes a zombie holding its wait status, its fds are closed, its
// children go to the reaper (init), process groups it leaves orphaned with
// stopped members get SIGHUP then SIGCONT, and its parent is told: SIGCHLD
// and a wake-up of wait(2), or immediate reaping if the parent ignores
// SIGCHLD or set SA_NOCLDWAIT. When the init of a pid namespace exits,
// every other process of the namespace (and of the namespaces below) is
// killed and reaped, and nothing can be created in it any more (Linux's
// zap_pid_namespace); the table's own init takes every process with it.
import { SA_NOCLDWAIT, SIG_IGN, Signal } from '../abi/signals.ts';
import { WIFSIGNALED, WTERMSIG } from '../abi/wait-status.ts';
import { isOrphanedGroup } from './groups.ts';
import { ProcessState } from './process.ts';
import type { Process } from './process.ts';
import type { ProcessTable } from './process-table.ts';
import { sendSignal, signalGroup } from './signals.ts';

/** Ends `process` with wait status `status` (see abi/wait-status). Does nothing to a zombie. */
export function exitProcess(table: ProcessTable, process: Process, status: number): void {
  if (process.state === ProcessState.Zombie) return;
  process.state = ProcessState.Zombie;
  process.exitStatus = status;
  process.unreportedChange = undefined;
  process.signals.pending = 0;
  process.fds.closeAll();
  disassociateTerminal(process);
  table.hooks.terminate(process, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  // Interruptible waits of the dead process end (their result is dropped).
  process.signals.notifyListeners();

  if (process === table.init) killEveryoneElse(table, process);
  else if (process.namespaces.pid.init === process) zapNamespace(table, process);
  const children = [...process.children];
  reparentChildren(table, process, children);
  hangUpOrphanedGroups(table, process, children);
  // An init without a parent (the host's) stays a zombie, for the caller to read.
  if (process !== table.init || process.parent) notifyParentOfExit(table, process);
  if (process === table.init) table.hooks.initExited(process);
}

/**
 * A session leader that exits takes its session's controlling terminal with
 * it: the foreground group gets SIGHUP (Linux's disassociate_ctty on exit).
 */
function disassociateTerminal(process: Process): void {
  const tty = process.controllingTty;
  process.controllingTty = undefined;
  if (tty && process.pid === process.sid && tty.session === process.sid) tty.disassociate(true);
}

/** Removes a zombie for good (wait(2) reaped it, or nobody will). */
export function reap(table: ProcessTable, zombie: Process): void {
  table.unregister(zombie);
}

function killEveryoneElse(table: ProcessTable, init: Process): void {
  for (const process of table.list()) {
    if (process !== init) sendSignal(table, process, Signal.SIGKILL);
  }
}

/** The init of a child pid namespace exited: everyone in it is killed; their zombies go with them. */
function zapNamespace(table: ProcessTable, init: Process): void {
  const ns = init.namespaces.pid;
  ns.dead = true;
  for (const process of table.listIn(ns)) {
    if (process !== init) sendSignal(table, process, Signal.SIGKILL);
  }
  for (const child of [...init.children]) {
    if (child.state === ProcessState.Zombie) reap(table, child);
  }
}

function reparentChildren(table: ProcessTable, process: Process, children: Process[]): void {
  const reaper = table.reaperFor(process);
  for (const child of children) {
    process.children.delete(child);
    child.parent = reaper;
    if (reaper) {
      reaper.children.add(child);
      // An adopted zombie is announced to its new parent at once.
      if (child.state === ProcessState.Zombie) notifyParentOfExit(table, child);
    } else if (child.state === ProcessState.Zombie) {
      reap(table, child);
    }
  }
  if (reaper) table.wakeChildWaiters(reaper);
}

/**
 * POSIX: when an exit orphans a process group that has a stopped member,
 * each member gets SIGHUP then SIGCONT. The exiting process linked its own
 * group if its parent is in another group of the same session, and a
 * child's group if the child is in another group of the same session.
 */
function hangUpOrphanedGroups(table: ProcessTable, process: Process, children: Process[]): void {
  const groups = new Set<number>();
  const parent = process.parent;
  if (parent && parent.pgid !== process.pgid && parent.sid === process.sid) {
    groups.add(process.pgid);
  }
  for (const child of children) {
    if (child.pgid !== process.pgid && child.sid === process.sid) groups.add(child.pgid);
  }
  for (const pgid of groups) {
    const members = table.groupMembers(pgid);
    if (!members.some((p) => p.state === ProcessState.Stopped)) continue;
    if (!isOrphanedGroup(table, pgid)) continue;
    signalGroup(table, pgid, Signal.SIGHUP);
    signalGroup(table, pgid, Signal.SIGCONT);
  }
}

function notifyParentOfExit(table: ProcessTable, child: Process): void {
  const parent = child.parent;
  if (!parent || parent.state === ProcessState.Zombie) {
    reap(table, child);
    return;
  }
  const action = parent.signals.action(Signal.SIGCHLD);
  // As Linux: SIG_IGN sends nothing; SA_NOCLDWAIT with a handler still signals.
  if (action.handler !== SIG_IGN) sendSignal(table, parent, Signal.SIGCHLD);
  if (action.handler === SIG_IGN || (action.flags & SA_NOCLDWAIT) !== 0) {
    reap(table, child);
    return;
  }
  table.wakeChildWaiters(parent);
}
