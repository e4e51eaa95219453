// Mounts and the mount table (Linux's `struct mount` and the mount list of a
// `struct mnt_namespace`). A mount attaches a directory inode of a filesystem
// (its root, or any directory for a bind mount) on top of a mountpoint:
// a dentry of another mount; a bind mount of a file goes on a file. Several
// mounts may be stacked on one mountpoint; the last one hides the others, as
// on Linux.
//
// Invariant: every mount of a table, except its root mount, has a mountpoint
// dentry whose mount belongs to the same table. A mount detached by
// umount2(MNT_DETACH) or left behind has no table entry and no mountpoint:
// dentries that still hold it keep working, `..` stops at its root.
//
// Per-mount flags (MS_NOSUID, MS_NODEV, MS_NOEXEC, atime) are recorded as
// Linux keeps them; only read-only and noexec change behaviour here.
// Propagation (sharedsubtree.rst): a shared mount belongs to a peer group;
// a mount or umount on it is repeated on its peers and on the slaves of the
// group, in whatever table (mount namespace) they are; a slave receives but
// does not send. Tables copied for new mount namespaces share one registry
// of peer groups. Not modelled: a mount both shared and slave.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import { Dentry } from './dentry.ts';
import type { FileSystem } from './filesystem.ts';
import type { Inode } from './inode.ts';

/** Linux's propagation types (sharedsubtree.rst); new mounts are private here. */
export type Propagation = 'private' | 'shared' | 'slave' | 'unbindable';

/** How access times are updated: Linux's MNT_RELATIME (the default), MNT_NOATIME, none. */
export type AtimeMode = 'relatime' | 'noatime' | 'strictatime';

/** The per-mount flags of Linux's `mnt_flags`, as mount(2) sets them. */
export interface MountFlags {
  /** MS_RDONLY: writes through this mount answer EROFS. */
  readOnly: boolean;
  nosuid: boolean;
  nodev: boolean;
  /** MS_NOEXEC: execve of a file on this mount answers EACCES. */
  noexec: boolean;
  nodiratime: boolean;
  atime: AtimeMode;
}

export interface MountOptions extends Partial<MountFlags> {
  /** The source as /proc/mounts shows it (`tmpfs`, `proc`, `/dev/sda1`). */
  source?: string;
}

/** Read-only superblocks (MS_REMOUNT|MS_RDONLY without MS_BIND): every mount of them. */
const readOnlySuperblocks = new WeakSet<FileSystem>();

/** Sets or clears the read-only state of a filesystem instance (Linux's SB_RDONLY). */
export function setSuperblockReadOnly(fs: FileSystem, readOnly: boolean): void {
  if (readOnly) readOnlySuperblocks.add(fs);
  else readOnlySuperblocks.delete(fs);
}

export function superblockReadOnly(fs: FileSystem): boolean {
  return readOnlySuperblocks.has(fs);
}

let nextPeerGroup = 1;

/** The shared and slave mounts of related tables, by peer group (the master's, for a slave). */
export class PeerGroups {
  private readonly groups = new Map<number, Set<Mount>>();

  add(mount: Mount): void {
    if (mount.peerGroup === 0) return;
    if (mount.propagation !== 'shared' && mount.propagation !== 'slave') return;
    let group = this.groups.get(mount.peerGroup);
    if (!group) this.groups.set(mount.peerGroup, (group = new Set()));
    group.add(mount);
  }

  remove(mount: Mount, group = mount.peerGroup): void {
    const members = this.groups.get(group);
    members?.delete(mount);
    if (members?.size === 0) this.groups.delete(group);
  }

  /** The mounts that receive events sent by `mount` (a shared one): its peers and the group's slaves. */
  receivers(mount: Mount): Mount[] {
    if (mount.propagation !== 'shared') return [];
    const members = this.groups.get(mount.peerGroup) ?? new Set<Mount>();
    return [...members].filter((each) => each !== mount && each.table.has(each));
  }
}

