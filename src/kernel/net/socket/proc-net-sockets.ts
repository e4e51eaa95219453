// /proc/net/tcp, /proc/net/udp and /proc/net/unix in Linux's formats
// (tcp4_seq_show, udp4_seq_show, unix_seq_show), for one namespace.
// Addresses are the 32-bit value as stored in network order, printed as a
// little-endian machine reads it (127.0.0.1 is 0100007F); ports in host
// order. Kernel pointers read as zeros, as for a reader without
// CAP_SYSLOG under kptr_restrict. TCP timers and retransmissions do not
// exist here, so those columns are 0; listening sockets come first, as
// Linux walks its listening hash before the established one.
import { AF_INET, SOCK_STREAM } from '../../abi/socket.ts';
import type { NetStack } from '../stack.ts';
import type { SocketAddress } from './address.ts';
import { DatagramSocket } from './datagram-socket.ts';
import { StreamSocket } from './stream-socket.ts';

const TCP_WIDTH = 149;
const UDP_WIDTH = 127;
const NULL_POINTER = '0000000000000000';

function hex(value: number, digits: number): string {
  return (value >>> 0).toString(16).toUpperCase().padStart(digits, '0');
}

function inetHex(address: SocketAddress | undefined): string {
  if (!address || address.family !== AF_INET) return '00000000:0000';
  const a = address.address;
  const stored =
    ((a & 0xff) << 24) | (((a >>> 8) & 0xff) << 16) | (((a >>> 16) & 0xff) << 8) | (a >>> 24);
  return `${hex(stored, 8)}:${hex(address.port, 4)}`;
}

const pad = (line: string, width: number): string => `${line.padEnd(width)}\n`;

export function tcpText(stack: NetStack): string {
  const header =
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
  const sockets = [...stack.sockets].filter(
    (s): s is StreamSocket => s instanceof StreamSocket && s.family === AF_INET,
  );
  const shown = [
    ...sockets.filter((s) => s.listening),
    ...sockets.filter((s) => !s.listening && s.connected),
  ];
  const rows = shown.map((s, i) => {
    const listening = s.listening;
    // Nothing is ever unacknowledged on loopback: tx_queue (write_seq - snd_una) is 0.
    const tx = 0;
    const rx = listening ? s.pendingConnections : s.queuedBytes;
    const tail = listening ? '100 0 0 10 0' : '20 4 30 10 -1';
    const line =
      `${String(i).padStart(4)}: ${inetHex(s.localAddress())} ${inetHex(s.remoteAddress)} ` +
      `${hex(s.tcpState, 2)} ${hex(tx, 8)}:${hex(rx, 8)} 00:00000000 00000000 ` +
      `${String(s.uid).padStart(5)} ${'0'.padStart(8)} ${s.ino} 1 ${NULL_POINTER} ${tail}`;
    return pad(line, TCP_WIDTH);
  });
  return pad(header, TCP_WIDTH) + rows.join('');
}

export function udpText(stack: NetStack): string {
  const header =
    '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops';
  const bound = new Set(stack.udp.entries().map(([holder]) => holder));
  const shown = [...stack.sockets].filter(
    (s): s is DatagramSocket => s instanceof DatagramSocket && bound.has(s),
  );
  const rows = shown.map((s, i) => {
    const state = s.remoteAddress ? 0x01 : 0x07;
    const line =
      `${String(i).padStart(5)}: ${inetHex(s.localAddress())} ${inetHex(s.remoteAddress)} ` +
      `${hex(state, 2)} 00000000:${hex(s.queuedTotalBytes, 8)} 00:00000000 00000000 ` +
      `${String(s.uid).padStart(5)} ${'0'.padStart(8)} ${s.ino} 2 ${NULL_POINTER} 0`;
    return pad(line, UDP_WIDTH);
  });
  return pad(header, UDP_WIDTH) + rows.join('');
}

/** __SO_ACCEPTCON: the flag /proc/net/unix shows for a listening socket. */
const SO_ACCEPTCON = 0x10000;

export function unixText(stack: NetStack): string {
  const lines = ['Num       RefCount Protocol Flags    Type St Inode Path\n'];
  for (const s of stack.sockets) {
    if (!(s instanceof StreamSocket || s instanceof DatagramSocket) || s.family === AF_INET) {
      continue;
    }
    const listening = s.listening;
    const connected = s instanceof StreamSocket ? s.connected : s.remoteAddress !== undefined;
    const name = s.localAddress();
    let path = '';
    if (name.family !== AF_INET && (name.abstract || name.path !== '')) {
      path = ` ${name.abstract ? '@' : ''}${name.path}`;
    }
    const type = s.type === SOCK_STREAM ? 1 : 2;
    const state = connected ? 3 : 1;
    lines.push(
      `${NULL_POINTER}: ${hex(2, 8)} ${hex(0, 8)} ${hex(listening ? SO_ACCEPTCON : 0, 8)} ` +
        `${hex(type, 4)} ${hex(state, 2)} ${String(s.ino).padStart(5)}${path}\n`,
    );
  }
  return lines.join('');
}
