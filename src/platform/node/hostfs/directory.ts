// A hostfs directory: lookups, creation, removal and renames as node:fs
// calls on the host directory, and listings whose cookies stay valid while
// entries come and go: each name gets a position the first time a listing
// sees it, in the host's order, and keeps it while it exists (as tmpfs's
// positions), so a listing resumed from a cookie neither repeats nor skips
// a name that was there all along.
import {
  closeSync,
  fchmodSync,
  fchownSync,
  lchownSync,
  chmodSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmdirSync,
  symlinkSync,
  unlinkSync,
  constants,
  type BigIntStats,
} from 'node:fs';
import { Errno } from '../../../kernel/abi/errno.ts';
import { fail } from '../../../kernel/errors.ts';
import { DirectoryFile, FIRST_ENTRY_COOKIE } from '../../../kernel/fs/directory-file.ts';
import type { DirectoryEntry, Inode, NewNode, OpenRequest } from '../../../kernel/fs/inode.ts';
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from '../../../kernel/fs/stat.ts';
import { host } from './host-errors.ts';
import { giveOwnership, HostInode, lstatHost, type HostLink } from './host-inode.ts';
import type { HostFileSystem } from './hostfs.ts';

export class HostDirectory extends HostInode {
  private readonly positions = new Map<string, bigint>();
  private nextPosition = FIRST_ENTRY_COOKIE;

  constructor(
    fs: HostFileSystem,
    stats: BigIntStats,
    link: HostLink | null,
    /** Set for the mount's root: the host directory itself. */
    private readonly rootPath?: string,
  ) {
    super(fs, stats, link);
  }

  override get isHostRoot(): boolean {
    return this.rootPath !== undefined;
  }

  override hostPath(): string {
    return this.rootPath ?? super.hostPath();
  }

  private childPath(name: string): string {
    return `${this.hostPath()}/${name}`;
  }

  override get parentDirectory(): Inode {
    return this.links[0]?.directory ?? this;
  }

  override get hasEntries(): boolean {
    return host(() => readdirSync(this.hostPath())).length > 0;
  }

  override lookup(name: string): HostInode | undefined {
    const stats = lstatHost(this.childPath(name));
    return stats && this.fs.inodeFor(stats, { directory: this, name });
  }

  /** The inode of an entry just made on the host. */
  private made(name: string): HostInode {
    const stats = lstatHost(this.childPath(name)) ?? fail(Errno.ENOENT);
    this.positions.delete(name);
    return this.fs.inodeFor(stats, { directory: this, name });
  }

  private entry(name: string): HostInode {
    return this.lookup(name) ?? fail(Errno.ENOENT);
  }

  /** open(O_CREAT|O_EXCL), then the guest's owner and exact mode (the host umask set aside). */
  override create(name: string, node: NewNode): Inode {
    const path = this.childPath(name);
    const bits = node.mode & 0o7777;
    const flags = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW;
    const fd = host(() => openSync(path, flags, bits));
    try {
      giveOwnership(() => fchownSync(fd, node.uid, node.gid));
      host(() => fchmodSync(fd, bits));
    } finally {
      closeSync(fd);
    }
    return this.made(name);
  }

  override mkdir(name: string, node: NewNode): Inode {
    const path = this.childPath(name);
    const bits = node.mode & 0o7777;
    host(() => mkdirSync(path, bits));
    giveOwnership(() => lchownSync(path, node.uid, node.gid));
    host(() => chmodSync(path, bits));
    return this.made(name);
  }

  override symlink(name: string, target: string, node: NewNode): Inode {
    const path = this.childPath(name);
    host(() => symlinkSync(target, path));
    giveOwnership(() => lchownSync(path, node.uid, node.gid));
    return this.made(name);
  }

  /**
   * mknod(2): regular files only. Node cannot make fifos or device nodes,
   * and Linux answers EPERM for a node type a filesystem does not support.
   */
  override mknod(name: string, node: NewNode): Inode {
    const type = node.mode & S_IFMT;
    if (type === S_IFREG || type === 0) return this.create(name, node);
    if (type === S_IFDIR || type === S_IFLNK) fail(Errno.EINVAL);
    return fail(Errno.EPERM);
  }

  override link(name: string, inode: Inode): void {
    if (!(inode instanceof HostInode) || inode.fs !== this.fs) fail(Errno.EXDEV);
    host(() => linkSync(inode.hostPath(), this.childPath(name)));
    inode.addLink({ directory: this, name });
    inode.refresh();
  }

  override unlink(name: string): void {
    const inode = this.entry(name);
    if (inode.isDirectory) fail(Errno.EISDIR);
    host(() => unlinkSync(this.childPath(name)));
    this.positions.delete(name);
    inode.dropLink(this, name);
  }

  override rmdir(name: string): void {
    const inode = this.entry(name);
    if (!inode.isDirectory) fail(Errno.ENOTDIR);
    host(() => rmdirSync(this.childPath(name)));
    this.positions.delete(name);
    inode.dropLink(this, name);
  }

  /** rename(2) on the host, which replaces the target atomically and checks ENOTEMPTY. */
  override rename(name: string, newDirectory: Inode, newName: string): void {
    if (!(newDirectory instanceof HostDirectory) || newDirectory.fs !== this.fs) fail(Errno.EXDEV);
    const source = this.entry(name);
    const replaced = newDirectory.lookup(newName);
    if (replaced === source) return;
    host(() => renameSync(this.childPath(name), newDirectory.childPath(newName)));
    this.positions.delete(name);
    newDirectory.positions.delete(newName);
    replaced?.dropLink(newDirectory, newName);
    source.moveLink({ directory: this, name }, { directory: newDirectory, name: newName });
    source.refresh();
  }

  override *entries(cookie: bigint): Generator<DirectoryEntry> {
    const directory = this.hostPath();
    const names = host(() => readdirSync(directory));
    const present = new Set(names);
    for (const name of [...this.positions.keys()]) {
      if (!present.has(name)) this.positions.delete(name);
    }
    for (const name of names) {
      if (!this.positions.has(name)) this.positions.set(name, this.nextPosition++);
    }
    for (const [name, position] of [...this.positions]) {
      if (position < cookie) continue;
      const stats = lstatHost(`${directory}/${name}`);
      if (!stats) continue;
      yield {
        name,
        ino: Number(stats.ino),
        type: Number(stats.mode) & S_IFMT,
        next: position + 1n,
      };
    }
  }

  override open(request: OpenRequest): DirectoryFile {
    return new DirectoryFile(request.dentry, request.flags);
  }
}
