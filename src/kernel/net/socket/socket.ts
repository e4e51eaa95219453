// A socket (Linux's struct socket with its sock): an open file description
// whose reads and writes go to a peer instead of a file. This is what every
// family and type share: the sockfs inode fstat and /proc/<pid>/fd show, the
// pending error (SO_ERROR), options, the waiters woken on every change, and
// the O_NONBLOCK flag. Each kind (stream-socket.ts, datagram-socket.ts)
// adds its own bind, connect, listen, accept, send and receive.
import { Errno } from '../../abi/errno.ts';
import {
  AF_INET,
  FIONREAD,
  IPPROTO_TCP,
  IPPROTO_UDP,
  SO_ACCEPTCONN,
  SO_BROADCAST,
  SO_DOMAIN,
  SO_ERROR,
  SO_KEEPALIVE,
  SO_PROTOCOL,
  SO_RCVBUF,
  SO_REUSEADDR,
  SO_REUSEPORT,
  SO_SNDBUF,
  SO_TYPE,
  SOCK_STREAM,
  SOL_SOCKET,
  TCP_NODELAY,
} from '../../abi/socket.ts';
import { FDFLAGS_NONBLOCK, Filetype } from '../../abi/wasi.ts';
import { fail } from '../../errors.ts';
import { FileSystem } from '../../fs/filesystem.ts';
import { OpenFile, type BlockingWait, type Readiness } from '../../fs/open-file.ts';
import { S_IFSOCK, type Stat } from '../../fs/stat.ts';
import type { NetStack } from '../stack.ts';
import type { SocketAddress } from './address.ts';
import { Waiters } from './waiters.ts';

/** sockfs: numbers socket inodes (`socket:[ino]`), never mounted. */
const sockfs = new FileSystem('sockfs');

/** What sendto and recvfrom carry beyond the bytes. */
export interface SendOptions {
  to?: SocketAddress;
  nonblocking: boolean;
}

export interface Received {
  data: Uint8Array;
  from?: SocketAddress;
  /** The datagram was longer than asked for (MSG_TRUNC). */
  truncated: boolean;
  /** The datagram's full length, for MSG_TRUNC's return value. */
  fullLength: number;
}

export interface ReceiveOptions {
  peek: boolean;
  nonblocking: boolean;
  waitAll: boolean;
}

export abstract class Socket extends OpenFile {
  readonly ino = sockfs.allocateIno();
  readonly waiters = new Waiters();
  /** The error a later call reports once (sk_err): ECONNREFUSED, ECONNRESET, EPIPE. */
  pendingError: Errno = Errno.SUCCESS;
  reuseAddress = false;
  reusePort = false;
  keepAlive = false;
  broadcast = false;
  noDelay = false;
  sendBuffer: number;
  receiveBuffer: number;
  private readonly created: bigint;

  constructor(
    /** AF_INET or AF_UNIX. */
    readonly family: number,
    /** SOCK_STREAM or SOCK_DGRAM. */
    readonly type: number,
    /** The namespace's stack the socket was made in, for good (Linux's sock_net). */
    readonly stack: NetStack,
    /** Who made it: the uid /proc/net shows and fstat reports. */
    readonly uid: number,
    readonly gid: number,
    flags: number,
  ) {
    super(true, true);
    this.flags = flags;
    const stream = type === SOCK_STREAM;
    this.sendBuffer = stream ? 16384 : 212992;
    this.receiveBuffer = stream ? 131072 : 212992;
    this.created = sockfs.now();
    this.waitReadiness = (wake) => this.waiters.add(wake);
    stack.sockets.add(this);
  }

  override get filetype(): Filetype {
    return this.type === SOCK_STREAM ? Filetype.SOCKET_STREAM : Filetype.SOCKET_DGRAM;
  }

  get nonblocking(): boolean {
    return (this.flags & FDFLAGS_NONBLOCK) !== 0;
  }

  get protocol(): number {
    if (this.family !== AF_INET) return 0;
    return this.type === SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
  }

  /** Wakes whoever waits on this socket. */
  changed(): void {
    this.waiters.wake();
  }

  /** Reports the pending error once, as sock_error() does. */
  takeError(): Errno {
    const error = this.pendingError;
    this.pendingError = Errno.SUCCESS;
    return error;
  }

