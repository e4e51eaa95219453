// Which IPv4 addresses are this namespace's own (bind accepts them), and
// how a connection or datagram reaches a destination: through a local route
// (lo's 127.0.0.0/8, or an address of any device) whose device is up. With
// no such route, connect and sendto fail with ENETUNREACH, as Linux's
// ip_route_connect does when lo is down. Only local delivery exists until
// veth pairs and bridges join namespaces.
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import type { Route } from '../routes.ts';
import type { NetStack } from '../stack.ts';
import { INADDR_ANY, INADDR_LOOPBACK } from './address.ts';

function parseIpv4(text: string): number {
  return text.split('.').reduce((n, part) => n * 256 + Number(part), 0) >>> 0;
}

function covers(route: Route, address: number): boolean {
  const [network, length] = route.destination.split('/');
  const bits = length === undefined ? 32 : Number(length);
  const shift = 32 - bits;
  if (shift === 32) return true;
  return address >>> shift === parseIpv4(network!) >>> shift;
}

function localRoute(stack: NetStack, address: number): Route | undefined {
  return stack
    .routes()
    .find((r) => r.family === 'inet' && r.type === 'local' && covers(r, address));
}

/**
 * bind(2)'s check: INADDR_ANY or a local address (EADDRNOTAVAIL otherwise).
 * A namespace whose lo never came up has no local table at all, and Linux
 * then lets any address be bound (checked on 6.1 in a fresh `unshare -n`).
 */
export function checkBindable(stack: NetStack, address: number): void {
  if (address === INADDR_ANY || localRoute(stack, address)) return;
  const anyLocal = stack.routes().some((r) => r.family === 'inet' && r.type === 'local');
  if (anyLocal) fail(Errno.EADDRNOTAVAIL);
}

export interface RouteToHost {
  /** Where the packet goes (INADDR_ANY means this host, as on Linux). */
  destination: number;
  /** The source address it leaves from. */
  source: number;
  /**
   * Whether it arrives: a local route through a device that is down (lo
   * brought down after it was up keeps its routes) swallows packets.
   */
  delivered: boolean;
}

/** How a packet reaches `address`; ENETUNREACH when no route leads there. */
export function routeTo(stack: NetStack, address: number): RouteToHost {
  const destination = address === INADDR_ANY ? INADDR_LOOPBACK : address;
  const route = localRoute(stack, destination);
  if (!route) return fail(Errno.ENETUNREACH);
  const source = route.source ? parseIpv4(route.source) : destination;
  return { destination, source, delivered: stack.byName(route.device)?.up === true };
}
