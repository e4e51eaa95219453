// An inode (Linux's `struct inode`): a file's attributes and the operations
// its filesystem supports. Every operation here answers the errno Linux gives
// when the inode's type does not support it (ENOTDIR for directory operations
// on a non-directory, EINVAL for readlink of a non-link, ...), so each
// filesystem overrides only what it has. Permission checks, type checks that
// span two inodes and mount rules live in the VFS operations (vfs.ts), not here.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { FileSystem } from './filesystem.ts';
import type { BlockingWait, OpenFile } from './open-file.ts';
import type { Dentry } from './dentry.ts';
import type { Credentials } from '../proc/credentials.ts';
import { S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, type Stat } from './stat.ts';

/** Attributes of a node being created: type bits and permissions already combined with the umask. */
export interface NewNode {
  mode: number;
  uid: number;
  gid: number;
  /** Device number, for character and block device nodes. */
  rdev?: number;
}

/** One entry of a directory listing, with the cookie that resumes the listing after it. */
export interface DirectoryEntry {
  name: string;
  ino: number;
  /** The entry's type bits (S_IFMT part of st_mode). */
  type: number;
  /** Position of this entry; a listing resumed at `next` starts after it. */
  next: bigint;
}

/** What an open(2) asks for, as the VFS has decided it after permission checks. */
export interface OpenRequest {
  readable: boolean;
  writable: boolean;
  /** WASI fdflags (APPEND, NONBLOCK, ...). */
  flags: number;
  /** The path the file was opened by, for /proc/<pid>/fd and directory listings. */
  dentry: Dentry;
  credentials: Credentials;
  /** Who opens, for files whose contents depend on it (procfs). */
  caller?: Caller;
  /** How an open that waits (a fifo) waits: interruptibly, when a syscall opens. */
  wait?: BlockingWait;
}

/**
 * Who is asking, for filesystems whose answers depend on it (procfs:
 * /proc/self, the pids of the caller's namespace, paths seen from its root).
 */
export interface Caller {
  root: Dentry;
  credentials: Credentials;
  /** The calling process's pid (kernel-wide), when a process is calling. */
  pid?: number;
}

/** Which timestamps an operation changes. */
export const TOUCH_ATIME = 1;
export const TOUCH_MTIME = 2;
export const TOUCH_CTIME = 4;

export class Inode {
  readonly ino: number;
  nlink = 1;
  atime: bigint;
  mtime: bigint;
  ctime: bigint;

  constructor(
    readonly fs: FileSystem,
    /** Linux st_mode: type bits and permission bits. The type never changes. */
    public mode: number,
    public uid = 0,
    public gid = 0,
    readonly rdev = 0,
  ) {
    this.ino = fs.allocateIno();
    const now = fs.now();
    this.atime = now;
    this.mtime = now;
    this.ctime = now;
  }

  get type(): number {
    return this.mode & S_IFMT;
  }
  get isDirectory(): boolean {
    return this.type === S_IFDIR;
  }
  get isSymlink(): boolean {
    return this.type === S_IFLNK;
  }
  get isRegular(): boolean {
    return this.type === S_IFREG;
  }
  get isFifo(): boolean {
    return this.type === S_IFIFO;
  }

  /** st_size. */
  get size(): number {
    return 0;
  }

  stat(): Stat {
    const size = this.size;
    return {
      dev: this.fs.dev,
      ino: this.ino,
      mode: this.mode,
      nlink: this.nlink,
      uid: this.uid,
      gid: this.gid,
      rdev: this.rdev,
      size,
      blksize: 4096,
      blocks: Math.ceil(size / 512),
      atime: this.atime,
      mtime: this.mtime,
      ctime: this.ctime,
    };
  }

  /** Sets the given timestamps (TOUCH_* bits) to the filesystem's now. */
  touch(which: number): void {
    const now = this.fs.now();
    if (which & TOUCH_ATIME) this.atime = now;
    if (which & TOUCH_MTIME) this.mtime = now;
    if (which & TOUCH_CTIME) this.ctime = now;
  }

  // ---- directories ---------------------------------------------------------

  /** The inode named `name` in this directory, or undefined. `.` and `..` are the VFS's. */
  lookup(_name: string, _caller?: Caller): Inode | undefined {
    return fail(Errno.ENOTDIR);
  }

  /** Creates a regular file (open with O_CREAT). */
  create(_name: string, _node: NewNode): Inode {
    return fail(Errno.ENOTDIR);
  }

  mkdir(_name: string, _node: NewNode): Inode {
    return fail(Errno.ENOTDIR);
  }

  symlink(_name: string, _target: string, _node: NewNode): Inode {
    return fail(Errno.ENOTDIR);
  }

  /** Creates a fifo, device or socket node (mknod(2)). */
  mknod(_name: string, _node: NewNode): Inode {
    return fail(Errno.ENOTDIR);
  }

  /** Adds a hard link to `inode` (same filesystem, not a directory: checked by the VFS). */
  link(_name: string, _inode: Inode): void {
    fail(Errno.ENOTDIR);
  }

  /** Removes a non-directory entry. */
  unlink(_name: string): void {
    fail(Errno.ENOTDIR);
  }

  /** Removes an empty directory entry (ENOTEMPTY otherwise). */
  rmdir(_name: string): void {
    fail(Errno.ENOTDIR);
  }

  /**
   * Moves entry `name` to `newName` in `newDirectory` (same filesystem),
   * replacing what was there atomically. The VFS has checked types (EISDIR,
   * ENOTDIR) and loops (EINVAL); the filesystem checks ENOTEMPTY.
   */
  rename(_name: string, _newDirectory: Inode, _newName: string): void {
    fail(Errno.ENOTDIR);
  }

  /** Entries after position `cookie` (0: from the start), without `.` and `..`. */
  entries(_cookie: bigint, _caller?: Caller): Iterable<DirectoryEntry> {
    return fail(Errno.ENOTDIR);
  }

  /** The directory's parent inode within this filesystem (itself for the root). */
  get parentDirectory(): Inode {
    return fail(Errno.ENOTDIR);
  }

  /** True if the directory has entries besides `.` and `..`. */
  get hasEntries(): boolean {
    return false;
  }

  // ---- symbolic links ------------------------------------------------------

  readlink(_caller?: Caller): string {
    return fail(Errno.EINVAL);
  }

  /**
   * For a magic link (procfs's fd/N, cwd, root, exe, as Linux's
   * nd_jump_link): the dentry a walk that follows this link (seen as
   * `link`) jumps to, instead of resolving the text readlink shows.
   * Undefined for ordinary symlinks.
   */
  magicLink(_link: Dentry, _caller?: Caller): Dentry | undefined {
    return undefined;
  }

  // ---- contents --------------------------------------------------------------

  /** Sets the size (truncate(2)); only regular files have one. */
  truncate(_size: number): void {
    fail(this.isDirectory ? Errno.EISDIR : Errno.EINVAL);
  }

  /** Opens the inode; may wait (a fifo waiting for its other end). */
  open(_request: OpenRequest): OpenFile | Promise<OpenFile> {
    return fail(Errno.ENXIO);
  }
}
