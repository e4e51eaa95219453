// The small interface the VFS behaviour suite is written against. Every
// method rejects with an Error whose `code` is the errno name (ENOENT, ...),
// as node:fs does, so one suite runs on our kernel and on real Linux.

export interface OpenFlags {
  read?: boolean;
  write?: boolean;
  create?: boolean;
  exclusive?: boolean;
  truncate?: boolean;
  directory?: boolean;
  append?: boolean;
  /** Do not follow a final symlink (O_NOFOLLOW; WASI: no SYMLINK_FOLLOW). */
  noFollow?: boolean;
}

export type FileType = 'file' | 'directory' | 'symlink' | 'fifo' | 'other';

export interface Attributes {
  type: FileType;
  size: number;
  nlink: number;
  ino: number;
  mtime: bigint;
}

export interface FsAdapter {
  readonly name: string;
  /** Seeking (Node's fs has no lseek, so only the kernel runs those scenarios). */
  readonly canSeek: boolean;
  open(path: string, flags: OpenFlags): Promise<number>;
  close(fd: number): Promise<void>;
  read(fd: number, length: number): Promise<Uint8Array>;
  write(fd: number, data: Uint8Array | string): Promise<number>;
  pread(fd: number, length: number, offset: number): Promise<Uint8Array>;
  pwrite(fd: number, data: Uint8Array | string, offset: number): Promise<number>;
  /** whence: 0 SET, 1 CUR, 2 END. */
  seek(fd: number, offset: number, whence: number): Promise<number>;
  ftruncate(fd: number, size: number): Promise<void>;
  fstat(fd: number): Promise<Attributes>;
  stat(path: string, follow?: boolean): Promise<Attributes>;
  mkdir(path: string): Promise<void>;
  rmdir(path: string): Promise<void>;
  unlink(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  link(from: string, to: string): Promise<void>;
  symlink(target: string, path: string): Promise<void>;
  readlink(path: string): Promise<string>;
  /** Names in a directory, without `.` and `..`, sorted. */
  readdir(path: string): Promise<string[]>;
  /** Sets permission bits (set-up only: WASI has no chmod, the kernel adapter reaches the inode). */
  chmod(path: string, mode: number): Promise<void>;
  /** The same filesystem seen by an unprivileged user (uid and gid 1000). */
  asUser(): FsAdapter;
}

const encoder = new TextEncoder();
export const bytes = (data: Uint8Array | string): Uint8Array =>
  typeof data === 'string' ? encoder.encode(data) : data;
export const text = (data: Uint8Array): string => new TextDecoder().decode(data);
