// A network interface of one namespace, as Linux's net_device shows it to
// `ip link`/`ip addr`: an index, a name, flags (IFF_*), an MTU and the
// addresses it carries. Only the loopback device exists so far; bridges
// and veth pairs between namespaces come with container networking.

/** Linux's interface flags (<linux/if.h>). */
export const IFF_UP = 0x1;
export const IFF_BROADCAST = 0x2;
export const IFF_LOOPBACK = 0x8;
export const IFF_RUNNING = 0x40;
export const IFF_MULTICAST = 0x1000;
export const IFF_LOWER_UP = 0x10000;

/** The flags a program may change with SIOCSIFFLAGS or `ip link set` (so far: up and down). */
export const IFF_SETTABLE = IFF_UP;

export type AddressFamily = 'inet' | 'inet6';

/** Scopes as rtnetlink names them (RT_SCOPE_*). */
export type Scope = 'global' | 'link' | 'host';

export interface InterfaceAddress {
  family: AddressFamily;
  /** Printable: `127.0.0.1`, `::1`. */
  address: string;
  prefixLength: number;
  scope: Scope;
  /** The IPv4 label (`lo`); IPv6 addresses have none. */
  label?: string;
}

export class NetInterface {
  /** IFF_* flags set by the administrator; RUNNING and LOWER_UP follow UP here. */
  private adminFlags: number;
  /** Linux attaches a queueing discipline (noqueue for lo) on the first up and keeps it. */
  private everUp = false;
  readonly addresses: InterfaceAddress[] = [];

  constructor(
    readonly index: number,
    readonly name: string,
    readonly kind: 'loopback',
    readonly mtu: number,
    readonly txQueueLength: number,
    baseFlags: number,
    /** The addresses the device gets when it is brought up (lo's 127.0.0.1/8 and ::1). */
    private readonly upAddresses: InterfaceAddress[],
  ) {
    this.adminFlags = baseFlags;
  }

  get up(): boolean {
    return (this.adminFlags & IFF_UP) !== 0;
  }

  /** The flags ifr_flags and `ip link` report: a loopback device has carrier whenever it is up. */
  get flags(): number {
    return this.up ? this.adminFlags | IFF_RUNNING | IFF_LOWER_UP : this.adminFlags;
  }

  /** What `ip link` prints after `qdisc`. */
  get qdisc(): string {
    return this.everUp ? 'noqueue' : 'noop';
  }

  get hardwareAddress(): string {
    return '00:00:00:00:00:00';
  }

  /**
   * Brings the device up or down. Linux gives lo its addresses when it
   * first comes up (inetdev and addrconf attach them then) and keeps them
   * when it goes down; the IPv6 one leaves with the device's IPv6 state.
   */
  setUp(up: boolean): void {
    if (up === this.up) return;
    if (up) {
      this.adminFlags |= IFF_UP;
      this.everUp = true;
      for (const address of this.upAddresses) {
        const present = this.addresses.some(
          (a) => a.family === address.family && a.address === address.address,
        );
        if (!present) this.addresses.push({ ...address });
      }
      this.sortAddresses();
    } else {
      this.adminFlags &= ~IFF_UP;
      const kept = this.addresses.filter((a) => a.family === 'inet');
      this.addresses.splice(0, this.addresses.length, ...kept);
    }
  }

  /** IPv4 addresses before IPv6 ones, as `ip addr` lists them. */
  private sortAddresses(): void {
    this.addresses.sort((a, b) => (a.family === b.family ? 0 : a.family === 'inet' ? -1 : 1));
  }
}

/** A namespace's loopback device, index 1, down, as Linux makes it in a new namespace. */
export function createLoopback(): NetInterface {
  return new NetInterface(1, 'lo', 'loopback', 65536, 1000, IFF_LOOPBACK, [
    { family: 'inet', address: '127.0.0.1', prefixLength: 8, scope: 'host', label: 'lo' },
    { family: 'inet6', address: '::1', prefixLength: 128, scope: 'host' },
  ]);
}
