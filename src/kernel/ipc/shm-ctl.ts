// shmctl(2): IPC_STAT, SHM_STAT, SHM_STAT_ANY, IPC_SET, IPC_RMID, IPC_INFO,
// SHM_INFO, SHM_LOCK and SHM_UNLOCK, with Linux's checks in Linux's order
// (ipc/shm.c). A segment removed while attached stays, key IPC_PRIVATE and
// SHM_DEST in its mode, until its last detach.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { IpcNamespace } from '../ns/ipc.ts';
import type { Process } from '../proc/process.ts';
import { encodeFields, permFields, pidSeenBy, setPerm } from './ctl.ts';
import { READ } from './ipc-object.ts';
import {
  IPC_INFO,
  IPC_PRIVATE,
  IPC_RMID,
  IPC_SET,
  IPC_STAT,
  SHM_DEST,
  SHM_INFO,
  SHM_LOCK,
  SHM_LOCKED,
  SHM_STAT,
  SHM_STAT_ANY,
  SHM_UNLOCK,
  SHMMIN,
} from './limits.ts';
import type { CtlResult } from './msg-ctl.ts';
import { type ShmSegment, totalPages } from './shm-segment.ts';

export interface ShmSet {
  uid: number;
  gid: number;
  mode: number;
}

/** struct shmid_ds as wire fields: ipc_perm, then segsz, atime, dtime, ctime, cpid, lpid, nattch. */
function statFields(process: Process, segment: ShmSegment): Uint8Array {
  return encodeFields([
    ...permFields(process, segment),
    segment.size,
    segment.atime,
    segment.dtime,
    segment.ctime,
    pidSeenBy(process, segment.cpid),
    pidSeenBy(process, segment.lpid),
    segment.nattch,
  ]);
}

/** IPC_INFO's struct shminfo (shmmax, shmmin, shmmni, shmseg, shmall) or SHM_INFO's struct shm_info. */
function infoFields(ns: IpcNamespace, cmd: number): Uint8Array {
  const l = ns.limits;
  if (cmd === IPC_INFO) return encodeFields([l.shmmax, SHMMIN, l.shmmni, l.shmmni, l.shmall]);
  const segments = ns.shm.list();
  const rss = segments.reduce((sum, segment) => sum + segment.residentPages, 0);
  // used_ids, shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes
  return encodeFields([segments.length, totalPages(ns), rss, 0, 0, 0]);
}

export function shmctl(
  ns: IpcNamespace,
  process: Process,
  id: number,
  cmd: number,
  change: ShmSet,
  now: number,
): CtlResult {
  switch (cmd) {
    case IPC_INFO:
    case SHM_INFO:
      return { value: Math.max(0, ns.shm.highestIndex()), output: infoFields(ns, cmd) };
    case IPC_STAT:
    case SHM_STAT:
    case SHM_STAT_ANY: {
      const segment = cmd === IPC_STAT ? ns.shm.get(id) : ns.shm.atIndex(id);
      if (cmd !== SHM_STAT_ANY && !segment.permits(process, READ)) fail(Errno.EACCES);
      return { value: cmd === IPC_STAT ? 0 : segment.id, output: statFields(process, segment) };
    }
    case SHM_LOCK:
    case SHM_UNLOCK: {
      const segment = ns.shm.get(id);
      if (!segment.ownedBy(process)) fail(Errno.EPERM);
      if (cmd === SHM_LOCK) segment.mode |= SHM_LOCKED;
      else segment.mode &= ~SHM_LOCKED;
      return { value: 0 };
    }
    case IPC_SET:
    case IPC_RMID: {
      const segment = ns.shm.get(id);
      if (!segment.ownedBy(process)) fail(Errno.EPERM);
      if (cmd === IPC_SET) {
        setPerm(process, segment, change.uid, change.gid, change.mode, now);
      } else if (segment.nattch > 0) {
        // do_shm_rmid: gone for shmget, still there for those attached.
        segment.mode |= SHM_DEST;
        segment.key = IPC_PRIVATE;
      } else {
        ns.shm.remove(segment);
      }
      return { value: 0 };
    }
    default:
      return fail(Errno.EINVAL);
  }
}
