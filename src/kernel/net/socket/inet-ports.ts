// The port space of one protocol (TCP or UDP) in one network namespace:
// which sockets hold which (address, port), the EADDRINUSE rules of
// inet_csk_get_port and udp_lib_get_port, and ephemeral ports from
// net.ipv4.ip_local_port_range (32768-60999).
//
// Where we differ from Linux: no TIME_WAIT, so a port is free again as
// soon as its last socket closes; ephemeral ports are handed out in turn
// rather than from a hashed random start.
import { Errno } from '../../abi/errno.ts';
import { EPHEMERAL_FIRST, EPHEMERAL_LAST } from '../../abi/socket.ts';
import { fail } from '../../errors.ts';
import { inet, type InetAddress } from './address.ts';

/** What the port space needs to know of a socket. */
export interface PortHolder {
  readonly reuseAddress: boolean;
  readonly reusePort: boolean;
  /** A listening TCP socket never shares its port through SO_REUSEADDR. */
  readonly listening: boolean;
  readonly uid: number;
}

export class InetPorts {
  private readonly holders = new Map<PortHolder, InetAddress>();
  private cursor = EPHEMERAL_FIRST;

  constructor(
    /** TCP's rule: SO_REUSEADDR does not share with a listener. UDP shares whenever both ask. */
    private readonly stream: boolean,
  ) {}

  /** Binds `holder` to `address`:`port` (0: an ephemeral port); returns what it got. */
  bind(holder: PortHolder, address: number, port: number): InetAddress {
    if (port === 0) port = this.ephemeral(holder, address);
    else if (this.conflicts(holder, address, port)) fail(Errno.EADDRINUSE);
    const bound = inet(address, port);
    this.holders.set(holder, bound);
    return bound;
  }

  /** Adds a socket that shares a bound port by construction (an accepted connection). */
  share(holder: PortHolder, bound: InetAddress): void {
    this.holders.set(holder, bound);
  }

  release(holder: PortHolder): void {
    this.holders.delete(holder);
  }

  /** Every holder with its address, in binding order (for /proc/net). */
  entries(): [PortHolder, InetAddress][] {
    return [...this.holders];
  }

  private conflicts(holder: PortHolder, address: number, port: number): boolean {
    for (const [other, bound] of this.holders) {
      if (other === holder || bound.port !== port) continue;
      const overlap = bound.address === address || bound.address === 0 || address === 0;
      if (!overlap) continue;
      const reuse = holder.reuseAddress && other.reuseAddress && !(this.stream && other.listening);
      const reusePort = holder.reusePort && other.reusePort && holder.uid === other.uid;
      if (!reuse && !reusePort) return true;
    }
    return false;
  }

  private ephemeral(holder: PortHolder, address: number): number {
    const count = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
    for (let i = 0; i < count; i++) {
      const port = this.cursor;
      this.cursor = port === EPHEMERAL_LAST ? EPHEMERAL_FIRST : port + 1;
      const used = [...this.holders.values()].some((b) => b.port === port);
      if (!used && !this.conflicts(holder, address, port)) return port;
    }
    return fail(Errno.EADDRINUSE);
  }
}
