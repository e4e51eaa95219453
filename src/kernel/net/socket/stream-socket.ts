// A stream socket: TCP over the namespace's own addresses (AF_INET) or a
// local stream (AF_UNIX). A connection is two sockets, each with a queue
// of the bytes sent to it; connect() completes the handshake at once (the
// peer is on this host), putting the server's new socket in the
// listener's accept queue, as Linux's loopback does before accept().
//
// Closing follows TCP as Linux runs it: a close with nothing unread sends
// FIN (the peer reads end of file); a close with unread bytes, or a write
// into a closed peer, answers with RST, after which the writer's next call
// fails (EPIPE after a FIN had come, ECONNRESET otherwise) and the one after
// that fails with EPIPE and SIGPIPE. AF_UNIX has no RST: writing to a
// closed peer is EPIPE at once.
//
// Where we differ: connect never waits for a handshake, so a non-blocking
// TCP connect returns EINPROGRESS with the connection already made; a
// full accept queue makes a blocking connect wait for room instead of
// retransmitting SYNs, and a non-blocking one queues past the backlog.
import { Errno } from '../../abi/errno.ts';
import { AF_INET, SHUT_RD, SHUT_WR, SOCK_STREAM, SOMAXCONN } from '../../abi/socket.ts';
import { fail } from '../../errors.ts';
import type { BlockingWait, Readiness } from '../../fs/open-file.ts';
import type { NetStack } from '../stack.ts';
import { inet, type SocketAddress } from './address.ts';
import { ByteQueue } from './byte-queue.ts';
import { checkBindable, routeTo } from './inet-routing.ts';
import { Socket, type ReceiveOptions, type Received, type SendOptions } from './socket.ts';
import { unnamed } from './unix-names.ts';

export type StreamState = 'unconnected' | 'listening' | 'connected' | 'closed';

/** Bytes a connection buffers each way (Linux's tcp_rmem default is 131072; loopback grows it). */
export const STREAM_BUFFER = 262144;

export class StreamSocket extends Socket {
  state: StreamState = 'unconnected';
  private local: SocketAddress | undefined;
  private remote: SocketAddress | undefined;
  private peer: StreamSocket | undefined;
  /** The peer closed its socket: what we write now meets RST (TCP) or EPIPE (unix). */
  private peerGone = false;
  readonly inbound = new ByteQueue(STREAM_BUFFER);
  private readShut = false;
  private writeShut = false;
  /** The peer will send no more (FIN, Linux's SOCK_DONE): reads end at the queue's end. */
  private peerFinished = false;
  /** The connection was reset (TCP_CLOSE): reads see end of file, writes EPIPE. */
  private reset = false;
  private backlog = 0;
  private readonly acceptQueue: StreamSocket[] = [];
  private released = false;
  /** A non-blocking connect answered EINPROGRESS: the next connect reports it done (0). */
  private connectInProgress = false;

  constructor(family: number, stack: NetStack, uid: number, gid: number, flags: number) {
    super(family, SOCK_STREAM, stack, uid, gid, flags);
  }

  private get tcp(): boolean {
    return this.family === AF_INET;
  }

  override get listening(): boolean {
    return this.state === 'listening';
  }

  /** For /proc/net: the connection's far end, if connected. */
  get remoteAddress(): SocketAddress | undefined {
    return this.state === 'connected' ? this.remote : undefined;
  }

  /** For /proc/net: connections waiting in the accept queue, and how many may. */
  get pendingConnections(): number {
    return this.acceptQueue.length;
  }

  /** For /proc/net/tcp: Linux's TCP state number. */
  get tcpState(): number {
    if (this.state === 'listening') return 0x0a;
    if (this.state !== 'connected' || this.reset) return 0x07; // TCP_CLOSE
    if (this.peerFinished && this.writeShut) return 0x09; // LAST_ACK (closing both ways)
    if (this.peerFinished) return 0x08; // CLOSE_WAIT
    if (this.writeShut) return 0x05; // FIN_WAIT2
    return 0x01; // ESTABLISHED
  }

  /** For /proc/net/unix: whether the socket was ever named or connected. */
  get connected(): boolean {
    return this.state === 'connected';
  }

  get queuedBytes(): number {
    return this.inbound.length;
  }

  bind(address: SocketAddress): void {
    if (this.local !== undefined || this.state !== 'unconnected') fail(Errno.EINVAL);
    if (address.family === AF_INET) {
      checkBindable(this.stack, address.address);
      this.local = this.stack.tcp.bind(this, address.address, address.port);
    } else {
      this.local = this.stack.unixNames.bind(this, address);
    }
  }