  abstract bind(address: SocketAddress): void;
  abstract connect(address: SocketAddress | undefined, wait?: BlockingWait): void | Promise<void>;
  abstract localAddress(): SocketAddress;
  /** ENOTCONN when not connected. */
  abstract peerAddress(): SocketAddress;
  /** The address accept(2) reports: the peer's, even if it has gone since. */
  abstract peerAddressOrUnnamed(): SocketAddress;
  abstract send(
    data: Uint8Array,
    options: SendOptions,
    wait?: BlockingWait,
  ): number | Promise<number>;
  abstract receive(
    length: number,
    options: ReceiveOptions,
    wait?: BlockingWait,
  ): Received | Promise<Received>;
  abstract shutdown(how: number): void;
  /** Bytes a read would return now (FIONREAD). */
  abstract get queuedBytes(): number;

  listen(_backlog: number): void {
    fail(Errno.ENOTSUP);
  }

  accept(_nonblocking: boolean, _wait?: BlockingWait): Socket | Promise<Socket> {
    return fail(Errno.ENOTSUP);
  }

  get listening(): boolean {
    return false;
  }

  override read(length: number, wait?: BlockingWait): Uint8Array | Promise<Uint8Array> {
    const options = { peek: false, nonblocking: this.nonblocking, waitAll: false };
    const received = this.receive(length, options, wait);
    return received instanceof Promise ? received.then((r) => r.data) : received.data;
  }

  override write(data: Uint8Array, wait?: BlockingWait): number | Promise<number> {
    return this.send(data, { nonblocking: this.nonblocking }, wait);
  }

  override stat(): Stat {
    return {
      dev: sockfs.dev,
      ino: this.ino,
      mode: S_IFSOCK | 0o777,
      nlink: 1,
      uid: this.uid,
      gid: this.gid,
      rdev: 0,
      size: 0,
      blksize: 4096,
      blocks: 0,
      atime: this.created,
      mtime: this.created,
      ctime: this.created,
    };
  }

  override ioctl(request: number, _argument: Uint8Array): Uint8Array {
    if (request !== FIONREAD) return fail(Errno.ENOTTY);
    if (this.listening) fail(Errno.EINVAL);
    return int32(this.queuedBytes);
  }

  abstract override readiness(): Readiness;

  /** getsockopt(2): the option's value as a 4-byte int. */
  getOption(level: number, name: number): Uint8Array {
    if (level === SOL_SOCKET) {
      switch (name) {
        case SO_TYPE:
          return int32(this.type);
        case SO_ERROR:
          // errno values as the program's libc numbers them (WASI's), like errno itself.
          return int32(this.takeError());
        case SO_REUSEADDR:
          return int32(this.reuseAddress ? 1 : 0);
        case SO_REUSEPORT:
          return int32(this.reusePort ? 1 : 0);
        case SO_KEEPALIVE:
          return int32(this.keepAlive ? 1 : 0);
        case SO_BROADCAST:
          return int32(this.broadcast ? 1 : 0);
        case SO_SNDBUF:
          return int32(this.sendBuffer);
        case SO_RCVBUF:
          return int32(this.receiveBuffer);
        case SO_ACCEPTCONN:
          return int32(this.listening ? 1 : 0);
        case SO_DOMAIN:
          return int32(this.family);
        case SO_PROTOCOL:
          return int32(this.protocol);
      }
      return fail(Errno.ENOPROTOOPT);
    }
    if (level === IPPROTO_TCP && this.protocol === IPPROTO_TCP && name === TCP_NODELAY) {
      return int32(this.noDelay ? 1 : 0);
    }
    return fail(Errno.ENOPROTOOPT);
  }

  /** setsockopt(2): int options only (EINVAL for a value shorter than an int). */
  setOption(level: number, name: number, value: Uint8Array): void {
    if (value.length < 4) fail(Errno.EINVAL);
    const n = new DataView(value.buffer, value.byteOffset, 4).getInt32(0, true);
    if (level === SOL_SOCKET) {
      switch (name) {
        case SO_REUSEADDR:
          this.reuseAddress = n !== 0;
          return;
        case SO_REUSEPORT:
          this.reusePort = n !== 0;
          return;
        case SO_KEEPALIVE:
          this.keepAlive = n !== 0;
          return;
        case SO_BROADCAST:
          this.broadcast = n !== 0;
          return;
        // Linux doubles the size asked for (bookkeeping overhead) and has floors.
        case SO_SNDBUF:
          this.sendBuffer = Math.max(4608, Math.min(n, 212992) * 2);
          return;
        case SO_RCVBUF:
          this.receiveBuffer = Math.max(2304, Math.min(n, 212992) * 2);
          return;
      }
      return fail(Errno.ENOPROTOOPT);
    }
    if (level === IPPROTO_TCP && this.protocol === IPPROTO_TCP && name === TCP_NODELAY) {
      this.noDelay = n !== 0;
      return;
    }
    fail(Errno.ENOPROTOOPT);
  }
}

export function int32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value, true);
  return bytes;
}
