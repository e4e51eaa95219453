// A tmpfs regular file: its bytes in a ByteStore.
import { ByteStore } from '../byte-store.ts';
import { Inode, type NewNode, type OpenRequest } from '../inode.ts';
import { RegularFile, type ByteContents } from '../regular-file.ts';
import type { Tmpfs } from './tmpfs.ts';

export class TmpfsFile extends Inode implements ByteContents {
  private readonly contents = new ByteStore();

  constructor(fs: Tmpfs, node: NewNode) {
    super(fs, node.mode, node.uid, node.gid);
  }

  override get size(): number {
    return this.contents.size;
  }

  readAt(offset: number, length: number): Uint8Array {
    return this.contents.read(offset, length);
  }

  writeAt(offset: number, data: Uint8Array): void {
    this.contents.write(offset, data);
  }

  override truncate(size: number): void {
    this.contents.truncate(size);
  }

  override open(request: OpenRequest): RegularFile {
    return new RegularFile(this, request.dentry, request.readable, request.writable, request.flags);
  }
}
