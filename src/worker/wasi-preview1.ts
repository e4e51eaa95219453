// The `wasi_snapshot_preview1` imports of a process: each reads its
// arguments from the program's memory, makes one syscall (or a few, for
// I/O larger than the channel), and writes the results back. Calls that
// need no kernel (args, environment, clocks, random) are answered here.
import { Errno } from '../kernel/abi/errno.ts';
import { Sys } from '../kernel/abi/syscalls.ts';
import { ClockId, DIRENT_SIZE, EVENT_SIZE, SUBSCRIPTION_SIZE } from '../kernel/abi/wasi.ts';
import {
  FD_MAP_READ,
  FD_MAP_WRITE,
  INLINE_INPUT_SIZE,
  INPUT_INLINE,
} from '../kernel/abi/channel.ts';
import { IoVectors } from './io-vectors.ts';
import { GuestFault, type GuestMemory } from './memory.ts';
import type { PipeRings } from './pipe-rings.ts';
import type { ReadWindowReader } from './read-window.ts';
import { ProcessExit } from './process-exit.ts';
import type { SyscallClient } from './syscall-client.ts';

export interface ProcessContext {
  client: SyscallClient;
  memory: GuestMemory;
  argv: string[];
  env: string[];
  /** performance.timeOrigin + performance.now() at kernel boot, in ms: CLOCK_MONOTONIC's zero. */
  bootTime: number;
  /** The pipe rings this worker may use directly (pipe-rings.ts). */
  rings?: PipeRings;
  /** The read window of regular files (read-window.ts). */
  window?: ReadWindowReader;
  /** Makes one syscall and acts on the kernel's notices (signals, kill, exec): see signal-delivery.ts. */
  call(number: number, args: ArrayLike<number | bigint>, inputLength: number): number;
}

type WasiFunction = (...args: never[]) => number;

const encoder = new TextEncoder();

/** Writes of at most this many bytes per vector are copied into the channel byte by byte. */
const SMALL_COPY = 32;

