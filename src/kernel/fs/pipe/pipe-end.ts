// An open end of a pipe or fifo (pipe(2), fifo(7)). Reads wait while the
// pipe is empty and a writer exists, and see end of file once none does.
// Writes wait while the pipe is full and a reader exists; writes of at most
// PIPE_BUF bytes go in whole or not at all. With O_NONBLOCK, waiting becomes
// EAGAIN.
//
// Writing with no reader throws KernelError(EPIPE). Linux also sends SIGPIPE
// to the writer; here the syscall dispatcher raises SIGPIPE when a write
// call fails with EPIPE, so this file does not reach into signals.
//
// A wait goes through the BlockingWait the syscall layer passes, so a handled
// signal or the process's death ends it with EINTR: an interrupted read
// consumes nothing; an interrupted write returns what it already wrote, or
// EINTR if nothing, as Linux's pipe_read/pipe_write do.
import { Errno } from '../../abi/errno.ts';
import { FDFLAGS_NONBLOCK, Filetype } from '../../abi/wasi.ts';
import { fail } from '../../errors.ts';
import type { Inode } from '../inode.ts';
import type { Dentry } from '../dentry.ts';
import { OpenFile, type BlockingWait, type Readiness } from '../open-file.ts';
import type { Stat } from '../stat.ts';
import type { PageReference } from '../byte-store.ts';
import { PIPE_BUF, PIPE_CAPACITY, type Pipe } from './pipe.ts';

/**
 * Where a sendfile into a pipe takes its bytes from, `skip` bytes past where
 * the fill started: `bytes` gives up to `length` of them (fewer at the end
 * of a piece of the file, none at its end; may be a view of the file's own
 * bytes); `page`, when the file can, gives them as a range of a page of the
 * shared arena for the pipe to reference instead (byte-store.ts sharePages),
 * at most `max` bytes.
 */
export interface FillSource {
  bytes(skip: number, length: number): Uint8Array;
  page?(skip: number, max: number): PageReference | undefined;
}

export class PipeEnd extends OpenFile {
  private released = false;
  /** This end's description word in the ring (-1: none), telling workers if it blocks. */
  readonly slot: number;
  private statusFlags = 0;

  constructor(
    readonly pipe: Pipe,
    /** The pipe's inode (pipefs for pipe(2), the fifo's own for a fifo), for fstat. */
    readonly inode: Inode,
    readable: boolean,
    writable: boolean,
    flags = 0,
    /** The fifo's name, for a fifo opened by path (/proc/<pid>/fd shows it). */
    readonly dentry?: Dentry,
  ) {
    super(readable, writable);
    this.slot = pipe.takeSlot();
    // fcntl(F_SETFL) assigns `flags` (syscalls/fs-fd.ts): an accessor on
    // this object keeps the ring's word for this end in step.
    Object.defineProperty(this, 'flags', {
      get: () => this.statusFlags,
      set: (value: number) => {
        this.statusFlags = value;
        pipe.setBlocking(this.slot, (value & FDFLAGS_NONBLOCK) === 0);
      },
    });
    this.flags = flags;
    if (readable) {
      pipe.readers++;
      pipe.readerOpens++;
    }
    if (writable) {
      pipe.writers++;
      pipe.writerOpens++;
    }
    pipe.wake();
    this.waitReadiness = (wake) => pipe.onChange(wake);
  }

  override get filetype(): Filetype {
    return Filetype.UNKNOWN;
  }

  private get nonblocking(): boolean {
    return (this.flags & FDFLAGS_NONBLOCK) !== 0;
  }

  override read(length: number, wait?: BlockingWait): Uint8Array | Promise<Uint8Array> {
    if (!this.readable) fail(Errno.EBADF);
    const now = this.tryRead(length);
    if (now) return now;
    if (this.nonblocking) fail(Errno.EAGAIN);
    return this.readLater(length, wait);
  }

  /** The bytes, end of file (empty), or undefined when the read must wait (never waits). */
  tryRead(length: number): Uint8Array | undefined {
    if (length === 0) return new Uint8Array(0);
    const taken = this.pipe.take(length);
    if (taken === undefined) return undefined; // a worker is reading: its signal wakes us
    if (taken.length > 0) return taken;
    if (this.pipe.writers === 0) return taken;
    return undefined;
  }

  private async readLater(length: number, wait?: BlockingWait): Promise<Uint8Array> {
    for (;;) {
      try {
        await this.pipe.changed(wait);
      } catch (error) {
        // Interrupted: data (or end of file) that arrived meanwhile wins,
        // as a Linux reader woken by the write returns it before it looks
        // at its pending signals.
        const arrived = this.tryRead(length);
        if (arrived) return arrived;
        throw error;
      }
      const now = this.tryRead(length);
      if (now) return now;
    }
  }

  override write(data: Uint8Array, wait?: BlockingWait): number | Promise<number> {
    if (!this.writable) fail(Errno.EBADF);
    if (this.pipe.readers === 0) fail(Errno.EPIPE);
    if (data.length === 0) return 0;
    const atomic = data.length <= PIPE_BUF;
    const count = this.pipe.put(data, atomic) ?? 0;
    if (count === data.length) return count;
    if (this.nonblocking) return count > 0 ? count : fail(Errno.EAGAIN);
    return this.writeLater(data.slice(count), count, atomic, wait);
  }

