// pipe2, dup, dup3, the close-on-exec flag, openat's flags and fd_path, as
// a program sees them through the syscall handlers.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import {
  O_CLOEXEC,
  O_CREAT,
  O_DIRECTORY,
  O_EXCL,
  O_NOFOLLOW,
  O_NONBLOCK,
  O_RDONLY,
  O_RDWR,
  O_TRUNC,
  O_WRONLY,
} from '../../../src/kernel/abi/open-flags.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { check, makeSystem, sys } from '../fs/support/kernel.ts';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('pipe2, dup, dup3, cloexec', () => {
  it('pipe2 gives two fds that carry bytes, with close-on-exec when asked', async () => {
    const p = makeSystem().spawn();
    const pipe = await check(p, Sys.PIPE2, [O_CLOEXEC]);
    const [r, w] = [Number(pipe.value), Number(pipe.results[1])];
    expect([r, w]).toEqual([0, 1]);
    expect((await check(p, Sys.GET_CLOEXEC, [r])).value).toBe(1n);
    await check(p, Sys.FD_WRITE, [w], new TextEncoder().encode('hi'));
    expect(text((await check(p, Sys.FD_READ, [r, 10])).output)).toBe('hi');
    expect((await sys(p, Sys.PIPE2, [0x8])).errno).toBe(Errno.EINVAL);
  });

  it('O_NONBLOCK pipes answer EAGAIN when empty', async () => {
    const p = makeSystem().spawn();
    const pipe = await check(p, Sys.PIPE2, [O_NONBLOCK]);
    expect((await sys(p, Sys.FD_READ, [Number(pipe.value), 10])).errno).toBe(Errno.EAGAIN);
  });

  it('dup takes the lowest fd at or above the minimum; dup3 replaces; bad fds are EBADF', async () => {
    const p = makeSystem().spawn();
    expect((await check(p, Sys.DUP, [3, 0, 0])).value).toBe(0n);
    expect((await check(p, Sys.DUP, [3, 10, 1])).value).toBe(10n);
    expect((await check(p, Sys.GET_CLOEXEC, [10])).value).toBe(1n);
    await check(p, Sys.SET_CLOEXEC, [10, 0]);
    expect((await check(p, Sys.GET_CLOEXEC, [10])).value).toBe(0n);
    expect((await check(p, Sys.DUP3, [3, 7, 0])).value).toBe(7n);
    expect((await check(p, Sys.DUP3, [3, 3, 0])).value).toBe(3n);
    expect((await sys(p, Sys.DUP, [42, 0, 0])).errno).toBe(Errno.EBADF);
    expect((await sys(p, Sys.DUP, [3, -1, 0])).errno).toBe(Errno.EINVAL);
    expect((await sys(p, Sys.DUP3, [3, 5000, 0])).errno).toBe(Errno.EBADF);
    expect((await sys(p, Sys.GET_CLOEXEC, [42])).errno).toBe(Errno.EBADF);
  });
});

describe('openat', () => {
  it('creates with the mode less the umask, honours O_EXCL, O_TRUNC, O_DIRECTORY, O_NOFOLLOW', async () => {
    const p = makeSystem().spawn();
    const fd = Number((await check(p, Sys.OPENAT, [3, O_WRONLY | O_CREAT, 0o640], 'f')).value);
    await check(p, Sys.FD_WRITE, [fd], new TextEncoder().encode('abc'));
    expect(p.root.child('f')!.inode.mode & 0o777).toBe(0o640 & ~0o022);
    expect((await sys(p, Sys.OPENAT, [3, O_WRONLY | O_CREAT | O_EXCL, 0o600], 'f')).errno).toBe(
      Errno.EEXIST,
    );
    expect((await sys(p, Sys.OPENAT, [3, O_RDONLY | O_DIRECTORY, 0], 'f')).errno).toBe(
      Errno.ENOTDIR,
    );
    await check(p, Sys.PATH_SYMLINK, [3], ['f', 'link']);
    expect((await sys(p, Sys.OPENAT, [3, O_RDONLY | O_NOFOLLOW, 0], 'link')).errno).toBe(
      Errno.ELOOP,
    );
    const t = Number((await check(p, Sys.OPENAT, [3, O_RDWR | O_TRUNC, 0], 'link')).value);
    expect((await check(p, Sys.FD_READ, [t, 10])).output).toHaveLength(0);
    expect((await sys(p, Sys.OPENAT, [3, 0, 0], 'f')).errno).toBe(Errno.EINVAL);
    expect(text((await check(p, Sys.FD_PATH, [t])).output)).toBe('/f');
  });

  it('a new file gets mode & ~umask', async () => {
    const p = makeSystem().spawn();
    p.umask = 0o027;
    await check(p, Sys.OPENAT, [3, O_WRONLY | O_CREAT, 0o666], 'g');
    const stat = (await check(p, Sys.PATH_FILESTAT_GET, [3, 0], 'g')).output;
    // filestat: dev u64, ino u64, filetype u8 ...; the mode is not in WASI's filestat,
    // so check through the kernel's own inode.
    expect(stat.length).toBe(64);
    const inode = p.root.child('g')!.inode;
    expect(inode.mode & 0o777).toBe(0o640);
  });
});

