// fd_readdir: `.` and `..` first, cookies that resume a listing and stay
// valid while entries are removed, and the buffer cut WASI specifies.
import { describe, expect, it } from 'vitest';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { DIRENT_SIZE, Filetype, OFLAGS_DIRECTORY } from '../../../src/kernel/abi/wasi.ts';
import { parseDirents } from './support/kernel-adapter.ts';
import { check, makeSystem } from './support/kernel.ts';

async function directoryWith(names: string[]) {
  const system = makeSystem();
  const process = system.spawn(0);
  await check(process, Sys.PATH_CREATE_DIRECTORY, [3], 'd');
  for (const name of names) {
    await check(process, Sys.PATH_OPEN, [3, 1, 1, 1n << 6n, 0, 0], `d/${name}`);
  }
  const fd = Number(
    (await check(process, Sys.PATH_OPEN, [3, 1, OFLAGS_DIRECTORY, 1n << 14n, 0, 0], 'd')).value,
  );
  const readdir = async (cookie: bigint, length: number) =>
    (await check(process, Sys.FD_READDIR, [fd, cookie, length])).output;
  return { process, fd, readdir };
}

describe('fd_readdir', () => {
  it('lists . and .. first, then entries in creation order, with their types', async () => {
    const { readdir } = await directoryWith(['b', 'a', 'c']);
    const entries = parseDirents(await readdir(0n, 4096));
    expect(entries.map((e) => e.name)).toEqual(['.', '..', 'b', 'a', 'c']);
    expect(entries[0]!.type).toBe(Filetype.DIRECTORY);
    expect(entries[2]!.type).toBe(Filetype.REGULAR_FILE);
  });

  it('resumes from any entry’s d_next', async () => {
    const { readdir } = await directoryWith(['one', 'two', 'three']);
    const all = parseDirents(await readdir(0n, 4096));
    const rest = parseDirents(await readdir(all[2]!.next, 4096));
    expect(rest.map((e) => e.name)).toEqual(['two', 'three']);
    expect(parseDirents(await readdir(all[4]!.next, 4096))).toEqual([]);
  });

  it('keeps cookies valid when earlier entries are removed', async () => {
    const { process, readdir } = await directoryWith(['one', 'two', 'three']);
    const all = parseDirents(await readdir(0n, 4096));
    await check(process, Sys.PATH_UNLINK_FILE, [3], 'd/one');
    const rest = parseDirents(await readdir(all[3]!.next, 4096));
    expect(rest.map((e) => e.name)).toEqual(['three']);
  });

  it('fills the buffer exactly, cutting the last entry, so the caller retries', async () => {
    const { readdir } = await directoryWith(['abc']);
    const full = await readdir(0n, 4096);
    expect(full.length).toBe(3 * DIRENT_SIZE + 1 + 2 + 3);
    const cut = await readdir(0n, DIRENT_SIZE + 5);
    expect(cut.length).toBe(DIRENT_SIZE + 5);
    expect([...cut]).toEqual([...full.subarray(0, DIRENT_SIZE + 5)]);
    expect(parseDirents(cut).map((e) => e.name)).toEqual(['.']);
    const headerOnly = await readdir(0n, 10);
    expect(headerOnly.length).toBe(10);
  });

  it('is ENOTDIR on a file', async () => {
    const system = makeSystem();
    const process = system.spawn(0);
    const fd = Number((await check(process, Sys.PATH_OPEN, [3, 1, 1, 1n << 6n, 0, 0], 'f')).value);
    await expect(check(process, Sys.FD_READDIR, [fd, 0, 100])).rejects.toMatchObject({
      code: 'ENOTDIR',
    });
  });
});
