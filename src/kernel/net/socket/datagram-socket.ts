// A datagram socket: UDP over the namespace's own addresses (AF_INET) or
// a local datagram socket (AF_UNIX). Each socket keeps a queue of whole
// datagrams with their senders; a send goes straight into the receiver's
// queue, found by port (a socket bound to the exact address before one
// bound to INADDR_ANY; a connected socket only hears its peer).
//
// As on Linux, UDP is unreliable where it says so: a datagram that does not
// fit in the receiver's buffer is dropped, and one sent to a port nobody
// holds is lost, but a connected sender learns it (the ICMP "port
// unreachable" Linux would get) as ECONNREFUSED on its next call.
import { Errno } from '../../abi/errno.ts';
import { AF_INET, AF_UNIX, SHUT_RD, SHUT_WR, SOCK_DGRAM } from '../../abi/socket.ts';
import { fail } from '../../errors.ts';
import type { BlockingWait, Readiness } from '../../fs/open-file.ts';
import type { NetStack } from '../stack.ts';
import { inet, sameAddress, type InetAddress, type SocketAddress } from './address.ts';
import { checkBindable, routeTo } from './inet-routing.ts';
import { Socket, type ReceiveOptions, type Received, type SendOptions } from './socket.ts';
import { unnamed } from './unix-names.ts';

/** The largest UDP payload over IPv4: 65535 - 20 (IP header) - 8 (UDP header). */
const UDP_MAX_PAYLOAD = 65507;
/** net.unix.max_dgram_qlen's default: datagrams a unix socket queues before senders wait. */
const UNIX_MAX_DGRAM_QLEN = 10;

interface Datagram {
  data: Uint8Array;
  from: SocketAddress;
}

export class DatagramSocket extends Socket {
  private local: SocketAddress | undefined;
  private remote: SocketAddress | undefined;
  private readonly queue: Datagram[] = [];
  private queuedTotal = 0;
  private readShut = false;
  private writeShut = false;
  private released = false;

  constructor(family: number, stack: NetStack, uid: number, gid: number, flags: number) {
    super(family, SOCK_DGRAM, stack, uid, gid, flags);
  }

  private get udp(): boolean {
    return this.family === AF_INET;
  }

  /** For /proc/net: the connected peer. */
  get remoteAddress(): SocketAddress | undefined {
    return this.remote;
  }

  /** FIONREAD on a datagram socket: the size of the next datagram, as Linux's SIOCINQ. */
  get queuedBytes(): number {
    return this.queue[0]?.data.length ?? 0;
  }

  /** For /proc/net/udp's rx_queue. */
  get queuedTotalBytes(): number {
    return this.queuedTotal;
  }

  bind(address: SocketAddress): void {
    if (this.local !== undefined) fail(Errno.EINVAL);
    if (address.family === AF_INET) {
      checkBindable(this.stack, address.address);
      this.local = this.stack.udp.bind(this, address.address, address.port);
    } else {
      this.local = this.stack.unixNames.bind(this, address);
    }
  }

  localAddress(): SocketAddress {
    return this.local ?? (this.udp ? inet(0, 0) : unnamed());
  }

  peerAddress(): SocketAddress {
    return this.remote ?? fail(Errno.ENOTCONN);
  }

  peerAddressOrUnnamed(): SocketAddress {
    return this.remote ?? (this.udp ? inet(0, 0) : unnamed());
  }

  connect(address: SocketAddress | undefined): void {
    if (address === undefined) {
      this.remote = undefined;
      return;
    }
    if (address.family === AF_INET) {
      const { destination, source } = routeTo(this.stack, address.address);
      this.bindSource(source);
      this.remote = inet(destination, address.port);
    } else {
      if (!(this.stack.unixNames.lookup(address) instanceof DatagramSocket)) {
        fail(Errno.ECONNREFUSED);
      }
      this.remote = address;
    }
  }

  /** Autobinds an ephemeral port; a connect also fixes the source address, as ip4_datagram_connect. */
  private bindSource(source: number | undefined): InetAddress {
    if (this.local === undefined) {
      this.local = this.stack.udp.bind(this, source ?? 0, 0);
    } else if (source !== undefined && this.local.family === AF_INET && this.local.address === 0) {
      this.local = inet(source, this.local.port);
      this.stack.udp.share(this, this.local);
    }
    return this.local as InetAddress;
  }

  send(data: Uint8Array, options: SendOptions, wait?: BlockingWait): number | Promise<number> {
    if (this.writeShut) fail(Errno.EPIPE);
    const error = this.takeError();
    if (error !== Errno.SUCCESS) fail(error);
    if (options.to && this.remote && !this.udp) fail(Errno.EISCONN);
    const to = options.to ?? this.remote ?? fail(Errno.EDESTADDRREQ);
    return this.udp ? this.sendUdp(data, to) : this.sendUnix(data, to, options.nonblocking, wait);
  }

  private sendUdp(data: Uint8Array, to: SocketAddress): number {
    if (to.family !== AF_INET) return fail(Errno.EAFNOSUPPORT);
    if (data.length > UDP_MAX_PAYLOAD) fail(Errno.EMSGSIZE);
    const { destination, source, delivered } = routeTo(this.stack, to.address);
    const local = this.bindSource(undefined);
    if (!delivered) return data.length; // into a down device: sent, and lost
    const from = inet(local.address === 0 ? source : local.address, local.port);
    const receiver = this.findReceiver(inet(destination, to.port), from);
    if (!receiver) {
      if (this.remote) this.pendingError = Errno.ECONNREFUSED;
      return data.length;
    }
    receiver.deliver(data, from);
    return data.length;
  }

