// The open file description of an overlay regular file: Linux's generic
// file operations (offset, O_APPEND, pread/pwrite, lseek, ftruncate), with
// reads that may wait for a lower layer's bytes. Unlike Linux, a description
// opened for reading before a copy-up sees the copied-up file afterwards
// (Linux's keeps reading the lower file).
import { Errno } from '../../abi/errno.ts';
import { FDFLAGS_APPEND, Filetype, Whence } from '../../abi/wasi.ts';
import { fail } from '../../errors.ts';
import { MAX_FILE_SIZE } from '../byte-store.ts';
import type { Dentry } from '../dentry.ts';
import { TOUCH_ATIME, TOUCH_CTIME, TOUCH_MTIME } from '../inode.ts';
import { OpenFile } from '../open-file.ts';
import { truncateInode } from '../regular-file.ts';
import type { Stat } from '../stat.ts';
import type { OverlayFileNode } from './file.ts';

export class OverlayOpenFile extends OpenFile {
  constructor(
    readonly inode: OverlayFileNode,
    readonly dentry: Dentry,
    readable: boolean,
    writable: boolean,
    flags: number,
  ) {
    super(readable, writable);
    this.flags = flags;
  }

  override get filetype(): Filetype {
    return Filetype.REGULAR_FILE;
  }

  override read(length: number): Uint8Array | Promise<Uint8Array> {
    const data = this.pread(length, this.offset);
    const advance = (bytes: Uint8Array): Uint8Array => {
      this.offset += bytes.length;
      return bytes;
    };
    return data instanceof Promise ? data.then(advance) : advance(data);
  }

  override pread(length: number, offset: number): Uint8Array | Promise<Uint8Array> {
    if (!this.readable) fail(Errno.EBADF);
    if (offset < 0 || length < 0) fail(Errno.EINVAL);
    const data = this.inode.readRange(offset, length);
    this.inode.touch(TOUCH_ATIME);
    return data;
  }

  override write(data: Uint8Array): number {
    if (!this.writable) fail(Errno.EBADF);
    if (this.flags & FDFLAGS_APPEND) this.offset = this.inode.size;
    const written = this.writeAt(data, this.offset);
    this.offset += written;
    return written;
  }

  override pwrite(data: Uint8Array, offset: number): number {
    if (!this.writable) fail(Errno.EBADF);
    if (offset < 0) fail(Errno.EINVAL);
    return this.writeAt(data, this.flags & FDFLAGS_APPEND ? this.inode.size : offset);
  }

  private writeAt(data: Uint8Array, offset: number): number {
    if (offset + data.length > MAX_FILE_SIZE) fail(Errno.EFBIG);
    if (data.length === 0) return 0;
    this.inode.writeAt(offset, data);
    this.inode.touch(TOUCH_MTIME | TOUCH_CTIME);
    return data.length;
  }

  override seek(offset: number, whence: number): number {
    let base: number;
    if (whence === Whence.SET) base = 0;
    else if (whence === Whence.CUR) base = this.offset;
    else if (whence === Whence.END) base = this.inode.size;
    else return fail(Errno.EINVAL);
    const position = base + offset;
    if (position < 0) fail(Errno.EINVAL);
    if (position > MAX_FILE_SIZE) fail(Errno.EOVERFLOW);
    return (this.offset = position);
  }

  override stat(): Stat {
    return this.inode.stat();
  }

  override truncate(size: number): void {
    if (!this.writable) fail(Errno.EINVAL);
    truncateInode(this.inode, size);
  }
}
