// `docker run`/`create`'s flags for the names a container's network files
// give: --add-host NAME:IP (repeatable; IP may be host-gateway), --dns IP,
// --dns-search DOMAIN, --dns-option OPTION, checked as the docker CLI's
// opts package checks them (Docker 20.10's messages), into HostConfig's
// ExtraHosts, Dns, DnsSearch and DnsOptions.
import type { RuntimeHostConfig } from '../../engine/limits.ts';
import { flagValues, FlagError, type FlagSpec, type FlagValues } from './flags.ts';

export const NETWORK_RUN_FLAGS: FlagSpec[] = [
  { long: 'add-host', value: true, repeat: true },
  { long: 'dns', value: true, repeat: true },
  { long: 'dns-search', value: true, repeat: true },
  { long: 'dns-option', value: true, repeat: true },
];

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** An IPv4 or IPv6 address as Go's net.ParseIP reads one (no brackets, no zone). */
export function isIpAddress(text: string): boolean {
  if (IPV4.test(text)) return true;
  if (!text.includes(':')) return false;
  let groups = text.split(':');
  let slots = 8;
  // A final dotted IPv4 stands for the last two groups.
  if (IPV4.test(groups.at(-1)!)) {
    groups = groups.slice(0, -1).concat('0', '0');
  }
  const elided = text.indexOf('::');
  if (elided !== text.lastIndexOf('::')) return false;
  if (elided >= 0) {
    const [head, tail] = groups.join(':').split('::') as [string, string];
    const given = [...(head ? head.split(':') : []), ...(tail ? tail.split(':') : [])];
    return given.length < slots && given.every((group) => HEX_GROUP.test(group));
  }
  slots -= groups.length;
  return slots === 0 && groups.every((group) => HEX_GROUP.test(group));
}

/** A search domain as the CLI's ValidateDNSSearch accepts it ("." clears the search list). */
function searchDomain(text: string): string | undefined {
  const value = text.replace(/^ +| +$/g, '');
  if (value === '.') return value;
  if (!/[a-zA-Z]/.test(value)) return undefined;
  const match =
    /^((?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*)\.?\s*$/.exec(
      value,
    );
  return match && match[1]!.length < 255 ? match[1] : undefined;
}

const invalid = (value: string, flag: string, why: string) =>
  new FlagError(`invalid argument "${value}" for "--${flag}" flag: ${why}`);

export function networkHostConfig(flags: FlagValues): Partial<RuntimeHostConfig> {
  const config: Partial<RuntimeHostConfig> = {};
  const hosts = flagValues(flags, 'add-host');
  for (const entry of hosts) {
    const colon = entry.indexOf(':');
    if (colon <= 0) throw invalid(entry, 'add-host', `bad format for add-host: "${entry}"`);
    const address = entry.slice(colon + 1);
    if (address !== 'host-gateway' && !isIpAddress(address.trim())) {
      throw invalid(entry, 'add-host', `invalid IP address in add-host: "${address}"`);
    }
  }
  if (hosts.length > 0) config.ExtraHosts = hosts;
  const dns = flagValues(flags, 'dns');
  for (const address of dns) {
    if (!isIpAddress(address.trim())) {
      throw invalid(address, 'dns', `${address} is not an ip address`);
    }
  }
  if (dns.length > 0) config.Dns = dns.map((address) => address.trim());
  const search = flagValues(flags, 'dns-search').map((domain) => {
    const value = searchDomain(domain);
    if (value === undefined) throw invalid(domain, 'dns-search', `${domain} is not a valid domain`);
    return value;
  });
  if (search.length > 0) config.DnsSearch = search;
  const options = flagValues(flags, 'dns-option');
  if (options.length > 0) config.DnsOptions = options;
  return config;
}
