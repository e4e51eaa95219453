// The user namespace (user_namespaces(7)): owns every other namespace and
// gates privileged operations on them. Credentials are kept as kernel ids
// (the initial namespace's); a namespace's uid and gid maps translate them
// to the ids a process inside sees, once written (write-once) through
// /proc/<pid>/uid_map and gid_map. Ids without a mapping read as 65534.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import { IdMap } from './id-map.ts';
import { NamespaceIds } from './identity.ts';
import { NamespaceKind } from './kind.ts';
import { Namespace } from './namespace.ts';

/**
 * Linux's limit: 32 nested user namespaces below the initial one. Linux
 * answers EUSERS past it; WASI has no EUSERS, so ENOSPC (what Linux answers
 * for the per-user count limit) stands for it.
 */
export const MAX_USER_NS_LEVEL = 32;

export class UserNamespace extends Namespace {
  readonly kind = NamespaceKind.User;
  /** Kernel ids, written once; undefined until then (the initial namespace maps everything). */
  uidMap: IdMap | undefined;
  gidMap: IdMap | undefined;
  /** /proc/<pid>/setgroups: whether setgroups(2) may ever work here. */
  setgroupsAllowed = true;
  /** The kernel's allocator of namespace identities, shared down the tree. */
  readonly ids: NamespaceIds;

  constructor(
    id: number,
    /** The parent user namespace (which also owns this one); undefined for the initial one. */
    readonly parent: UserNamespace | undefined,
    /** The effective uid and gid (kernel ids) of the process that made it (the owner). */
    readonly ownerUid = 0,
    readonly ownerGid = 0,
  ) {
    super(id, parent);
    this.ids = parent?.ids ?? new NamespaceIds();
    if (!parent) {
      this.uidMap = IdMap.identity();
      this.gidMap = IdMap.identity();
    } else {
      this.setgroupsAllowed = parent.setgroupsAllowed;
    }
  }

  /** Depth below the initial namespace (0 for it); Linux allows 32 levels. */
  get level(): number {
    return this.parent ? this.parent.level + 1 : 0;
  }

  /** A child namespace made by a process with effective kernel ids `uid`/`gid`. */
  createChild(id: number, uid: number, gid: number): UserNamespace {
    if (this.level >= MAX_USER_NS_LEVEL) fail(Errno.ENOSPC);
    return new UserNamespace(id, this, uid, gid);
  }

  /** True if `this` is `other` or one of its ancestors. */
  isAncestorOf(other: UserNamespace): boolean {
    for (let ns: UserNamespace | undefined = other; ns; ns = ns.parent) {
      if (ns === this) return true;
    }
    return false;
  }

  /** The id inside for kernel uid `kuid`, or undefined (Linux's from_kuid). */
  uidFromKernel(kuid: number): number | undefined {
    return fromKernel(this, kuid, 'uidMap');
  }

  gidFromKernel(kgid: number): number | undefined {
    return fromKernel(this, kgid, 'gidMap');
  }

  /** The kernel id of uid `uid` inside, or undefined (Linux's make_kuid). */
  uidToKernel(uid: number): number | undefined {
    return toKernel(this, uid, 'uidMap');
  }

  gidToKernel(gid: number): number | undefined {
    return toKernel(this, gid, 'gidMap');
  }
}

type MapKey = 'uidMap' | 'gidMap';

function fromKernel(ns: UserNamespace, kid: number, key: MapKey): number | undefined {
  if (!ns.parent) return kid;
  const lower = fromKernel(ns.parent, kid, key);
  if (lower === undefined) return undefined;
  return ns[key]?.up(lower);
}

function toKernel(ns: UserNamespace, id: number, key: MapKey): number | undefined {
  if (!ns.parent) return id;
  const lower = ns[key]?.down(id);
  return lower === undefined ? undefined : toKernel(ns.parent, lower, key);
}
