// The socket calls of the extension (socket, bind, listen, accept4,
// connect, getsockname, getpeername, sendto, recvfrom, shutdown,
// setsockopt, getsockopt, socketpair), over the caller's network namespace.
// The sockets themselves are in net/socket/; read, write, close, poll,
// fcntl and ioctl reach them through the ordinary fd calls.
import { Errno } from '../abi/errno.ts';
import {
  AF_UNIX,
  MSG_DONTWAIT,
  MSG_NOSIGNAL,
  MSG_PEEK,
  MSG_TRUNC,
  MSG_WAITALL,
  SHUT_RDWR,
  SOCK_CLOEXEC,
  SOCK_NONBLOCK,
  SOCK_TYPE_MASK,
} from '../abi/socket.ts';
import { Sys } from '../abi/syscalls.ts';
import { fail } from '../errors.ts';
import { encodeAddress } from '../net/socket/address.ts';
import { createSocket, createSocketPair } from '../net/socket/create-socket.ts';
import { bindPath } from '../net/socket/unix-path.ts';
import type { Call, SyscallEntry } from './call.ts';
import { after, blockingWait, vfsContext } from './fs-context.ts';
import { addressArg, install, raisingSigpipe, socketArg, socketFlags } from './socket-support.ts';
import { wasiSocketSyscalls } from './socket-wasi.ts';

/** The bytes recvfrom reserves for the sender's address before the data. */
const ADDRESS_SLOT = 128;

/** A size_t argument: a negative one from C is a huge size, as the kernel reads it. */
export function lengthArg(call: Call, index: number): number {
  const length = call.arg(index);
  return length < 0 ? Number.MAX_SAFE_INTEGER : length;
}

function owner(call: Call) {
  return { uid: call.process.credentials.euid, gid: call.process.credentials.egid };
}

function socket(call: Call): number {
  const type = call.arg(1);
  const { fdflags, cloexec } = socketFlags(type & ~SOCK_TYPE_MASK);
  const stack = call.process.namespaces.net.stack;
  const created = createSocket(
    stack,
    call.arg(0),
    type & SOCK_TYPE_MASK,
    call.arg(2),
    owner(call),
    fdflags,
  );
  return install(call, created, cloexec);
}

function socketpair(call: Call): number {
  const type = call.arg(1);
  const { fdflags, cloexec } = socketFlags(type & ~SOCK_TYPE_MASK);
  const stack = call.process.namespaces.net.stack;
  const [a, b] = createSocketPair(
    stack,
    call.arg(0),
    type & SOCK_TYPE_MASK,
    call.arg(2),
    owner(call),
    fdflags,
  );
  const first = install(call, a, cloexec);
  try {
    call.results[1] = BigInt(install(call, b, cloexec));
  } catch (error) {
    call.process.fds.close(first);
    throw error;
  }
  return first;
}

function bind(call: Call): void {
  const target = socketArg(call);
  const address = addressArg(call, call.input, target, false);
  if (!address) return fail(Errno.EAFNOSUPPORT);
  if (address.family === AF_UNIX && !address.abstract && address.path !== '') {
    const name = target.localAddress();
    if (name.family === AF_UNIX && (name.abstract || name.path !== '')) fail(Errno.EINVAL);
    bindPath(vfsContext(call.process), call.process.cwd, address.path, target);
  }
  target.bind(address);
}

function listen(call: Call): void {
  socketArg(call).listen(call.arg(1) | 0);
}

function accept4(call: Call): number | Promise<number> {
  const listener = socketArg(call);
  const { fdflags, cloexec } = socketFlags(call.arg(1));
  const nonblocking = listener.nonblocking;
  const accepted = listener.accept(nonblocking, blockingWait(call.process));
  return after(accepted, (socket) => {
    socket.flags = fdflags;
    call.output(encodeAddress(socket.peerAddressOrUnnamed()));
    return install(call, socket, cloexec);
  });
}

function connect(call: Call): void | Promise<void> {
  const target = socketArg(call);
  const address = addressArg(call, call.input, target, true);
  return target.connect(address, blockingWait(call.process));
}

function getsockname(call: Call): void {
  call.output(encodeAddress(socketArg(call).localAddress()));
}

function getpeername(call: Call): void {
  call.output(encodeAddress(socketArg(call).peerAddress()));
}

function sendto(call: Call): number | Promise<number> {
  const target = socketArg(call);
  const flags = call.arg(1);
  const addressLength = call.arg(2);
  if (addressLength < 0 || addressLength > call.input.length) fail(Errno.EINVAL);
  const to =
    addressLength > 0
      ? addressArg(call, call.input.subarray(0, addressLength), target, true)
      : undefined;
  const data = call.input.subarray(addressLength);
  const nonblocking = target.nonblocking || (flags & MSG_DONTWAIT) !== 0;
  return raisingSigpipe(call, target, flags, () =>
    target.send(data, { to, nonblocking }, blockingWait(call.process)),
  );
}

