// The open file description of a hostfs regular file: a host fd opened with
// the description's access mode, read and written at the description's
// offset with pread/pwrite. O_APPEND is ours, not the host's (the guest may
// turn it on and off with fcntl): each append writes at the host file's
// size of the moment. The host fd is closed when the last guest fd is.
import { closeSync, constants, fsyncSync, ftruncateSync, openSync } from 'node:fs';
import { Errno } from '../../../kernel/abi/errno.ts';
import { FDFLAGS_APPEND } from '../../../kernel/abi/wasi.ts';
import { fail, KernelError } from '../../../kernel/errors.ts';
import { MAX_FILE_SIZE } from '../../../kernel/fs/byte-store.ts';
import type { OpenRequest } from '../../../kernel/fs/inode.ts';
import { RegularFile } from '../../../kernel/fs/regular-file.ts';
import { host } from './host-errors.ts';
import type { HostRegularFile } from './file.ts';
import { readHost, writeHost } from './host-io.ts';

/** The host access mode of a description; none for one opened with neither right. */
function accessMode(readable: boolean, writable: boolean): number {
  if (readable && writable) return constants.O_RDWR;
  return writable ? constants.O_WRONLY : constants.O_RDONLY;
}

export class HostOpenFile extends RegularFile {
  /** The host fd; undefined for a description with neither read nor write the host refused. */
  private readonly fd: number | undefined;

  constructor(
    override readonly inode: HostRegularFile,
    request: OpenRequest,
  ) {
    super(inode, request.dentry, request.readable, request.writable, request.flags);
    const flags = accessMode(request.readable, request.writable) | constants.O_NOFOLLOW;
    try {
      this.fd = host(() => openSync(inode.hostPath(), flags));
    } catch (error) {
      // Like O_PATH: a description for fstat and futimens needs no access to the contents.
      const pathOnly = !request.readable && !request.writable;
      if (!(pathOnly && error instanceof KernelError && error.errno === Errno.EACCES)) throw error;
    }
    if (this.fd !== undefined) inode.attach(this.fd);
  }

  private handle(): number {
    return this.fd ?? fail(Errno.EBADF);
  }

  override read(length: number): Uint8Array {
    const data = this.pread(length, this.offset);
    this.offset += data.length;
    return data;
  }

  override pread(length: number, offset: number): Uint8Array {
    if (!this.readable) fail(Errno.EBADF);
    if (offset < 0 || length < 0) fail(Errno.EINVAL);
    return readHost(this.handle(), length, offset);
  }

  override write(data: Uint8Array): number {
    if (!this.writable) fail(Errno.EBADF);
    if (this.flags & FDFLAGS_APPEND) this.offset = this.inode.size;
    const written = this.writeAt(data, this.offset);
    this.offset += written;
    return written;
  }

  /** Like Linux, pwrite on an O_APPEND description appends, whatever the offset. */
  override pwrite(data: Uint8Array, offset: number): number {
    if (!this.writable) fail(Errno.EBADF);
    if (offset < 0) fail(Errno.EINVAL);
    return this.writeAt(data, this.flags & FDFLAGS_APPEND ? this.inode.size : offset);
  }

  private writeAt(data: Uint8Array, offset: number): number {
    if (offset + data.length > MAX_FILE_SIZE) fail(Errno.EFBIG);
    if (data.length === 0) return 0;
    writeHost(this.handle(), data, offset);
    return data.length;
  }

  /** ftruncate(2): EINVAL unless open for writing, as Linux answers. */
  override truncate(size: number): void {
    if (!this.writable) fail(Errno.EINVAL);
    if (size < 0) fail(Errno.EINVAL);
    if (size > MAX_FILE_SIZE) fail(Errno.EFBIG);
    host(() => ftruncateSync(this.handle(), size));
  }

  override sync(): void {
    host(() => fsyncSync(this.handle()));
  }

  override release(): void {
    if (this.fd === undefined) return;
    this.inode.detach(this.fd);
    closeSync(this.fd);
  }
}
