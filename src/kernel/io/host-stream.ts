// Open files connected to the host's streams: how `bocal wasi` passes its
// own stdin, stdout and stderr to a program, as wasmtime does. Reads wait
// for the host's data; writes complete when the host accepted the bytes.
import { Errno } from '../abi/errno.ts';
import { Filetype } from '../abi/wasi.ts';
import { fail } from '../errors.ts';
import { OpenFile, type Readiness } from '../fs/open-file.ts';
import { S_IFCHR, type Stat } from '../fs/stat.ts';

/** A source of bytes: resolves with at most `length` bytes, or an empty array at end of input. */
export type ByteSource = (length: number) => Promise<Uint8Array>;
/** A sink of bytes: resolves once the bytes are accepted. */
export type ByteSink = (bytes: Uint8Array) => Promise<void> | void;

export class HostStream extends OpenFile {
  constructor(
    private readonly source: ByteSource | undefined,
    private readonly sink: ByteSink | undefined,
    private readonly now: () => bigint,
  ) {
    super(source !== undefined, sink !== undefined);
  }

  override get filetype(): Filetype {
    return Filetype.CHARACTER_DEVICE;
  }

  override read(length: number): Promise<Uint8Array> {
    if (!this.source) return fail(Errno.EBADF);
    return this.source(length);
  }

  override write(data: Uint8Array): number | Promise<number> {
    if (!this.sink) return fail(Errno.EBADF);
    // The bytes live in the channel: copy them before the host keeps them.
    const accepted = this.sink(data.slice());
    return accepted instanceof Promise ? accepted.then(() => data.length) : data.length;
  }

  override stat(): Stat {
    const now = this.now();
    return {
      dev: 0,
      ino: 0,
      mode: S_IFCHR | 0o620,
      nlink: 1,
      uid: 0,
      gid: 0,
      rdev: 0,
      size: 0,
      blksize: 1024,
      blocks: 0,
      atime: now,
      mtime: now,
      ctime: now,
    };
  }

  override readiness(): Readiness {
    return { readable: this.readable, writable: this.writable, hangup: false };
  }
}
