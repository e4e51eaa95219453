// The open file description of a simple character device: reads and writes
// go to the driver's two functions, there is no offset (lseek answers 0, as
// Linux's /dev/null and /dev/zero do), and fstat shows the device node.
import { Errno } from '../../abi/errno.ts';
import { Filetype } from '../../abi/wasi.ts';
import { fail } from '../../errors.ts';
import type { Dentry } from '../dentry.ts';
import type { Inode, OpenRequest } from '../inode.ts';
import { OpenFile } from '../open-file.ts';
import type { Stat } from '../stat.ts';

export interface CharDriver {
  read(length: number): Uint8Array;
  /** Returns the bytes accepted, or throws (ENOSPC for /dev/full). */
  write(data: Uint8Array): number;
}

export class CharDevice extends OpenFile {
  private readonly inode: Inode;
  /** The device node it was opened by, for /proc/<pid>/fd. */
  readonly dentry: Dentry;

  constructor(
    private readonly driver: CharDriver,
    request: OpenRequest,
  ) {
    super(request.readable, request.writable);
    this.flags = request.flags;
    this.inode = request.dentry.inode;
    this.dentry = request.dentry;
  }

  override get filetype(): Filetype {
    return Filetype.CHARACTER_DEVICE;
  }

  override read(length: number): Uint8Array {
    if (!this.readable) fail(Errno.EBADF);
    return this.driver.read(length);
  }

  override write(data: Uint8Array): number {
    if (!this.writable) fail(Errno.EBADF);
    return this.driver.write(data);
  }

  override pread(length: number, _offset: number): Uint8Array {
    return this.read(length);
  }

  override pwrite(data: Uint8Array, _offset: number): number {
    return this.write(data);
  }

  override seek(_offset: number, _whence: number): number {
    return 0;
  }

  override stat(): Stat {
    return this.inode.stat();
  }
}
