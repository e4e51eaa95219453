// Process groups and sessions: setpgid(2), setsid(2), getpgid(2),
// getsid(2), and the orphaned-group test of POSIX job control. Pids, pgids
// and sids in and out are as the caller's pid namespace numbers them (0
// for a group or session led from outside it).
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import { ProcessState } from './process.ts';
import type { Process } from './process.ts';
import type { ProcessTable } from './process-table.ts';

/** `pid` 0 means the caller; otherwise a process the caller sees (ESRCH if none). */
function target(table: ProcessTable, caller: Process, pid: number): Process {
  if (pid < 0) fail(Errno.ESRCH);
  if (pid === 0) return caller;
  return table.processIn(caller.namespaces.pid, pid) ?? fail(Errno.ESRCH);
}

export function getpgid(table: ProcessTable, caller: Process, pid: number): number {
  return table.pidIn(caller.namespaces.pid, target(table, caller, pid).pgid);
}

export function getsid(table: ProcessTable, caller: Process, pid: number): number {
  return table.pidIn(caller.namespaces.pid, target(table, caller, pid).sid);
}

/**
 * Implements setpgid(2). `pid` 0 is the caller, `pgid` 0 is the target's
 * pid. The target is the caller or a child of it (ESRCH); a child in
 * another session is EPERM, one that has called execve EACCES; a session
 * leader cannot move (EPERM); joining needs a group of that id in the
 * caller's session (EPERM).
 */
export function setpgid(table: ProcessTable, caller: Process, pid: number, pgid: number): void {
  if (pgid < 0) fail(Errno.EINVAL);
  const process = target(table, caller, pid);
  if (process !== caller) {
    if (process.parent !== caller) fail(Errno.ESRCH);
    if (process.sid !== caller.sid) fail(Errno.EPERM);
    if (process.executed) fail(Errno.EACCES);
  }
  if (process.sid === process.pid) fail(Errno.EPERM);
  const group =
    pgid === 0 ? process.pid : (table.globalIn(caller.namespaces.pid, pgid) ?? fail(Errno.EPERM));
  if (group !== process.pid && !table.groupInSession(group, caller.sid)) fail(Errno.EPERM);
  const old = process.pgid;
  process.pgid = group;
  table.releaseIfUnused(old);
}

/**
 * Implements setsid(2): the caller becomes leader of a new session and of a
 * new group, both numbered by its pid. EPERM if a process group already has
 * that id (the caller leads a group). Returns the new session id.
 */
export function setsid(table: ProcessTable, caller: Process): number {
  if (table.groupMembers(caller.pid).length > 0) fail(Errno.EPERM);
  const { pgid, sid } = caller;
  caller.pgid = caller.pid;
  caller.sid = caller.pid;
  table.releaseIfUnused(pgid);
  table.releaseIfUnused(sid);
  // The new session has no controlling terminal yet (Linux's proc_clear_tty).
  caller.controllingTty = undefined;
  return table.pidIn(caller.namespaces.pid, caller.sid);
}

/**
 * POSIX's orphaned process group: no member has a parent in a different
 * group of the same session. As Linux does, zombies and children of init
 * do not count as links.
 */
export function isOrphanedGroup(table: ProcessTable, pgid: number): boolean {
  for (const member of table.groupMembers(pgid)) {
    if (member.state === ProcessState.Zombie) continue;
    const parent = member.parent;
    if (!parent || parent === table.init) continue;
    if (parent.pgid !== pgid && parent.sid === member.sid) return false;
  }
  return true;
}
