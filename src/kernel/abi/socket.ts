// Socket constants on the wire, with Linux's values (<linux/socket.h>,
// <linux/in.h>, <asm-generic/socket.h>): programs that include
// wasm/lib/bocal-socket.h see the same numbers, whatever wasi-libc's own
// headers say (they number AF_INET 1 and SOCK_STREAM 6).

export const AF_UNSPEC = 0;
export const AF_UNIX = 1;
export const AF_INET = 2;
export const AF_INET6 = 10;

export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
/** Flags or'ed into socket(2)'s type and accept4(2)'s flags. */
export const SOCK_NONBLOCK = 0o4000;
export const SOCK_CLOEXEC = 0o2000000;
export const SOCK_TYPE_MASK = 0xf;

export const IPPROTO_IP = 0;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;

export const SOL_SOCKET = 1;
export const SO_REUSEADDR = 2;
export const SO_TYPE = 3;
export const SO_ERROR = 4;
export const SO_BROADCAST = 6;
export const SO_SNDBUF = 7;
export const SO_RCVBUF = 8;
export const SO_KEEPALIVE = 9;
export const SO_REUSEPORT = 15;
export const SO_ACCEPTCONN = 30;
export const SO_PROTOCOL = 38;
export const SO_DOMAIN = 39;
export const TCP_NODELAY = 1;

export const MSG_PEEK = 0x2;
export const MSG_DONTWAIT = 0x40;
export const MSG_WAITALL = 0x100;
export const MSG_NOSIGNAL = 0x4000;
/** recvfrom's results[1] flag when a datagram was cut to the buffer. */
export const MSG_TRUNC = 0x20;

export const SHUT_RD = 0;
export const SHUT_WR = 1;
export const SHUT_RDWR = 2;

/** Linux's FIONREAD (SIOCINQ) ioctl: bytes waiting to be read. */
export const FIONREAD = 0x541b;
/** SOMAXCONN: listen(2) clamps its backlog to net.core.somaxconn (4096 since Linux 5.4). */
export const SOMAXCONN = 4096;
/** net.ipv4.ip_local_port_range's default. */
export const EPHEMERAL_FIRST = 32768;
export const EPHEMERAL_LAST = 60999;
