// Mounts and the mount table (Linux's `struct mount` and the mount list of a
// `struct mnt_namespace`). A mount attaches a directory inode of a filesystem
// (its root, or any directory for a bind mount) on top of a mountpoint:
// a dentry of another mount. Several mounts may be stacked on one
// mountpoint; the last one hides the others, as on Linux.
//
// Invariant: every mount of a table, except its root mount, has a mountpoint
// dentry whose mount belongs to the same table.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import { Dentry } from './dentry.ts';
import type { FileSystem } from './filesystem.ts';
import type { Inode } from './inode.ts';

export interface MountOptions {
  /** MS_RDONLY: writes through this mount answer EROFS. */
  readOnly?: boolean;
  /** The source as /proc/mounts shows it (`tmpfs`, `proc`, `/dev/sda1`). */
  source?: string;
}

export class Mount {
  readonly root: Dentry;
  readOnly: boolean;
  readonly source: string;

  constructor(
    readonly table: MountTable,
    readonly fs: FileSystem,
    readonly rootInode: Inode,
    /** Where it is attached; null for the root mount of a table. */
    readonly mountpoint: Dentry | null,
    options: MountOptions = {},
  ) {
    this.root = new Dentry('/', null, rootInode, this);
    this.readOnly = options.readOnly ?? false;
    this.source = options.source ?? fs.type;
  }

  /** The mount this one is attached to. */
  get parent(): Mount | null {
    return this.mountpoint?.mount ?? null;
  }
}

export class MountTable {
  readonly root: Mount;
  private readonly mounts: Mount[] = [];

  constructor(fs: FileSystem, rootInode: Inode, options: MountOptions = {}) {
    this.root = new Mount(this, fs, rootInode, null, options);
    this.mounts.push(this.root);
  }

  /** Implements mount(2) of `fs` (or a bind mount of `rootInode`) on `mountpoint`. */
  mount(mountpoint: Dentry, fs: FileSystem, rootInode: Inode, options: MountOptions = {}): Mount {
    if (mountpoint.mount.table !== this) fail(Errno.EINVAL);
    if (!mountpoint.inode.isDirectory || !rootInode.isDirectory) fail(Errno.ENOTDIR);
    const mount = new Mount(this, fs, rootInode, mountpoint, options);
    this.mounts.push(mount);
    return mount;
  }

  /** Implements umount(2): EBUSY while other mounts sit on it, EINVAL for the root. */
  unmount(mount: Mount): void {
    if (mount === this.root || !this.mounts.includes(mount)) fail(Errno.EINVAL);
    if (this.mounts.some((other) => other.parent === mount)) fail(Errno.EBUSY);
    this.mounts.splice(this.mounts.indexOf(mount), 1);
  }

  /** The topmost mount attached on `dentry`, if any. */
  mountedOn(dentry: Dentry): Mount | undefined {
    for (let i = this.mounts.length - 1; i >= 0; i--) {
      const mount = this.mounts[i]!;
      const point = mount.mountpoint;
      if (point && point.mount === dentry.mount && point.inode === dentry.inode) return mount;
    }
    return undefined;
  }

  /** Every mount, in the order they were made (/proc/self/mounts). */
  list(): readonly Mount[] {
    return this.mounts;
  }

  /**
   * A copy of the table for a new mount namespace (CLONE_NEWNS): the same
   * filesystems mounted at the same places. `translate` maps a dentry of this
   * table to the same place in the copy, for the process's root and cwd.
   */
  clone(): { table: MountTable; translate: (dentry: Dentry) => Dentry } {
    const table = new MountTable(this.root.fs, this.root.rootInode, this.root);
    const copies = new Map<Mount, Mount>([[this.root, table.root]]);
    const translate = (dentry: Dentry): Dentry => {
      const mount = copies.get(dentry.mount) ?? fail(Errno.EINVAL);
      if (!dentry.parent) return mount.root;
      return translate(dentry.parent).childFor(dentry.name, dentry.inode);
    };
    for (const mount of this.mounts) {
      if (mount === this.root || !mount.mountpoint) continue;
      const copy = new Mount(table, mount.fs, mount.rootInode, translate(mount.mountpoint), mount);
      table.mounts.push(copy);
      copies.set(mount, copy);
    }
    return { table, translate };
  }
}
