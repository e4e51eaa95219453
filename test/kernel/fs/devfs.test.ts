// /dev: the devices of the table behave as Linux's, through path_open and
// fd_read/fd_write on a devfs mounted at /dev.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { Filetype, LOOKUPFLAGS_SYMLINK_FOLLOW } from '../../../src/kernel/abi/wasi.ts';
import { createDevfs } from '../../../src/kernel/fs/devfs/devfs.ts';
import { makedev } from '../../../src/kernel/fs/filesystem.ts';
import { lookup } from '../../../src/kernel/fs/path-walk.ts';
import { S_IFCHR } from '../../../src/kernel/fs/stat.ts';
import { mkdir, mknod } from '../../../src/kernel/fs/vfs/create.ts';
import { rootCredentials } from '../../../src/kernel/proc/credentials.ts';
import { check, makeSystem, sys } from './support/kernel.ts';

const RW = (1n << 1n) | (1n << 6n);

function withDev() {
  const devfs = createDevfs({ random: (bytes) => bytes.fill(0xab) });
  const system = makeSystem({ devices: devfs.devices });
  const context = { root: system.root, credentials: rootCredentials(), umask: 0o022 };
  mkdir(context, system.root, 'dev', 0o755);
  system.mounts.mount(lookup(context, system.root, 'dev', true), devfs, devfs.root);
  const process = system.spawn(0);
  const open = async (path: string) =>
    Number(
      (await check(process, Sys.PATH_OPEN, [3, LOOKUPFLAGS_SYMLINK_FOLLOW, 0, RW, RW, 0], path))
        .value,
    );
  return { system, context, process, open };
}

describe('devfs', () => {
  it('/dev/null swallows writes and reads as end of file', async () => {
    const { process, open } = withDev();
    const fd = await open('dev/null');
    expect((await check(process, Sys.FD_WRITE, [fd], new Uint8Array(100))).value).toBe(100n);
    expect((await check(process, Sys.FD_READ, [fd, 10])).output.length).toBe(0);
    expect((await check(process, Sys.FD_FDSTAT_GET, [fd])).value).toBe(
      BigInt(Filetype.CHARACTER_DEVICE),
    );
  });

  it('/dev/zero reads zeros; /dev/full reads zeros and fails writes with ENOSPC', async () => {
    const { process, open } = withDev();
    const zero = await open('dev/zero');
    expect([...(await check(process, Sys.FD_READ, [zero, 4])).output]).toEqual([0, 0, 0, 0]);
    const full = await open('dev/full');
    expect((await check(process, Sys.FD_READ, [full, 2])).output.length).toBe(2);
    expect((await sys(process, Sys.FD_WRITE, [full], new Uint8Array(1))).errno).toBe(Errno.ENOSPC);
  });

  it('/dev/urandom and /dev/random read from the random source', async () => {
    const { process, open } = withDev();
    for (const name of ['dev/urandom', 'dev/random']) {
      const fd = await open(name);
      expect([...(await check(process, Sys.FD_READ, [fd, 3])).output]).toEqual([0xab, 0xab, 0xab]);
    }
  });

  it('/dev/tty is ENXIO until a terminal factory provides it', async () => {
    const { process } = withDev();
    const outcome = await sys(process, Sys.PATH_OPEN, [3, 1, 0, RW, RW, 0], 'dev/tty');
    expect(outcome.errno).toBe(Errno.ENXIO);
  });

  it('/dev/stdin, stdout, stderr and fd link to /proc/self/fd', async () => {
    const { process } = withDev();
    const readlink = async (path: string) =>
      new TextDecoder().decode((await check(process, Sys.PATH_READLINK, [3, 100], path)).output);
    expect(await readlink('dev/stdin')).toBe('/proc/self/fd/0');
    expect(await readlink('dev/stdout')).toBe('/proc/self/fd/1');
    expect(await readlink('dev/stderr')).toBe('/proc/self/fd/2');
    expect(await readlink('dev/fd')).toBe('/proc/self/fd');
  });

  it('a node made by mknod elsewhere opens the registered driver; an unknown number is ENXIO', async () => {
    const { system, context, process, open } = withDev();
    mknod(context, system.root, 'mynull', S_IFCHR | 0o666, makedev(1, 3));
    mknod(context, system.root, 'nodriver', S_IFCHR | 0o666, makedev(99, 1));
    const fd = await open('mynull');
    expect((await check(process, Sys.FD_WRITE, [fd], new Uint8Array(5))).value).toBe(5n);
    expect((await sys(process, Sys.PATH_OPEN, [3, 1, 0, RW, RW, 0], 'nodriver')).errno).toBe(
      Errno.ENXIO,
    );
  });
});
