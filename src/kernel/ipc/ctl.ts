// What the xxxctl calls share: the object's ipc_perm as the caller sees it
// (ids mapped into its user namespace, pids into its pid namespace), and
// IPC_SET's change of owner and mode.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import { OVERFLOW_ID } from '../ns/id-map.ts';
import { kernelOwner } from '../ns/id-view.ts';
import type { Process } from '../proc/process.ts';
import { tableOf } from '../proc/process-table.ts';
import type { IpcObject } from './ipc-object.ts';
import { SEQ_MULTIPLIER } from './limits.ts';

/** key, uid, gid, cuid, cgid, mode, seq: the ipc_perm fields of a stat output. */
export function permFields(process: Process, object: IpcObject): number[] {
  const ns = process.namespaces.user;
  const uid = (id: number): number => (ns.parent ? (ns.uidFromKernel(id) ?? OVERFLOW_ID) : id);
  const gid = (id: number): number => (ns.parent ? (ns.gidFromKernel(id) ?? OVERFLOW_ID) : id);
  return [
    object.key,
    uid(object.uid),
    gid(object.gid),
    uid(object.cuid),
    gid(object.cgid),
    object.mode,
    Math.floor(object.id / SEQ_MULTIPLIER),
  ];
}

/** A global pid as `process` numbers it (0 when it cannot see it). */
export function pidSeenBy(process: Process, global: number): number {
  return global === 0 ? 0 : tableOf(process).pidIn(process.namespaces.pid, global);
}

/** IPC_SET's new owner and mode (uid and gid given in the caller's user namespace). */
export function setPerm(
  process: Process,
  object: IpcObject,
  uid: number,
  gid: number,
  mode: number,
  now: number,
): void {
  if (uid === 0xffffffff || gid === 0xffffffff) fail(Errno.EINVAL);
  const [kuid, kgid] = kernelOwner(process, uid, gid);
  object.uid = kuid;
  object.gid = kgid;
  object.mode = (object.mode & ~0o777) | (mode & 0o777);
  object.ctime = now;
}

/** Fields as little-endian 64-bit integers: the wire form of a stat output. */
export function encodeFields(fields: readonly (number | bigint)[]): Uint8Array {
  const bytes = new Uint8Array(fields.length * 8);
  const view = new DataView(bytes.buffer);
  fields.forEach((value, i) => view.setBigInt64(i * 8, BigInt.asIntN(64, BigInt(value)), true));
  return bytes;
}
