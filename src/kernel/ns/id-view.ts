// Ids as a process's user namespace shows them (Linux's from_kuid_munged):
// file owners in stat(2), credentials in /proc. An id without a mapping
// there reads as the overflow id, 65534; ids coming in are mapped back.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { Stat } from '../fs/stat.ts';
import type { Process } from '../proc/process.ts';
import { OVERFLOW_ID } from './id-map.ts';

/** `stat` with its owner and group as `process` sees them. */
export function statSeenBy(process: Process, stat: Stat): Stat {
  const ns = process.namespaces.user;
  if (!ns.parent) return stat;
  return {
    ...stat,
    uid: ns.uidFromKernel(stat.uid) ?? OVERFLOW_ID,
    gid: ns.gidFromKernel(stat.gid) ?? OVERFLOW_ID,
  };
}

const UNCHANGED = 0xffffffff;

/**
 * chown(2)'s uid and gid, given in `process`'s user namespace, as kernel
 * ids ((uid_t)-1 kept); EINVAL for an id without a mapping there.
 */
export function kernelOwner(process: Process, uid: number, gid: number): [number, number] {
  const ns = process.namespaces.user;
  if (!ns.parent) return [uid, gid];
  const kuid = uid === UNCHANGED ? uid : (ns.uidToKernel(uid) ?? fail(Errno.EINVAL));
  const kgid = gid === UNCHANGED ? gid : (ns.gidToKernel(gid) ?? fail(Errno.EINVAL));
  return [kuid, kgid];
}
