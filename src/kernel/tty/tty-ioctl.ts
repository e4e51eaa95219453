// The terminal ioctls (Linux's tty_ioctl and n_tty_ioctl): termios get and
// set, window size, foreground process group, controlling terminal, input
// flush and count. The argument is the bytes the request reads (a struct or
// an int, little-endian); the result is the bytes it writes back, empty for
// requests that write nothing. A request that passes an int by value
// (TIOCSCTTY, TCFLSH) takes it as 4 bytes too; none means 0.
import { Errno } from '../abi/errno.ts';
import { Signal } from '../abi/signals.ts';
import {
  FIONREAD,
  TCFLSH,
  TCGETS,
  TCIFLUSH,
  TCIOFLUSH,
  TCOFLUSH,
  TCSETS,
  TCSETSF,
  TCSETSW,
  TERMIOS_SIZE,
  TIOCGPGRP,
  TIOCGSID,
  TIOCGWINSZ,
  TIOCNOTTY,
  TIOCOUTQ,
  TIOCSCTTY,
  TIOCSPGRP,
  TIOCSWINSZ,
  WINSIZE_SIZE,
  decodeTermios,
  decodeWinsize,
  encodeTermios,
  encodeWinsize,
} from '../abi/termios.ts';
import { fail } from '../errors.ts';
import { checkJobControl, type TtyCaller } from './job-control.ts';
import type { TtyFile } from './tty-file.ts';
import type { Tty } from './tty.ts';

const NOTHING = new Uint8Array(0);

/**
 * Runs terminal ioctl `request` for `caller` on `file`. Unknown requests
 * answer ENOTTY, as Linux does. TCSETSW and TCSETSF do not wait for output
 * to drain: output reaches the terminal as it is written (only VSTOP holds
 * it back, and a held screen would make them wait forever).
 */
export function ttyIoctl(
  file: TtyFile,
  caller: TtyCaller | undefined,
  request: number,
  argument: Uint8Array,
): Uint8Array {
  const tty = file.tty;
  switch (request) {
    case TCGETS:
      return encodeTermios(tty.termios);
    case TCSETS:
    case TCSETSW:
    case TCSETSF:
      checkJobControl(tty, caller, Signal.SIGTTOU);
      tty.setTermios(decodeTermios(sized(argument, TERMIOS_SIZE)), request === TCSETSF);
      return NOTHING;
    case TCFLSH:
      checkJobControl(tty, caller, Signal.SIGTTOU);
      flush(tty, int(argument));
      return NOTHING;
    case TIOCGWINSZ:
      return encodeWinsize(tty.winsize);
    case TIOCSWINSZ:
      tty.resize(decodeWinsize(sized(argument, WINSIZE_SIZE)));
      return NOTHING;
    case TIOCGPGRP:
      requireControlling(tty, caller);
      return encodeInt(seen(caller, tty.foregroundGroup ?? 0));
    case TIOCSPGRP: {
      const pgid = int(sized(argument, 4));
      const view = caller?.pidView;
      // A group the caller's pid namespace cannot name does not exist for it:
      // an id no group has, so the usual checks answer ESRCH in their order.
      const id = view && pgid > 0 ? (view.fromCaller(pgid) ?? NO_SUCH_GROUP) : pgid;
      tty.setForegroundGroup(caller, id);
      return NOTHING;
    }
    case TIOCGSID:
      requireControlling(tty, caller);
      return encodeInt(seen(caller, tty.session ?? fail(Errno.ENOTTY)));
    case TIOCSCTTY:
      if (caller === undefined) fail(Errno.EPERM);
      tty.makeControlling(caller, int(argument) === 1, file.readable);
      return NOTHING;
    case TIOCNOTTY:
      notty(tty, caller);
      return NOTHING;
    case FIONREAD:
      return encodeInt(tty.discipline.queue.readableBytes);
    case TIOCOUTQ:
      return encodeInt(tty.heldOutput);
    default:
      return fail(Errno.ENOTTY);
  }
}

/** Above every pid (pid_max is 2^22): no group has it. */
const NO_SUCH_GROUP = 0x7fffffff;

/** A group or session id as the caller's pid namespace numbers it. */
function seen(caller: TtyCaller | undefined, id: number): number {
  return caller?.pidView && id > 0 ? caller.pidView.toCaller(id) : id;
}

/** Implements TIOCNOTTY: the caller's session gives up its controlling terminal. */
function notty(tty: Tty, caller: TtyCaller | undefined): void {
  if (caller === undefined || tty.session === undefined || caller.sid !== tty.session) {
    fail(Errno.ENOTTY);
  }
  if (caller.pid === caller.sid) tty.disassociate(false);
  caller.setControllingTty(undefined);
}

function flush(tty: Tty, queue: number): void {
  if (queue !== TCIFLUSH && queue !== TCOFLUSH && queue !== TCIOFLUSH) fail(Errno.EINVAL);
  if (queue !== TCOFLUSH) tty.flushInput();
  if (queue !== TCIFLUSH) tty.flushOutput();
}

/** Requests that only the terminal's own session may ask (ENOTTY otherwise). */
function requireControlling(tty: Tty, caller: TtyCaller | undefined): void {
  if (caller === undefined) return;
  if (tty.session === undefined || caller.sid !== tty.session) fail(Errno.ENOTTY);
}

/** The argument, when long enough for the struct the request reads; EFAULT otherwise. */
function sized(argument: Uint8Array, size: number): Uint8Array {
  return argument.length >= size ? argument : fail(Errno.EFAULT);
}

/** A little-endian int argument; 0 when none was passed. */
function int(argument: Uint8Array): number {
  if (argument.length < 4) return 0;
  return new DataView(argument.buffer, argument.byteOffset, 4).getInt32(0, true);
}

function encodeInt(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value, true);
  return bytes;
}