  /**
   * A blocking write that did not fit: returns once all is written, or what
   * was when readers left or a signal came. `written` bytes went in already.
   */
  private async writeLater(
    rest: Uint8Array,
    written: number,
    atomic: boolean,
    wait?: BlockingWait,
  ): Promise<number> {
    let done = 0;
    while (done < rest.length) {
      if (this.pipe.readers === 0) return written + done > 0 ? written + done : fail(Errno.EPIPE);
      const count = this.pipe.put(rest.subarray(done), atomic) ?? 0;
      if (count > 0) {
        done += count;
        continue;
      }
      try {
        await this.pipe.changed(wait);
      } catch (error) {
        if (written + done > 0) return written + done;
        throw error;
      }
    }
    return written + done;
  }

  /**
   * sendfile(2) into this pipe, as Linux's splice_file_to_pipe: waits like a
   * write until there is room (EAGAIN with O_NONBLOCK, EINTR if a signal
   * comes first, EPIPE once no reader is left), then copies in one go as
   * much of `count` as fits, taking the bytes from `source` (views of the
   * file's bytes from where the sender is).
   * Returns the count copied, 0 at the file's end.
   */
  fill(count: number, source: FillSource, wait?: BlockingWait): number | Promise<number> {
    if (!this.writable) fail(Errno.EBADF);
    const now = this.tryFill(count, source);
    if (now !== undefined) return now;
    if (this.nonblocking) fail(Errno.EAGAIN);
    return this.fillLater(count, source, wait);
  }

  /**
   * fill() without the asynchronous wait, for a sendfile that goes on
   * copying in the kernel: copies now what fits of `count`, or, on a full
   * blocking pipe, spins until the reader frees `room` bytes (at most
   * `count`) or `deadline` (performance.now()) comes (Pipe.spinForRoom),
   * and copies then. Returns the count copied, 0 at the file's end, or
   * undefined when the caller must wait with fill() (or yield).
   */
  fillSpinning(
    count: number,
    source: FillSource,
    room: number,
    deadline: number,
  ): number | undefined {
    if (!this.writable) fail(Errno.EBADF);
    const now = this.tryFill(count, source);
    if (now !== undefined || this.nonblocking) return now;
    if (!this.pipe.spinForRoom(Math.min(room, count), deadline)) return undefined;
    return this.tryFill(count, source);
  }

  /**
   * The count copied, or undefined when the pipe is full (never waits).
   * Goes piece by piece as `source` gives them, each published at once so
   * that the reader can start on it: a reference to a page of the file
   * while the pipe can take one, else a copy of the bytes.
   */
  private tryFill(wanted: number, source: FillSource): number | undefined {
    if (this.pipe.readers === 0) fail(Errno.EPIPE);
    if (wanted === 0) return 0;
    // Without O_NONBLOCK the caller waits for more anyway, and references
    // let the pipe hold far more than its capacity (abi/pipe-ring.ts); a
    // non-blocking caller gets what Linux's sixteen 4 KiB pages take.
    const count = this.nonblocking
      ? Math.min(wanted, Math.max(0, PIPE_CAPACITY - this.pipe.length))
      : wanted;
    if (count === 0) return undefined;
    let done = 0;
    while (done < count) {
      const ref =
        source.page && this.pipe.refSlotFree ? source.page(done, count - done) : undefined;
      if (ref) {
        const length = Math.min(ref.length, count - done);
        const queued = this.pipe.queueRef({ ...ref, length });
        if (queued === undefined) break; // a worker is writing: its signal wakes us
        if (queued) {
          done += length;
          continue;
        }
      }
      const room = this.pipe.free;
      // No room for bytes (references queued, or a full ring): at the
      // file's end the fill is over all the same.
      if (room === 0) return source.bytes(done, 1).length === 0 ? done : undefinedIfNone(done);
      const data = source.bytes(done, Math.min(room, count - done));
      if (data.length === 0) return done;
      // A worker writing at this moment (undefined) or a race for the room (0): wait for its signal.
      const put = this.pipe.put(data, false);
      if (put === undefined || put === 0) break;
      done += put;
      if (put < data.length) break;
    }
    return undefinedIfNone(done);
  }

  private async fillLater(count: number, source: FillSource, wait?: BlockingWait): Promise<number> {
    for (;;) {
      await this.pipe.changed(wait);
      const now = this.tryFill(count, source);
      if (now !== undefined) return now;
    }
  }

  override stat(): Stat {
    return { ...this.inode.stat(), size: 0 };
  }

  override readiness(): Readiness {
    const pipe = this.pipe;
    return {
      readable: this.readable && (pipe.length > 0 || pipe.writers === 0),
      writable: this.writable && (pipe.readers === 0 || pipe.free >= PIPE_BUF),
      hangup: this.readable ? pipe.writers === 0 : pipe.readers === 0,
      nbytes: this.readable ? pipe.length : pipe.free,
    };
  }

  override release(): void {
    if (this.released) return;
    this.released = true;
    this.pipe.setBlocking(this.slot, false);
    this.pipe.releaseSlot(this.slot);
    if (this.readable) this.pipe.readers--;
    if (this.writable) this.pipe.writers--;
    this.pipe.wake();
    if (this.pipe.readers + this.pipe.writers === 0) {
      this.pipe.closed();
      this.pipe.onUnused?.();
    }
  }
}

/** A fill's count, or undefined when it copied nothing (the pipe is full). */
function undefinedIfNone(done: number): number | undefined {
  return done === 0 ? undefined : done;
}
