// Controlling terminals of processes (Linux's tty_open_proc_set_tty,
// proc_set_tty and get_current_tty): which terminal a process's /dev/tty
// is, and how a session leader acquires one by opening it.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { Process } from '../proc/process.ts';
import { Tty } from './tty.ts';

/**
 * The controlling terminal of `process` now, or undefined. A terminal that
 * a hangup or a privileged TIOCSCTTY took from the session no longer counts,
 * even if the process still remembers it.
 */
export function controllingTtyOf(process: Process): Tty | undefined {
  const tty = process.controllingTty;
  if (!(tty instanceof Tty)) return undefined;
  return tty.session !== undefined && tty.session === process.sid ? tty : undefined;
}

/** The terminal /dev/tty opens for `process`: its controlling terminal, ENXIO without one. */
export function ttyOfCaller(process: Process | undefined): Tty {
  const tty = process ? controllingTtyOf(process) : undefined;
  return tty ?? fail(Errno.ENXIO, 'no controlling terminal');
}

/**
 * Implements the acquisition on open(2): a session leader with no
 * controlling terminal that opens a terminal controlling no session, without
 * O_NOCTTY, makes it its controlling terminal, with its own group in the
 * foreground. Anyone else opens it and nothing changes.
 */
export function acquireOnOpen(tty: Tty, process: Process, noControllingTty: boolean): void {
  if (noControllingTty) return;
  if (process.pid !== process.sid || controllingTtyOf(process) !== undefined) return;
  if (tty.session !== undefined) return;
  tty.session = process.sid;
  tty.foregroundGroup = process.pgid;
  process.controllingTty = tty;
}

/**
 * Makes `tty` the controlling terminal of `process`'s session, with its
 * group in the foreground, as a host does for the program it starts on a
 * terminal (what getty does with TIOCSCTTY). `process` must lead its
 * session; a session the terminal controlled before loses it.
 */
export function assignControllingTty(tty: Tty, process: Process): void {
  if (process.pid !== process.sid) fail(Errno.EPERM, 'not a session leader');
  tty.session = process.sid;
  tty.foregroundGroup = process.pgid;
  process.controllingTty = tty;
}
