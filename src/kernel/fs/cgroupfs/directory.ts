// A cgroup's directory in cgroupfs: its interface files, then its child
// cgroups. mkdir makes a cgroup and rmdir removes one (EBUSY while it has
// processes or children); nothing else can be created or removed here, with
// the errnos Linux's VFS gives a kernfs directory that lacks the operation
// (EACCES to create a file, EPERM for the rest).
import { Errno } from '../../abi/errno.ts';
import type { Cgroup } from '../../cgroup/cgroup.ts';
import { filesOf } from '../../cgroup/interface-files.ts';
import { fail } from '../../errors.ts';
import { DirectoryFile, FIRST_ENTRY_COOKIE } from '../directory-file.ts';
import { Inode, type DirectoryEntry, type NewNode, type OpenRequest } from '../inode.ts';
import type { OpenFile } from '../open-file.ts';
import { S_IFDIR, type Stat } from '../stat.ts';
import type { Cgroupfs } from './cgroupfs.ts';
import { InterfaceFileInode } from './file.ts';

export class CgroupDirectory extends Inode {
  private readonly files = new Map<string, InterfaceFileInode>();

  constructor(
    private readonly cgroupfs: Cgroupfs,
    readonly cgroup: Cgroup,
    uid: number,
    gid: number,
  ) {
    super(cgroupfs, S_IFDIR | 0o755, uid, gid);
  }

  /** A directory's link count follows its subdirectories (their `..`). */
  override stat(): Stat {
    this.nlink = 2 + this.cgroup.children.size;
    return super.stat();
  }

  override get parentDirectory(): Inode {
    const parent = this.cgroup.parent;
    return parent ? this.cgroupfs.directoryOf(parent) : this;
  }

  override get hasEntries(): boolean {
    return true;
  }

  private file(name: string): InterfaceFileInode | undefined {
    const entry = filesOf(this.cgroup).find((file) => file.name === name);
    if (!entry) return undefined;
    let inode = this.files.get(name);
    if (!inode) {
      inode = new InterfaceFileInode(this.cgroupfs, this.cgroup, entry, this.uid, this.gid);
      this.files.set(name, inode);
    }
    return inode;
  }

  override lookup(name: string): Inode | undefined {
    if (!this.cgroup.alive) return undefined;
    const child = this.cgroup.children.get(name);
    if (child) return this.cgroupfs.directoryOf(child);
    return this.file(name);
  }

  override *entries(cookie: bigint): Generator<DirectoryEntry> {
    if (!this.cgroup.alive) return;
    const names = [
      ...filesOf(this.cgroup).map((file) => file.name),
      ...this.cgroup.children.keys(),
    ];
    let position = FIRST_ENTRY_COOKIE;
    for (const name of names) {
      if (position >= cookie) {
        const inode = this.lookup(name);
        if (inode) yield { name, ino: inode.ino, type: inode.type, next: position + 1n };
      }
      position++;
    }
  }

  override mkdir(name: string, node: NewNode): Inode {
    if (this.lookup(name)) fail(Errno.EEXIST);
    const cgroup = this.cgroupfs.hierarchy.create(this.cgroup, name);
    return this.cgroupfs.directoryOf(cgroup, node);
  }

  override rmdir(name: string): void {
    const child = this.cgroup.children.get(name);
    if (!child) fail(this.file(name) ? Errno.ENOTDIR : Errno.ENOENT);
    this.cgroupfs.hierarchy.remove(child);
  }

  override open(request: OpenRequest): OpenFile {
    return new DirectoryFile(request.dentry, request.flags);
  }

  override create(): Inode {
    return fail(Errno.EACCES);
  }
  override symlink(): Inode {
    return fail(Errno.EPERM);
  }
  override mknod(): Inode {
    return fail(Errno.EPERM);
  }
  override link(): void {
    fail(Errno.EPERM);
  }
  override unlink(): void {
    fail(Errno.EPERM);
  }
  override rename(): void {
    fail(Errno.EPERM);
  }
}
