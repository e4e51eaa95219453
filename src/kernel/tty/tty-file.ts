// An open terminal (Linux's struct file on a tty with n_tty_read/n_tty_write):
// what a process's read, write, poll and ioctl on a terminal do. Reads wait
// for a line (canonical mode) or follow VMIN/VTIME (raw mode); both answer
// job control first. A description opened before a hangup stays hung up.
import { Errno } from '../abi/errno.ts';
import { Signal } from '../abi/signals.ts';
import { TIOCSPGRP, TOSTOP, VMIN, VTIME } from '../abi/termios.ts';
import { FDFLAGS_NONBLOCK, Filetype, RIGHTS_FD_SEEK, RIGHTS_FD_TELL } from '../abi/wasi.ts';
import { fail } from '../errors.ts';
import { OpenFile, type Readiness, type ReadinessWaiter } from '../fs/open-file.ts';
import type { Dentry } from '../fs/dentry.ts';
import { S_IFCHR, type Stat } from '../fs/stat.ts';
import { checkJobControl, type TtyCaller, type TtyCallerAccessor } from './job-control.ts';
import { ttyIoctl } from './tty-ioctl.ts';
import type { Tty } from './tty.ts';

/** VTIME counts tenths of a second. */
const VTIME_UNIT_MS = 100;
/** Group tty, as udev gives terminals. */
const TTY_GID = 5;

export class TtyFile extends OpenFile {
  /** The tty's generation at open: a hangup since then leaves this description hung up. */
  private readonly generation: number;

  constructor(
    readonly tty: Tty,
    readable: boolean,
    writable: boolean,
    /** Who is calling: see TtyCallerAccessor for when it is asked. */
    private readonly caller: TtyCallerAccessor,
    /** The device node it was opened by (fstat, /proc/<pid>/fd); none for a host's own handle. */
    readonly dentry?: Dentry,
  ) {
    super(readable, writable);
    this.generation = tty.generation;
    // No offset (lseek answers ESPIPE): wasi-libc's isatty() is true for a
    // character device without these rights, as WASI hosts report terminals.
    this.droppedRights = RIGHTS_FD_SEEK | RIGHTS_FD_TELL;
  }

  override get filetype(): Filetype {
    return Filetype.CHARACTER_DEVICE;
  }

  /** True once the terminal hung up after this description was opened. */
  get hungUp(): boolean {
    return this.generation !== this.tty.generation;
  }

  private get nonblocking(): boolean {
    return (this.flags & FDFLAGS_NONBLOCK) !== 0;
  }

  /**
   * Implements read(2) on a terminal. Canonical mode: waits for a complete
   * line and returns at most that line (0 bytes for VEOF at the start of a
   * line). Raw mode, after Linux's n_tty_read: VMIN > 0, VTIME = 0 waits for
   * VMIN bytes (or `length`); VMIN > 0, VTIME > 0 waits for a first byte, then
   * stops when VTIME tenths pass without one; VMIN = 0, VTIME > 0 waits at most
   * VTIME for one byte; VMIN = 0, VTIME = 0 returns what there is, maybe 0
   * bytes (never EAGAIN). Hung up: 0, end of file.
   */
  override read(length: number): Uint8Array | Promise<Uint8Array> {
    if (!this.readable) fail(Errno.EBADF);
    if (this.hungUp) return new Uint8Array(0);
    const caller = this.caller();
    checkJobControl(this.tty, caller, Signal.SIGTTIN);
    if (length <= 0) return new Uint8Array(0);
    return this.readLoop(length, caller);
  }

