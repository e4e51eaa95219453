// The behaviour suite's adapter for our kernel: every operation is a WASI
// syscall through the dispatcher, with paths relative to the preopen (fd 3).
import { Sys } from '../../../../src/kernel/abi/syscalls.ts';
import {
  DIRENT_SIZE,
  FDFLAGS_APPEND,
  Filetype,
  LOOKUPFLAGS_SYMLINK_FOLLOW,
  OFLAGS_CREAT,
  OFLAGS_DIRECTORY,
  OFLAGS_EXCL,
  OFLAGS_TRUNC,
} from '../../../../src/kernel/abi/wasi.ts';
import { lookup } from '../../../../src/kernel/fs/path-walk.ts';
import type { Process } from '../../../../src/kernel/proc/process.ts';
import {
  bytes,
  text,
  type Attributes,
  type FileType,
  type FsAdapter,
  type OpenFlags,
} from './adapter.ts';
import { check, type System } from './kernel.ts';

const PREOPEN = 3;
const READ = (1n << 1n) | (1n << 14n);
const WRITE = 1n << 6n;

function decodeFilestat(output: Uint8Array): Attributes {
  const view = new DataView(output.buffer, output.byteOffset, output.byteLength);
  const types: Record<number, FileType> = {
    [Filetype.REGULAR_FILE]: 'file',
    [Filetype.DIRECTORY]: 'directory',
    [Filetype.SYMBOLIC_LINK]: 'symlink',
  };
  return {
    ino: Number(view.getBigUint64(8, true)),
    type: types[view.getUint8(16)] ?? 'other',
    nlink: Number(view.getBigUint64(24, true)),
    size: Number(view.getBigUint64(32, true)),
    mtime: view.getBigUint64(48, true),
  };
}

export function parseDirents(
  output: Uint8Array,
): { name: string; next: bigint; ino: number; type: number }[] {
  const view = new DataView(output.buffer, output.byteOffset, output.byteLength);
  const entries = [];
  for (let offset = 0; offset + DIRENT_SIZE <= output.length;) {
    const length = view.getUint32(offset + 16, true);
    if (offset + DIRENT_SIZE + length > output.length) break;
    entries.push({
      next: view.getBigUint64(offset, true),
      ino: Number(view.getBigUint64(offset + 8, true)),
      type: view.getUint8(offset + 20),
      name: text(output.subarray(offset + DIRENT_SIZE, offset + DIRENT_SIZE + length)),
    });
    offset += DIRENT_SIZE + length;
  }
  return entries;
}

export class KernelAdapter implements FsAdapter {
  readonly name = 'kernel';
  readonly canSeek = true;

  constructor(
    private readonly system: System,
    private readonly process: Process = system.spawn(0),
  ) {}

  asUser(): FsAdapter {
    return new KernelAdapter(this.system, this.system.spawn(1000, 1000));
  }

  async open(path: string, flags: OpenFlags): Promise<number> {
    const oflags =
      (flags.create ? OFLAGS_CREAT : 0) |
      (flags.exclusive ? OFLAGS_EXCL : 0) |
      (flags.truncate ? OFLAGS_TRUNC : 0) |
      (flags.directory ? OFLAGS_DIRECTORY : 0);
    const rights = (flags.read ? READ : 0n) | (flags.write ? WRITE : 0n);
    const lookupflags = flags.noFollow ? 0 : LOOKUPFLAGS_SYMLINK_FOLLOW;
    const fdflags = flags.append ? FDFLAGS_APPEND : 0;
    const outcome = await check(
      this.process,
      Sys.PATH_OPEN,
      [PREOPEN, lookupflags, oflags, rights, rights, fdflags],
      path,
    );
    return Number(outcome.value);
  }
  async close(fd: number): Promise<void> {
    await check(this.process, Sys.FD_CLOSE, [fd]);
  }
  async read(fd: number, length: number): Promise<Uint8Array> {
    return (await check(this.process, Sys.FD_READ, [fd, length])).output;
  }
  async write(fd: number, data: Uint8Array | string): Promise<number> {
    return Number((await check(this.process, Sys.FD_WRITE, [fd], bytes(data))).value);
  }
  async pread(fd: number, length: number, offset: number): Promise<Uint8Array> {
    return (await check(this.process, Sys.FD_PREAD, [fd, length, offset])).output;
  }
  async pwrite(fd: number, data: Uint8Array | string, offset: number): Promise<number> {
    return Number((await check(this.process, Sys.FD_PWRITE, [fd, offset], bytes(data))).value);
  }
  async seek(fd: number, offset: number, whence: number): Promise<number> {
    return Number((await check(this.process, Sys.FD_SEEK, [fd, offset, whence])).value);
  }
  async ftruncate(fd: number, size: number): Promise<void> {
    await check(this.process, Sys.FD_FILESTAT_SET_SIZE, [fd, size]);
  }
  async fstat(fd: number): Promise<Attributes> {
    return decodeFilestat((await check(this.process, Sys.FD_FILESTAT_GET, [fd])).output);
  }
  async stat(path: string, follow = true): Promise<Attributes> {
    const flags = follow ? LOOKUPFLAGS_SYMLINK_FOLLOW : 0;
    return decodeFilestat(
      (await check(this.process, Sys.PATH_FILESTAT_GET, [PREOPEN, flags], path)).output,
    );
  }
  async mkdir(path: string): Promise<void> {
    await check(this.process, Sys.PATH_CREATE_DIRECTORY, [PREOPEN], path);
  }
  async rmdir(path: string): Promise<void> {
    await check(this.process, Sys.PATH_REMOVE_DIRECTORY, [PREOPEN], path);
  }
  async unlink(path: string): Promise<void> {
    await check(this.process, Sys.PATH_UNLINK_FILE, [PREOPEN], path);
  }
  async rename(from: string, to: string): Promise<void> {
    await check(this.process, Sys.PATH_RENAME, [PREOPEN, PREOPEN], [from, to]);
  }
  async link(from: string, to: string): Promise<void> {
    await check(this.process, Sys.PATH_LINK, [PREOPEN, 0, PREOPEN], [from, to]);
  }
  async symlink(target: string, path: string): Promise<void> {
    await check(this.process, Sys.PATH_SYMLINK, [PREOPEN], [target, path]);
  }
  async readlink(path: string): Promise<string> {
    return text((await check(this.process, Sys.PATH_READLINK, [PREOPEN, 4096], path)).output);
  }
  async readdir(path: string): Promise<string[]> {
    const fd = await this.open(path, { read: true, directory: true });
    try {
      const output = (await check(this.process, Sys.FD_READDIR, [fd, 0, 1 << 20])).output;
      return parseDirents(output)
        .map((entry) => entry.name)
        .filter((name) => name !== '.' && name !== '..')
        .sort();
    } finally {
      await this.close(fd);
    }
  }
  async chmod(path: string, mode: number): Promise<void> {
    const context = { root: this.process.root, credentials: this.process.credentials };
    const inode = lookup(context, this.process.root, path, true).inode;
    inode.mode = (inode.mode & ~0o7777) | mode;
  }
}
