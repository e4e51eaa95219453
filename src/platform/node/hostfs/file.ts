// A hostfs regular file. Open descriptions read and write through their own
// host fd (open-file.ts); the inode keeps the fds open on it, so that a file
// unlinked while open is still stat'ed, sized and changed through one, as on
// Linux. readAt/writeAt, for the kernel's own readers (exec loads a program
// with them), open the file by name for each call.
import { closeSync, constants, fstatSync, ftruncateSync, openSync } from 'node:fs';
import { Errno } from '../../../kernel/abi/errno.ts';
import { fail } from '../../../kernel/errors.ts';
import type { OpenRequest } from '../../../kernel/fs/inode.ts';
import type { ByteContents } from '../../../kernel/fs/regular-file.ts';
import { host } from './host-errors.ts';
import { HostInode } from './host-inode.ts';
import { readHost, writeHost } from './host-io.ts';
import { HostOpenFile } from './open-file.ts';

export class HostRegularFile extends HostInode implements ByteContents {
  /** Host fds of the open descriptions of this file. */
  private readonly handles = new Set<number>();

  attach(fd: number): void {
    this.handles.add(fd);
  }

  detach(fd: number): void {
    this.handles.delete(fd);
  }

  override openHandle(): number | undefined {
    return this.handles.values().next().value;
  }

  /** The size from an open fd when there is one (exact after our own writes), else by name. */
  override get size(): number {
    const fd = this.openHandle();
    if (fd === undefined) return super.size;
    return Number(host(() => fstatSync(fd, { bigint: true })).size);
  }

  /** Runs `use` on a host fd opened by name with `flags`, closed after. */
  private withFile<T>(flags: number, use: (fd: number) => T): T {
    const fd = host(() => openSync(this.hostPath(), flags | constants.O_NOFOLLOW));
    try {
      return use(fd);
    } finally {
      closeSync(fd);
    }
  }

  readAt(offset: number, length: number): Uint8Array {
    return this.withFile(constants.O_RDONLY, (fd) => readHost(fd, length, offset));
  }

  writeAt(offset: number, data: Uint8Array): void {
    this.withFile(constants.O_WRONLY, (fd) => writeHost(fd, data, offset));
  }

  /** truncate(2) by name (the VFS's O_TRUNC and path truncation). */
  override truncate(size: number): void {
    if (size < 0) fail(Errno.EINVAL);
    this.withFile(constants.O_WRONLY, (fd) => host(() => ftruncateSync(fd, size)));
  }

  override open(request: OpenRequest): HostOpenFile {
    return new HostOpenFile(this, request);
  }
}
