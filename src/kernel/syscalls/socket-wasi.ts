// WASI preview 1's socket calls (sock_accept, sock_recv, sock_send,
// sock_shutdown) on the kernel's sockets: what wasi-libc's accept, recv,
// send and shutdown make, and what other WASI runtimes offer on preopened
// sockets. A descriptor that is no socket answers ENOTSOCK.
import { Errno } from '../abi/errno.ts';
import { Sys } from '../abi/syscalls.ts';
import { FDFLAGS_NONBLOCK } from '../abi/wasi.ts';
import { fail } from '../errors.ts';
import type { Call, SyscallEntry } from './call.ts';
import { after, blockingWait } from './fs-context.ts';
import { install, socketArg } from './socket-support.ts';

/** WASI riflags and roflags. */
const RIFLAGS_RECV_PEEK = 1;
const RIFLAGS_RECV_WAITALL = 2;
const ROFLAGS_RECV_DATA_TRUNCATED = 1;
/** WASI sdflags. */
const SDFLAGS_RD = 1;
const SDFLAGS_WR = 2;

/** args: fd, fdflags → results: the new fd. WASI has no address to give back. */
function sockAccept(call: Call): number | Promise<number> {
  const listener = socketArg(call);
  const fdflags = call.arg(1);
  if (fdflags & ~FDFLAGS_NONBLOCK) fail(Errno.EINVAL);
  const accepted = listener.accept(listener.nonblocking, blockingWait(call.process));
  return after(accepted, (socket) => {
    socket.flags = fdflags;
    return install(call, socket, false);
  });
}

function sockRecv(call: Call): void | Promise<void> {
  const target = socketArg(call);
  const riflags = call.arg(2);
  if (riflags & ~(RIFLAGS_RECV_PEEK | RIFLAGS_RECV_WAITALL)) fail(Errno.EINVAL);
  const options = {
    peek: (riflags & RIFLAGS_RECV_PEEK) !== 0,
    waitAll: (riflags & RIFLAGS_RECV_WAITALL) !== 0,
    nonblocking: target.nonblocking,
  };
  const length = call.arg(1) >>> 0; // a WASI size is a u32
  const received = target.receive(length, options, blockingWait(call.process));
  return after(received, (r) => {
    call.results[1] = BigInt(r.truncated ? ROFLAGS_RECV_DATA_TRUNCATED : 0);
    call.output(r.data);
  });
}

/** EPIPE raises SIGPIPE through the dispatcher's errno observer (kernel.ts), as fd_write's does. */
function sockSend(call: Call): number | Promise<number> {
  const target = socketArg(call);
  return target.send(call.input, { nonblocking: target.nonblocking }, blockingWait(call.process));
}

function sockShutdown(call: Call): void {
  const how = call.arg(1);
  const target = socketArg(call);
  if (how === 0 || how & ~(SDFLAGS_RD | SDFLAGS_WR)) fail(Errno.EINVAL);
  // WASI's bits to Linux's SHUT_RD 0, SHUT_WR 1, SHUT_RDWR 2.
  target.shutdown(how - 1);
}

export const wasiSocketSyscalls: SyscallEntry[] = [
  { number: Sys.SOCK_ACCEPT, name: 'sock_accept', handler: sockAccept, support: 'full' },
  { number: Sys.SOCK_RECV, name: 'sock_recv', handler: sockRecv, support: 'full' },
  { number: Sys.SOCK_SEND, name: 'sock_send', handler: sockSend, support: 'full' },
  { number: Sys.SOCK_SHUTDOWN, name: 'sock_shutdown', handler: sockShutdown, support: 'full' },
];