  localAddress(): SocketAddress {
    return this.local ?? (this.tcp ? inet(0, 0) : unnamed());
  }

  peerAddress(): SocketAddress {
    if (this.state !== 'connected' || this.reset || !this.remote) return fail(Errno.ENOTCONN);
    return this.remote;
  }

  peerAddressOrUnnamed(): SocketAddress {
    return this.remote ?? (this.tcp ? inet(0, 0) : unnamed());
  }

  override listen(backlog: number): void {
    if (this.state !== 'unconnected' && this.state !== 'listening') fail(Errno.EINVAL);
    if (this.local === undefined) {
      if (!this.tcp) fail(Errno.EINVAL);
      this.local = this.stack.tcp.bind(this, 0, 0);
    }
    // listen(2) takes the backlog as unsigned and clamps it to somaxconn.
    this.backlog = backlog < 0 || backlog > SOMAXCONN ? SOMAXCONN : backlog;
    this.state = 'listening';
    this.changed();
  }

  override accept(nonblocking: boolean, wait?: BlockingWait): Socket | Promise<Socket> {
    if (this.state !== 'listening') fail(Errno.EINVAL);
    const ready = this.acceptQueue.shift();
    if (ready) {
      this.changed();
      return ready;
    }
    if (nonblocking) fail(Errno.EAGAIN);
    return this.acceptLater(wait);
  }

  private async acceptLater(wait?: BlockingWait): Promise<Socket> {
    for (;;) {
      await this.waiters.changed(wait);
      if (this.state !== 'listening') fail(Errno.EINVAL);
      const ready = this.acceptQueue.shift();
      if (ready) {
        this.changed();
        return ready;
      }
    }
  }

  connect(address: SocketAddress | undefined, wait?: BlockingWait): void | Promise<void> {
    if (this.state === 'listening') fail(this.tcp ? Errno.EISCONN : Errno.EINVAL);
    if (this.state !== 'unconnected') {
      if (this.connectInProgress) {
        this.connectInProgress = false;
        // A refused non-blocking connect: its error once, then ECONNABORTED, as Linux.
        if (this.reset)
          fail(this.pendingError !== Errno.SUCCESS ? this.takeError() : Errno.ECONNABORTED);
        return;
      }
      fail(Errno.EISCONN);
    }
    if (address === undefined) return fail(Errno.EAFNOSUPPORT);
    const nonblocking = this.nonblocking;
    let target: SocketAddress = address;
    if (address.family === AF_INET) {
      const { destination, source, delivered } = routeTo(this.stack, address.address);
      // SYNs into a down device go nowhere: Linux retries for about two
      // minutes before ETIMEDOUT; here the answer comes at once.
      if (!delivered) fail(Errno.ETIMEDOUT);
      target = inet(destination, address.port);
      if (this.local === undefined) this.local = this.stack.tcp.bind(this, source, 0);
      else if (this.local.family === AF_INET && this.local.address === 0) {
        this.local = inet(source, this.local.port);
        this.stack.tcp.share(this, this.local);
      }
    }
    let listener: StreamSocket;
    try {
      listener = this.findListener(target);
    } catch (error) {
      if (!nonblocking || !this.tcp) throw error;
      // Without blocking, the refusal (an RST to the SYN) comes later: EINPROGRESS now,
      // then the socket polls ready with SO_ERROR set.
      this.state = 'connected';
      this.reset = true;
      this.pendingError = Errno.ECONNREFUSED;
      this.connectInProgress = true;
      this.changed();
      return fail(Errno.EINPROGRESS);
    }
    if (listener.acceptQueue.length > listener.backlog && !nonblocking) {
      return this.connectWhenRoom(listener, target, wait);
    }
    this.establish(listener, target);
    // A TCP connect without blocking reports the handshake as under way, as Linux always does.
    if (nonblocking && this.tcp) {
      this.connectInProgress = true;
      fail(Errno.EINPROGRESS);
    }
  }

  private findListener(target: SocketAddress): StreamSocket {
    if (target.family !== AF_INET) {
      const socket = this.stack.unixNames.lookup(target);
      if (!(socket instanceof StreamSocket)) return fail(Errno.ECONNREFUSED);
      if (!socket.listening) return fail(Errno.ECONNREFUSED);
      return socket;
    }
    let wildcard: StreamSocket | undefined;
    for (const [holder, bound] of this.stack.tcp.entries()) {
      if (!(holder instanceof StreamSocket) || !holder.listening) continue;
      if (bound.port !== target.port) continue;
      if (bound.address === target.address) return holder;
      if (bound.address === 0) wildcard ??= holder;
    }
    return wildcard ?? fail(Errno.ECONNREFUSED);
  }

