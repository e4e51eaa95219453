// A tmpfs directory: entries in insertion order, each with a position that
// never changes while it exists, so directory listings resumed from a cookie
// stay correct while entries are added or removed. nlink is 2 plus the number
// of subdirectories, as on Linux; size grows by 20 bytes per entry as tmpfs's
// does (BOGO_DIRENT_SIZE).
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import { FIRST_ENTRY_COOKIE } from '../directory-file.ts';
import { DirectoryFile } from '../directory-file.ts';
import {
  Inode,
  TOUCH_CTIME,
  TOUCH_MTIME,
  type DirectoryEntry,
  type NewNode,
  type OpenRequest,
} from '../inode.ts';
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from '../stat.ts';
import { TmpfsFile } from './file.ts';
import { TmpfsSpecial } from './special.ts';
import { TmpfsSymlink } from './symlink.ts';
import type { Tmpfs } from './tmpfs.ts';

const BOGO_DIRENT_SIZE = 20;

interface Entry {
  inode: Inode;
  position: bigint;
}

export class TmpfsDirectory extends Inode {
  private readonly children = new Map<string, Entry>();
  private nextPosition = FIRST_ENTRY_COOKIE;
  private parent: TmpfsDirectory;

  constructor(
    private readonly tmpfs: Tmpfs,
    node: NewNode,
    parent: TmpfsDirectory | null,
  ) {
    super(tmpfs, (node.mode & ~S_IFMT) | S_IFDIR, node.uid, node.gid);
    this.nlink = 2;
    this.parent = parent ?? this;
  }

  override get size(): number {
    return (this.children.size + 2) * BOGO_DIRENT_SIZE;
  }

  override get parentDirectory(): Inode {
    return this.parent;
  }

  override get hasEntries(): boolean {
    return this.children.size > 0;
  }

  override lookup(name: string): Inode | undefined {
    return this.children.get(name)?.inode;
  }

  private insert(name: string, inode: Inode): void {
    this.children.set(name, { inode, position: this.nextPosition++ });
    this.touch(TOUCH_MTIME | TOUCH_CTIME);
  }

  private add<T extends Inode>(name: string, inode: T): T {
    if (this.children.has(name)) fail(Errno.EEXIST);
    this.insert(name, inode);
    return inode;
  }

  override create(name: string, node: NewNode): Inode {
    return this.add(
      name,
      new TmpfsFile(this.tmpfs, { ...node, mode: (node.mode & ~S_IFMT) | S_IFREG }),
    );
  }

  override mkdir(name: string, node: NewNode): Inode {
    const directory = this.add(name, new TmpfsDirectory(this.tmpfs, node, this));
    this.nlink++;
    return directory;
  }

  override symlink(name: string, target: string, node: NewNode): Inode {
    const mode = S_IFLNK | 0o777;
    return this.add(name, new TmpfsSymlink(this.tmpfs, { ...node, mode }, target));
  }

  override mknod(name: string, node: NewNode): Inode {
    const type = node.mode & S_IFMT;
    if (type === S_IFREG || type === 0) return this.create(name, node);
    if (type === S_IFDIR || type === S_IFLNK) fail(Errno.EINVAL);
    return this.add(name, new TmpfsSpecial(this.tmpfs, node));
  }

  override link(name: string, inode: Inode): void {
    if (inode.fs !== this.fs) fail(Errno.EXDEV);
    this.add(name, inode);
    inode.nlink++;
    inode.touch(TOUCH_CTIME);
  }

  private entry(name: string): Entry {
    return this.children.get(name) ?? fail(Errno.ENOENT);
  }

  override unlink(name: string): void {
    const { inode } = this.entry(name);
    if (inode.isDirectory) fail(Errno.EISDIR);
    this.remove(name);
  }

  override rmdir(name: string): void {
    const { inode } = this.entry(name);
    if (!inode.isDirectory) fail(Errno.ENOTDIR);
    if (inode.hasEntries) fail(Errno.ENOTEMPTY);
    this.remove(name);
  }

  /** Drops entry `name` and the link count it held. */
  private remove(name: string): void {
    const { inode } = this.entry(name);
    this.children.delete(name);
    if (inode.isDirectory) {
      inode.nlink = 0;
      this.nlink--;
    } else {
      inode.nlink--;
    }
    inode.touch(TOUCH_CTIME);
    this.touch(TOUCH_MTIME | TOUCH_CTIME);
  }

  override rename(name: string, newDirectory: Inode, newName: string): void {
    if (!(newDirectory instanceof TmpfsDirectory) || newDirectory.fs !== this.fs) fail(Errno.EXDEV);
    const { inode } = this.entry(name);
    const replaced = newDirectory.lookup(newName);
    if (replaced === inode) return;
    if (replaced?.isDirectory && replaced.hasEntries) fail(Errno.ENOTEMPTY);
    if (replaced) newDirectory.remove(newName);
    this.children.delete(name);
    newDirectory.insert(newName, inode);
    if (inode instanceof TmpfsDirectory && newDirectory !== this) {
      this.nlink--;
      newDirectory.nlink++;
      inode.parent = newDirectory;
    }
    inode.touch(TOUCH_CTIME);
    this.touch(TOUCH_MTIME | TOUCH_CTIME);
  }

  override *entries(cookie: bigint): Generator<DirectoryEntry> {
    for (const [name, { inode, position }] of this.children) {
      if (position < cookie) continue;
      yield { name, ino: inode.ino, type: inode.type, next: position + 1n };
    }
  }

  override open(request: OpenRequest): DirectoryFile {
    return new DirectoryFile(request.dentry, request.flags);
  }
}