  private findReceiver(to: InetAddress, from: InetAddress): DatagramSocket | undefined {
    let wildcard: DatagramSocket | undefined;
    for (const [holder, bound] of this.stack.udp.entries()) {
      if (!(holder instanceof DatagramSocket) || bound.port !== to.port) continue;
      if (holder.remote && !sameAddress(holder.remote, from)) continue;
      if (bound.address === to.address) return holder;
      if (bound.address === 0) wildcard ??= holder;
    }
    return wildcard;
  }

  /**
   * AF_UNIX datagrams are reliable: a sender waits while the receiver's
   * queue is full (more than net.unix.max_dgram_qlen, 10, or its buffer),
   * or fails with EAGAIN without blocking, as unix_dgram_sendmsg does.
   */
  private sendUnix(
    data: Uint8Array,
    to: SocketAddress,
    nonblocking: boolean,
    wait?: BlockingWait,
  ): number | Promise<number> {
    const receiver = this.unixReceiver(to);
    if (!receiver.full(data.length, this)) {
      receiver.deliver(data, this.localAddress());
      return data.length;
    }
    if (nonblocking) fail(Errno.EAGAIN);
    return (async () => {
      for (;;) {
        await receiver.waiters.changed(wait);
        const now = this.unixReceiver(to);
        if (!now.full(data.length, this)) {
          now.deliver(data, this.localAddress());
          return data.length;
        }
      }
    })();
  }

  private unixReceiver(to: SocketAddress): DatagramSocket {
    if (to.family === AF_INET) return fail(Errno.EINVAL);
    const receiver = this.stack.unixNames.lookup(to);
    if (!(receiver instanceof DatagramSocket) || receiver.released) return fail(Errno.ECONNREFUSED);
    if (receiver.remote && this.local && !sameAddress(receiver.remote, this.local)) {
      fail(Errno.EPERM);
    }
    return receiver;
  }

  /** Whether `sender`'s datagram must wait; the queue length limit spares a receiver's own peer. */
  private full(incoming: number, sender: DatagramSocket): boolean {
    const remote = this.remote;
    const peerOfSender =
      remote?.family === AF_UNIX &&
      (remote.socket === sender ||
        (sender.local !== undefined && sameAddress(remote, sender.local)));
    if (!peerOfSender && this.queue.length > UNIX_MAX_DGRAM_QLEN) return true;
    return this.queuedTotal + incoming > this.receiveBuffer;
  }

  /** Queues a datagram, or drops it when the buffer is full (UDP's rule). */
  private deliver(data: Uint8Array, from: SocketAddress): void {
    if (this.readShut && this.udp) return;
    if (this.queuedTotal + data.length > this.receiveBuffer) return;
    this.queue.push({ data: data.slice(), from });
    this.queuedTotal += data.length;
    this.changed();
  }

  receive(
    length: number,
    options: ReceiveOptions,
    wait?: BlockingWait,
  ): Received | Promise<Received> {
    const now = this.tryReceive(length, options.peek);
    if (now) return now;
    if (options.nonblocking) fail(Errno.EAGAIN);
    return this.receiveLater(length, options.peek, wait);
  }

  private tryReceive(length: number, peek: boolean): Received | undefined {
    const next = this.queue[0];
    if (next) {
      if (!peek) {
        this.queue.shift();
        this.queuedTotal -= next.data.length;
        this.changed();
      }
      const data = next.data.length > length ? next.data.slice(0, length) : next.data;
      // A datagram from an unnamed AF_UNIX socket has no address (msg_namelen 0).
      const named = next.from.family === AF_INET || next.from.abstract || next.from.path !== '';
      return {
        data,
        from: named ? next.from : undefined,
        truncated: next.data.length > length,
        fullLength: next.data.length,
      };
    }
    const error = this.takeError();
    if (error !== Errno.SUCCESS) fail(error);
    if (this.readShut) return { data: new Uint8Array(0), truncated: false, fullLength: 0 };
    return undefined;
  }

  private async receiveLater(length: number, peek: boolean, wait?: BlockingWait) {
    for (;;) {
      await this.waiters.changed(wait);
      const now = this.tryReceive(length, peek);
      if (now) return now;
    }
  }

  /** Linux's inet_shutdown shuts an unconnected socket too, and then says ENOTCONN. */
  shutdown(how: number): void {
    if (how !== SHUT_WR) this.readShut = true;
    if (how !== SHUT_RD) this.writeShut = true;
    this.changed();
    if (!this.remote) fail(Errno.ENOTCONN);
  }

  override readiness(): Readiness {
    const error = this.pendingError !== Errno.SUCCESS;
    return {
      readable: this.queue.length > 0 || error || this.readShut,
      writable: true,
      hangup: this.readShut && this.writeShut,
      nbytes: this.queuedBytes,
    };
  }

  override release(): void {
    if (this.released) return;
    this.released = true;
    if (this.udp) this.stack.udp.release(this);
    else this.stack.unixNames.release(this);
    this.queue.length = 0;
    this.stack.sockets.delete(this);
    this.changed();
  }
}
