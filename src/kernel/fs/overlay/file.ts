// A regular file of the overlay. Until copied up its bytes are read from the
// lower layer, lazily and maybe asynchronously. Copy-up makes the upper file
// at once with the right size and metadata and records which prefix of it is
// still the lower file's (`pending`); the bytes are copied before the first
// write (open for writing waits for them, as Linux's copy-up does) or when the
// upper layer is exported. Truncating shortens the pending prefix, so
// truncate(2) and chmod(2) never have to wait for contents.
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import type { Inode, NewNode, OpenRequest } from '../inode.ts';
import type { OpenFile } from '../open-file.ts';
import type { ByteContents } from '../regular-file.ts';
import type { LowerEntry } from './lower-tree.ts';
import { OverlayNode, type LowerRef } from './node.ts';
import { OverlayOpenFile } from './open-file.ts';

interface Pending {
  source: LowerRef;
  /** Bytes at the start of the file that are still the lower file's. */
  length: number;
}

function bytesOf(inode: Inode): ByteContents {
  const contents = inode as Partial<ByteContents> & Inode;
  if (typeof contents.readAt !== 'function' || typeof contents.writeAt !== 'function') {
    return fail(Errno.EIO);
  }
  return contents as ByteContents;
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  if (second.length === 0) return first;
  const result = new Uint8Array(first.length + second.length);
  result.set(first);
  result.set(second, first.length);
  return result;
}

export class OverlayFileNode extends OverlayNode implements ByteContents {
  private pending: Pending | undefined;
  private copying: Promise<void> | undefined;

  protected override makeUpper(directory: Inode, node: NewNode, entry: LowerEntry): Inode {
    const upper = directory.create(this.name, node);
    bytesOf(upper);
    upper.truncate(entry.size);
    if (this.lower && entry.size > 0) {
      this.pending = { source: this.lower, length: entry.size };
      this.overlay.pending.add(this);
    }
    return upper;
  }

  override copyUp(): void {
    super.copyUp();
    // A lower layer that answers at once (a VFS directory) is copied at once.
    const pending = this.pending;
    if (pending?.source.tree.synchronous) {
      const data = pending.source.tree.read(pending.source.path, 0, pending.length);
      if (!(data instanceof Promise)) this.fill(pending, data);
    }
  }

  private fill(pending: Pending, data: Uint8Array): void {
    if (this.pending !== pending) return;
    const upper = bytesOf(this.upper ?? fail(Errno.EIO));
    upper.writeAt(0, data.subarray(0, pending.length));
    this.pending = undefined;
    this.overlay.pending.delete(this);
  }

  /** Copies up with contents; resolves when the upper file holds all its bytes. */
  materialise(): void | Promise<void> {
    this.copyUp();
    const pending = this.pending;
    if (!pending) return;
    this.copying ??= Promise.resolve(
      pending.source.tree.read(pending.source.path, 0, pending.length),
    ).then(
      (data) => {
        this.copying = undefined;
        this.fill(pending, data);
      },
      (error: unknown) => {
        this.copying = undefined;
        throw error;
      },
    );
    return this.copying;
  }

  /** Bytes at `offset`: lower ones may come asynchronously. */
  readRange(offset: number, length: number): Uint8Array | Promise<Uint8Array> {
    const end = Math.min(this.size, offset + length);
    if (offset >= end) return new Uint8Array(0);
    if (!this.upper) {
      const lower = this.lower ?? fail(Errno.EIO);
      return lower.tree.read(lower.path, offset, end - offset);
    }
    const upper = bytesOf(this.upper);
    const pending = this.pending;
    if (!pending || offset >= pending.length) return upper.readAt(offset, end - offset).slice();
    const lowerEnd = Math.min(end, pending.length);
    const rest = upper.readAt(lowerEnd, end - lowerEnd).slice();
    const head = pending.source.tree.read(pending.source.path, offset, lowerEnd - offset);
    return head instanceof Promise ? head.then((data) => concat(data, rest)) : concat(head, rest);
  }

  /**
   * What names these bytes beyond this mount (for exec's compiled-program
   * cache): the lower file's layer and path while the file is not copied up.
   */
  contentKey(): string | undefined {
    const lower = this.lower;
    if (this.upper || !lower?.tree.contentId) return undefined;
    return `${lower.tree.contentId}:${lower.path}`;
  }

  /** Synchronous reads (exec): EIO when the bytes are not at hand (an asynchronous lower layer). */
  readAt(offset: number, length: number): Uint8Array {
    const data = this.readRange(offset, length);
    return data instanceof Promise ? fail(Errno.EIO) : data;
  }

  writeAt(offset: number, data: Uint8Array): void {
    if (!this.upper || this.pending) fail(Errno.EIO);
    bytesOf(this.upper).writeAt(offset, data);
  }

  override truncate(size: number): void {
    this.copyUp();
    if (this.pending) {
      this.pending.length = Math.min(this.pending.length, size);
      if (this.pending.length === 0) {
        this.pending = undefined;
        this.overlay.pending.delete(this);
      }
    }
    (this.upper ?? fail(Errno.EIO)).truncate(size);
  }

  override open(request: OpenRequest): OpenFile | Promise<OpenFile> {
    const make = (): OpenFile =>
      new OverlayOpenFile(this, request.dentry, request.readable, request.writable, request.flags);
    if (!request.writable) return make();
    const copied = this.materialise();
    return copied ? copied.then(make) : make();
  }
}
