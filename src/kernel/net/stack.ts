// The network state of one namespace: its interfaces and the routes they
// imply. Sockets and port bindings will live here too.
import { createLoopback, type NetInterface } from './interface.ts';
import { kernelRoutes, type Route } from './routes.ts';

export class NetStack {
  readonly interfaces: NetInterface[] = [createLoopback()];

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
