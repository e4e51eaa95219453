// The kernel's side of a process's read window (abi/read-window.ts): lends
// a regular tmpfs file's description offset to the program's worker after a
// read, fills the window with the bytes that follow while the kernel watches
// the channel, and takes the offset back, counting what the program read,
// before anything else uses it. The kernel stays the owner of the file and
// of the offset; the window only holds copies (a program never sees the
// file's own memory, which a read-only program could otherwise write).
import {
  READ_WINDOW_SIZE,
  READ_WINDOW_SPAN,
  WINDOW_I32_CURSOR,
  WINDOW_I32_END,
  WINDOW_I32_FD,
  WINDOW_I32_FILLED,
  WINDOW_I32_WAITING,
} from '../../abi/read-window.ts';
import type { OffsetBorrower, RegularFile } from '../regular-file.ts';

/** Contents that a read window can copy from: a tmpfs file. */
export interface WindowSource {
  readonly size: number;
  /** Copies target.length bytes from `offset` (all below size) into `target`. */
  copyTo(offset: number, target: Uint8Array): void;
  /** The windows holding copies of these contents: taken back when the contents change. */
  readWindows: Set<ReadWindow> | undefined;
}

const MASK = READ_WINDOW_SIZE - 1;
/**
 * Bytes copied per fill step. The kernel checks the channel between steps,
 * so a call that comes while it fills waits at most one step (a few µs).
 */
const FILL_STEP = 65536;

/**
 * How far ahead the kernel fills right after a lending: the size of the
 * read that caused it, within these bounds. It then fills as far ahead as
 * the program has read through the window (up to the window's size), as
 * Linux's readahead grows: a program that reads a file through, reads on
 * from a full window; one that seeks and reads here and there costs a
 * copy of about one read more per read, not a window's worth.
 */
const MIN_AHEAD = 4096;
const MAX_FIRST_AHEAD = 65536;

export class ReadWindow implements OffsetBorrower {
  private file: RegularFile | undefined;
  private source: WindowSource | undefined;
  private fd = -1;
  /** The description's offset when it was lent. */
  private base = 0;
  private filled = 0;
  /** How far ahead of the cursor to fill before the program has read through the window. */
  private firstAhead = MIN_AHEAD;
  /**
   * Where the last lending ended, in which description, and how far ahead
   * it had come to fill: a program reading on from there (its window ran
   * dry and it made the syscall) keeps that readahead.
   */
  private lastFile: RegularFile | undefined;
  private lastEnd = -1;
  private lastAhead = 0;

  constructor(
    private readonly i32: Int32Array,
    private readonly data: Uint8Array,
  ) {
    Atomics.store(i32, WINDOW_I32_CURSOR, -1);
    Atomics.store(i32, WINDOW_I32_FD, -1);
    Atomics.store(i32, WINDOW_I32_FILLED, 0);
    Atomics.store(i32, WINDOW_I32_END, 0);
  }

  /**
   * Lends `file`'s offset to the window after the program read through `fd`
   * (the kernel has just answered that read). Only descriptions of files
   * whose contents can be copied (tmpfs) are lent; others keep reading
   * through syscalls.
   */
  lend(fd: number, file: RegularFile, readLength: number): void {
    const source = file.inode as Partial<WindowSource>;
    if (typeof source.copyTo !== 'function') return;
    this.giveBack();
    const base = file.offset; // takes it back from another process's window, if one holds it
    this.file = file;
    this.source = source as WindowSource;
    this.fd = fd;
    this.base = base;
    this.filled = 0;
    const first = Math.min(Math.max(readLength, MIN_AHEAD), MAX_FIRST_AHEAD);
    const sequential = file === this.lastFile && base - readLength === this.lastEnd;
    this.firstAhead = sequential ? Math.max(first, this.lastAhead) : first;
    file.lentTo = this;
    (this.source.readWindows ??= new Set()).add(this);
    const i32 = this.i32;
    Atomics.store(i32, WINDOW_I32_FILLED, 0);
    // Any change of the size takes the window back, so the end stays true while it is lent.
    Atomics.store(
      i32,
      WINDOW_I32_END,
      Math.max(0, Math.min(this.source.size - base, READ_WINDOW_SPAN)),
    );
    Atomics.store(i32, WINDOW_I32_FD, fd);
    Atomics.store(i32, WINDOW_I32_CURSOR, 0);
  }

  /**
   * Takes the offset back: the description's offset becomes where the
   * program's reads through the window got to. After this, a copy the
   * worker is making counts for nothing (its compareExchange fails) and its
   * read goes to the kernel.
   */
  giveBack(): void {
    const file = this.file;
    if (!file) return;
    const cursor = Atomics.exchange(this.i32, WINDOW_I32_CURSOR, -1);
    Atomics.store(this.i32, WINDOW_I32_FD, -1);
    const read = cursor < 0 ? 0 : Math.min(cursor, this.filled);
    this.lastFile = read > 0 ? file : undefined;
    this.lastEnd = this.base + read;
    this.lastAhead = Math.min(Math.max(this.firstAhead, read), READ_WINDOW_SIZE);
    this.source!.readWindows?.delete(this);
    file.lentTo = undefined;
    this.file = undefined;
    this.source = undefined;
    file.settleOffset(this.base + read);
  }

  /** The fd table changed at `fd` (closed, replaced, moved): the window no longer reads it. */
  fdChanged(fd: number): void {
    if (this.file && fd === this.fd) this.giveBack();
  }

  /**
   * Copies the next step of the file into the window, at most
   * READ_WINDOW_SIZE bytes ahead of what the program has read (less until
   * it has read as much: MIN_AHEAD). Returns true if it copied something
   * (there may be more to do).
   */
  fill(): boolean {
    const source = this.source;
    if (!source) return false;
    const cursor = Atomics.load(this.i32, WINDOW_I32_CURSOR);
    // A cursor outside what was filled is the program writing its own
    // channel: the kernel stops filling (giveBack clamps it).
    if (cursor < 0 || cursor > this.filled) return false;
    const ahead = Math.min(Math.max(this.firstAhead, cursor), READ_WINDOW_SIZE);
    const end = Math.min(source.size - this.base, cursor + ahead, READ_WINDOW_SPAN);
    const filled = this.filled;
    if (filled >= end) return false;
    const at = filled & MASK;
    const count = Math.min(end - filled, FILL_STEP, READ_WINDOW_SIZE - at);
    source.copyTo(this.base + filled, this.data.subarray(at, at + count));
    this.filled = filled + count;
    Atomics.store(this.i32, WINDOW_I32_FILLED, this.filled);
    // The worker stores WAITING before it looks at FILLED again and sleeps:
    // one of the two sees the other's store.
    if (Atomics.load(this.i32, WINDOW_I32_WAITING) !== 0) {
      Atomics.notify(this.i32, WINDOW_I32_FILLED);
    }
    return true;
  }
}

/** The contents of `source` are about to change: every window holding a copy gives its offset back. */
export function revokeReadWindows(source: WindowSource): void {
  const windows = source.readWindows;
  if (!windows || windows.size === 0) return;
  for (const window of [...windows]) window.giveBack();
}

/** The read window of each process whose program runs in a worker. */
const windows = new WeakMap<object, ReadWindow>();

export function setReadWindow(process: object, window: ReadWindow): void {
  windows.set(process, window);
}

/** The program of `window` is gone (an exec's new program may have set its own already). */
export function clearReadWindow(process: object, window: ReadWindow): void {
  if (windows.get(process) === window) windows.delete(process);
}

export function readWindowOf(process: object): ReadWindow | undefined {
  return windows.get(process);
}