  private async connectWhenRoom(
    listener: StreamSocket,
    target: SocketAddress,
    wait?: BlockingWait,
  ): Promise<void> {
    while (listener.acceptQueue.length > listener.backlog) {
      await listener.waiters.changed(wait);
      if (!listener.listening) fail(Errno.ECONNREFUSED);
    }
    this.establish(listener, target);
  }

  /** The handshake: a new socket on the listener's side, queued for accept(). */
  private establish(listener: StreamSocket, target: SocketAddress): void {
    const child = new StreamSocket(this.family, listener.stack, listener.uid, listener.gid, 0);
    child.state = 'connected';
    child.local = target.family === AF_INET ? inet(target.address, target.port) : listener.local;
    child.remote = this.localAddress();
    if (child.local?.family === AF_INET) this.stack.tcp.share(child, child.local);
    child.reuseAddress = listener.reuseAddress;
    this.remote = target.family === AF_INET ? target : listener.local;
    this.state = 'connected';
    this.peer = child;
    child.peer = this;
    listener.acceptQueue.push(child);
    listener.changed();
    this.changed();
  }

  /** Connects two new sockets to each other (socketpair(2)). */
  static pair(family: number, stack: NetStack, uid: number, gid: number, flags: number) {
    const a = new StreamSocket(family, stack, uid, gid, flags);
    const b = new StreamSocket(family, stack, uid, gid, flags);
    a.state = b.state = 'connected';
    a.remote = b.localAddress();
    b.remote = a.localAddress();
    a.peer = b;
    b.peer = a;
    return [a, b] as const;
  }

  send(data: Uint8Array, options: SendOptions, wait?: BlockingWait): number | Promise<number> {
    if (this.state === 'unconnected' || this.state === 'listening') {
      fail(this.tcp ? Errno.EPIPE : Errno.ENOTCONN);
    }
    const error = this.takeError();
    if (error !== Errno.SUCCESS) fail(error);
    if (this.writeShut || this.reset) fail(Errno.EPIPE);
    if (this.peerGone || !this.peer) return this.writeToClosedPeer(data.length);
    if (data.length === 0) return 0;
    const count = this.peer.inbound.put(data);
    if (count > 0) this.peer.changed();
    if (count === data.length) return count;
    if (options.nonblocking) return count > 0 ? count : fail(Errno.EAGAIN);
    return this.sendLater(data.subarray(count), count, wait);
  }

  private async sendLater(rest: Uint8Array, written: number, wait?: BlockingWait): Promise<number> {
    let done = 0;
    while (done < rest.length) {
      try {
        await this.waiters.changed(wait);
      } catch (error) {
        if (written + done > 0) return written + done;
        throw error;
      }
      if (this.writeShut || this.reset || this.peerGone || !this.peer) {
        return written + done > 0 ? written + done : fail(Errno.EPIPE);
      }
      const count = this.peer.inbound.put(rest.subarray(done));
      if (count > 0) this.peer.changed();
      done += count;
    }
    return written + done;
  }

  /** TCP: the bytes go, the closed peer answers RST. Unix: EPIPE. */
  private writeToClosedPeer(length: number): number {
    if (!this.tcp) return fail(Errno.EPIPE);
    this.pendingError = this.peerFinished ? Errno.EPIPE : Errno.ECONNRESET;
    this.reset = true;
    this.changed();
    return length;
  }

  receive(
    length: number,
    options: ReceiveOptions,
    wait?: BlockingWait,
  ): Received | Promise<Received> {
    if (this.state === 'listening') fail(this.tcp ? Errno.ENOTCONN : Errno.EINVAL);
    if (this.state === 'unconnected') fail(this.tcp ? Errno.ENOTCONN : Errno.EINVAL);
    const now = this.tryReceive(length, options.peek);
    if (now) return this.completeWaitAll(now, length, options, wait);
    if (options.nonblocking) fail(Errno.EAGAIN);
    return this.receiveLater(length, options, wait);
  }

