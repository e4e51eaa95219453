// A tmpfs regular file: its bytes in a ByteStore. Programs reading it may
// hold copies in their read windows (read-window.ts), taken back before the
// bytes change.
import { ByteStore, type PageReference } from '../byte-store.ts';
import { Inode, type NewNode, type OpenRequest } from '../inode.ts';
import { RegularFile, type ByteContents } from '../regular-file.ts';
import { revokeReadWindows, type ReadWindow, type WindowSource } from './read-window.ts';
import type { Tmpfs } from './tmpfs.ts';

export class TmpfsFile extends Inode implements ByteContents, WindowSource {
  private readonly contents = new ByteStore();
  readWindows: Set<ReadWindow> | undefined = undefined;

  constructor(fs: Tmpfs, node: NewNode) {
    super(fs, node.mode, node.uid, node.gid);
  }

  override get size(): number {
    return this.contents.size;
  }

  readAt(offset: number, length: number): Uint8Array {
    return this.contents.read(offset, length);
  }

  sharePages(offset: number, max: number): PageReference | undefined {
    return this.contents.sharePages(offset, max);
  }

  copyTo(offset: number, target: Uint8Array): void {
    this.contents.copyTo(offset, target);
  }

  writeAt(offset: number, data: Uint8Array): void {
    revokeReadWindows(this);
    this.contents.write(offset, data);
  }

  override truncate(size: number): void {
    revokeReadWindows(this);
    this.contents.truncate(size);
  }

  override open(request: OpenRequest): RegularFile {
    return new RegularFile(this, request.dentry, request.readable, request.writable, request.flags);
  }
}
