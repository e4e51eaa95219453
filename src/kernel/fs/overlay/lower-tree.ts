// What the overlay filesystem reads from a read-only lower layer: entries by
// absolute path (the shape of an image snapshot's index, so the runtime can
// hand snapshot entries over as they are), the names in a directory of this
// layer, and file contents read lazily, perhaps asynchronously (IndexedDB).
// Whiteouts and opaque directories stay in the layer; the overlay applies
// them across layers, top first.

export type LowerEntryType =
  | 'file'
  | 'directory'
  | 'symlink'
  | 'char-device'
  | 'block-device'
  | 'fifo'
  /** Hides what lower layers have at this path (OCI `.wh.NAME`, a 0/0 char device in Linux). */
  | 'whiteout';

export interface LowerEntry {
  type: LowerEntryType;
  /** Permission bits with setuid/setgid/sticky (0o7777). */
  mode: number;
  uid: number;
  gid: number;
  /** Bytes of content of a regular file. */
  size: number;
  /** Modification time in seconds (an image's precision); `mtimeNs` wins when given. */
  mtime: number;
  mtimeNs?: bigint;
  linkTarget?: string;
  /** A directory that hides everything lower layers have under it. */
  opaque?: boolean;
  /** Device number of a device node. */
  rdev?: number;
}

export interface LowerTree {
  /** True if `read` always answers at once (then copy-up copies bytes at once too). */
  readonly synchronous?: boolean;
  /**
   * Names this layer's contents wherever it is mounted (an image snapshot's
   * digests): two trees with the same id hold the same bytes at the same
   * paths, so a program read from one is the program read from the other.
   */
  readonly contentId?: string;
  /** The entry at an absolute, cleaned path (`/`, `/etc/passwd`), whiteouts included. */
  entry(path: string): LowerEntry | undefined;
  /** Names in the directory at `path` in this layer (whiteouts included, not `.wh..wh..opq`). */
  names(path: string): Iterable<string>;
  /** Up to `length` bytes of the regular file at `path` from `offset`. */
  read(path: string, offset: number, length: number): Uint8Array | Promise<Uint8Array>;
}

/** `/a` + `b` -> `/a/b`. */
export function childPath(directory: string, name: string): string {
  return directory === '/' ? `/${name}` : `${directory}/${name}`;
}

/** Nanoseconds of an entry's mtime. */
export function lowerMtime(entry: LowerEntry): bigint {
  return entry.mtimeNs ?? BigInt(Math.trunc(entry.mtime)) * 1_000_000_000n;
}