  private async readLoop(length: number, caller: TtyCaller | undefined): Promise<Uint8Array> {
    const queue = this.tty.discipline.queue;
    let minimum = 0;
    let interByte = 0;
    let timeout: number | undefined;
    if (!this.tty.discipline.canonical) {
      const cc = this.tty.termios.cc;
      const vmin = cc[VMIN] ?? 0;
      const vtime = (cc[VTIME] ?? 0) * VTIME_UNIT_MS;
      if (vmin > 0) {
        minimum = vmin;
        interByte = vtime;
      } else {
        minimum = 1;
        timeout = vtime;
      }
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    while (total < length) {
      if (this.hungUp) break;
      if (!queue.hasInput) {
        if (timeout === 0) break;
        if (total > 0 && (this.nonblocking || caller?.signalPending())) break;
        if (this.nonblocking) fail(Errno.EAGAIN);
        if (caller?.signalPending()) fail(Errno.EINTR);
        if (!(await this.wait(caller, timeout))) timeout = 0;
        continue;
      }
      const chunk = this.tty.take(length - total);
      chunks.push(chunk);
      total += chunk.length;
      if (this.tty.discipline.canonical || total >= minimum) break;
      if (interByte > 0) timeout = interByte;
    }
    return concat(chunks, total);
  }

  /** Waits for a change of the tty, a signal, or `timeout` ms; false when the time ran out. */
  private wait(caller: TtyCaller | undefined, timeout: number | undefined): Promise<boolean> {
    return new Promise((resolve) => {
      const cancels: (() => void)[] = [];
      let settled = false;
      const finish = (changed: boolean): void => {
        if (settled) return;
        settled = true;
        for (const cancel of cancels) cancel();
        resolve(changed);
      };
      cancels.push(this.tty.waitChange(() => finish(true)));
      if (caller) cancels.push(caller.waitSignal(() => finish(true)));
      if (timeout !== undefined)
        cancels.push(this.tty.hooks.setTimer(() => finish(false), timeout));
    });
  }

  /**
   * Implements write(2) on a terminal: output processing (OPOST...), then the
   * screen. With TOSTOP, a background process group gets SIGTTOU. While
   * output is stopped (VSTOP), waits for VSTART (EAGAIN when non-blocking).
   * Hung up: EIO.
   */
  override write(data: Uint8Array): number | Promise<number> {
    if (!this.writable) fail(Errno.EBADF);
    if (this.hungUp) fail(Errno.EIO);
    const caller = this.caller();
    if (this.tty.termios.lflag & TOSTOP) checkJobControl(this.tty, caller, Signal.SIGTTOU);
    if (data.length === 0) return 0;
    if (!this.tty.stopped) {
      this.tty.write(data);
      return data.length;
    }
    if (this.nonblocking) fail(Errno.EAGAIN);
    return this.writeWhenStarted(data, caller);
  }

  private async writeWhenStarted(data: Uint8Array, caller: TtyCaller | undefined): Promise<number> {
    while (this.tty.stopped) {
      if (this.hungUp) fail(Errno.EIO);
      if (caller?.signalPending()) fail(Errno.EINTR);
      await this.wait(caller, undefined);
    }
    if (this.hungUp) fail(Errno.EIO);
    this.tty.write(data);
    return data.length;
  }

  /** poll(2): readable as a read would not wait (with VTIME = 0, once VMIN bytes are in, as Linux). */
  override readiness(): Readiness {
    if (this.hungUp) return { readable: this.readable, writable: this.writable, hangup: true };
    const discipline = this.tty.discipline;
    let readable = discipline.queue.hasInput;
    if (readable && !discipline.canonical) {
      const cc = this.tty.termios.cc;
      const vmin = cc[VMIN] ?? 0;
      if ((cc[VTIME] ?? 0) === 0 && vmin > 0) readable = discipline.queue.readableBytes >= vmin;
    }
    return {
      readable: this.readable && readable,
      writable: this.writable && !this.tty.stopped,
      hangup: false,
    };
  }

  override waitReadiness: ReadinessWaiter = (wake) => this.tty.waitChange(wake);

  override ioctl(request: number, argument: Uint8Array): Uint8Array {
    if (this.hungUp) return fail(request === TIOCSPGRP ? Errno.ENOTTY : Errno.EIO);
    return ttyIoctl(this, this.caller(), request, argument);
  }

  /**
   * The device node's attributes, as Linux gives. A description with no node
   * (the one a host hands its program) shows a terminal's usual ones.
   */
  override stat(): Stat {
    if (this.dentry) return this.dentry.inode.stat();
    return {
      dev: 0,
      ino: 0,
      mode: S_IFCHR | 0o620,
      nlink: 1,
      uid: 0,
      gid: TTY_GID,
      rdev: this.tty.rdev,
      size: 0,
      blksize: 1024,
      blocks: 0,
      atime: 0n,
      mtime: 0n,
      ctime: 0n,
    };
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
