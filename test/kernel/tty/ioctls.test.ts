// Do the terminal ioctls answer as on Linux: termios get/set with TCSETSF's
// flush, window size with SIGWINCH, foreground group, controlling terminal,
// FIONREAD, and ENOTTY for what a terminal does not know?
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { Signal } from '../../../src/kernel/abi/signals.ts';
import {
  FIONREAD,
  ICANON,
  TCGETS,
  TCSETS,
  TCSETSF,
  TIOCGPGRP,
  TIOCGWINSZ,
  TIOCNOTTY,
  TIOCSCTTY,
  TIOCSPGRP,
  TIOCSWINSZ,
  decodeTermios,
  decodeWinsize,
  encodeTermios,
  encodeWinsize,
} from '../../../src/kernel/abi/termios.ts';
import type { TtyFile } from '../../../src/kernel/tty/tty-file.ts';
import { Harness, caller, errnoOf, readAll } from './harness.ts';

const int = (value: number): Uint8Array => {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value, true);
  return bytes;
};
const intOf = (bytes: Uint8Array): number => new DataView(bytes.buffer).getInt32(0, true);

const ioctl = (
  file: TtyFile,
  request: number,
  argument: Uint8Array = new Uint8Array(0),
): Uint8Array => file.ioctl(request, argument);

describe('terminal ioctls', () => {
  it('does TIOCSWINSZ store the size for TIOCGWINSZ and send SIGWINCH to the foreground?', () => {
    const harness = new Harness();
    const shell = harness.shell();
    const file = harness.open(shell);
    const size = { rows: 40, columns: 120, xpixel: 0, ypixel: 0 };
    ioctl(file, TIOCSWINSZ, encodeWinsize(size));
    expect(decodeWinsize(ioctl(file, TIOCGWINSZ))).toEqual(size);
    expect(harness.sent).toEqual([{ to: 'group 100', signal: Signal.SIGWINCH }]);
  });

  it('is SIGWINCH sent only when the size really changes?', () => {
    const harness = new Harness({ winsize: { rows: 24, columns: 80, xpixel: 0, ypixel: 0 } });
    harness.shell();
    harness.tty.resize({ rows: 24, columns: 80, xpixel: 0, ypixel: 0 });
    expect(harness.sent).toEqual([]);
    harness.tty.resize({ rows: 25, columns: 80, xpixel: 0, ypixel: 0 });
    expect(harness.sent).toHaveLength(1);
  });

  it('does TCSETS change the mode that TCGETS then reports?', async () => {
    const harness = new Harness();
    const file = harness.open();
    const termios = decodeTermios(ioctl(file, TCGETS));
    termios.lflag &= ~ICANON;
    ioctl(file, TCSETS, encodeTermios(termios));
    expect(decodeTermios(ioctl(file, TCGETS)).lflag & ICANON).toBe(0);
    harness.type('x');
    expect(await readAll(file)).toEqual(['x']);
  });

  it('does TCSETSF throw away typed input, and TCSETS keep it?', async () => {
    const harness = new Harness();
    const file = harness.open();
    const termios = ioctl(file, TCGETS);
    harness.type('kept\n');
    ioctl(file, TCSETS, termios);
    expect(await readAll(file)).toEqual(['kept\n']);
    harness.type('lost\n');
    ioctl(file, TCSETSF, termios);
    expect(await readAll(file)).toEqual([]);
  });

  it('does FIONREAD count only complete lines in canonical mode?', () => {
    const harness = new Harness();
    const file = harness.open();
    harness.type('abc\nde');
    expect(intOf(ioctl(file, FIONREAD))).toBe(4);
  });

  it('do TIOCSPGRP and TIOCGPGRP move the foreground to another group of the session?', () => {
    const harness = new Harness();
    const shell = harness.shell();
    harness.groups.set(300, 100);
    const file = harness.open(shell);
    ioctl(file, TIOCSPGRP, int(300));
    expect(intOf(ioctl(file, TIOCGPGRP))).toBe(300);
  });

  it('does TIOCSPGRP refuse a group of another session (EPERM) or none (ESRCH)?', () => {
    const harness = new Harness();
    const shell = harness.shell();
    harness.groups.set(400, 400);
    const file = harness.open(shell);
    expect(errnoOf(() => ioctl(file, TIOCSPGRP, int(400)))).toBe(Errno.EPERM);
    expect(errnoOf(() => ioctl(file, TIOCSPGRP, int(999)))).toBe(Errno.ESRCH);
  });

  it('is TIOCGPGRP ENOTTY for a process whose controlling terminal this is not?', () => {
    const harness = new Harness();
    harness.shell();
    const stranger = harness.open(caller({ pid: 500 }));
    expect(errnoOf(() => ioctl(stranger, TIOCGPGRP))).toBe(Errno.ENOTTY);
  });

  it('does TIOCSCTTY make it the controlling terminal of a session leader, once?', () => {
    const harness = new Harness();
    const leader = caller({ pid: 600 });
    ioctl(harness.open(leader), TIOCSCTTY);
    expect(harness.tty.session).toBe(600);
    expect(harness.tty.foregroundGroup).toBe(600);
    expect(leader.controlling).toBe(harness.tty);
    const other = caller({ pid: 700 });
    expect(errnoOf(() => ioctl(harness.open(other), TIOCSCTTY))).toBe(Errno.EPERM);
    const member = caller({ pid: 701, pgid: 700, sid: 700 });
    expect(errnoOf(() => ioctl(harness.open(member), TIOCSCTTY))).toBe(Errno.EPERM);
  });

  it('does TIOCNOTTY from the session leader hang up the foreground group and detach?', () => {
    const harness = new Harness();
    const shell = harness.shell();
    harness.tty.foregroundGroup = 300;
    ioctl(harness.open(shell), TIOCNOTTY);
    expect(harness.sent).toEqual([
      { to: 'group 300', signal: Signal.SIGHUP },
      { to: 'group 300', signal: Signal.SIGCONT },
    ]);
    expect(harness.tty.session).toBeUndefined();
  });

  it('is an unknown request ENOTTY, and a short argument EFAULT?', () => {
    const file = new Harness().open();
    expect(errnoOf(() => ioctl(file, 0x1234))).toBe(Errno.ENOTTY);
    expect(errnoOf(() => ioctl(file, TCSETS, new Uint8Array(10)))).toBe(Errno.EFAULT);
  });
});
