// What /proc/<pid>/uid_map, gid_map and setgroups show and accept
// (user_namespaces(7), Linux's map_write and proc_setgroups_write). A map
// is written once, in one write(2) at offset 0, by a process in the target
// namespace or its parent, with CAP_SYS_ADMIN in the target; either it is
// privileged over the parent (CAP_SETUID/CAP_SETGID there) or the map is
// the one line mapping its own euid (egid, once setgroups is "deny") and
// it made the namespace. Anything else is EPERM; malformed maps EINVAL.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { Process } from '../proc/process.ts';
import { decodeUtf8 } from '../utf8.ts';
import { capableIn } from './capability.ts';
import { IdMap, idMapText, parseIdMap, type IdExtent } from './id-map.ts';
import type { UserNamespace } from './user.ts';

export type MapKind = 'uid' | 'gid';

/** Linux's limit on one write to a map file: less than a page. */
const MAX_WRITE = 4096;

/** uid_map/gid_map as `reader` sees them: outside ids in its namespace (its parent's, if inside). */
export function mapText(target: UserNamespace, kind: MapKind, reader: Process | undefined): string {
  const map = kind === 'uid' ? target.uidMap : target.gidMap;
  if (!map) return '';
  let lowerNs = reader?.namespaces.user ?? target;
  if (lowerNs === target && target.parent) lowerNs = target.parent;
  const parent = target.parent;
  return idMapText(
    map.extents.map((e) => {
      const kernel = parent ? toKernel(parent, kind, e.lowerFirst) : e.lowerFirst;
      const lower = kernel === undefined ? undefined : fromKernel(lowerNs, kind, kernel);
      return { first: e.first, lower: lower ?? 0xffffffff, count: e.count };
    }),
  );
}

function toKernel(ns: UserNamespace, kind: MapKind, id: number): number | undefined {
  return kind === 'uid' ? ns.uidToKernel(id) : ns.gidToKernel(id);
}

function fromKernel(ns: UserNamespace, kind: MapKind, id: number): number | undefined {
  return kind === 'uid' ? ns.uidFromKernel(id) : ns.gidFromKernel(id);
}

/** Implements a write to /proc/<pid>/uid_map or gid_map of a process in `target`. */
export function writeMap(
  writer: Process,
  target: UserNamespace,
  kind: MapKind,
  data: Uint8Array,
  offset: number,
): void {
  const parent = target.parent;
  const own = writer.namespaces.user;
  if (own !== target && own !== parent) fail(Errno.EPERM);
  if (offset !== 0 || data.length >= MAX_WRITE) fail(Errno.EINVAL);
  if (!parent || (kind === 'uid' ? target.uidMap : target.gidMap)) fail(Errno.EPERM);
  if (!capableIn(writer, target)) fail(Errno.EPERM);
  const extents = parseIdMap(decodeUtf8(data));
  if (!mayMap(writer, target, kind, extents)) fail(Errno.EPERM);
  // Every outside id must have a mapping in the parent.
  for (const e of extents) {
    const first = toKernel(parent, kind, e.lowerFirst);
    const last = toKernel(parent, kind, e.lowerFirst + e.count - 1);
    if (first === undefined || last === undefined || last - first !== e.count - 1) {
      fail(Errno.EPERM);
    }
  }
  const map = new IdMap(extents);
  if (kind === 'uid') target.uidMap = map;
  else target.gidMap = map;
}

/** Linux's new_idmap_permitted. */
function mayMap(
  writer: Process,
  target: UserNamespace,
  kind: MapKind,
  extents: IdExtent[],
): boolean {
  const parent = target.parent!;
  const { euid, egid } = writer.credentials;
  const only = extents.length === 1 && extents[0]!.count === 1 ? extents[0] : undefined;
  if (only && target.ownerUid === euid) {
    if (kind === 'uid' && parent.uidToKernel(only.lowerFirst) === euid) return true;
    if (
      kind === 'gid' &&
      !target.setgroupsAllowed &&
      parent.gidToKernel(only.lowerFirst) === egid
    ) {
      return true;
    }
  }
  return capableIn(writer, parent);
}

/** /proc/<pid>/setgroups: `allow` or `deny`. */
export function setgroupsText(target: UserNamespace): string {
  return target.setgroupsAllowed ? 'allow\n' : 'deny\n';
}

/**
 * Implements a write to /proc/<pid>/setgroups: `allow` or `deny` (EINVAL
 * otherwise); `deny` is refused once gid_map is written, `allow` once denied
 * (EPERM); CAP_SYS_ADMIN in the namespace is needed.
 */
export function writeSetgroups(
  writer: Process,
  target: UserNamespace,
  data: Uint8Array,
  offset: number,
): void {
  if (offset !== 0) fail(Errno.EINVAL);
  if (!capableIn(writer, target)) fail(Errno.EPERM);
  const word = decodeUtf8(data).trimEnd();
  if (word !== 'allow' && word !== 'deny') fail(Errno.EINVAL);
  if (word === 'allow') {
    if (!target.setgroupsAllowed) fail(Errno.EPERM);
    return;
  }
  if (target.gidMap && target.parent) fail(Errno.EPERM);
  if (!target.parent) fail(Errno.EPERM);
  target.setgroupsAllowed = false;
}
