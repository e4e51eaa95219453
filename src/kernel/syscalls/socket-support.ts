// What the socket syscalls share: the socket behind an fd (ENOTSOCK), the
// caller's view of AF_UNIX path names, flags, and installing new sockets.
import { Errno } from '../abi/errno.ts';
import { Signal } from '../abi/signals.ts';
import { AF_UNIX, MSG_NOSIGNAL, SOCK_CLOEXEC, SOCK_NONBLOCK, SOCK_STREAM } from '../abi/socket.ts';
import { FDFLAGS_NONBLOCK } from '../abi/wasi.ts';
import { fail, KernelError } from '../errors.ts';
import { decodeAddress, type SocketAddress } from '../net/socket/address.ts';
import type { Socket as SocketType } from '../net/socket/socket.ts';
import { Socket } from '../net/socket/socket.ts';
import { socketAtPath } from '../net/socket/unix-path.ts';
import { tableOf } from '../proc/process-table.ts';
import { sendSignal } from '../proc/signals.ts';
import type { Call } from './call.ts';
import { vfsContext } from './fs-context.ts';

/** The socket fd argument `index` stands for: EBADF when closed, ENOTSOCK when no socket. */
export function socketArg(call: Call, index = 0): SocketType {
  const file = call.process.fds.get(call.arg(index));
  return file instanceof Socket ? file : fail(Errno.ENOTSOCK);
}

/** SOCK_NONBLOCK and SOCK_CLOEXEC of socket(2)'s type or accept4(2)'s flags (EINVAL for others). */
export function socketFlags(flags: number, allowed = SOCK_NONBLOCK | SOCK_CLOEXEC) {
  if (flags & ~allowed) fail(Errno.EINVAL);
  return {
    fdflags: flags & SOCK_NONBLOCK ? FDFLAGS_NONBLOCK : 0,
    cloexec: (flags & SOCK_CLOEXEC) !== 0,
  };
}

/** Installs a new socket in the caller's table; releases it if the table is full. */
export function install(call: Call, socket: SocketType, cloexec: boolean): number {
  try {
    return call.process.fds.add(socket, cloexec);
  } catch (error) {
    if (socket.references === 0) socket.release();
    throw error;
  }
}

/**
 * A sockaddr the caller gave for `socket`, with an AF_UNIX path resolved to
 * the socket bound there when the address is a destination (`target`).
 */
export function addressArg(
  call: Call,
  bytes: Uint8Array,
  socket: SocketType,
  target: boolean,
): SocketAddress | undefined {
  const address = decodeAddress(bytes, socket.family);
  if (address?.family === AF_UNIX && !address.abstract && address.path !== '' && target) {
    address.socket = socketAtPath(vfsContext(call.process), call.process.cwd, address.path);
  }
  return address;
}

/**
 * EPIPE from a send on a stream socket raises SIGPIPE unless MSG_NOSIGNAL,
 * as sk_stream_error and unix_stream_sendmsg do; datagram sockets only fail.
 */
export function raisingSigpipe<T>(
  call: Call,
  socket: SocketType,
  flags: number,
  run: () => T | Promise<T>,
): T | Promise<T> {
  const raise = (error: unknown): never => {
    const raises = socket.type === SOCK_STREAM && !(flags & MSG_NOSIGNAL);
    if (error instanceof KernelError && error.errno === Errno.EPIPE && raises) {
      sendSignal(tableOf(call.process), call.process, Signal.SIGPIPE);
    }
    throw error;
  };
  let value: T | Promise<T>;
  try {
    value = run();
  } catch (error) {
    return raise(error);
  }
  return value instanceof Promise ? value.catch(raise) : value;
}
