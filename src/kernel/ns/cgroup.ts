// The cgroup namespace (cgroup_namespaces(7)): virtualises the view of the
// cgroup hierarchy. Its root is the cgroup its creator was in: inside,
// /proc/<pid>/cgroup shows paths from there (`0::/` for that cgroup itself,
// `0::/../x` for one outside it), a cgroup2 mount made inside shows that
// subtree, and cgroup.procs writes cannot reach processes outside it.
import type { Cgroup } from '../cgroup/cgroup.ts';
import { NamespaceKind } from './kind.ts';
import { Namespace } from './namespace.ts';
import type { UserNamespace } from './user.ts';

export class CgroupNamespace extends Namespace {
  readonly kind = NamespaceKind.Cgroup;

  constructor(
    id: number,
    owner: UserNamespace | undefined,
    /**
     * The cgroup that is `/` inside (the creator's cgroup at unshare or
     * spawn); undefined for the initial namespace, whose root is the
     * hierarchy's root.
     */
    readonly root?: Cgroup,
  ) {
    super(id, owner);
  }

  /** A new namespace rooted at `root` (unshare(CLONE_NEWCGROUP): the caller's cgroup). */
  static create(id: number, owner: UserNamespace, root: Cgroup | undefined): CgroupNamespace {
    return new CgroupNamespace(id, owner, root);
  }

  /** The cgroup that is `/` here, given the hierarchy's root for the initial namespace. */
  rootIn(hierarchyRoot: Cgroup): Cgroup {
    return this.root ?? hierarchyRoot;
  }
}
