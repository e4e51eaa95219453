// The sock_* calls of WASI. No file is a socket yet (sockets come with the
// network namespace), so each answers as Linux does for a descriptor that
// is not one: EBADF for a closed fd, ENOTSOCK otherwise.
import { Errno } from '../abi/errno.ts';
import { Sys } from '../abi/syscalls.ts';
import { fail } from '../errors.ts';
import type { Call, SyscallEntry } from './call.ts';

function notASocket(call: Call): never {
  call.process.fds.get(call.arg(0));
  return fail(Errno.ENOTSOCK);
}

const note = 'No sockets yet: every descriptor answers ENOTSOCK (EBADF when closed).';

export const socketSyscalls: SyscallEntry[] = [
  { number: Sys.SOCK_ACCEPT, name: 'sock_accept', handler: notASocket, support: 'partial', note },
  { number: Sys.SOCK_RECV, name: 'sock_recv', handler: notASocket, support: 'partial', note },
  { number: Sys.SOCK_SEND, name: 'sock_send', handler: notASocket, support: 'partial', note },
  {
    number: Sys.SOCK_SHUTDOWN,
    name: 'sock_shutdown',
    handler: notASocket,
    support: 'partial',
    note,
  },
];
