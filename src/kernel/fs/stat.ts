// File attributes as stat(2) reports them, and their WASI encoding.
import { Filetype, FILESTAT_SIZE } from '../abi/wasi.ts';

export interface Stat {
  dev: number;
  ino: number;
  /** Linux st_mode: file type bits (S_IFMT) and permission bits. */
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  rdev: number;
  size: number;
  blksize: number;
  blocks: number;
  /** Times in nanoseconds since the epoch. */
  atime: bigint;
  mtime: bigint;
  ctime: bigint;
}

// Linux st_mode file type bits.
export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFBLK = 0o060000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;

/** The WASI filetype of a Linux mode. WASI has no fifo: like wasmtime, report it as unknown. */
export function filetypeOfMode(mode: number): Filetype {
  switch (mode & S_IFMT) {
    case S_IFREG:
      return Filetype.REGULAR_FILE;
    case S_IFDIR:
      return Filetype.DIRECTORY;
    case S_IFLNK:
      return Filetype.SYMBOLIC_LINK;
    case S_IFCHR:
      return Filetype.CHARACTER_DEVICE;
    case S_IFBLK:
      return Filetype.BLOCK_DEVICE;
    case S_IFSOCK:
      return Filetype.SOCKET_STREAM;
    default:
      return Filetype.UNKNOWN;
  }
}

/** Encodes a WASI `filestat` (64 bytes). */
export function encodeFilestat(stat: Stat): Uint8Array {
  const bytes = new Uint8Array(FILESTAT_SIZE);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(stat.dev), true);
  view.setBigUint64(8, BigInt(stat.ino), true);
  view.setUint8(16, filetypeOfMode(stat.mode));
  view.setBigUint64(24, BigInt(stat.nlink), true);
  view.setBigUint64(32, BigInt(stat.size), true);
  view.setBigUint64(40, stat.atime, true);
  view.setBigUint64(48, stat.mtime, true);
  view.setBigUint64(56, stat.ctime, true);
  return bytes;
}
