// The routes a namespace's addresses imply, as Linux's fib adds them on its
// own (proto kernel): for each IPv4 address, in the local table, a `local`
// route to the address and to its subnet (lo's 127.0.0.0/8 is all local),
// and a `broadcast` route to the subnet's broadcast address while the
// device is up; for each IPv6 address, a `local` route. The main table
// stays empty until other devices and `ip route add` exist.
import type { NetInterface } from './interface.ts';

export interface Route {
  table: 'local' | 'main';
  type: 'local' | 'broadcast' | 'unicast';
  family: 'inet' | 'inet6';
  /** `127.0.0.0/8`, or a host address without a length (`127.0.0.1`, `::1`). */
  destination: string;
  device: string;
  scope: 'host' | 'link' | 'global';
  /** The preferred source (IPv4), absent for IPv6. */
  source?: string;
  /** IPv6 routes carry a metric (0 in the local table). */
  metric?: number;
}

function ipv4ToNumber(text: string): number {
  return text.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

function maskOf(length: number): number {
  return length === 0 ? 0 : 2 ** 32 - 2 ** (32 - length);
}

/** The kernel routes of `interfaces`, in the order `ip route show table all` lists them. */
export function kernelRoutes(interfaces: readonly NetInterface[]): Route[] {
  const routes: Route[] = [];
  for (const device of interfaces) {
    for (const a of device.addresses) {
      if (a.family !== 'inet') continue;
      const address = ipv4ToNumber(a.address);
      const mask = maskOf(a.prefixLength);
      const network = Math.floor(address / 2 ** (32 - a.prefixLength)) * 2 ** (32 - a.prefixLength);
      const base = {
        table: 'local',
        family: 'inet',
        device: device.name,
        source: a.address,
      } as const;
      // lo's subnet is local as a whole; other devices' subnets come with the main table.
      if (device.kind === 'loopback' && a.prefixLength < 32) {
        routes.push({
          ...base,
          type: 'local',
          destination: `${numberToIpv4(network)}/${a.prefixLength}`,
          scope: 'host',
        });
      }
      routes.push({ ...base, type: 'local', destination: a.address, scope: 'host' });
      if (device.up && a.prefixLength < 31) {
        const broadcast = network + (2 ** 32 - 1 - mask);
        routes.push({
          ...base,
          type: 'broadcast',
          destination: numberToIpv4(broadcast),
          scope: 'link',
        });
      }
    }
  }
  for (const device of interfaces) {
    if (!device.up) continue;
    for (const a of device.addresses) {
      if (a.family !== 'inet6') continue;
      routes.push({
        table: 'local',
        type: 'local',
        family: 'inet6',
        destination: a.address,
        device: device.name,
        scope: 'host',
        metric: 0,
      });
    }
  }
  return routes;
}
