// semctl(2): GETVAL, GETALL, GETPID, GETNCNT, GETZCNT, SETVAL, SETALL,
// IPC_STAT, SEM_STAT, SEM_STAT_ANY, IPC_SET, IPC_RMID, IPC_INFO and
// SEM_INFO, with Linux's checks in Linux's order (ipc/sem.c).
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { IpcNamespace } from '../ns/ipc.ts';
import type { Process } from '../proc/process.ts';
import { encodeFields, permFields, pidSeenBy, setPerm } from './ctl.ts';
import { READ, WRITE } from './ipc-object.ts';
import {
  GETALL,
  GETNCNT,
  GETPID,
  GETVAL,
  GETZCNT,
  IPC_INFO,
  IPC_RMID,
  IPC_SET,
  IPC_STAT,
  SEM_INFO,
  SEM_STAT,
  SEM_STAT_ANY,
  SEMVMX,
  SETALL,
  SETVAL,
} from './limits.ts';
import type { CtlResult } from './msg-ctl.ts';
import type { SemSet } from './sem-set.ts';

export interface SemCtlArgs {
  semnum: number;
  /** SETVAL's value. */
  value: number;
  /** SETALL's values. */
  values: number[];
  /** IPC_SET's owner and mode. */
  uid: number;
  gid: number;
  mode: number;
}

/** struct seminfo: semmap, semmni, semmns, semmnu, semmsl, semopm, semume, semusz, semvmx, semaem. */
function infoFields(ns: IpcNamespace, cmd: number): Uint8Array {
  const l = ns.limits;
  const sets = ns.sem.list();
  const used = sets.reduce((sum, set) => sum + set.sems.length, 0);
  const usage = cmd === SEM_INFO;
  return encodeFields([
    l.semmns,
    l.semmni,
    l.semmns,
    l.semmns,
    l.semmsl,
    l.semopm,
    l.semopm,
    usage ? sets.length : 20,
    SEMVMX,
    usage ? used : SEMVMX,
  ]);
}

function checkRead(process: Process, set: SemSet): void {
  if (!set.permits(process, READ)) fail(Errno.EACCES);
}

function semaphore(set: SemSet, semnum: number): { value: number; pid: number } {
  return set.sems[semnum] ?? fail(Errno.EINVAL);
}

export function semctl(
  ns: IpcNamespace,
  process: Process,
  id: number,
  cmd: number,
  args: SemCtlArgs,
  now: number,
): CtlResult {
  switch (cmd) {
    case IPC_INFO:
    case SEM_INFO:
      return { value: Math.max(0, ns.sem.highestIndex()), output: infoFields(ns, cmd) };
    case IPC_STAT:
    case SEM_STAT:
    case SEM_STAT_ANY: {
      const set = cmd === IPC_STAT ? ns.sem.get(id) : ns.sem.atIndex(id);
      if (cmd !== SEM_STAT_ANY) checkRead(process, set);
      const output = encodeFields([
        ...permFields(process, set),
        set.otime,
        set.ctime,
        set.sems.length,
      ]);
      return { value: cmd === IPC_STAT ? 0 : set.id, output };
    }
    case GETALL: {
      const set = ns.sem.get(id);
      checkRead(process, set);
      const output = new Uint8Array(set.sems.length * 2);
      const view = new DataView(output.buffer);
      set.sems.forEach((sem, i) => view.setUint16(i * 2, sem.value, true));
      return { value: 0, output };
    }
    case GETVAL:
    case GETPID:
    case GETNCNT:
    case GETZCNT: {
      const set = ns.sem.get(id);
      checkRead(process, set);
      const sem = semaphore(set, args.semnum);
      if (cmd === GETVAL) return { value: sem.value };
      if (cmd === GETPID) return { value: pidSeenBy(process, sem.pid) };
      return { value: set.count(args.semnum, cmd === GETZCNT) };
    }
    case SETVAL: {
      if (args.value < 0 || args.value > SEMVMX) fail(Errno.ERANGE);
      const set = ns.sem.get(id);
      const sem = semaphore(set, args.semnum);
      if (!set.permits(process, WRITE)) fail(Errno.EACCES);
      sem.value = args.value;
      sem.pid = process.pid;
      set.clearUndo(args.semnum);
      set.ctime = now;
      set.changed.notify();
      return { value: 0 };
    }
    case SETALL: {
      const set = ns.sem.get(id);
      if (!set.permits(process, WRITE)) fail(Errno.EACCES);
      if (args.values.length < set.sems.length) fail(Errno.EFAULT);
      if (args.values.some((value) => value > SEMVMX)) fail(Errno.ERANGE);
      set.sems.forEach((sem, i) => {
        sem.value = args.values[i] ?? 0;
        sem.pid = process.pid;
      });
      set.clearUndo();
      set.ctime = now;
      set.changed.notify();
      return { value: 0 };
    }
    case IPC_SET:
    case IPC_RMID: {
      const set = ns.sem.get(id);
      if (!set.ownedBy(process)) fail(Errno.EPERM);
      if (cmd === IPC_RMID) ns.sem.remove(set);
      else setPerm(process, set, args.uid, args.gid, args.mode, now);
      return { value: 0 };
    }
    default:
      return fail(Errno.EINVAL);
  }
}