export class Mount implements MountFlags {
  readonly root: Dentry;
  private ownReadOnly: boolean;
  readonly source: string;
  nosuid: boolean;
  nodev: boolean;
  noexec: boolean;
  nodiratime: boolean;
  atime: AtimeMode;
  private ownPropagation: Propagation = 'private';
  private ownPeerGroup = 0;

  constructor(
    readonly table: MountTable,
    readonly fs: FileSystem,
    readonly rootInode: Inode,
    /**
     * Where it is attached; null for the root mount of a table and for a
     * detached mount. Changed only by MountTable (pivot_root, detach).
     */
    public mountpoint: Dentry | null,
    options: MountOptions = {},
  ) {
    this.root = new Dentry('/', null, rootInode, this);
    this.ownReadOnly = options.readOnly ?? false;
    this.source = options.source ?? fs.type;
    this.nosuid = options.nosuid ?? false;
    this.nodev = options.nodev ?? false;
    this.noexec = options.noexec ?? false;
    this.nodiratime = options.nodiratime ?? false;
    this.atime = options.atime ?? 'relatime';
  }

  /** Read-only through this mount: its own MS_RDONLY or its superblock's. */
  get readOnly(): boolean {
    return this.ownReadOnly || superblockReadOnly(this.fs);
  }

  /** Sets the mount's own MS_RDONLY (the superblock's is apart). */
  set readOnly(value: boolean) {
    this.ownReadOnly = value;
  }

  /** The mount's own flags, for a bind mount or a copy to inherit. */
  flags(): MountFlags {
    const { nosuid, nodev, noexec, nodiratime, atime } = this;
    return { readOnly: this.ownReadOnly, nosuid, nodev, noexec, nodiratime, atime };
  }

  get propagation(): Propagation {
    return this.ownPropagation;
  }

  set propagation(type: Propagation) {
    this.table.peers.remove(this);
    this.ownPropagation = type;
    this.table.peers.add(this);
  }

  /** The peer group of a shared mount (`shared:N`), or the master's of a slave (`master:N`). */
  get peerGroup(): number {
    return this.ownPeerGroup;
  }

  set peerGroup(group: number) {
    this.table.peers.remove(this);
    this.ownPeerGroup = group;
    this.table.peers.add(this);
  }

  /** Applies mount(2)'s MS_SHARED, MS_SLAVE, MS_PRIVATE or MS_UNBINDABLE. */
  setPropagation(type: Propagation): void {
    let group = this.peerGroup;
    if (type === 'shared') {
      if (this.propagation !== 'shared') group = nextPeerGroup++;
    } else if (type === 'slave') {
      // A slave of a mount that shares with nobody is simply private.
      if (this.propagation !== 'shared' && this.propagation !== 'slave') type = 'private';
    }
    if (type === 'private' || type === 'unbindable') group = 0;
    this.table.peers.remove(this);
    this.ownPropagation = type;
    this.ownPeerGroup = group;
    this.table.peers.add(this);
  }

  /** The mount this one is attached to. */
  get parent(): Mount | null {
    return this.mountpoint?.mount ?? null;
  }
}

export class MountTable {
  private rootMount: Mount;
  private readonly mounts: Mount[] = [];

  constructor(
    fs: FileSystem,
    rootInode: Inode,
    options: MountOptions = {},
    /** Shared with the tables copied from this one (mount namespaces), for propagation. */
    readonly peers = new PeerGroups(),
  ) {
    this.rootMount = new Mount(this, fs, rootInode, null, options);
    this.mounts.push(this.rootMount);
  }

  /** The mount at the top of the tree (the namespace's root; pivot_root may change it). */
  get root(): Mount {
    return this.rootMount;
  }

