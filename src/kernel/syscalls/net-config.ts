// Reading and changing a network namespace's configuration, bocal's small
// stand-in for rtnetlink (docs/abi.md, "Network configuration"): `ip`
// reads the caller's namespace as text lines and brings devices up and
// down. Changing needs CAP_NET_ADMIN in the user namespace owning the
// network namespace, as Linux's rtnetlink checks with netlink_ns_capable.
//
// NET_CONFIG's lines (fields separated by one space, `-` for none):
//   link INDEX NAME FLAGS MTU QDISC TXQLEN KIND HWADDR
//   addr INDEX FAMILY ADDRESS PREFIXLEN SCOPE LABEL
//   route TABLE TYPE FAMILY DESTINATION DEVICE SCOPE SOURCE METRIC
import { Errno } from '../abi/errno.ts';
import { Sys } from '../abi/syscalls.ts';
import { fail } from '../errors.ts';
import { IFF_SETTABLE } from '../net/interface.ts';
import type { NetStack } from '../net/stack.ts';
import { capableIn } from '../ns/capability.ts';
import { encodeUtf8 } from '../utf8.ts';
import type { Call, SyscallEntry } from './call.ts';

/** The text NET_CONFIG returns for `stack`. */
export function describeStack(stack: NetStack): string {
  const lines: string[] = [];
  for (const d of stack.interfaces) {
    lines.push(
      `link ${d.index} ${d.name} ${d.flags} ${d.mtu} ${d.qdisc} ${d.txQueueLength} ${d.kind} ${d.hardwareAddress}`,
    );
    for (const a of d.addresses) {
      lines.push(
        `addr ${d.index} ${a.family} ${a.address} ${a.prefixLength} ${a.scope} ${a.label ?? '-'}`,
      );
    }
  }
  for (const r of stack.routes()) {
    lines.push(
      `route ${r.table} ${r.type} ${r.family} ${r.destination} ${r.device} ${r.scope} ${r.source ?? '-'} ${r.metric ?? '-'}`,
    );
  }
  return lines.map((line) => `${line}\n`).join('');
}

/** args: buffer length → output: the text (cut at the buffer length); results[1]: its full length. */
function netConfig(call: Call): void {
  const text = encodeUtf8(describeStack(call.process.namespaces.net.stack));
  call.results[1] = BigInt(text.length);
  call.output(text.subarray(0, Math.max(0, call.arg(0))));
}

/** args: flag mask, flags; input: device name. Only IFF_UP may change. */
function netLinkSet(call: Call): void {
  const net = call.process.namespaces.net;
  const device = net.stack.byName(call.string());
  if (!device) fail(Errno.ENODEV);
  const mask = call.arg(0);
  if (mask & ~IFF_SETTABLE) fail(Errno.EINVAL);
  if (!capableIn(call.process, net.owner ?? call.process.namespaces.user)) fail(Errno.EPERM);
  if (mask & IFF_SETTABLE) device.setUp((call.arg(1) & IFF_SETTABLE) !== 0);
}

export const netConfigSyscalls: SyscallEntry[] = [
  {
    number: Sys.NET_CONFIG,
    name: 'net_config',
    handler: netConfig,
    support: 'partial',
    note: 'bocal extension in place of rtnetlink dumps: links, addresses and kernel routes as text.',
  },
  {
    number: Sys.NET_LINK_SET,
    name: 'net_link_set',
    handler: netLinkSet,
    support: 'partial',
    note: 'bocal extension in place of RTM_NEWLINK: only IFF_UP may change (ip link set dev X up|down).',
  },
];
