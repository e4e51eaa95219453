// An open file description (Linux's `struct file`): what an fd points to.
// Several fds, in one process or many, may share one (dup, inheritance), and
// with it the offset and status flags. Every operation answers "not
// supported" here; each kind of file overrides only what it supports.
import { Errno } from '../abi/errno.ts';
import { Filetype } from '../abi/wasi.ts';
import { fail } from '../errors.ts';
import type { Stat } from './stat.ts';

/** Readiness, for poll_oneoff. */
export interface Readiness {
  readable: boolean;
  writable: boolean;
  hangup: boolean;
  /** Bytes readable without waiting, where known (poll_oneoff's `nbytes`). */
  nbytes?: number;
}

/**
 * How a description waits inside a syscall: the syscall layer passes the
 * caller's interruptible wait (it rejects with EINTR when a handled signal
 * arrives or the process dies, after calling `cancel`). Without one, the
 * description simply awaits.
 */
export type BlockingWait = <T>(wait: Promise<T>, cancel: () => void) => Promise<T>;

/** Calls `wake` once when readiness may have changed; returns a canceller. */
export type ReadinessWaiter = (wake: () => void) => () => void;

export class OpenFile {
  /** The current offset, for files that have one (an accessor, so a description can lend it: tmpfs/read-window.ts). */
  protected position = 0;
  get offset(): number {
    return this.position;
  }
  set offset(value: number) {
    this.position = value;
  }
  /** WASI fdflags (APPEND, NONBLOCK, ...). */
  flags = 0;
  /** Number of fd table entries that point here; the last close releases it. */
  references = 0;
  /**
   * WASI rights that fd_fdstat_set_rights took away (they never come back).
   * Only reading and writing are enforced; other rights are reported.
   */
  droppedRights = 0n;

  constructor(
    /** Opened for reading / writing (O_RDONLY, O_WRONLY, O_RDWR). */
    public readable: boolean,
    public writable: boolean,
  ) {}

  /** WASI filetype, for fd_fdstat_get. */
  get filetype(): Filetype {
    return Filetype.UNKNOWN;
  }

  /**
   * Reads up to `length` bytes at the current offset. May wait (a pipe, a
   * tty), through `wait`. The bytes may be a view of the file's own storage
   * (tmpfs), valid until the file next changes: copy them to keep them.
   */
  read(_length: number, _wait?: BlockingWait): Uint8Array | Promise<Uint8Array> {
    return fail(this.readable ? Errno.EINVAL : Errno.EBADF);
  }

  /** Writes `data` at the current offset (or the end with APPEND). Returns bytes written. */
  write(_data: Uint8Array, _wait?: BlockingWait): number | Promise<number> {
    return fail(this.writable ? Errno.EINVAL : Errno.EBADF);
  }

  pread(_length: number, _offset: number): Uint8Array | Promise<Uint8Array> {
    return fail(Errno.ESPIPE);
  }

  pwrite(_data: Uint8Array, _offset: number): number | Promise<number> {
    return fail(Errno.ESPIPE);
  }

  /** Implements lseek(2): returns the new offset. */
  seek(_offset: number, _whence: number): number {
    return fail(Errno.ESPIPE);
  }

  stat(): Stat {
    return fail(Errno.EBADF);
  }

  truncate(_size: number): void {
    fail(Errno.EINVAL);
  }

  sync(): void | Promise<void> {}

  /** Readiness now; files that never block are always ready. */
  readiness(): Readiness {
    return { readable: this.readable, writable: this.writable, hangup: false };
  }

  /** Registers for a readiness change; files that never block never call `wake`. */
  waitReadiness: ReadinessWaiter = () => () => {};

  /** Device-specific control (ioctl(2)); `ENOTTY` unless overridden. */
  ioctl(_request: number, _argument: Uint8Array): Uint8Array | Promise<Uint8Array> {
    return fail(Errno.ENOTTY);
  }

  /** Called when the last fd pointing here is closed (a pipe end signals EOF). */
  release(): void {}
}