  /** Implements mount(2) of `fs` (or a bind mount of `rootInode`) on `mountpoint`. */
  mount(mountpoint: Dentry, fs: FileSystem, rootInode: Inode, options: MountOptions = {}): Mount {
    if (mountpoint.mount.table !== this) fail(Errno.EINVAL);
    // A directory on a directory, or (a bind mount) a file on a file: Linux's do_add_mount.
    if (mountpoint.inode.isDirectory !== rootInode.isDirectory) fail(Errno.ENOTDIR);
    const mount = new Mount(this, fs, rootInode, mountpoint, options);
    this.mounts.push(mount);
    propagateMount(mountpoint, mount, options);
    return mount;
  }

  /** Implements umount(2): EBUSY while other mounts sit on it, EINVAL for the root. */
  unmount(mount: Mount): void {
    if (mount === this.root || !this.mounts.includes(mount)) fail(Errno.EINVAL);
    if (this.mounts.some((other) => other.parent === mount)) fail(Errno.EBUSY);
    const copies = propagatedCopies(mount);
    this.remove(mount);
    for (const copy of copies) {
      if (!copy.table.childrenOf(copy).length) copy.table.remove(copy);
    }
  }

  private remove(mount: Mount): void {
    this.mounts.splice(this.mounts.indexOf(mount), 1);
    mount.mountpoint = null;
    this.peers.remove(mount);
  }

  /**
   * umount2(MNT_DETACH): takes `mount` and every mount under it out of the
   * table at once; who still holds their dentries keeps using them.
   */
  detach(mount: Mount): void {
    if (mount === this.root || !this.mounts.includes(mount)) fail(Errno.EINVAL);
    const copies = propagatedCopies(mount);
    const gone = this.subtree(mount);
    for (const each of gone) this.remove(each);
    for (const copy of copies) {
      for (const each of copy.table.subtree(copy)) copy.table.remove(each);
    }
  }

  /** Shared mounts become slaves of their groups (a copy owned by a less privileged user namespace). */
  demoteShared(): void {
    for (const mount of this.mounts) {
      if (mount.propagation === 'shared') mount.propagation = 'slave';
    }
  }

  /** `mount` and every mount attached under it, parents before children. */
  subtree(mount: Mount): Mount[] {
    const result = [mount];
    for (let i = 0; i < result.length; i++) {
      const parent = result[i]!;
      for (const other of this.mounts) if (other.parent === parent) result.push(other);
    }
    return result;
  }

  /** The mounts attached directly on `mount`. */
  childrenOf(mount: Mount): Mount[] {
    return this.mounts.filter((other) => other.parent === mount);
  }

  /** True while `mount` is attached in this table. */
  has(mount: Mount): boolean {
    return this.mounts.includes(mount);
  }

