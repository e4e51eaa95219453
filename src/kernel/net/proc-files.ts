// /proc/net files in Linux's formats, for the namespace of the process
// whose /proc/<pid>/net is read (/proc/net is a link to self/net): dev
// (the interface counters; no traffic is counted yet, so all 0) and
// if_inet6 (IPv6 addresses).
import type { NetStack } from './stack.ts';

const DEV_HEADER =
  'Inter-|   Receive                                                |  Transmit\n' +
  ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';

/** The 16 counters' widths, as Linux's dev_seq_printf_stats prints them. */
const DEV_WIDTHS = [8, 7, 4, 4, 4, 5, 10, 9, 8, 7, 4, 4, 4, 5, 7, 10];

export function netDevText(stack: NetStack): string {
  const rows = stack.interfaces.map((device) => {
    const counters = DEV_WIDTHS.map((width) => '0'.padStart(width)).join(' ');
    return `${device.name.padStart(6)}:${counters}\n`;
  });
  return DEV_HEADER + rows.join('');
}

/** `::1` as if_inet6 writes it: 32 hex digits. */
function expandIpv6(address: string): string {
  const [head = '', tail = ''] = address.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const before = groups(head);
  const after = groups(tail);
  const middle: string[] = address.includes('::')
    ? Array<string>(8 - before.length - after.length).fill('0')
    : [];
  return [...before, ...middle, ...after].map((group) => group.padStart(4, '0')).join('');
}

const SCOPE_CODES = { host: 0x10, link: 0x20, global: 0x00 } as const;
/** IFA_F_PERMANENT: addresses the kernel or an administrator set. */
const IFA_F_PERMANENT = 0x80;

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

export function ifInet6Text(stack: NetStack): string {
  const lines: string[] = [];
  for (const device of stack.interfaces) {
    for (const a of device.addresses) {
      if (a.family !== 'inet6') continue;
      const fields = [device.index, a.prefixLength, SCOPE_CODES[a.scope], IFA_F_PERMANENT];
      lines.push(
        `${expandIpv6(a.address)} ${fields.map(hex2).join(' ')} ${device.name.padStart(8)}\n`,
      );
    }
  }
  return lines.join('');
}
