// The behaviour suite's adapter for the real Linux filesystem through
// node:fs, in a temporary directory. The unprivileged view switches the
// effective uid and gid around each call (tests run as root in forked
// workers, so seteuid is available and reversible).
import fs from 'node:fs';
import type { Attributes, FileType, FsAdapter, OpenFlags } from './adapter.ts';
import { bytes } from './adapter.ts';

function typeOf(stats: fs.BigIntStats): FileType {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isFIFO()) return 'fifo';
  return 'other';
}

function attributes(stats: fs.BigIntStats): Attributes {
  return {
    type: typeOf(stats),
    size: Number(stats.size),
    nlink: Number(stats.nlink),
    ino: Number(stats.ino),
    mtime: stats.mtimeNs,
  };
}

export class NodeAdapter implements FsAdapter {
  readonly name = 'linux';
  readonly canSeek = false;

  constructor(
    private readonly base: string,
    private readonly uid = 0,
  ) {}

  asUser(): FsAdapter {
    return new NodeAdapter(this.base, 1000);
  }

  private run<T>(action: () => T): Promise<T> {
    if (this.uid === 0) return Promise.resolve().then(action);
    return Promise.resolve().then(() => {
      const { setegid, seteuid } = process;
      if (!setegid || !seteuid) throw new Error('switching users needs seteuid (Linux, root)');
      setegid(this.uid);
      seteuid(this.uid);
      try {
        return action();
      } finally {
        seteuid(0);
        setegid(0);
      }
    });
  }

  private at(name: string): string {
    return `${this.base}/${name}`;
  }

  open(name: string, flags: OpenFlags): Promise<number> {
    const c = fs.constants;
    let mode = flags.read && flags.write ? c.O_RDWR : flags.write ? c.O_WRONLY : c.O_RDONLY;
    if (flags.create) mode |= c.O_CREAT;
    if (flags.exclusive) mode |= c.O_EXCL;
    if (flags.truncate) mode |= c.O_TRUNC;
    if (flags.directory) mode |= c.O_DIRECTORY;
    if (flags.append) mode |= c.O_APPEND;
    if (flags.noFollow) mode |= c.O_NOFOLLOW;
    return this.run(() => fs.openSync(this.at(name), mode, 0o666));
  }
  close(fd: number): Promise<void> {
    return this.run(() => fs.closeSync(fd));
  }
  read(fd: number, length: number): Promise<Uint8Array> {
    return this.run(() => {
      const buffer = new Uint8Array(length);
      return buffer.subarray(0, fs.readSync(fd, buffer, 0, length, null));
    });
  }
  write(fd: number, data: Uint8Array | string): Promise<number> {
    return this.run(() => fs.writeSync(fd, bytes(data)));
  }
  pread(fd: number, length: number, offset: number): Promise<Uint8Array> {
    return this.run(() => {
      const buffer = new Uint8Array(length);
      return buffer.subarray(0, fs.readSync(fd, buffer, 0, length, offset));
    });
  }
  pwrite(fd: number, data: Uint8Array | string, offset: number): Promise<number> {
    return this.run(() => fs.writeSync(fd, bytes(data), 0, bytes(data).length, offset));
  }
  seek(): Promise<number> {
    return Promise.reject(new Error('node:fs has no lseek'));
  }
  ftruncate(fd: number, size: number): Promise<void> {
    return this.run(() => fs.ftruncateSync(fd, size));
  }
  fstat(fd: number): Promise<Attributes> {
    return this.run(() => attributes(fs.fstatSync(fd, { bigint: true })));
  }
  stat(name: string, follow = true): Promise<Attributes> {
    return this.run(() =>
      attributes(
        follow
          ? fs.statSync(this.at(name), { bigint: true })
          : fs.lstatSync(this.at(name), { bigint: true }),
      ),
    );
  }
  mkdir(name: string): Promise<void> {
    return this.run(() => fs.mkdirSync(this.at(name), 0o777));
  }
  rmdir(name: string): Promise<void> {
    return this.run(() => fs.rmdirSync(this.at(name)));
  }
  unlink(name: string): Promise<void> {
    return this.run(() => fs.unlinkSync(this.at(name)));
  }
  rename(from: string, to: string): Promise<void> {
    return this.run(() => fs.renameSync(this.at(from), this.at(to)));
  }
  link(from: string, to: string): Promise<void> {
    return this.run(() => fs.linkSync(this.at(from), this.at(to)));
  }
  symlink(target: string, name: string): Promise<void> {
    return this.run(() => fs.symlinkSync(target, this.at(name)));
  }
  readlink(name: string): Promise<string> {
    return this.run(() => fs.readlinkSync(this.at(name)));
  }
  readdir(name: string): Promise<string[]> {
    return this.run(() => fs.readdirSync(this.at(name)).sort());
  }
  chmod(name: string, mode: number): Promise<void> {
    return this.run(() => fs.chmodSync(this.at(name), mode));
  }
}
