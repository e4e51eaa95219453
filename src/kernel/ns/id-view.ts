// Ids as a process's user namespace shows them (Linux's from_kuid_munged):
// file owners in stat(2), credentials in /proc. An id without a mapping
// there reads as the overflow id, 65534.
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