export function wasiPreview1(ctx: ProcessContext): Record<string, WasiFunction> {
  const { client, memory, rings, window } = ctx;
  const data = client.views.data;
  const inlineInput = client.views.inlineInput;
  const capacity = client.capacity;

  /** One syscall; returns its errno after acting on notices. */
  const sys = (number: Sys, args: ArrayLike<number | bigint> = [], inputLength = 0): number =>
    ctx.call(number, args, inputLength);

  /** Copies `length` bytes of guest memory at `pointer` into the channel as input. */
  const inputFromGuest = (pointer: number, length: number): number => {
    if (length > capacity) throw new GuestFault(Errno.ENAMETOOLONG);
    data.set(memory.slice(pointer >>> 0, length));
    return length;
  };

  /** Two guest strings as input, separated by NUL. */
  const twoPathsFromGuest = (p1: number, l1: number, p2: number, l2: number): number => {
    if (l1 + l2 + 1 > capacity) throw new GuestFault(Errno.ENAMETOOLONG);
    data.set(memory.slice(p1 >>> 0, l1));
    data[l1] = 0;
    data.set(memory.slice(p2 >>> 0, l2), l1 + 1);
    return l1 + l2 + 1;
  };

  const setU32 = (pointer: number, value: number) =>
    memory.view().setUint32(pointer >>> 0, value, true);
  const setU64 = (pointer: number, value: bigint) =>
    memory.view().setBigUint64(pointer >>> 0, BigInt.asUintN(64, value), true);

  const vectors = new IoVectors();

  /**
   * Shared body of fd_write, fd_pwrite and sock_send: gathers iovecs into
   * chunks of the channel's size; `send(length, done)` makes one call for a
   * chunk of `length` bytes after `done` bytes were written. The first
   * `skip` bytes were written already (into a pipe's ring).
   */
  const gatherWrite = (
    iovs: number,
    count: number,
    written: number,
    send: (length: number, done: number) => number,
    skip = 0,
  ): number => {
    vectors.read(memory, iovs, count);
    let total = skip;
    let vector = 0;
    let within = skip;
    while (vector < vectors.count && within >= vectors.length(vector)) {
      within -= vectors.length(vector);
      vector++;
    }
    for (;;) {
      let filled = 0;
      const bytes = memory.bytes();
      while (vector < vectors.count && filled < capacity) {
        const base = vectors.base(vector);
        const length = vectors.length(vector);
        const n = Math.min(length - within, capacity - filled);
        data.set(bytes.subarray(base + within, base + within + n), filled);
        filled += n;
        within += n;
        if (within === length) {
          vector++;
          within = 0;
        }
      }
      const errno = send(filled, total);
      if (errno !== Errno.SUCCESS) {
        if (total > 0) break; // report what was written, as write(2) does
        return errno;
      }
      const n = client.resultNumber();
      total += n;
      if (n < filled || vector >= vectors.count) break;
    }
    setU32(written, total);
    return Errno.SUCCESS;
  };

  /** The arguments of a call with one (an fd) or two, reused: no array per call. */
  const fdArgument = [0];
  const readArguments = [0, 0];

  /** fd_write of vectors (read already) that fit the channel in one call. */
  const writeOnce = (fd: number, written: number): number => {
    const bytes = memory.bytes();
    // A few bytes go in the state's cache line (INPUT_INLINE), not in data.
    const inline = vectors.total <= INLINE_INPUT_SIZE;
    const target = inline ? inlineInput : data;
    let filled = 0;
    for (let i = 0; i < vectors.count; i++) {
      const base = vectors.base(i);
      const length = vectors.length(i);
      if (length <= SMALL_COPY) {
        // A few bytes: copied one by one, without making a view for set().
        for (let j = 0; j < length; j++) target[filled + j] = bytes[base + j]!;
      } else {
        target.set(bytes.subarray(base, base + length), filled);
      }
      filled += length;
    }
    fdArgument[0] = fd;
    const errno = sys(Sys.FD_WRITE, fdArgument, inline ? filled | INPUT_INLINE : filled);
    if (errno !== Errno.SUCCESS) return errno;
    setU32(written, client.resultNumber());
    return Errno.SUCCESS;
  };

  /** Shared body of fd_read and fd_pread: one call, up to the channel's size. */
  const scatterRead = (
    fd: number,
    iovs: number,
    count: number,
    read: number,
    offset: bigint | undefined,
  ): number => {
    const wanted = Math.min(vectors.read(memory, iovs, count).total, capacity);
    readArguments[0] = fd;
    readArguments[1] = wanted;
    const errno =
      offset === undefined
        ? sys(Sys.FD_READ, readArguments)
        : sys(Sys.FD_PREAD, [fd, wanted, offset]);
    if (errno !== Errno.SUCCESS) return errno;
    setU32(read, vectors.scatter(memory, client.output()));
    return Errno.SUCCESS;
  };

  /** Writes a list of strings as WASI wants for args_get/environ_get. */
  const putStrings = (strings: string[], pointers: number, buffer: number): number => {
    const view = memory.view();
    const bytes = memory.bytes();
    let at = buffer >>> 0;
    strings.forEach((value, i) => {
      const encoded = encoder.encode(value);
      view.setUint32((pointers >>> 0) + i * 4, at, true);
      bytes.set(encoded, at);
      bytes[at + encoded.length] = 0;
      at += encoded.length + 1;
    });
    return Errno.SUCCESS;
  };

  const putSizes = (strings: string[], countPointer: number, sizePointer: number): number => {
    setU32(countPointer, strings.length);
    setU32(
      sizePointer,
      strings.reduce((sum, s) => sum + encoder.encode(s).length + 1, 0),
    );
    return Errno.SUCCESS;
  };

  const nowNanoseconds = (id: number): bigint | undefined => {
    const now = performance.timeOrigin + performance.now();
    switch (id) {
      case ClockId.REALTIME:
        return BigInt(Math.round(now * 1e6));
      case ClockId.MONOTONIC:
        return BigInt(Math.round((now - ctx.bootTime) * 1e6));
      case ClockId.PROCESS_CPUTIME_ID:
      case ClockId.THREAD_CPUTIME_ID:
        // The kernel's account (getrusage: user and system µs); a worker cannot measure its own CPU use.
        if (sys(Sys.GETRUSAGE, [0]) !== Errno.SUCCESS) return undefined;
        return (client.result(0) + client.result(1)) * 1000n;
      default:
        return undefined;
    }
  };

  /** Output bytes (a struct the kernel already encoded) copied to `pointer`. */
  const outputTo = (pointer: number, errno: number): number => {
    if (errno !== Errno.SUCCESS) return errno;
    memory.slice(pointer >>> 0, client.outputLength).set(client.output());
    return Errno.SUCCESS;
  };

  const functions = {
    args_get: (argv: number, buffer: number) => putStrings(ctx.argv, argv, buffer),
    args_sizes_get: (count: number, size: number) => putSizes(ctx.argv, count, size),
    environ_get: (environ: number, buffer: number) => putStrings(ctx.env, environ, buffer),
    environ_sizes_get: (count: number, size: number) => putSizes(ctx.env, count, size),

    clock_res_get: (id: number, resolution: number) => {
      if (nowNanoseconds(id) === undefined) return Errno.EINVAL;
      setU64(resolution, 1000n);
      return Errno.SUCCESS;
    },
    clock_time_get: (id: number, _precision: bigint, time: number) => {
      const now = nowNanoseconds(id);
      if (now === undefined) return Errno.EINVAL;
      setU64(time, now);
      return Errno.SUCCESS;
    },

    fd_advise: (fd: number, offset: bigint, length: bigint, advice: number) =>
      sys(Sys.FD_ADVISE, [fd, offset, length, advice]),
    fd_allocate: (fd: number, offset: bigint, length: bigint) =>
      sys(Sys.FD_ALLOCATE, [fd, offset, length]),
    fd_close: (fd: number) => sys(Sys.FD_CLOSE, [fd]),
    fd_datasync: (fd: number) => sys(Sys.FD_DATASYNC, [fd]),
    fd_fdstat_get: (fd: number, stat: number) => {
      const errno = sys(Sys.FD_FDSTAT_GET, [fd]);
      if (errno !== Errno.SUCCESS) return errno;
      const view = memory.view();
      memory.slice(stat >>> 0, 24);
      view.setUint8(stat >>> 0, Number(client.result(0)));
      view.setUint16((stat >>> 0) + 2, Number(client.result(1)), true);
      view.setBigUint64((stat >>> 0) + 8, BigInt.asUintN(64, client.result(2)), true);
      view.setBigUint64((stat >>> 0) + 16, BigInt.asUintN(64, client.result(3)), true);
      return Errno.SUCCESS;
    },
    fd_fdstat_set_flags: (fd: number, flags: number) => sys(Sys.FD_FDSTAT_SET_FLAGS, [fd, flags]),
    fd_fdstat_set_rights: (fd: number, base: bigint, inheriting: bigint) =>
      sys(Sys.FD_FDSTAT_SET_RIGHTS, [fd, base, inheriting]),
    fd_filestat_get: (fd: number, stat: number) => outputTo(stat, sys(Sys.FD_FILESTAT_GET, [fd])),
    fd_filestat_set_size: (fd: number, size: bigint) => sys(Sys.FD_FILESTAT_SET_SIZE, [fd, size]),
    fd_filestat_set_times: (fd: number, atim: bigint, mtim: bigint, flags: number) =>
      sys(Sys.FD_FILESTAT_SET_TIMES, [fd, atim, mtim, flags]),
    fd_pread: (fd: number, iovs: number, count: number, offset: bigint, read: number) =>
      scatterRead(fd, iovs, count, read, offset),
    fd_prestat_get: (fd: number, prestat: number) => {
      const errno = sys(Sys.FD_PRESTAT_GET, [fd]);
      if (errno !== Errno.SUCCESS) return errno;
      memory.slice(prestat >>> 0, 8);
      const view = memory.view();
      view.setUint32(prestat >>> 0, Number(client.result(0)), true);
      view.setUint32((prestat >>> 0) + 4, Number(client.result(1)), true);
      return Errno.SUCCESS;
    },
    fd_prestat_dir_name: (fd: number, path: number, length: number) => {
      const errno = sys(Sys.FD_PRESTAT_DIR_NAME, [fd]);
      if (errno !== Errno.SUCCESS) return errno;
      const name = client.output();
      memory.slice(path >>> 0, Math.min(length, name.length)).set(name.subarray(0, length));
      return Errno.SUCCESS;
    },
    fd_pwrite: (fd: number, iovs: number, count: number, offset: bigint, written: number) =>
      gatherWrite(iovs, count, written, (length, done) =>
        sys(Sys.FD_PWRITE, [fd, offset + BigInt(done)], length),
      ),
    fd_read: (fd: number, iovs: number, count: number, read: number) => {
      if (window?.serves(fd)) {
        const n = window.read(memory.bytes(), vectors.read(memory, iovs, count));
        if (n > 0) {
          setU32(read, n);
          return Errno.SUCCESS;
        }
      }
      const ring = rings ? rings.entry(fd, FD_MAP_READ) : 0;
      if (ring !== 0) {
        const n = rings!.read(ring, memory.bytes(), vectors.read(memory, iovs, count));
        if (n > 0) {
          setU32(read, n);
          return Errno.SUCCESS;
        }
      }
      return scatterRead(fd, iovs, count, read, undefined);
    },
    fd_readdir: (fd: number, buffer: number, length: number, cookie: bigint, used: number) =>
      readdir(fd, buffer >>> 0, length >>> 0, cookie, used),
    fd_renumber: (from: number, to: number) => sys(Sys.FD_RENUMBER, [from, to]),
    fd_seek: (fd: number, offset: bigint, whence: number, result: number) => {
      const errno = sys(Sys.FD_SEEK, [fd, offset, whence]);
      if (errno !== Errno.SUCCESS) return errno;
      setU64(result, client.result());
      return Errno.SUCCESS;
    },
    fd_sync: (fd: number) => sys(Sys.FD_SYNC, [fd]),
    fd_tell: (fd: number, result: number) => {
      const errno = sys(Sys.FD_TELL, [fd]);
      if (errno !== Errno.SUCCESS) return errno;
      setU64(result, client.result());
      return Errno.SUCCESS;
    },
    fd_write: (fd: number, iovs: number, count: number, written: number) => {
      const ring = rings ? rings.entry(fd, FD_MAP_WRITE) : 0;
      vectors.read(memory, iovs, count);
      let fast = 0;
      if (ring !== 0) {
        fast = rings!.write(ring, memory.bytes(), vectors);
        if (fast === vectors.total) {
          setU32(written, fast);
          return Errno.SUCCESS;
        }
      } else if (vectors.total <= capacity) {
        return writeOnce(fd, written);
      }
      return gatherWrite(iovs, count, written, (length) => sys(Sys.FD_WRITE, [fd], length), fast);
    },

    path_create_directory: (fd: number, path: number, length: number) =>
      sys(Sys.PATH_CREATE_DIRECTORY, [fd], inputFromGuest(path, length)),
    path_filestat_get: (fd: number, flags: number, path: number, length: number, stat: number) =>
      outputTo(stat, sys(Sys.PATH_FILESTAT_GET, [fd, flags], inputFromGuest(path, length))),
    path_filestat_set_times: (
      fd: number,
      flags: number,
      path: number,
      length: number,
      atim: bigint,
      mtim: bigint,
      fstflags: number,
    ) =>
      sys(
        Sys.PATH_FILESTAT_SET_TIMES,
        [fd, flags, atim, mtim, fstflags],
        inputFromGuest(path, length),
      ),
    path_link: (
      oldFd: number,
      oldFlags: number,
      oldPath: number,
      oldLength: number,
      newFd: number,
      newPath: number,
      newLength: number,
    ) =>
      sys(
        Sys.PATH_LINK,
        [oldFd, oldFlags, newFd],
        twoPathsFromGuest(oldPath, oldLength, newPath, newLength),
      ),
    path_open: (
      fd: number,
      dirflags: number,
      path: number,
      length: number,
      oflags: number,
      base: bigint,
      inheriting: bigint,
      fdflags: number,
      opened: number,
    ) => {
      const errno = sys(
        Sys.PATH_OPEN,
        [fd, dirflags, oflags, base, inheriting, fdflags],
        inputFromGuest(path, length),
      );
      if (errno !== Errno.SUCCESS) return errno;
      setU32(opened, Number(client.result()));
      return Errno.SUCCESS;
    },
    path_readlink: (
      fd: number,
      path: number,
      length: number,
      buffer: number,
      size: number,
      used: number,
    ) => {
      const errno = sys(Sys.PATH_READLINK, [fd, size], inputFromGuest(path, length));
      if (errno !== Errno.SUCCESS) return errno;
      const target = client.output().subarray(0, size >>> 0);
      memory.slice(buffer >>> 0, target.length).set(target);
      setU32(used, target.length);
      return Errno.SUCCESS;
    },
    path_remove_directory: (fd: number, path: number, length: number) =>
      sys(Sys.PATH_REMOVE_DIRECTORY, [fd], inputFromGuest(path, length)),
    path_rename: (
      fd: number,
      oldPath: number,
      oldLength: number,
      newFd: number,
      newPath: number,
      newLength: number,
    ) =>
      sys(Sys.PATH_RENAME, [fd, newFd], twoPathsFromGuest(oldPath, oldLength, newPath, newLength)),
    path_symlink: (
      target: number,
      targetLength: number,
      fd: number,
      path: number,
      length: number,
    ) => sys(Sys.PATH_SYMLINK, [fd], twoPathsFromGuest(target, targetLength, path, length)),
    path_unlink_file: (fd: number, path: number, length: number) =>
      sys(Sys.PATH_UNLINK_FILE, [fd], inputFromGuest(path, length)),

    poll_oneoff: (subscriptions: number, events: number, count: number, eventCount: number) => {
      if (count === 0) return Errno.EINVAL;
      if (count * SUBSCRIPTION_SIZE > capacity) return Errno.EINVAL;
      const errno = sys(
        Sys.POLL_ONEOFF,
        [count],
        inputFromGuest(subscriptions, count * SUBSCRIPTION_SIZE),
      );
      if (errno !== Errno.SUCCESS) return errno;
      const n = Number(client.result());
      memory.slice(events >>> 0, n * EVENT_SIZE).set(client.output().subarray(0, n * EVENT_SIZE));
      setU32(eventCount, n);
      return Errno.SUCCESS;
    },
    proc_exit: (code: number) => {
      client.call(Sys.PROC_EXIT, [code]);
      throw new ProcessExit('exit');
    },
    proc_raise: (signal: number) => sys(Sys.PROC_RAISE, [signal]),
    sched_yield: () => sys(Sys.SCHED_YIELD),
    random_get: (buffer: number, length: number) => {
      const target = memory.slice(buffer >>> 0, length >>> 0);
      // getRandomValues refuses views of shared memory and more than 64 KiB at once.
      for (let at = 0; at < target.length; at += 65536) {
        const chunk = new Uint8Array(Math.min(65536, target.length - at));
        crypto.getRandomValues(chunk);
        target.set(chunk, at);
      }
      return Errno.SUCCESS;
    },

    sock_accept: (fd: number, flags: number, accepted: number) => {
      const errno = sys(Sys.SOCK_ACCEPT, [fd, flags]);
      if (errno !== Errno.SUCCESS) return errno;
      setU32(accepted, Number(client.result()));
      return Errno.SUCCESS;
    },
    sock_recv: (
      fd: number,
      iovs: number,
      count: number,
      flags: number,
      received: number,
      oflags: number,
    ) => {
      const wanted = Math.min(vectors.read(memory, iovs, count).total, capacity);
      const errno = sys(Sys.SOCK_RECV, [fd, wanted, flags]);
      if (errno !== Errno.SUCCESS) return errno;
      setU32(received, vectors.scatter(memory, client.output()));
      memory.view().setUint16(oflags >>> 0, Number(client.result(1)), true);
      return Errno.SUCCESS;
    },
    sock_send: (fd: number, iovs: number, count: number, flags: number, sent: number) =>
      gatherWrite(iovs, count, sent, (length) => sys(Sys.SOCK_SEND, [fd, flags], length)),
    sock_shutdown: (fd: number, how: number) => sys(Sys.SOCK_SHUTDOWN, [fd, how]),
  };

  /**
   * fd_readdir. A buffer that fits the channel takes one call, passed on as
   * is: a full buffer (bufused == buf_len) tells wasi-libc to call again.
   * A larger buffer is filled by several calls, each continuing from the
   * cookie of the last entry that arrived whole.
   */
  function readdir(
    fd: number,
    buffer: number,
    length: number,
    cookie: bigint,
    used: number,
  ): number {
    memory.slice(buffer, length);
    if (length <= capacity) {
      const errno = sys(Sys.FD_READDIR, [fd, cookie, length]);
      if (errno !== Errno.SUCCESS) return errno;
      memory.bytes().set(client.output(), buffer);
      setU32(used, client.outputLength);
      return Errno.SUCCESS;
    }
    let filled = 0;
    let next = cookie;
    while (filled < length) {
      const want = Math.min(length - filled, capacity);
      const errno = sys(Sys.FD_READDIR, [fd, next, want]);
      if (errno !== Errno.SUCCESS) return errno;
      const output = client.output();
      memory.bytes().set(output, buffer + filled);
      if (output.length < want || want < capacity) {
        filled += output.length; // the directory ended, or the guest's buffer is full
        break;
      }
      const whole = lastWholeEntry(output);
      if (whole.end === 0) {
        filled += output.length;
        break;
      }
      filled += whole.end;
      next = whole.next;
    }
    setU32(used, filled);
    return Errno.SUCCESS;
  }

  return wrapFaults(functions as unknown as Record<string, WasiFunction>);
}

