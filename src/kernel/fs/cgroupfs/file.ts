// An interface file of cgroupfs and its open description. As kernfs
// does: a read at offset 0 generates the text afresh (a seq_file), later
// reads continue it; each write(2) is one whole command (of at most a
// page: longer writes are cut there), whatever the offset; truncation (a shell's `>`) is accepted and does nothing. A
// file without a reader answers EINVAL to read, without a writer EINVAL to
// write (root may open either way; others meet the mode first).
import { Errno } from '../../abi/errno.ts';
import { Filetype, Whence } from '../../abi/wasi.ts';
import type { Cgroup } from '../../cgroup/cgroup.ts';
import type { FileContext, InterfaceFile } from '../../cgroup/interface-files.ts';
import { PAGE_SIZE } from '../../cgroup/memory.ts';
import { fail } from '../../errors.ts';
import { decodeUtf8, encodeUtf8 } from '../../utf8.ts';
import type { Dentry } from '../dentry.ts';
import { Inode, type OpenRequest } from '../inode.ts';
import { OpenFile } from '../open-file.ts';
import { S_IFREG, type Stat } from '../stat.ts';
import type { Cgroupfs } from './cgroupfs.ts';

export class InterfaceFileInode extends Inode {
  constructor(
    private readonly cgroupfs: Cgroupfs,
    readonly cgroup: Cgroup,
    readonly entry: InterfaceFile,
    uid: number,
    gid: number,
  ) {
    super(cgroupfs, S_IFREG | entry.mode, uid, gid);
  }

  override truncate(): void {
    // `echo 5 > pids.max` opens with O_TRUNC: kernfs accepts it.
  }

  override open(request: OpenRequest): OpenFile {
    const pid = request.caller?.pid;
    const context: FileContext = {
      cgroup: this.cgroup,
      hierarchy: this.cgroupfs.hierarchy,
      opener: pid === undefined ? undefined : this.cgroupfs.processOf(pid),
    };
    return new InterfaceFileHandle(this, context, request);
  }
}

class InterfaceFileHandle extends OpenFile {
  private text: Uint8Array = new Uint8Array(0);
  readonly dentry: Dentry;

  constructor(
    private readonly inode: InterfaceFileInode,
    private readonly context: FileContext,
    request: OpenRequest,
  ) {
    super(request.readable, request.writable);
    this.flags = request.flags;
    this.dentry = request.dentry;
  }

  override get filetype(): Filetype {
    return Filetype.REGULAR_FILE;
  }

  override read(length: number): Uint8Array {
    const data = this.pread(length, this.offset);
    this.offset += data.length;
    return data;
  }

  override pread(length: number, offset: number): Uint8Array {
    if (!this.readable) fail(Errno.EBADF);
    if (offset < 0 || length < 0) fail(Errno.EINVAL);
    const read = this.inode.entry.read ?? fail(Errno.EINVAL);
    if (offset === 0) this.text = encodeUtf8(read(this.context));
    return this.text.slice(offset, offset + length);
  }

  override write(data: Uint8Array): number {
    if (!this.writable) fail(Errno.EBADF);
    const write = this.inode.entry.write ?? fail(Errno.EINVAL);
    if (!this.inode.cgroup.alive) fail(Errno.ENODEV);
    // kernfs takes at most a page per write(2); the rest is the next write.
    const taken = data.subarray(0, PAGE_SIZE);
    write(this.context, decodeUtf8(taken));
    return taken.length;
  }

  override pwrite(data: Uint8Array): number {
    return this.write(data);
  }

  override seek(offset: number, whence: number): number {
    const base = whence === Whence.SET ? 0 : whence === Whence.CUR ? this.offset : this.text.length;
    if (whence > Whence.END || base + offset < 0) fail(Errno.EINVAL);
    return (this.offset = base + offset);
  }

  override truncate(): void {}

  override stat(): Stat {
    return this.inode.stat();
  }
}