  /**
   * Moves an attached mount to a new place: onto `mountpoint`, or to the top
   * of the tree (null), as pivot_root does. The caller keeps the invariant.
   * The moved mount goes last, so it is the topmost on its mountpoint.
   */
  reattach(mount: Mount, mountpoint: Dentry | null): void {
    if (!this.has(mount)) fail(Errno.EINVAL);
    mount.mountpoint = mountpoint;
    this.mounts.splice(this.mounts.indexOf(mount), 1);
    if (mountpoint === null) {
      this.rootMount = mount;
      this.mounts.unshift(mount);
    } else {
      this.mounts.push(mount);
    }
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

  /** Attaches a mount made by propagation from another table (no further propagation). */
  addPropagated(mount: Mount): void {
    this.mounts.push(mount);
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
    const table = new MountTable(
      this.root.fs,
      this.root.rootInode,
      { ...this.root.flags(), source: this.root.source },
      this.peers,
    );
    copyPropagation(this.root, table.root);
    const copies = new Map<Mount, Mount>([[this.root, table.root]]);
    const translate = (dentry: Dentry): Dentry => {
      const mount = copies.get(dentry.mount) ?? fail(Errno.EINVAL);
      if (!dentry.parent) return mount.root;
      return translate(dentry.parent).childFor(dentry.name, dentry.inode);
    };
    for (const mount of this.mounts) {
      if (mount === this.root || !mount.mountpoint) continue;
      const copy = new Mount(table, mount.fs, mount.rootInode, translate(mount.mountpoint), {
        ...mount.flags(),
        source: mount.source,
      });
      table.mounts.push(copy);
      copyPropagation(mount, copy);
      copies.set(mount, copy);
    }
    return { table, translate };
  }
}

/** A copy in a new mount namespace keeps its original's propagation: a shared one is its peer. */
function copyPropagation(from: Mount, to: Mount): void {
  to.propagation = from.propagation;
  to.peerGroup = from.peerGroup;
}

/** The names from `mount`'s root down to `dentry` (a dentry of that mount). */
function namesFromRoot(dentry: Dentry): string[] {
  const names: string[] = [];
  for (let current: Dentry | null = dentry; current?.parent; current = current.parent) {
    names.push(current.name);
  }
  return names.reverse();
}

/** The dentry at `names` under `mount`'s root, if each step exists. */
function sameplace(mount: Mount, names: string[]): Dentry | undefined {
  let current: Dentry | undefined = mount.root;
  for (const name of names) current = current?.child(name);
  return current;
}

/**
 * A mount made on a shared mount is repeated on each receiver at the same
 * place; the new mount becomes shared, its copies on peers are its peers,
 * on slaves its slaves (Linux's propagate_mnt, without shared+slave).
 */
function propagateMount(mountpoint: Dentry, mount: Mount, options: MountOptions): void {
  const parent = mountpoint.mount;
  const receivers = parent.table.peers.receivers(parent);
  if (receivers.length === 0) return;
  mount.setPropagation('shared');
  const names = namesFromRoot(mountpoint);
  for (const receiver of receivers) {
    const point = sameplace(receiver, names);
    if (!point || point.inode !== mountpoint.inode) continue;
    const table = receiver.table;
    const copy = new Mount(table, mount.fs, mount.rootInode, point, options);
    table.addPropagated(copy);
    copy.propagation = receiver.propagation === 'shared' ? 'shared' : 'slave';
    copy.peerGroup = mount.peerGroup;
  }
}

/** The mounts an umount of `mount` takes along: the same mount at the same place on each receiver. */
function propagatedCopies(mount: Mount): Mount[] {
  const point = mount.mountpoint;
  if (!point) return [];
  const names = namesFromRoot(point);
  const copies: Mount[] = [];
  for (const receiver of point.mount.table.peers.receivers(point.mount)) {
    const place = sameplace(receiver, names);
    if (!place) continue;
    const copy = receiver.table.mountedOn(place);
    if (copy && copy !== mount && copy.fs === mount.fs && copy.rootInode === mount.rootInode) {
      copies.push(copy);
    }
  }
  return copies;
}

/**
 * The per-mount options of /proc/<pid>/mountinfo and mounts: `rw` or `ro`,
 * then `nosuid`, `nodev`, `noexec`, `noatime`, `nodiratime` when set.
 * (Linux also prints `relatime`, which we leave out as every mount has it.)
 */
export function mountOptionsText(mount: Mount): string {
  const options = [mount.readOnly ? 'ro' : 'rw'];
  if (mount.nosuid) options.push('nosuid');
  if (mount.nodev) options.push('nodev');
  if (mount.noexec) options.push('noexec');
  if (mount.atime === 'noatime') options.push('noatime');
  if (mount.nodiratime) options.push('nodiratime');
  return options.join(',');
}

/** mountinfo's optional fields (proc(5)): `shared:N`, `master:N` or `unbindable`. */
export function propagationFields(mount: Mount): string[] {
  if (mount.propagation === 'shared') return [`shared:${mount.peerGroup}`];
  if (mount.propagation === 'slave') return [`master:${mount.peerGroup}`];
  if (mount.propagation === 'unbindable') return ['unbindable'];
  return [];
}
