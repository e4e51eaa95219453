// A snapshot is one layer unpacked: an index of its file tree (what the
// kernel's overlay filesystem needs: type, mode, owner, size, times, link
// targets) and one data blob with the contents of its regular files, read
// lazily by offset. Whiteouts and opaque directories stay in the index, so
// snapshots stack: the overlay (or mergeSnapshots) applies them across layers.
import type { Digest } from './digest.ts';

export type SnapshotEntryType =
  | 'file'
  | 'directory'
  | 'symlink'
  | 'char-device'
  | 'block-device'
  | 'fifo'
  /** Deletes what lower layers have at this path (OCI `.wh.NAME`). */
  | 'whiteout';

export interface SnapshotEntry {
  /** Absolute, cleaned path inside the root (`/etc/passwd`). */
  path: string;
  type: SnapshotEntryType;
  /** Permission bits with setuid/setgid/sticky (0o7777). */
  mode: number;
  uid: number;
  gid: number;
  /** Bytes of content (regular files); 0 otherwise. */
  size: number;
  /** Modification time, seconds since the epoch. */
  mtime: number;
  /** Symlink target, as written in the layer (resolved inside the root when used). */
  linkTarget?: string;
  /** Directory hides everything lower layers have under it (OCI `.wh..wh..opq`). */
  opaque?: boolean;
  /** Directory the layer did not list but needed as a parent: lower metadata wins. */
  implicit?: boolean;
  /** Where a regular file's bytes are: offset in a data blob (this snapshot's unless `blob`). */
  content?: { offset: number; blob?: Digest };
}

/** The record of an unpacked layer, kept per chain ID. */
export interface SnapshotRecord {
  chainId: Digest;
  diffId: Digest;
  /** Blob with the JSON index ({ entries }). */
  index: Digest;
  /** Blob with the concatenated contents of the regular files. */
  data: Digest;
  entries: number;
  /** Bytes of file contents. */
  size: number;
}

/** Reads bytes of a blob (a StoreBackend's readBlob). */
export type BlobReader = (digest: Digest, offset: number, length: number) => Promise<Uint8Array>;

/** A snapshot ready for use: its entries by path and lazy reads of contents. */
export class Snapshot {
  readonly entries: ReadonlyMap<string, SnapshotEntry>;

  constructor(
    readonly record: SnapshotRecord,
    entries: readonly SnapshotEntry[],
    readonly readBlob: BlobReader,
  ) {
    this.entries = new Map(entries.map((e) => [e.path, e]));
  }

  /** Its index and data blobs' digests: what it holds, wherever it is used. */
  get id(): string {
    return `${this.record.index}+${this.record.data}`;
  }

  /** Reads `length` bytes at `offset` of a regular file of this (or any) snapshot. */
  readFile(entry: SnapshotEntry, offset = 0, length = entry.size): Promise<Uint8Array> {
    return readEntry(entry, this.record.data, this.readBlob, offset, length);
  }
}

export async function readEntry(
  entry: SnapshotEntry,
  dataBlob: Digest,
  readBlob: BlobReader,
  offset = 0,
  length = entry.size,
): Promise<Uint8Array> {
  if (entry.type !== 'file' || !entry.content) return new Uint8Array(0);
  const start = Math.min(Math.max(0, offset), entry.size);
  const count = Math.max(0, Math.min(length, entry.size - start));
  if (count === 0) return new Uint8Array(0);
  return readBlob(entry.content.blob ?? dataBlob, entry.content.offset + start, count);
}
