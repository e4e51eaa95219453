// The three files dockerd writes for each container in its directory
// (/var/lib/docker/containers/<id>/hosts, hostname, resolv.conf) and binds
// over the container's /etc/hosts, /etc/hostname and /etc/resolv.conf, with
// the contents Docker 20.10 gives them:
// - hosts: the localhost and IPv6 lines, then "<address>\t<hostname>" on a
//   network that gives the container an address (not here: bocal has no
//   bridge yet, so a default-network container has only loopback, as with
//   --network none, and gets none's file); --network host copies the host's.
//   `--add-host NAME:IP` lines ("IP\tNAME") follow the defaults; with them,
//   --network host gets the defaults too, not the host's file (libnetwork
//   copies the host's only when there are none).
// - hostname: the container's host name.
// - resolv.conf: the host's, without localhost nameservers (unreachable from
//   another network namespace), Google's public servers added when none is
//   left (libnetwork's FilterResolvDNS); --network host copies the host's.
//   With --dns, --dns-search or --dns-option, on any network, the file is
//   made anew (libnetwork's resolvconf.Build): "search" (unless it is just
//   "."), "nameserver" lines and "options", each the flags' values or else
//   the host file's, unfiltered.
import type { NetworkNames } from '../runtime.ts';

/** The hosts file libnetwork writes for a container without a bridge address. */
const DEFAULT_HOSTS = [
  '127.0.0.1\tlocalhost',
  '::1\tlocalhost ip6-localhost ip6-loopback',
  'fe00::0\tip6-localnet',
  'ff00::0\tip6-mcastprefix',
  'ff02::1\tip6-allnodes',
  'ff02::2\tip6-allrouters',
  '',
].join('\n');

/** libnetwork's defaultIPv4Dns, appended as FilterResolvDNS does (no final newline). */
const DEFAULT_NAMESERVERS = '\nnameserver 8.8.8.8\nnameserver 8.8.4.4';

const LOCALHOST_NAMESERVER = /^\s*nameserver\s*((127\.\d+\.\d+\.\d+)|(::1))\s*$/gm;
const IPV6_NAMESERVER = /^\s*nameserver\s*(([0-9a-f]*:){2,}[0-9a-f]*)(%\w+)?\s*$/gim;
const NAMESERVER = /^\s*nameserver\s*(\S+)\s*$/m;

/** The last host resolv.conf filtered, and the result: it seldom changes between runs. */
let lastResolvConf: { host: string | undefined; container: string } | undefined;

/** The host's resolv.conf as a container on its own network namespace gets it (IPv6 off, as dockerd's default). */
export function containerResolvConf(host: string | undefined): string {
  if (!lastResolvConf || lastResolvConf.host !== host) {
    lastResolvConf = { host, container: filterResolvConf(host) };
  }
  return lastResolvConf.container;
}

function filterResolvConf(host: string | undefined): string {
  const cleaned = (host ?? '').replace(LOCALHOST_NAMESERVER, '').replace(IPV6_NAMESERVER, '');
  return NAMESERVER.test(cleaned) ? cleaned : cleaned + DEFAULT_NAMESERVERS;
}

export interface NetworkFile {
  /** Its name in the container's directory. */
  name: 'hosts' | 'hostname' | 'resolv.conf';
  target: string;
  contents: string;
}

/** The words of the last line of `text` starting with `keyword` (resolv.conf's search, options). */
function lastLineWords(text: string, keyword: string): string[] {
  let words: string[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] === keyword) words = fields.slice(1);
  }
  return words;
}

/** A resolv.conf made from the flags' values, the host's where a flag is not given. */
export function builtResolvConf(host: string | undefined, names: NetworkNames): string {
  const text = host ?? '';
  const nameservers = names.nameservers.length
    ? names.nameservers
    : text
        .split('\n')
        .map((line) => /^\s*nameserver\s+(\S+)/.exec(line)?.[1])
        .filter((address): address is string => address !== undefined);
  const search = names.search.length ? names.search : lastLineWords(text, 'search');
  const options = names.options.length ? names.options : lastLineWords(text, 'options');
  let out = '';
  if (search.length > 0 && search.join(' ').trim() !== '.') out += `search ${search.join(' ')}\n`;
  for (const address of nameservers) out += `nameserver ${address}\n`;
  if (options.length > 0 && options.join(' ').trim() !== '') {
    out += `options ${options.join(' ')}\n`;
  }
  return out;
}

const NO_NAMES: NetworkNames = { extraHosts: [], nameservers: [], search: [], options: [] };

/** The files, in the order runc mounts them (Docker lists resolv.conf, hostname, hosts). */
export function networkFiles(
  network: 'none' | 'host',
  hostname: string,
  /** A file of the host's /etc, or undefined when it has none. */
  hostEtc: (name: string) => string | undefined,
  names: NetworkNames = NO_NAMES,
): NetworkFile[] {
  const onHost = network === 'host';
  const dnsGiven = names.nameservers.length + names.search.length + names.options.length > 0;
  const extra = names.extraHosts.map((entry) => {
    const colon = entry.indexOf(':');
    return `${entry.slice(colon + 1)}\t${entry.slice(0, colon)}\n`;
  });
  return [
    {
      name: 'resolv.conf',
      target: '/etc/resolv.conf',
      contents: dnsGiven
        ? builtResolvConf(hostEtc('resolv.conf'), names)
        : onHost
          ? (hostEtc('resolv.conf') ?? containerResolvConf(undefined))
          : containerResolvConf(hostEtc('resolv.conf')),
    },
    { name: 'hostname', target: '/etc/hostname', contents: `${hostname}\n` },
    {
      name: 'hosts',
      target: '/etc/hosts',
      contents:
        onHost && extra.length === 0
          ? (hostEtc('hosts') ?? DEFAULT_HOSTS)
          : DEFAULT_HOSTS + extra.join(''),
    },
  ];
}