function recvfrom(call: Call): number | Promise<number> {
  const target = socketArg(call);
  const length = lengthArg(call, 1);
  const flags = call.arg(2);
  const wantAddress = call.arg(3) !== 0;
  const options = {
    peek: (flags & MSG_PEEK) !== 0,
    nonblocking: target.nonblocking || (flags & MSG_DONTWAIT) !== 0,
    waitAll: (flags & MSG_WAITALL) !== 0,
  };
  const received = target.receive(length, options, blockingWait(call.process));
  return after(received, (r) => {
    if (wantAddress) {
      const address = r.from ? encodeAddress(r.from) : new Uint8Array(0);
      const output = new Uint8Array(ADDRESS_SLOT + r.data.length);
      output.set(address, 0);
      output.set(r.data, ADDRESS_SLOT);
      call.results[1] = BigInt(address.length);
      call.output(output);
    } else {
      call.output(r.data);
    }
    call.results[2] = BigInt(r.truncated ? MSG_TRUNC : 0);
    return flags & MSG_TRUNC ? r.fullLength : r.data.length;
  });
}

function shutdown(call: Call): void {
  const how = call.arg(1);
  const target = socketArg(call);
  if (how < 0 || how > SHUT_RDWR) fail(Errno.EINVAL);
  target.shutdown(how);
}

function setsockopt(call: Call): void {
  socketArg(call).setOption(call.arg(1), call.arg(2), call.input);
}

function getsockopt(call: Call): void {
  call.output(socketArg(call).getOption(call.arg(1), call.arg(2)));
}

const flagsNote = `SOCK_NONBLOCK ${SOCK_NONBLOCK}, SOCK_CLOEXEC ${SOCK_CLOEXEC}, MSG_NOSIGNAL ${MSG_NOSIGNAL}: Linux's values.`;

export const socketSyscalls: SyscallEntry[] = [
  ...wasiSocketSyscalls,
  {
    number: Sys.SOCKET,
    name: 'socket',
    handler: socket,
    support: 'partial',
    note: `AF_INET (TCP, UDP) and AF_UNIX (stream, datagram); no AF_INET6, raw or netlink sockets. ${flagsNote}`,
  },
  { number: Sys.SOCKETPAIR, name: 'socketpair', handler: socketpair, support: 'full' },
  {
    number: Sys.BIND,
    name: 'bind',
    handler: bind,
    support: 'partial',
    note: 'No TIME_WAIT: a port is free again when its last socket closes.',
  },
  { number: Sys.LISTEN, name: 'listen', handler: listen, support: 'full' },
  { number: Sys.ACCEPT4, name: 'accept4', handler: accept4, support: 'full' },
  {
    number: Sys.CONNECT,
    name: 'connect',
    handler: connect,
    support: 'partial',
    note: 'Only to this namespace (loopback and its own addresses). The handshake is immediate: a non-blocking TCP connect returns EINPROGRESS with the connection made.',
  },
  { number: Sys.GETSOCKNAME, name: 'getsockname', handler: getsockname, support: 'full' },
  { number: Sys.GETPEERNAME, name: 'getpeername', handler: getpeername, support: 'full' },
  {
    number: Sys.SENDTO,
    name: 'sendto',
    handler: sendto,
    support: 'partial',
    note: 'Flags honoured: MSG_DONTWAIT, MSG_NOSIGNAL (EPIPE raises SIGPIPE otherwise).',
  },
  {
    number: Sys.RECVFROM,
    name: 'recvfrom',
    handler: recvfrom,
    support: 'partial',
    note: 'Flags honoured: MSG_PEEK, MSG_DONTWAIT, MSG_WAITALL, MSG_TRUNC.',
  },
  { number: Sys.SHUTDOWN, name: 'shutdown', handler: shutdown, support: 'full' },
  {
    number: Sys.SETSOCKOPT,
    name: 'setsockopt',
    handler: setsockopt,
    support: 'partial',
    note: 'SO_REUSEADDR, SO_REUSEPORT, SO_KEEPALIVE, SO_BROADCAST, SO_SNDBUF, SO_RCVBUF, TCP_NODELAY (int values).',
  },
  {
    number: Sys.GETSOCKOPT,
    name: 'getsockopt',
    handler: getsockopt,
    support: 'partial',
    note: 'The options setsockopt takes, and SO_TYPE, SO_ERROR, SO_ACCEPTCONN, SO_DOMAIN, SO_PROTOCOL.',
  },
];
