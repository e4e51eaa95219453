// A hostfs inode: one host file, reached through the names the kernel has
// seen it by. Its attributes are the host's (mode, owner, link count, size,
// times), read again by lstat at every lookup and stat; the kernel reads and
// assigns `mode`, `uid`, `gid`, `atime`, `mtime` as plain fields, so on a
// host inode those fields are accessors that read the last host answer and
// write through to the host (chmod, lchown, lutimes). `nlink` and `ctime`
// are the host's to keep: assignments to them are ignored, and so is
// touch(), since the host updates its own times on every change.
//
// Host paths are made from the names the kernel walked, never by letting the
// host resolve a symlink: only the last component of a host path may be a
// symlink, and every call on it is one that does not follow (lstat,
// readlink, lutimes, lchown, open with O_NOFOLLOW). Where we differ: a host
// change between our lstat and our call (a directory swapped for a symlink
// by another host process) is not guarded against, as openat2's
// RESOLVE_BENEATH would; hostfs is for directories the user trusts.
import {
  chmodSync,
  fchmodSync,
  fchownSync,
  fstatSync,
  futimesSync,
  lchownSync,
  lstatSync,
  lutimesSync,
  type BigIntStats,
} from 'node:fs';
import { Errno } from '../../../kernel/abi/errno.ts';
import { fail, KernelError } from '../../../kernel/errors.ts';
import { Inode } from '../../../kernel/fs/inode.ts';
import { S_IFLNK, S_IFMT, type Stat } from '../../../kernel/fs/stat.ts';
import { host, hostIfExists } from './host-errors.ts';
import type { HostFileSystem } from './hostfs.ts';

/** A name the inode is known by: an entry of a host directory inode. */
export interface HostLink {
  directory: HostInode;
  name: string;
}

/** The attributes of the last host lstat/fstat. */
export interface HostAttributes extends Omit<Stat, 'dev' | 'ino'> {
  /** The host's device and inode numbers, whole (they can exceed 2^53). */
  dev: bigint;
  ino: bigint;
}

export function attributesOf(stats: BigIntStats): HostAttributes {
  return {
    dev: stats.dev,
    ino: stats.ino,
    mode: Number(stats.mode),
    nlink: Number(stats.nlink),
    uid: Number(stats.uid),
    gid: Number(stats.gid),
    rdev: Number(stats.rdev),
    size: Number(stats.size),
    blksize: Number(stats.blksize),
    blocks: Number(stats.blocks),
    atime: stats.atimeNs,
    mtime: stats.mtimeNs,
    ctime: stats.ctimeNs,
  };
}

export function lstatHost(path: string): BigIntStats | undefined {
  return hostIfExists(() => lstatSync(path, { bigint: true }));
}

/** Node's utimes takes seconds as a double: about 240 ns of precision today. */
function seconds(ns: bigint): number {
  return Number(ns / 1_000_000_000n) + Number(ns % 1_000_000_000n) / 1e9;
}

/** A time set exactly by the guest, and the rounded value the host kept for it. */
interface ExactTime {
  host: bigint;
  exact: bigint;
}

/**
 * Runs a host ownership change; a host that refuses (EPERM: bocal is not
 * running as root) leaves the host's owner, which stat then reports.
 */
export function giveOwnership(change: () => void): void {
  try {
    host(change);
  } catch (error) {
    if (!(error instanceof KernelError) || error.errno !== Errno.EPERM) throw error;
  }
}

export class HostInode extends Inode {
  declare readonly fs: HostFileSystem;
  /** Names the kernel knows this inode by (one for a directory; none once removed). */
  readonly links: HostLink[] = [];
  private attributes: HostAttributes;
  /** Times the guest set exactly: reported while the host keeps their rounded value. */
  private readonly exact: { atime?: ExactTime; mtime?: ExactTime } = {};

  constructor(fs: HostFileSystem, stats: BigIntStats, link: HostLink | null) {
    super(fs, Number(stats.mode), Number(stats.uid), Number(stats.gid), Number(stats.rdev));
    this.attributes = attributesOf(stats);
    if (link) this.links.push(link);
    this.defineHostAttributes();
  }

  /** Replaces the kernel's attribute fields by accessors over the host's attributes. */
  private defineHostAttributes(): void {
    const field = (get: () => unknown, set: (value: never) => void): PropertyDescriptor => ({
      get,
      set,
      enumerable: true,
      configurable: true,
    });
    Object.defineProperties(this, {
      mode: field(
        () => this.current().mode,
        (mode: number) => this.changeMode(mode),
      ),
      uid: field(
        () => this.current().uid,
        (uid: number) => this.changeOwner(uid, this.attributes.gid),
      ),
      gid: field(
        () => this.current().gid,
        (gid: number) => this.changeOwner(this.attributes.uid, gid),
      ),
      nlink: field(
        () => this.attributes.nlink,
        () => {},
      ),
      atime: field(
        () => this.time('atime'),
        (atime: bigint) => this.changeTimes(atime, undefined),
      ),
      mtime: field(
        () => this.time('mtime'),
        (mtime: bigint) => this.changeTimes(undefined, mtime),
      ),
      ctime: field(
        () => this.attributes.ctime,
        () => {},
      ),
    });
  }

  /**
   * Attributes for permission checks: other inodes are reread at each
   * lookup, but the mount's root is never looked up, so it is reread here.
   */
  private current(): HostAttributes {
    return this.isHostRoot ? this.refresh() : this.attributes;
  }

