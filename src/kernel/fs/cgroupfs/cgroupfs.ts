// cgroupfs: the `cgroup2` filesystem (Linux's kernfs-backed cgroup v2
// hierarchy), one instance per kernel over its CgroupHierarchy. A
// directory per cgroup, its interface files as the table in
// cgroup/interface-files.ts has them; mkdir and rmdir create and remove
// cgroups. A mount shows the subtree of the mounter's cgroup namespace
// (mount's `root` is that cgroup's directory), as Linux does.
import type { Cgroup } from '../../cgroup/cgroup.ts';
import type { CgroupHierarchy } from '../../cgroup/hierarchy.ts';
import type { Process } from '../../proc/process.ts';
import { FileSystem, type Clock } from '../filesystem.ts';
import { CgroupDirectory } from './directory.ts';

export class Cgroupfs extends FileSystem {
  private readonly directories = new WeakMap<Cgroup, CgroupDirectory>();

  constructor(
    readonly hierarchy: CgroupHierarchy,
    /** The process with kernel-wide pid `pid` (who opened a file), if it exists. */
    readonly processOf: (pid: number) => Process | undefined,
    clock?: Clock,
  ) {
    super('cgroup2', clock);
  }

  /** The directory of `cgroup`, the same inode for its whole life. */
  directoryOf(cgroup: Cgroup, owner = { uid: 0, gid: 0 }): CgroupDirectory {
    let directory = this.directories.get(cgroup);
    if (!directory) {
      directory = new CgroupDirectory(this, cgroup, owner.uid, owner.gid);
      this.directories.set(cgroup, directory);
    }
    return directory;
  }

  /** The root a mount by `process` shows: its cgroup namespace's root cgroup. */
  mountRootFor(process: Process | undefined): CgroupDirectory {
    return this.directoryOf(this.hierarchy.viewRoot(process));
  }
}
