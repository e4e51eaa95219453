// Does ioctl(2) reach a terminal through the syscall dispatcher as a C
// program's call would: termios, window size, foreground group, TIOCSCTTY,
// and ENOTTY/EBADF/EFAULT where Linux answers them?
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import {
  ECHO,
  ICANON,
  TCGETS,
  TCSETS,
  TERMIOS_SIZE,
  TIOCGPGRP,
  TIOCGWINSZ,
  TIOCSCTTY,
  TIOCSPGRP,
  TIOCSWINSZ,
  WINSIZE_SIZE,
  decodeTermios,
  decodeWinsize,
  encodeTermios,
  encodeWinsize,
} from '../../../src/kernel/abi/termios.ts';
import {
  Filetype,
  LOOKUPFLAGS_SYMLINK_FOLLOW,
  OFLAGS_CREAT,
} from '../../../src/kernel/abi/wasi.ts';
import { setpgid, setsid } from '../../../src/kernel/proc/groups.ts';
import { decodeUtf8 } from '../../../src/kernel/utf8.ts';
import { ConsoleWorld, int, intOf } from './kernel-support.ts';

/** A world with a shell: a session leader on the console, fds 0-2 on it. */
function withShell() {
  const world = new ConsoleWorld();
  const shell = world.fork();
  world.console.attach(shell);
  return { world, shell };
}

describe('ioctl through the dispatcher', () => {
  it('does TCGETS give the console’s termios, and TCSETS without ECHO stop the echo?', async () => {
    const { world, shell } = withShell();
    const got = await world.ioctl(shell, 0, TCGETS, new Uint8Array(TERMIOS_SIZE));
    expect(got.errno).toBe(Errno.SUCCESS);
    const termios = decodeTermios(got.output);
    expect(termios.lflag & (ICANON | ECHO)).toBe(ICANON | ECHO);
    termios.lflag &= ~ECHO;
    expect((await world.ioctl(shell, 0, TCSETS, encodeTermios(termios))).errno).toBe(Errno.SUCCESS);
    const read = world.sys(shell, Sys.FD_READ, [0, 100]);
    world.console.input(new TextEncoder().encode('secret\r'));
    expect(decodeUtf8((await read).output)).toBe('secret\n');
    expect(world.screen).toBe('');
  });

  it('does TIOCSWINSZ set what TIOCGWINSZ then reads?', async () => {
    const { world, shell } = withShell();
    const before = await world.ioctl(shell, 1, TIOCGWINSZ, new Uint8Array(WINSIZE_SIZE));
    expect(decodeWinsize(before.output)).toMatchObject({ rows: 24, columns: 80 });
    const size = { rows: 50, columns: 132, xpixel: 0, ypixel: 0 };
    expect((await world.ioctl(shell, 1, TIOCSWINSZ, encodeWinsize(size))).errno).toBe(
      Errno.SUCCESS,
    );
    const after = await world.ioctl(shell, 1, TIOCGWINSZ, new Uint8Array(WINSIZE_SIZE));
    expect(decodeWinsize(after.output)).toEqual(size);
    world.console.resize(30, 100);
    const resized = await world.ioctl(shell, 1, TIOCGWINSZ, new Uint8Array(WINSIZE_SIZE));
    expect(decodeWinsize(resized.output)).toMatchObject({ rows: 30, columns: 100 });
  });

  it('do TIOCGPGRP and TIOCSPGRP move the foreground to a job of the session?', async () => {
    const { world, shell } = withShell();
    const job = world.fork(shell);
    setpgid(world.table, shell, job.pid, 0);
    expect(intOf((await world.ioctl(shell, 0, TIOCGPGRP, int(0))).output)).toBe(shell.pid);
    expect((await world.ioctl(shell, 0, TIOCSPGRP, int(9999))).errno).toBe(Errno.ESRCH);
    expect((await world.ioctl(shell, 0, TIOCSPGRP, int(job.pid))).errno).toBe(Errno.SUCCESS);
    expect(intOf((await world.ioctl(job, 0, TIOCGPGRP, int(0))).output)).toBe(job.pid);
    // Now in the background, in a group nobody could continue (its parent is
    // init), the shell may not take the terminal back: Linux says ENOTTY.
    expect((await world.ioctl(shell, 0, TIOCSPGRP, int(shell.pid))).errno).toBe(Errno.ENOTTY);
    expect(world.hooks.of('stop')).toEqual([]);
  });

  it('does TIOCSCTTY refuse a terminal another session holds, unless root steals it?', async () => {
    const { world, shell } = withShell();
    const other = world.fork();
    setsid(world.table, other);
    other.fds.set(5, world.console.open(true, true));
    other.credentials.euid = 1000;
    expect((await world.ioctl(other, 5, TIOCSCTTY, int(1))).errno).toBe(Errno.EPERM);
    other.credentials.euid = 0;
    expect((await world.ioctl(other, 5, TIOCSCTTY, int(0))).errno).toBe(Errno.EPERM);
    expect((await world.ioctl(other, 5, TIOCSCTTY, int(1))).errno).toBe(Errno.SUCCESS);
    expect(world.console.tty.session).toBe(other.pid);
    expect(await world.open(shell, 'dev/tty')).toBe(Errno.ENXIO);
    expect(typeof (await world.open(other, 'dev/tty'))).toBe('number');
  });

  it('is a regular file ENOTTY, a closed fd EBADF and a too-short argument EFAULT?', async () => {
    const { world, shell } = withShell();
    const created = await world.sys(
      shell,
      Sys.PATH_OPEN,
      [3, LOOKUPFLAGS_SYMLINK_FOLLOW, OFLAGS_CREAT, 1n << 1n, 1n << 1n, 0],
      'tmp/file',
    );
    expect(created.errno).toBe(Errno.SUCCESS);
    const fd = Number(created.value);
    expect((await world.ioctl(shell, fd, TCGETS, new Uint8Array(TERMIOS_SIZE))).errno).toBe(
      Errno.ENOTTY,
    );
    expect((await world.ioctl(shell, 42, TCGETS, new Uint8Array(TERMIOS_SIZE))).errno).toBe(
      Errno.EBADF,
    );
    expect((await world.ioctl(shell, 0, TCGETS, new Uint8Array(4))).errno).toBe(Errno.EFAULT);
  });

  it('does fd_fdstat_get show a terminal that wasi-libc’s isatty() accepts?', async () => {
    const { world, shell } = withShell();
    const fdstat = await world.sys(shell, Sys.FD_FDSTAT_GET, [0]);
    expect(fdstat.errno).toBe(Errno.SUCCESS);
    expect(fdstat.value).toBe(BigInt(Filetype.CHARACTER_DEVICE));
    const seekOrTell = (1n << 2n) | (1n << 5n);
    expect((fdstat.results[2] ?? 0n) & seekOrTell).toBe(0n);
    expect((await world.sys(shell, Sys.FD_SEEK, [0, 0, 0])).errno).toBe(Errno.ESPIPE);
  });
});