  /** The bytes, end of file (empty), an error, or undefined when the read must wait. */
  private tryReceive(length: number, peek: boolean): Received | undefined {
    if (length === 0) return received(new Uint8Array(0));
    if (this.inbound.length > 0) {
      const data = this.inbound.take(length, peek);
      if (!peek) {
        this.changed();
        this.peer?.changed();
      }
      return received(data);
    }
    // TCP's FIN (SOCK_DONE) comes before a later RST's error; unix reports its error first.
    if (this.tcp && this.peerFinished) return received(new Uint8Array(0));
    const error = this.takeError();
    if (error !== Errno.SUCCESS) fail(error);
    if (this.peerFinished || this.readShut || this.reset || this.state === 'closed') {
      return received(new Uint8Array(0));
    }
    return undefined;
  }

  private async receiveLater(length: number, options: ReceiveOptions, wait?: BlockingWait) {
    for (;;) {
      try {
        await this.waiters.changed(wait);
      } catch (error) {
        const arrived = this.tryReceive(length, options.peek);
        if (arrived) return arrived;
        throw error;
      }
      const now = this.tryReceive(length, options.peek);
      if (now) return this.completeWaitAll(now, length, options, wait);
    }
  }

  /** MSG_WAITALL: keeps reading until `length` bytes, end of file, an error or a signal. */
  private completeWaitAll(
    first: Received,
    length: number,
    options: ReceiveOptions,
    wait?: BlockingWait,
  ): Received | Promise<Received> {
    if (!options.waitAll || options.peek || options.nonblocking) return first;
    if (first.data.length === 0 || first.data.length >= length) return first;
    return (async () => {
      const parts = [first.data];
      let total = first.data.length;
      while (total < length) {
        let next: Received | undefined;
        try {
          next = this.tryReceive(length - total, false);
          if (!next) {
            await this.waiters.changed(wait);
            continue;
          }
        } catch {
          break;
        }
        if (next.data.length === 0) break;
        parts.push(next.data);
        total += next.data.length;
      }
      const data = new Uint8Array(total);
      let at = 0;
      for (const part of parts) {
        data.set(part, at);
        at += part.length;
      }
      return received(data);
    })();
  }

  shutdown(how: number): void {
    if (this.state !== 'connected') fail(Errno.ENOTCONN);
    if (how !== SHUT_WR) this.readShut = true;
    if (how !== SHUT_RD && !this.writeShut) {
      this.writeShut = true;
      if (this.peer) {
        this.peer.peerFinished = true;
        this.peer.changed();
      }
    }
    this.changed();
  }

  override readiness(): Readiness {
    const nbytes = this.inbound.length;
    if (this.state === 'listening') {
      return { readable: this.acceptQueue.length > 0, writable: false, hangup: false, nbytes };
    }
    if (this.state === 'unconnected') {
      return { readable: false, writable: true, hangup: true, nbytes };
    }
    const error = this.pendingError !== Errno.SUCCESS;
    const readable = nbytes > 0 || this.peerFinished || this.readShut || this.reset || error;
    const room = this.peerGone || !this.peer || this.peer.inbound.room > 0;
    const writable = this.reset || error || (!this.writeShut && room);
    // While an error waits to be read (SO_ERROR), the socket shows ready rather than hung up:
    // wasi-libc's poll turns a hangup on a write subscription into POLLHUP without POLLOUT,
    // and programs wait for POLLOUT after a non-blocking connect.
    const hangup =
      !error && (this.reset || this.state === 'closed' || (this.peerFinished && this.writeShut));
    return { readable, writable, hangup, nbytes };
  }

  override release(): void {
    // Unread bytes make the close abortive (RST, or ECONNRESET for unix), as tcp_close does.
    this.close(this.inbound.length > 0);
  }

  private close(abortive: boolean): void {
    if (this.released) return;
    this.released = true;
    // Connections nobody accepted are reset (inet_csk_listen_stop).
    for (const child of this.acceptQueue.splice(0)) child.close(true);
    const peer = this.peer;
    if (peer) {
      if (abortive) {
        peer.pendingError = peer.peerFinished && this.tcp ? Errno.EPIPE : Errno.ECONNRESET;
        if (this.tcp) peer.reset = true;
      }
      // An RST is no FIN: the peer's reads report the reset, not end of file.
      if (!abortive || !this.tcp) peer.peerFinished = true;
      peer.peerGone = true;
      peer.peer = undefined;
      peer.changed();
    }
    this.peer = undefined;
    this.inbound.clear();
    if (this.tcp) this.stack.tcp.release(this);
    else this.stack.unixNames.release(this);
    this.state = 'closed';
    this.stack.sockets.delete(this);
    this.changed();
  }
}

function received(data: Uint8Array): Received {
  return { data, truncated: false, fullLength: data.length };
}
