// socket(2) and socketpair(2): which families and types exist, and the
// errors Linux gives for the others.
import { Errno } from '../../abi/errno.ts';
import {
  AF_INET,
  AF_INET6,
  AF_UNIX,
  IPPROTO_IP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  SOCK_DGRAM,
  SOCK_STREAM,
} from '../../abi/socket.ts';
import { fail } from '../../errors.ts';
import type { NetStack } from '../stack.ts';
import { DatagramSocket } from './datagram-socket.ts';
import type { Socket } from './socket.ts';
import { StreamSocket } from './stream-socket.ts';

export interface SocketOwner {
  uid: number;
  gid: number;
}

export function createSocket(
  stack: NetStack,
  family: number,
  type: number,
  protocol: number,
  owner: SocketOwner,
  flags: number,
): Socket {
  if (family === AF_INET6) fail(Errno.EAFNOSUPPORT);
  if (family !== AF_INET && family !== AF_UNIX) fail(Errno.EAFNOSUPPORT);
  if (type !== SOCK_STREAM && type !== SOCK_DGRAM) fail(Errno.EPROTONOSUPPORT);
  if (family === AF_INET) {
    const expected = type === SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
    if (protocol !== IPPROTO_IP && protocol !== expected) fail(Errno.EPROTONOSUPPORT);
  } else if (protocol !== 0) {
    fail(Errno.EPROTONOSUPPORT);
  }
  return type === SOCK_STREAM
    ? new StreamSocket(family, stack, owner.uid, owner.gid, flags)
    : new DatagramSocket(family, stack, owner.uid, owner.gid, flags);
}

export function createSocketPair(
  stack: NetStack,
  family: number,
  type: number,
  protocol: number,
  owner: SocketOwner,
  flags: number,
): [Socket, Socket] {
  if (family === AF_INET) fail(Errno.ENOTSUP);
  if (family !== AF_UNIX) fail(Errno.EAFNOSUPPORT);
  if (protocol !== 0) fail(Errno.EPROTONOSUPPORT);
  if (type === SOCK_STREAM) {
    const [a, b] = StreamSocket.pair(family, stack, owner.uid, owner.gid, flags);
    return [a, b];
  }
  if (type !== SOCK_DGRAM) fail(Errno.EPROTONOSUPPORT);
  const a = new DatagramSocket(family, stack, owner.uid, owner.gid, flags);
  const b = new DatagramSocket(family, stack, owner.uid, owner.gid, flags);
  // Unnamed, each connected to the other by reference.
  a.connect({ family: AF_UNIX, path: '', abstract: false, socket: b });
  b.connect({ family: AF_UNIX, path: '', abstract: false, socket: a });
  return [a, b];
}