  /** True if `stats` describe this inode's host file. */
  isHostFile(stats: { dev: bigint; ino: bigint }): boolean {
    return stats.dev === this.attributes.dev && stats.ino === this.attributes.ino;
  }

  /** The key of the host file in the filesystem's inode cache. */
  get key(): string {
    return `${this.attributes.dev}:${this.attributes.ino}`;
  }

  /** The host path of this inode: its first known name (ENOENT once it has none). */
  hostPath(): string {
    const link = this.links[0] ?? fail(Errno.ENOENT);
    return `${link.directory.hostPath()}/${link.name}`;
  }

  /** A host fd open on this file, for when it has no name left (regular files override). */
  openHandle(): number | undefined {
    return undefined;
  }

  /** Reads the host's attributes again: by name, or through an open fd once unlinked. */
  refresh(): HostAttributes {
    const stats = this.links.length > 0 || this.isHostRoot ? lstatHost(this.hostPath()) : undefined;
    if (stats && this.isHostFile(stats)) {
      this.attributes = attributesOf(stats);
      return this.attributes;
    }
    const fd = this.openHandle();
    if (fd !== undefined) {
      this.attributes = attributesOf(host(() => fstatSync(fd, { bigint: true })));
    }
    return this.attributes;
  }

  /** Takes attributes the filesystem just read for this file (at a lookup). */
  update(stats: BigIntStats): void {
    this.attributes = attributesOf(stats);
  }

  /** After the kernel removed its last known name: no link left on the host either. */
  protected forgetLinks(): void {
    this.attributes = { ...this.attributes, nlink: 0 };
  }

  get isHostRoot(): boolean {
    return false;
  }

  addLink(link: HostLink): void {
    const known = this.links.some((l) => l.directory === link.directory && l.name === link.name);
    if (!known) this.links.push(link);
  }

  /** Drops a name after unlink, rmdir or rename over it. */
  dropLink(directory: HostInode, name: string): void {
    const index = this.links.findIndex((l) => l.directory === directory && l.name === name);
    if (index >= 0) this.links.splice(index, 1);
    if (this.links.length === 0) {
      this.fs.forget(this);
      this.refresh();
      if (this.isDirectory || this.openHandle() === undefined) this.forgetLinks();
    } else {
      this.refresh();
    }
  }

  /** Renames one of the inode's names. */
  moveLink(from: HostLink, to: HostLink): void {
    this.dropLinkQuietly(from);
    if (this.isDirectory) this.links.length = 0;
    this.links.unshift(to);
  }

  private dropLinkQuietly(link: HostLink): void {
    const index = this.links.findIndex(
      (l) => l.directory === link.directory && l.name === link.name,
    );
    if (index >= 0) this.links.splice(index, 1);
  }

  override get size(): number {
    return this.refresh().size;
  }

  override stat(): Stat {
    const attributes = this.refresh();
    return {
      dev: this.fs.dev,
      ino: this.ino,
      mode: attributes.mode,
      nlink: attributes.nlink,
      uid: attributes.uid,
      gid: attributes.gid,
      rdev: attributes.rdev,
      size: attributes.size,
      blksize: attributes.blksize,
      blocks: attributes.blocks,
      atime: this.time('atime'),
      mtime: this.time('mtime'),
      ctime: attributes.ctime,
    };
  }

  /** The host keeps its own times: reads and writes change them there. */
  override touch(_which: number): void {}

  private time(which: 'atime' | 'mtime'): bigint {
    const exact = this.exact[which];
    const value = this.attributes[which];
    return exact && exact.host === value ? exact.exact : value;
  }

  /** Changes the host file by name, or through an open fd once it has none; then rereads it. */
  private onHost(byPath: (path: string) => void, byHandle: (fd: number) => void): void {
    const fd = this.openHandle();
    if (this.links.length === 0 && !this.isHostRoot && fd !== undefined) host(() => byHandle(fd));
    else host(() => byPath(this.hostPath()));
    this.refresh();
  }

  /** chmod(2) of the host file; symlinks have no mode of their own (EOPNOTSUPP on Linux). */
  private changeMode(mode: number): void {
    if ((this.attributes.mode & S_IFMT) === S_IFLNK) fail(Errno.ENOTSUP);
    const bits = mode & 0o7777;
    this.onHost(
      (path) => chmodSync(path, bits),
      (fd) => fchmodSync(fd, bits),
    );
  }

  private changeOwner(uid: number, gid: number): void {
    this.onHost(
      (path) => lchownSync(path, uid, gid),
      (fd) => fchownSync(fd, uid, gid),
    );
  }

  /** utimensat(2) on the host without following; undefined keeps that time. */
  private changeTimes(atime: bigint | undefined, mtime: bigint | undefined): void {
    this.refresh();
    const a = atime ?? this.time('atime');
    const m = mtime ?? this.time('mtime');
    this.onHost(
      (path) => lutimesSync(path, seconds(a), seconds(m)),
      (fd) => futimesSync(fd, seconds(a), seconds(m)),
    );
    const attributes = this.attributes;
    if (atime !== undefined) this.exact.atime = { host: attributes.atime, exact: atime };
    if (mtime !== undefined) this.exact.mtime = { host: attributes.mtime, exact: mtime };
  }
}
