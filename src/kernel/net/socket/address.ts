// Socket addresses as Linux lays them out (struct sockaddr_in, sockaddr_un)
// and as the kernel keeps them. An IPv4 address is a u32 in host order
// (127.0.0.1 is 0x7f000001); on the wire the port and address are in
// network byte order after a little-endian u16 family, as on x86 Linux.
import { AF_INET, AF_UNIX, AF_UNSPEC } from '../../abi/socket.ts';
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import { decodeUtf8, encodeUtf8 } from '../../utf8.ts';

export interface InetAddress {
  family: typeof AF_INET;
  /** The IPv4 address, host order. */
  address: number;
  port: number;
}

export interface UnixAddress {
  family: typeof AF_UNIX;
  /** The path, or for an abstract name its bytes after the leading NUL, or '' if unnamed. */
  path: string;
  abstract: boolean;
  /** For a path, the socket bound to its inode, as the syscall layer resolved it (unix-path.ts). */
  socket?: object;
}

export type SocketAddress = InetAddress | UnixAddress;

export const SOCKADDR_IN_SIZE = 16;
/** sizeof(struct sockaddr_un): family and 108 bytes of path. */
export const SOCKADDR_UN_SIZE = 110;
const UNIX_PATH_MAX = 108;

export const INADDR_ANY = 0;
export const INADDR_LOOPBACK = 0x7f000001;

export function inet(address: number, port: number): InetAddress {
  return { family: AF_INET, address: address >>> 0, port };
}

/** The family a sockaddr starts with (EINVAL when too short to have one). */
export function familyOf(bytes: Uint8Array): number {
  if (bytes.length < 2) fail(Errno.EINVAL);
  return bytes[0]! | (bytes[1]! << 8);
}

/**
 * Decodes a sockaddr for a socket of `family`: EINVAL if it is too short,
 * EAFNOSUPPORT if it is another family (AF_UNSPEC is returned as is, for
 * connect's "dissolve the association" on datagram sockets).
 */
export function decodeAddress(bytes: Uint8Array, family: number): SocketAddress | undefined {
  const given = familyOf(bytes);
  if (given === AF_UNSPEC && family === AF_INET) return undefined;
  if (family === AF_INET) {
    if (bytes.length < SOCKADDR_IN_SIZE) fail(Errno.EINVAL);
    if (given !== AF_INET) fail(Errno.EAFNOSUPPORT);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return inet(view.getUint32(4, false), view.getUint16(2, false));
  }
  if (given !== AF_UNIX) fail(Errno.EINVAL);
  const raw = bytes.subarray(2, Math.min(bytes.length, 2 + UNIX_PATH_MAX));
  if (raw.length === 0) return { family: AF_UNIX, path: '', abstract: false };
  if (raw[0] === 0) {
    return { family: AF_UNIX, path: decodeUtf8(raw.subarray(1)), abstract: true };
  }
  const end = raw.indexOf(0);
  const path = decodeUtf8(end < 0 ? raw : raw.subarray(0, end));
  return { family: AF_UNIX, path, abstract: false };
}

export function encodeAddress(address: SocketAddress): Uint8Array {
  if (address.family === AF_INET) {
    const bytes = new Uint8Array(SOCKADDR_IN_SIZE);
    const view = new DataView(bytes.buffer);
    view.setUint16(0, AF_INET, true);
    view.setUint16(2, address.port, false);
    view.setUint32(4, address.address, false);
    return bytes;
  }
  const path = encodeUtf8(address.path);
  // Linux returns the family alone for an unnamed socket, and the name with
  // its terminating NUL for a path (abstract names have no terminator).
  if (!address.abstract && path.length === 0) return new Uint8Array([AF_UNIX, 0]);
  const bytes = new Uint8Array(
    2 + (address.abstract ? 1 : 0) + path.length + (address.abstract ? 0 : 1),
  );
  bytes[0] = AF_UNIX;
  bytes.set(path, address.abstract ? 3 : 2);
  return bytes;
}

/** Dotted quad of a host-order IPv4 address. */
export function formatInet(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join('.');
}

export function isLoopback(address: number): boolean {
  return address >>> 24 === 127;
}

export function sameAddress(a: SocketAddress, b: SocketAddress): boolean {
  if (a.family === AF_INET && b.family === AF_INET)
    return a.address === b.address && a.port === b.port;
  if (a.family === AF_UNIX && b.family === AF_UNIX)
    return a.path === b.path && a.abstract === b.abstract;
  return false;
}
