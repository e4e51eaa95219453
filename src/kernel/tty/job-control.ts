// Job control on a terminal: who may read it, write it or change its
// settings (Linux's __tty_check_change), and how the tty learns who is
// calling. A process outside the terminal's foreground process group that
// touches its controlling terminal gets SIGTTIN (read) or SIGTTOU (write with
// TOSTOP, settings changes), which stops its whole group by default.
import { Errno } from '../abi/errno.ts';
import { Signal } from '../abi/signals.ts';
import { fail } from '../errors.ts';
import type { ReadinessWaiter } from '../fs/open-file.ts';
import type { Tty } from './tty.ts';

/**
 * What the tty needs to know of the process making a call. The process layer
 * builds one per process; a TtyFile asks its accessor for it once, at the
 * start of each read, write or ioctl, before anything waits.
 */
export interface TtyCaller {
  readonly pid: number;
  /** Its process group. */
  readonly pgid: number;
  /** Its session; the session leader's pid equals it. */
  readonly sid: number;
  /**
   * Process group and session ids as the caller's pid namespace numbers
   * them (0 outside it), and back (undefined: no such id there).
   * Without it, ids are the kernel's own.
   */
  readonly pidView?: { toCaller(id: number): number; fromCaller(id: number): number | undefined };
  /** Whether it already has a controlling terminal (TIOCSCTTY refuses then). */
  readonly hasControllingTty: boolean;
  /** Whether it has CAP_SYS_ADMIN (TIOCSCTTY may steal a terminal, and open it write-only). */
  readonly privileged: boolean;
  /**
   * True when it blocks or ignores `signal`: then a background read fails
   * with EIO instead of raising SIGTTIN, and a background write goes through
   * instead of raising SIGTTOU.
   */
  blocksOrIgnores(signal: Signal): boolean;
  /**
   * True when its process group is orphaned (no member has a parent in
   * another group of the same session): nobody would continue it if it
   * stopped, so job control answers EIO instead of stopping it.
   */
  isGroupOrphaned(): boolean;
  /** True when a signal is pending: a blocked read or write returns EINTR. */
  signalPending(): boolean;
  /** Calls `wake` once when a signal becomes pending; returns a canceller. */
  waitSignal: ReadinessWaiter;
  /**
   * Records its controlling terminal: `tty` after TIOCSCTTY, undefined after
   * TIOCNOTTY. The tty stays the source of truth: a session
   * `sid` controls a tty while that tty's `session` is `sid` (a hangup, or a
   * privileged TIOCSCTTY elsewhere, takes it away without calling this).
   */
  setControllingTty(tty: Tty | undefined): void;
}

/**
 * Gives the calling process, or undefined for the kernel itself (no job
 * control then). Called synchronously at the start of each call, so a
 * kernel that sets "the current process" around the synchronous part of a
 * syscall handler can answer from it.
 */
export type TtyCallerAccessor = () => TtyCaller | undefined;

/** The parts of a tty job control looks at. */
export interface JobControlTarget {
  readonly session: number | undefined;
  readonly foregroundGroup: number | undefined;
  signalGroup(pgid: number, signal: Signal): void;
}

/**
 * Implements Linux's __tty_check_change: returns when `caller` may go on;
 * throws EIO when it may not and must not be stopped; otherwise sends
 * `signal` to the caller's process group and throws EINTR.
 *
 * Where we differ: Linux answers ERESTARTSYS there, so that the call starts
 * again once the stopped group is continued. WASI has no such errno; the
 * signal layer, which knows whether a handler ran, decides between
 * restarting the call and returning EINTR.
 */
export function checkJobControl(
  tty: JobControlTarget,
  caller: TtyCaller | undefined,
  signal: Signal.SIGTTIN | Signal.SIGTTOU,
): void {
  if (caller === undefined || tty.session === undefined || caller.sid !== tty.session) return;
  const foreground = tty.foregroundGroup;
  if (foreground === undefined || caller.pgid === foreground) return;
  if (caller.blocksOrIgnores(signal)) {
    if (signal === Signal.SIGTTIN) fail(Errno.EIO, 'read from a background process group');
    return;
  }
  if (caller.isGroupOrphaned()) fail(Errno.EIO, 'orphaned process group');
  tty.signalGroup(caller.pgid, signal);
  fail(Errno.EINTR, 'stopped by job control; restart when continued');
}
