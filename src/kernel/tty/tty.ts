// One terminal (Linux's struct tty_struct with the N_TTY line discipline):
// its settings, window size, controlling session and foreground process
// group, the input typed on it and the output shown on it. The terminal side
// (a UI terminal, the Node CLI's real terminal) calls `input`, `resize` and
// `hangup` and receives output through TtyHooks; processes reach it through
// TtyFile (tty-file.ts) and its ioctls (tty-ioctl.ts).
import { Errno } from '../abi/errno.ts';
import { Signal } from '../abi/signals.ts';
import { defaultTermios, type Termios, type Winsize } from '../abi/termios.ts';
import { KernelError, fail } from '../errors.ts';
import { checkJobControl, type TtyCaller } from './job-control.ts';
import { LineDiscipline } from './line-discipline.ts';

/** What a tty asks of the kernel and of the terminal it is attached to. */
export interface TtyHooks {
  /** Bytes for the terminal's screen, already output-processed. */
  output(bytes: Uint8Array): void;
  /** Sends `signal` to every process of group `pgid` (kill_pgrp). */
  signalGroup(pgid: number, signal: Signal): void;
  /** Sends `signal` to one process (the session leader, on hangup). */
  signalProcess(pid: number, signal: Signal): void;
  /** The session of process group `pgid`, or undefined when no such group exists. */
  sessionOfGroup(pgid: number): number | undefined;
  /** Calls `wake` once after `milliseconds` (VTIME); returns a canceller. */
  setTimer(wake: () => void, milliseconds: number): () => void;
}

export interface TtyOptions {
  termios?: Termios;
  /** Defaults to 0 × 0, as a new Linux pseudo-terminal has until its terminal sets it. */
  winsize?: Winsize;
  /** Device number for fstat (st_rdev), e.g. makedev(4, 1) for tty1. */
  rdev?: number;
}

export class Tty {
  readonly discipline: LineDiscipline;
  /** The session this is the controlling terminal of. */
  session: number | undefined;
  /** The foreground process group, which gets signal characters and may read. */
  foregroundGroup: number | undefined;
  /** Bumped by each hangup: descriptions opened before it stay hung up. */
  generation = 0;
  readonly rdev: number;
  private size: Winsize;
  /** Typed bytes not yet taken by a full line discipline, oldest first. */
  private backlog: Uint8Array[] = [];
  /** Output held back while stopped (VSTOP). */
  private held: Uint8Array[] = [];
  private wakers = new Set<() => void>();

  constructor(
    readonly hooks: TtyHooks,
    options: TtyOptions = {},
  ) {
    this.discipline = new LineDiscipline(options.termios ?? defaultTermios(), {
      output: (bytes) => this.emit(bytes),
      signal: (signal, flush) => this.signalCharacter(signal, flush),
      flowChanged: () => this.flowChanged(),
    });
    this.size = { ...(options.winsize ?? { rows: 0, columns: 0, xpixel: 0, ypixel: 0 }) };
    this.rdev = options.rdev ?? 0;
  }

  // ---- the terminal side -----------------------------------------------------

  /** Bytes typed on the terminal. Never refuses: what does not fit waits for readers. */
  input(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.backlog.push(bytes);
    this.drainBacklog();
    this.notify();
  }

  /** The terminal's window changed size (same as TIOCSWINSZ). */
  resize(size: Winsize): void {
    const old = this.size;
    if (
      old.rows === size.rows &&
      old.columns === size.columns &&
      old.xpixel === size.xpixel &&
      old.ypixel === size.ypixel
    ) {
      return;
    }
    this.size = { ...size };
    if (this.foregroundGroup !== undefined) {
      this.hooks.signalGroup(this.foregroundGroup, Signal.SIGWINCH);
    }
  }

  /**
   * The terminal went away (Linux's tty_hangup). Descriptions open now are
   * hung up for good: reads return 0, writes and most ioctls fail with EIO.
   * The session leader gets SIGHUP and SIGCONT, as on Linux; so does the
   * foreground group, which Linux signals only once the leader exits (what
   * the leader's default SIGHUP action makes happen anyway). The tty stops
   * being anyone's controlling terminal; it may be opened again afterwards.
   */
  hangup(): void {
    const { session, foregroundGroup } = this;
    this.generation++;
    this.session = undefined;
    this.foregroundGroup = undefined;
    this.discipline.queue.flush();
    this.backlog = [];
    this.held = [];
    if (session !== undefined) {
      this.hooks.signalProcess(session, Signal.SIGHUP);
      this.hooks.signalProcess(session, Signal.SIGCONT);
    }
    if (foregroundGroup !== undefined) {
      this.hooks.signalGroup(foregroundGroup, Signal.SIGHUP);
      this.hooks.signalGroup(foregroundGroup, Signal.SIGCONT);
    }
    this.notify();
  }

  // ---- settings ----------------------------------------------------------------

  get termios(): Termios {
    return this.discipline.getTermios();
  }

