// WASI-specific rules of the filesystem syscalls: the preopen at fd 3
// resolving from the caller's current root, dirfds, fd_renumber, fdstat,
// modes of new nodes under the umask, and readlink's buffer cut.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import {
  FDFLAGS_APPEND,
  Filetype,
  OFLAGS_CREAT,
  OFLAGS_DIRECTORY,
  RIGHTS_ALL,
} from '../../../src/kernel/abi/wasi.ts';
import { lookup } from '../../../src/kernel/fs/path-walk.ts';
import { check, makeSystem, sys } from './support/kernel.ts';

const READ = 1n << 1n;
const WRITE = 1n << 6n;

function setup() {
  const system = makeSystem();
  const process = system.spawn(0);
  const create = async (path: string, content = '') => {
    const fd = Number(
      (await check(process, Sys.PATH_OPEN, [3, 1, OFLAGS_CREAT, WRITE, 0, 0], path)).value,
    );
    await check(process, Sys.FD_WRITE, [fd], new TextEncoder().encode(content));
    await check(process, Sys.FD_CLOSE, [fd]);
  };
  const inode = (path: string) =>
    lookup({ root: system.root, credentials: process.credentials }, system.root, path, false).inode;
  return { system, process, create, inode };
}

describe('filesystem syscalls', () => {
  it('reports fd 3 as the preopen "/" and other fds as EBADF', async () => {
    const { process } = setup();
    const prestat = await check(process, Sys.FD_PRESTAT_GET, [3]);
    expect(prestat.value).toBe(0n);
    expect(prestat.results[1]).toBe(1n);
    expect(
      new TextDecoder().decode((await check(process, Sys.FD_PRESTAT_DIR_NAME, [3])).output),
    ).toBe('/');
    expect((await sys(process, Sys.FD_PRESTAT_GET, [4])).errno).toBe(Errno.EBADF);
  });

  it('resolves fd 3 from the caller’s current root after chroot', async () => {
    const { system, process, create } = setup();
    await check(process, Sys.PATH_CREATE_DIRECTORY, [3], 'jail');
    await create('jail/inside', 'jailed');
    await create('outside', 'free');
    process.root = lookup(
      { root: system.root, credentials: process.credentials },
      system.root,
      'jail',
      true,
    );
    const fd = Number((await check(process, Sys.PATH_OPEN, [3, 1, 0, READ, 0, 0], 'inside')).value);
    expect(new TextDecoder().decode((await check(process, Sys.FD_READ, [fd, 100])).output)).toBe(
      'jailed',
    );
    expect((await sys(process, Sys.PATH_OPEN, [3, 1, 0, READ, 0, 0], 'outside')).errno).toBe(
      Errno.ENOENT,
    );
    expect((await sys(process, Sys.PATH_OPEN, [3, 1, 0, READ, 0, 0], '../outside')).errno).toBe(
      Errno.ENOENT,
    );
    expect((await sys(process, Sys.PATH_OPEN, [3, 1, 0, READ, 0, 0], '/inside')).errno).toBe(
      Errno.SUCCESS,
    );
  });

  it('resolves relative to a directory fd, and a file as dirfd is ENOTDIR', async () => {
    const { process, create } = setup();
    await check(process, Sys.PATH_CREATE_DIRECTORY, [3], 'd');
    await create('d/f', 'in d');
    const dir = Number(
      (await check(process, Sys.PATH_OPEN, [3, 1, OFLAGS_DIRECTORY, READ, 0, 0], 'd')).value,
    );
    const stat = await check(process, Sys.PATH_FILESTAT_GET, [dir, 1], 'f');
    expect(new DataView(stat.output.buffer).getBigUint64(32, true)).toBe(4n);
    const file = Number((await check(process, Sys.PATH_OPEN, [dir, 1, 0, READ, 0, 0], 'f')).value);
    expect((await sys(process, Sys.PATH_FILESTAT_GET, [file, 1], 'x')).errno).toBe(Errno.ENOTDIR);
    expect((await sys(process, Sys.PATH_FILESTAT_GET, [42, 1], 'x')).errno).toBe(Errno.EBADF);
  });

  it('gives new files 0666 and directories 0777 less the umask, owned by the caller', async () => {
    const { system, create, inode } = setup();
    const user = system.spawn(1000, 100);
    user.umask = 0o027;
    await create('f');
    expect(inode('f').mode & 0o7777).toBe(0o644);
    await check(system.spawn(0), Sys.PATH_CREATE_DIRECTORY, [3], 'shared');
    inode('shared').mode = (inode('shared').mode & ~0o7777) | 0o777;
    await check(user, Sys.PATH_CREATE_DIRECTORY, [3], 'shared/mine');
    expect(inode('shared/mine').mode & 0o7777).toBe(0o750);
    expect(inode('shared/mine').uid).toBe(1000);
    expect(inode('shared/mine').gid).toBe(100);
  });

  it('reports filetype, flags and the access-mode rights in fdstat; set_flags changes APPEND', async () => {
    const { process, create } = setup();
    await create('f', 'abc');
    const fd = Number((await check(process, Sys.PATH_OPEN, [3, 1, 0, WRITE, 0, 0], 'f')).value);
    const stat = await check(process, Sys.FD_FDSTAT_GET, [fd]);
    expect(stat.value).toBe(BigInt(Filetype.REGULAR_FILE));
    // Opened for writing only: no FD_READ (bit 1) nor FD_READDIR (bit 14) in the base rights.
    expect(stat.results.slice(1, 4)).toEqual([
      0n,
      RIGHTS_ALL & ~((1n << 1n) | (1n << 14n)),
      RIGHTS_ALL,
    ]);
    await check(process, Sys.FD_FDSTAT_SET_FLAGS, [fd, FDFLAGS_APPEND]);
    expect((await check(process, Sys.FD_FDSTAT_GET, [fd])).results[1]).toBe(BigInt(FDFLAGS_APPEND));
    await check(process, Sys.FD_WRITE, [fd], new Uint8Array([33]));
    expect((await check(process, Sys.FD_TELL, [fd])).value).toBe(4n);
  });

  it('moves an fd with fd_renumber, closing the target', async () => {
    const { process, create } = setup();
    await create('f');
    const a = Number((await check(process, Sys.PATH_OPEN, [3, 1, 0, READ, 0, 0], 'f')).value);
    const b = Number((await check(process, Sys.PATH_OPEN, [3, 1, 0, READ, 0, 0], 'f')).value);
    await check(process, Sys.FD_RENUMBER, [a, b]);
    expect((await sys(process, Sys.FD_CLOSE, [a])).errno).toBe(Errno.EBADF);
    await check(process, Sys.FD_CLOSE, [b]);
    expect((await sys(process, Sys.FD_RENUMBER, [a, 3])).errno).toBe(Errno.EBADF);
  });

  it('cuts readlink output at the buffer length', async () => {
    const { process } = setup();
    await check(process, Sys.PATH_SYMLINK, [3], ['a-long-target', 'link']);
    expect(
      new TextDecoder().decode((await check(process, Sys.PATH_READLINK, [3, 6], 'link')).output),
    ).toBe('a-long');
  });

  it('sets times explicitly or to now, and rejects both at once', async () => {
    const { process, create, inode } = setup();
    await create('f');
    await check(
      process,
      Sys.PATH_FILESTAT_SET_TIMES,
      [3, 1, 5_000_000_000n, 7_000_000_000n, 1 | 4],
      'f',
    );
    expect(inode('f').atime).toBe(5_000_000_000n);
    expect(inode('f').mtime).toBe(7_000_000_000n);
    expect((await sys(process, Sys.PATH_FILESTAT_SET_TIMES, [3, 1, 0, 0, 1 | 2], 'f')).errno).toBe(
      Errno.EINVAL,
    );
  });
});
