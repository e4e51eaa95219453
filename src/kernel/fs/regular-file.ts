// The open file description of a regular file whose contents are a byte
// array (tmpfs, overlay copies, image snapshots once read): an offset,
// O_APPEND, pread/pwrite, lseek and ftruncate, as Linux's generic file
// operations do them.
import { Errno } from '../abi/errno.ts';
import { FDFLAGS_APPEND, Filetype, Whence } from '../abi/wasi.ts';
import { fail } from '../errors.ts';
import type { Dentry } from './dentry.ts';
import { MAX_FILE_SIZE, type PageReference } from './byte-store.ts';
import { TOUCH_ATIME, TOUCH_CTIME, TOUCH_MTIME, type Inode } from './inode.ts';
import { OpenFile } from './open-file.ts';
import type { Stat } from './stat.ts';

/** An inode whose contents are bytes at offsets. */
export interface ByteContents extends Inode {
  readAt(offset: number, length: number): Uint8Array;
  writeAt(offset: number, data: Uint8Array): void;
  /** Up to `max` bytes from `offset` as pages of the shared arena, if the file can keep them there (byte-store.ts). */
  sharePages?(offset: number, max: number): PageReference | undefined;
}

/** Who holds a description's offset for now (a process's read window: tmpfs/read-window.ts). */
export interface OffsetBorrower {
  /** Sets the description's offset with settleOffset and lets go of it. */
  giveBack(): void;
}

export class RegularFile extends OpenFile {
  /** The read window the offset is lent to; every use of the offset takes it back first. */
  lentTo: OffsetBorrower | undefined;

  constructor(
    readonly inode: ByteContents,
    readonly dentry: Dentry,
    readable: boolean,
    writable: boolean,
    flags: number,
  ) {
    super(readable, writable);
    this.flags = flags;
  }

  override get offset(): number {
    this.lentTo?.giveBack();
    return this.position;
  }

  override set offset(value: number) {
    this.lentTo?.giveBack();
    this.position = value;
  }

  /** The borrower's way of setting the offset as it gives it back. */
  settleOffset(position: number): void {
    this.position = position;
  }

  override get filetype(): Filetype {
    return Filetype.REGULAR_FILE;
  }

  override read(length: number): Uint8Array {
    const data = this.pread(length, this.offset);
    this.offset += data.length;
    return data;
  }

  override write(data: Uint8Array): number {
    if (!this.writable) fail(Errno.EBADF);
    if (this.flags & FDFLAGS_APPEND) this.offset = this.inode.size;
    const written = this.pwriteAt(data, this.offset);
    this.offset += written;
    return written;
  }

  /**
   * Up to `max` bytes from `offset` as pages of the shared arena that a
   * pipe can reference (sendfile), or undefined if this file's bytes are
   * not kept that way.
   */
  sharePages(offset: number, max: number): PageReference | undefined {
    if (!this.readable) fail(Errno.EBADF);
    const ref = this.inode.sharePages?.(offset, max);
    if (ref) this.inode.touch(TOUCH_ATIME);
    return ref;
  }

  override pread(length: number, offset: number): Uint8Array {
    if (!this.readable) fail(Errno.EBADF);
    if (offset < 0 || length < 0) fail(Errno.EINVAL);
    const data = this.inode.readAt(offset, length);
    this.inode.touch(TOUCH_ATIME);
    return data;
  }

  /** Like Linux, pwrite on an O_APPEND description appends, whatever the offset. */
  override pwrite(data: Uint8Array, offset: number): number {
    if (!this.writable) fail(Errno.EBADF);
    if (offset < 0) fail(Errno.EINVAL);
    return this.pwriteAt(data, this.flags & FDFLAGS_APPEND ? this.inode.size : offset);
  }

  private pwriteAt(data: Uint8Array, offset: number): number {
    if (offset + data.length > MAX_FILE_SIZE) fail(Errno.EFBIG);
    if (data.length === 0) return 0;
    this.inode.writeAt(offset, data);
    this.inode.touch(TOUCH_MTIME | TOUCH_CTIME);
    return data.length;
  }

  /** Implements lseek(2); seeking past the end is allowed, before the start is EINVAL. */
  override seek(offset: number, whence: number): number {
    let base: number;
    if (whence === Whence.SET) base = 0;
    else if (whence === Whence.CUR) base = this.offset;
    else if (whence === Whence.END) base = this.inode.size;
    else return fail(Errno.EINVAL);
    const position = base + offset;
    if (position < 0) fail(Errno.EINVAL);
    if (position > MAX_FILE_SIZE) fail(Errno.EOVERFLOW);
    this.offset = position;
    return position;
  }

  override stat(): Stat {
    return this.inode.stat();
  }

  /** Implements ftruncate(2): EINVAL unless open for writing, as Linux answers. */
  override truncate(size: number): void {
    if (!this.writable) fail(Errno.EINVAL);
    truncateInode(this.inode, size);
  }
}

/** truncate(2) of a regular file's inode, with Linux's errors and timestamps. */
export function truncateInode(inode: Inode, size: number): void {
  if (size < 0) fail(Errno.EINVAL);
  if (size > MAX_FILE_SIZE) fail(Errno.EFBIG);
  inode.truncate(size);
  inode.touch(TOUCH_MTIME | TOUCH_CTIME);
}
