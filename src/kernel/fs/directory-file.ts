// The open file description of a directory: what openat(O_DIRECTORY) gives,
// what fd_readdir lists, and the starting point of path_* calls with this
// dirfd. Listing positions are cookies: 0 is `.`, 1 is `..`, then the
// filesystem's own positions, which stay valid while entries come and go.
import { Errno } from '../abi/errno.ts';
import { Filetype, Whence } from '../abi/wasi.ts';
import { fail } from '../errors.ts';
import type { Dentry } from './dentry.ts';
import type { Caller, DirectoryEntry } from './inode.ts';
import { OpenFile } from './open-file.ts';
import { S_IFDIR, type Stat } from './stat.ts';

/** The first cookie a filesystem's own entries may use. */
export const FIRST_ENTRY_COOKIE = 2n;

export class DirectoryFile extends OpenFile {
  constructor(
    private readonly opened: Dentry,
    flags = 0,
  ) {
    super(true, false);
    this.flags = flags;
  }

  /** The directory path_* calls with this fd start from. */
  get dentry(): Dentry {
    return this.opened;
  }

  override get filetype(): Filetype {
    return Filetype.DIRECTORY;
  }

  override read(_length: number): Uint8Array {
    return fail(Errno.EISDIR);
  }

  override pread(_length: number, _offset: number): Uint8Array {
    return fail(Errno.EISDIR);
  }

  /** lseek on a directory: only rewinding (or staying) makes sense with cookies. */
  override seek(offset: number, whence: number): number {
    if (whence === Whence.SET && offset >= 0) return (this.offset = offset);
    if (whence === Whence.CUR && offset === 0) return this.offset;
    return fail(Errno.EINVAL);
  }

  override stat(): Stat {
    return this.dentry.inode.stat();
  }

  /** Entries from position `cookie`, `.` and `..` included, as `caller` sees them. */
  *readdir(cookie: bigint, caller?: Caller): Generator<DirectoryEntry> {
    const inode = this.dentry.inode;
    if (cookie <= 0n) yield { name: '.', ino: inode.ino, type: S_IFDIR, next: 1n };
    if (cookie <= 1n) {
      yield { name: '..', ino: inode.parentDirectory.ino, type: S_IFDIR, next: FIRST_ENTRY_COOKIE };
    }
    yield* inode.entries(cookie < FIRST_ENTRY_COOKIE ? FIRST_ENTRY_COOKIE : cookie, caller);
  }
}