/** Finds the end and d_next of the last dirent wholly inside `bytes`. */
function lastWholeEntry(bytes: Uint8Array): { end: number; next: bigint } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  let result = { end: 0, next: 0n };
  while (at + DIRENT_SIZE <= bytes.length) {
    const nameLength = view.getUint32(at + 16, true);
    const end = at + DIRENT_SIZE + nameLength;
    if (end > bytes.length) break;
    result = { end, next: view.getBigUint64(at, true) };
    at = end;
  }
  return result;
}

/** Turns a bad pointer from the program into the errno it deserves. */
export function wrapFaults(functions: Record<string, WasiFunction>): Record<string, WasiFunction> {
  const wrapped: Record<string, WasiFunction> = {};
  for (const [name, fn] of Object.entries(functions)) {
    wrapped[name] = wrapFault(fn as (...args: unknown[]) => number);
  }
  return wrapped;
}

/**
 * One function wrapped, with as many parameters as it has: this wrapper
 * runs for every call a program makes, and passing more arguments than a
 * function declares costs V8 an adaptation on each call.
 */
function wrapFault(call: (...args: unknown[]) => number): WasiFunction {
  let wrapped: (...args: unknown[]) => number;
  switch (call.length) {
    case 0:
    case 1:
      wrapped = (a) => {
        try {
          return call(a);
        } catch (error) {
          return faultErrno(error);
        }
      };
      break;
    case 2:
      wrapped = (a, b) => {
        try {
          return call(a, b);
        } catch (error) {
          return faultErrno(error);
        }
      };
      break;
    case 3:
      wrapped = (a, b, c) => {
        try {
          return call(a, b, c);
        } catch (error) {
          return faultErrno(error);
        }
      };
      break;
    case 4:
      wrapped = (a, b, c, d) => {
        try {
          return call(a, b, c, d);
        } catch (error) {
          return faultErrno(error);
        }
      };
      break;
    default:
      // Fixed parameters (WASI's widest function takes nine), not a rest array.
      wrapped = (a, b, c, d, e, f, g, h, i) => {
        try {
          return call(a, b, c, d, e, f, g, h, i);
        } catch (error) {
          return faultErrno(error);
        }
      };
  }
  return wrapped as WasiFunction;
}

/** The errno for a bad pointer or length from the program; anything else is rethrown. */
function faultErrno(error: unknown): number {
  if (error instanceof GuestFault) return error.errno;
  if (error instanceof RangeError && !(error instanceof WebAssembly.RuntimeError)) {
    // DataView bounds: a pointer past the end of memory.
    if (/offset|bounds/i.test(error.message)) return Errno.EFAULT;
  }
  throw error;
}