  /** Installs settings (TCSETS*), and flushes input first when asked (TCSETSF). */
  setTermios(termios: Termios, flushInput = false): void {
    if (flushInput) this.flushInput();
    this.discipline.setTermios(termios);
    this.drainBacklog();
    this.notify();
  }

  get winsize(): Winsize {
    return { ...this.size };
  }

  /** Discards typed input not yet read (TCIFLUSH). */
  flushInput(): void {
    this.discipline.queue.flush();
    this.backlog = [];
    this.notify();
  }

  /** Discards output held back by VSTOP (TCOFLUSH). */
  flushOutput(): void {
    this.held = [];
  }

  /** Bytes of output held back by VSTOP (TIOCOUTQ). */
  get heldOutput(): number {
    return this.held.reduce((sum, bytes) => sum + bytes.length, 0);
  }

  // ---- sessions and process groups --------------------------------------------

  /**
   * Implements TIOCSCTTY: makes this the controlling terminal of the caller's
   * session, with the caller's group in the foreground. The caller must be a
   * session leader without one; a terminal that already controls another
   * session is taken from it only when `steal` and the caller is privileged.
   * `readable` tells whether the caller's description may read (Linux
   * requires it of unprivileged callers).
   */
  makeControlling(caller: TtyCaller, steal: boolean, readable: boolean): void {
    if (caller.pid === caller.sid && this.session === caller.sid) return;
    if (caller.pid !== caller.sid || caller.hasControllingTty) fail(Errno.EPERM);
    if (!readable && !caller.privileged) fail(Errno.EPERM);
    if (this.session !== undefined && !(steal && caller.privileged)) fail(Errno.EPERM);
    this.session = caller.sid;
    this.foregroundGroup = caller.pgid;
    caller.setControllingTty(this);
  }

  /**
   * Detaches this terminal from its session (Linux's disassociate_ctty), when
   * the session leader exits (`onExit`) or gives it up (TIOCNOTTY): the
   * foreground group gets SIGHUP, and SIGCONT too unless the leader exited.
   */
  disassociate(onExit: boolean): void {
    const foreground = this.foregroundGroup;
    if (foreground !== undefined) {
      this.hooks.signalGroup(foreground, Signal.SIGHUP);
      if (!onExit) this.hooks.signalGroup(foreground, Signal.SIGCONT);
    }
    this.session = undefined;
    this.foregroundGroup = undefined;
  }

  /** Implements tcsetpgrp's checks (TIOCSPGRP) and sets the foreground group. */
  setForegroundGroup(caller: TtyCaller | undefined, pgid: number): void {
    try {
      checkJobControl(this, caller, Signal.SIGTTOU);
    } catch (error) {
      // Linux reports a caller that may not be stopped as "not a terminal" here.
      if (error instanceof KernelError && error.errno === Errno.EIO) {
        fail(Errno.ENOTTY);
      }
      throw error;
    }
    if (caller !== undefined && (this.session === undefined || caller.sid !== this.session)) {
      fail(Errno.ENOTTY);
    }
    if (!Number.isInteger(pgid) || pgid < 0) fail(Errno.EINVAL);
    const session = this.hooks.sessionOfGroup(pgid);
    if (session === undefined) fail(Errno.ESRCH);
    if (session !== this.session) fail(Errno.EPERM);
    this.foregroundGroup = pgid;
  }

  signalGroup(pgid: number, signal: Signal): void {
    this.hooks.signalGroup(pgid, signal);
  }

  // ---- what descriptions use ------------------------------------------------

  /** Takes up to `length` readable bytes (see InputQueue.take), then lets waiting input in. */
  take(length: number): Uint8Array {
    const bytes = this.discipline.queue.take(length);
    this.drainBacklog();
    return bytes;
  }

  /** Output-processes and shows a program's write. */
  write(data: Uint8Array): void {
    this.emit(this.discipline.write(data));
  }

  get stopped(): boolean {
    return this.discipline.stopped;
  }

  /** Calls `wake` once when input, settings, flow or hangup state changes; returns a canceller. */
  waitChange(wake: () => void): () => void {
    const once = (): void => wake();
    this.wakers.add(once);
    return () => this.wakers.delete(once);
  }

  // ---- internals -----------------------------------------------------------

  private drainBacklog(): void {
    while (this.backlog.length > 0) {
      const first = this.backlog[0] as Uint8Array;
      const taken = this.discipline.receive(first);
      if (taken < first.length) {
        this.backlog[0] = first.subarray(taken);
        return;
      }
      this.backlog.shift();
    }
  }

  private emit(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.discipline.stopped) this.held.push(bytes);
    else this.hooks.output(bytes);
  }

  private signalCharacter(signal: Signal, flush: boolean): void {
    if (flush) this.held = [];
    if (this.foregroundGroup !== undefined) this.hooks.signalGroup(this.foregroundGroup, signal);
  }

  private flowChanged(): void {
    if (!this.discipline.stopped) {
      const held = this.held;
      this.held = [];
      for (const bytes of held) this.hooks.output(bytes);
    }
    this.notify();
  }

  private notify(): void {
    const wakers = [...this.wakers];
    this.wakers.clear();
    for (const wake of wakers) wake();
  }
}
