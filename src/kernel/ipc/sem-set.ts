// A System V semaphore set (Linux's sem_array) with semget and semop
// (semtimedop): operations applied all at once or not at all, in order,
// blocking (interruptibly) until they can be, SEM_UNDO adjustments kept per
// process and applied when it exits (exit_sem), as ipc/sem.c.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { IpcNamespace } from '../ns/ipc.ts';
import type { Process } from '../proc/process.ts';
import { IpcObject, READ, WRITE } from './ipc-object.ts';
import { IPC_NOWAIT, SEM_UNDO, SEMVMX } from './limits.ts';
import { type Deadline, waitForChange } from './wait.ts';

export interface SemOp {
  num: number;
  op: number;
  flags: number;
}

export interface Semaphore {
  value: number;
  /** Global pid of the last process to operate on it. */
  pid: number;
}

export class SemSet extends IpcObject {
  sems: Semaphore[] = [];
  otime = 0;
  /** The operation each blocked caller waits on (GETNCNT, GETZCNT count them). */
  readonly blocked = new Set<SemOp>();
  /** SEM_UNDO adjustments per process. */
  readonly undo = new Map<Process, Int32Array>();

  count(num: number, zero: boolean): number {
    let count = 0;
    for (const op of this.blocked) {
      if (op.num === num && (zero ? op.op === 0 : op.op < 0)) count++;
    }
    return count;
  }

  /** Forgets every process's adjustment of `num` (all when undefined): SETVAL, SETALL. */
  clearUndo(num?: number): void {
    for (const adjustments of this.undo.values()) {
      if (num === undefined) adjustments.fill(0);
      else adjustments[num] = 0;
    }
  }
}

/** The sets each process has SEM_UNDO adjustments in, for exit. */
const undoSets = new WeakMap<Process, Set<SemSet>>();

/** Implements semget(2). */
export function semget(
  ns: IpcNamespace,
  process: Process,
  key: number,
  nsems: number,
  flags: number,
  now: number,
): number {
  if (nsems < 0 || nsems > ns.limits.semmsl) fail(Errno.EINVAL);
  return ns.sem.getOrCreate(
    process,
    key,
    flags,
    (id) => {
      if (nsems === 0) fail(Errno.EINVAL);
      const used = ns.sem.list().reduce((sum, set) => sum + set.sems.length, 0);
      if (used + nsems > ns.limits.semmns) fail(Errno.ENOSPC);
      const set = new SemSet(ns, key, id, process, flags, now);
      set.sems = Array.from({ length: nsems }, () => ({ value: 0, pid: 0 }));
      return set;
    },
    (set) => {
      if (nsems > set.sems.length) fail(Errno.EINVAL);
    },
  );
}

/**
 * Tries `ops` in order on a copy of the values: the new values and undo
 * adjustments, or the operation that must wait; ERANGE past SEMVMX.
 */
function attempt(
  set: SemSet,
  ops: readonly SemOp[],
  undo: Int32Array | undefined,
): { values: number[]; adjustments: Int32Array | undefined } | SemOp {
  const values = set.sems.map((sem) => sem.value);
  const adjustments = undo?.slice();
  for (const op of ops) {
    const value = values[op.num] ?? 0;
    if (op.op === 0 && value !== 0) return op;
    const result = value + op.op;
    if (result < 0) return op;
    if (result > SEMVMX) fail(Errno.ERANGE);
    if (op.flags & SEM_UNDO && adjustments) {
      const adjustment = (adjustments[op.num] ?? 0) - op.op;
      if (adjustment < -SEMVMX - 1 || adjustment > SEMVMX) fail(Errno.ERANGE);
      adjustments[op.num] = adjustment;
    }
    values[op.num] = result;
  }
  return { values, adjustments };
}

/** Implements semop(2) and semtimedop(2) (with a `deadline`: EAGAIN when it passes). */
export async function semop(
  ns: IpcNamespace,
  process: Process,
  id: number,
  ops: readonly SemOp[],
  now: () => number,
  deadline?: Deadline,
): Promise<void> {
  if (ops.length < 1) fail(Errno.EINVAL);
  if (ops.length > ns.limits.semopm) fail(Errno.E2BIG);
  const set = ns.sem.get(id);
  const highest = Math.max(...ops.map((op) => op.num));
  if (highest >= set.sems.length) fail(Errno.EFBIG);
  const alter = ops.some((op) => op.op !== 0);
  if (!set.permits(process, alter ? WRITE : READ)) fail(Errno.EACCES);
  const wantsUndo = ops.some((op) => op.flags & SEM_UNDO);
  for (;;) {
    if (set.removed) fail(Errno.EIDRM);
    let undo = set.undo.get(process);
    if (wantsUndo && !undo) undo = new Int32Array(set.sems.length);
    const outcome = attempt(set, ops, undo);
    if ('values' in outcome) {
      outcome.values.forEach((value, i) => {
        const sem = set.sems[i];
        if (sem) sem.value = value;
      });
      for (const op of ops) {
        const sem = set.sems[op.num];
        if (sem) sem.pid = process.pid;
      }
      if (outcome.adjustments) {
        set.undo.set(process, outcome.adjustments);
        const sets = undoSets.get(process) ?? new Set<SemSet>();
        sets.add(set);
        undoSets.set(process, sets);
      }
      set.otime = now();
      if (alter) set.changed.notify();
      return;
    }
    if (outcome.flags & IPC_NOWAIT) fail(Errno.EAGAIN);
    set.blocked.add(outcome);
    try {
      await waitForChange(process, set, deadline);
    } finally {
      set.blocked.delete(outcome);
    }
  }
}

/** Linux's exit_sem: a process's SEM_UNDO adjustments are applied, clamped to 0..SEMVMX. */
export function applyUndoAtExit(process: Process): void {
  const sets = undoSets.get(process);
  if (!sets) return;
  undoSets.delete(process);
  for (const set of sets) {
    const adjustments = set.undo.get(process);
    set.undo.delete(process);
    if (!adjustments || set.removed) continue;
    adjustments.forEach((adjustment, i) => {
      const sem = set.sems[i];
      if (!sem || adjustment === 0) return;
      sem.value = Math.min(SEMVMX, Math.max(0, sem.value + adjustment));
      sem.pid = process.pid;
    });
    set.changed.notify();
  }
}
