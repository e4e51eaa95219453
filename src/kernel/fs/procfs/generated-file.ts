// The open file description of a procfs file: its text is generated once,
// at open, and then read like a small read-only file, as Linux's seq_file
// gives a consistent snapshot per open.
import { Errno } from '../../abi/errno.ts';
import { Filetype, Whence } from '../../abi/wasi.ts';
import { fail } from '../../errors.ts';
import type { Dentry } from '../dentry.ts';
import { OpenFile } from '../open-file.ts';
import type { Stat } from '../stat.ts';

export class GeneratedFile extends OpenFile {
  constructor(
    private readonly contents: Uint8Array,
    readonly dentry: Dentry,
    flags: number,
    /** For a writable file: what a write does, given its bytes and offset. */
    private readonly writer?: (data: Uint8Array, offset: number) => void,
    readable = true,
  ) {
    super(readable, writer !== undefined);
    this.flags = flags;
  }

  override write(data: Uint8Array): number {
    if (!this.writer) return fail(Errno.EBADF);
    this.writer(data, this.offset);
    this.offset += data.length;
    return data.length;
  }

  override pwrite(data: Uint8Array, offset: number): number {
    if (!this.writer) return fail(Errno.EBADF);
    this.writer(data, offset);
    return data.length;
  }

  override get filetype(): Filetype {
    return Filetype.REGULAR_FILE;
  }

  override read(length: number): Uint8Array {
    if (!this.readable) fail(Errno.EBADF);
    const data = this.pread(length, this.offset);
    this.offset += data.length;
    return data;
  }

  override pread(length: number, offset: number): Uint8Array {
    if (offset < 0 || length < 0) fail(Errno.EINVAL);
    return this.contents.slice(offset, offset + length);
  }

  override seek(offset: number, whence: number): number {
    const base =
      whence === Whence.SET ? 0 : whence === Whence.CUR ? this.offset : this.contents.length;
    if (whence > Whence.END || base + offset < 0) fail(Errno.EINVAL);
    return (this.offset = base + offset);
  }

  override stat(): Stat {
    return this.dentry.inode.stat();
  }
}
