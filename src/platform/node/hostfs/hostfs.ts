// hostfs: a directory of the Node host's filesystem mounted in the kernel
// (the Node counterpart of Linux's 9p or virtiofs shares, and of wasmtime's
// --dir). Every operation is a synchronous node:fs call on the host; the
// kernel's VFS does the path walk, the permission checks and symlink
// following, so a symlink is only ever followed inside the guest's view:
// an absolute target means the guest's root, and `..` stops at it.
//
// Where we differ from Linux: st_dev is one anonymous device for the whole
// mount (a host directory spanning several host filesystems may show two
// files with one inode number); host uids and gids are shown as they are
// (no id mapping); new files are given the creating guest's uid and gid
// when the host allows it (bocal running as root), else they keep the host
// user's. Host fifos, sockets and devices are listed and stat'ed but open
// with ENXIO: a host device is not the guest's to use.
import { lstatSync, realpathSync, type BigIntStats } from 'node:fs';
import { resolve } from 'node:path';
import { Errno } from '../../../kernel/abi/errno.ts';
import { fail } from '../../../kernel/errors.ts';
import { FileSystem, type Clock } from '../../../kernel/fs/filesystem.ts';
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from '../../../kernel/fs/stat.ts';
import { HostDirectory } from './directory.ts';
import { HostRegularFile } from './file.ts';
import { host } from './host-errors.ts';
import type { HostInode, HostLink } from './host-inode.ts';
import { HostSpecial } from './special.ts';
import { HostSymlink } from './symlink.ts';

export class HostFileSystem extends FileSystem {
  /** The host directory, absolute, its own symlinks resolved once at mount time. */
  readonly hostRoot: string;
  readonly root: HostDirectory;
  /** One inode object per host file (by host device and inode number), so the VFS sees identity. */
  private readonly inodes = new Map<string, HostInode>();
  /** The host inode number the inode being made takes (see allocateIno). */
  private incomingIno = 0;

  /** ENOENT if `hostPath` does not exist, ENOTDIR if it is not a directory. */
  constructor(hostPath: string, clock?: Clock) {
    super('hostfs', clock);
    this.hostRoot = host(() => realpathSync(resolve(hostPath)));
    const stats = host(() => lstatSync(this.hostRoot, { bigint: true }));
    if ((Number(stats.mode) & S_IFMT) !== S_IFDIR) fail(Errno.ENOTDIR);
    this.incomingIno = Number(stats.ino);
    this.root = new HostDirectory(this, stats, null, this.hostRoot);
    this.inodes.set(this.root.key, this.root);
  }

  /** Inode numbers are the host's: the inode being made takes its host file's. */
  override allocateIno(): number {
    return this.incomingIno;
  }

  /** The inode of the host file `stats` describes, reached by `link`; made on first sight. */
  inodeFor(stats: BigIntStats, link: HostLink): HostInode {
    const type = Number(stats.mode) & S_IFMT;
    const key = `${stats.dev}:${stats.ino}`;
    const cached = this.inodes.get(key);
    if (cached && cached.type === type) {
      cached.update(stats);
      if (cached.isDirectory) cached.links.length = 0;
      cached.addLink(link);
      return cached;
    }
    this.incomingIno = Number(stats.ino);
    const inode = this.make(type, stats, link);
    this.inodes.set(key, inode);
    return inode;
  }

  private make(type: number, stats: BigIntStats, link: HostLink): HostInode {
    if (type === S_IFDIR) return new HostDirectory(this, stats, link);
    if (type === S_IFREG) return new HostRegularFile(this, stats, link);
    if (type === S_IFLNK) return new HostSymlink(this, stats, link);
    return new HostSpecial(this, stats, link);
  }

  /** Drops a removed file from the cache: the host may give its number to a new file. */
  forget(inode: HostInode): void {
    if (this.inodes.get(inode.key) === inode) this.inodes.delete(inode.key);
  }
}
