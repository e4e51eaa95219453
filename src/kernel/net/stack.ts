// The network state of one namespace: its interfaces, the routes they
// imply, and the sockets' port spaces (TCP, UDP) and abstract AF_UNIX names.
// A socket keeps the stack it was made in, so it never reaches another
// namespace's ports.
import { createLoopback, type NetInterface } from './interface.ts';
import { kernelRoutes, type Route } from './routes.ts';
import { InetPorts } from './socket/inet-ports.ts';
import { UnixNames } from './socket/unix-names.ts';

export class NetStack {
  readonly interfaces: NetInterface[] = [createLoopback()];
  readonly tcp = new InetPorts(true);
  readonly udp = new InetPorts(false);
  readonly unixNames = new UnixNames();
  /** Every open socket of the namespace, oldest first (for /proc/net). */
  readonly sockets = new Set<object>();

  /** A namespace's stack: `lo` down, as Linux makes it; the initial namespace's is brought up at boot. */
  constructor(loopbackUp = false) {
    if (loopbackUp) this.interfaces[0]!.setUp(true);
  }

  byName(name: string): NetInterface | undefined {
    return this.interfaces.find((device) => device.name === name);
  }

  routes(): Route[] {
    return kernelRoutes(this.interfaces);
  }
}