describe('chdir, fchdir, getcwd', () => {
  it('changes the cwd and reports it; refuses files and unsearchable directories', async () => {
    const system = makeSystem();
    const p = system.spawn();
    await check(p, Sys.PATH_CREATE_DIRECTORY, [3], 'd');
    await check(p, Sys.PATH_CREATE_DIRECTORY, [3], 'd/e');
    await check(p, Sys.CHDIR, [3], 'd/e');
    expect(text((await check(p, Sys.GETCWD)).output)).toBe('/d/e');
    await check(p, Sys.CHDIR, [-100], '..');
    expect(text((await check(p, Sys.GETCWD)).output)).toBe('/d');
    await check(p, Sys.OPENAT, [3, O_WRONLY | O_CREAT, 0o644], 'file');
    expect((await sys(p, Sys.CHDIR, [3], 'file')).errno).toBe(Errno.ENOTDIR);
    expect((await sys(p, Sys.CHDIR, [3], 'none')).errno).toBe(Errno.ENOENT);
    await check(p, Sys.CHMOD, [3, 0o700, 1], 'd');
    const user = system.spawn(1000);
    expect((await sys(user, Sys.CHDIR, [3], 'd')).errno).toBe(Errno.EACCES);
    const dir = Number((await check(p, Sys.OPENAT, [3, O_RDONLY | O_DIRECTORY, 0], 'd/e')).value);
    await check(p, Sys.CHDIR, [3], '/');
    await check(p, Sys.FCHDIR, [dir]);
    expect(text((await check(p, Sys.GETCWD)).output)).toBe('/d/e');
    const file = Number((await check(p, Sys.OPENAT, [3, O_RDONLY, 0], 'file')).value);
    expect((await sys(p, Sys.FCHDIR, [file])).errno).toBe(Errno.ENOTDIR);
  });
});

describe('root_preopen', () => {
  it("moves fd 3's root preopen to the fd asked, once, and says whether that fd holds it", async () => {
    const p = makeSystem().spawn();
    expect((await check(p, Sys.ROOT_PREOPEN, [1023])).value).toBe(1n);
    expect((await sys(p, Sys.GET_CLOEXEC, [3])).errno).toBe(Errno.EBADF);
    expect((await check(p, Sys.GET_CLOEXEC, [1023])).value).toBe(0n);
    // Paths resolve through the moved preopen; a plain file takes fd 3.
    const fd = Number((await check(p, Sys.OPENAT, [1023, O_WRONLY | O_CREAT, 0o644], 'f')).value);
    await check(p, Sys.DUP3, [fd, 3, 0]);
    // fd 3 is now a plain file: nothing moves, and 1023 still holds the root.
    expect((await check(p, Sys.ROOT_PREOPEN, [1023])).value).toBe(1n);
    expect((await check(p, Sys.GET_CLOEXEC, [3])).value).toBe(0n);
    expect((await check(p, Sys.ROOT_PREOPEN, [500])).value).toBe(0n);
    expect((await sys(p, Sys.ROOT_PREOPEN, [5000])).errno).toBe(Errno.EBADF);
  });
});
