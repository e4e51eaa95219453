// ROOT_PREOPEN: what the C library does before main to free fd 3 for the
// program (wasm/lib/bocal-root.c), in one call instead of four (fd 3's
// prestat and name, dup3, close): a program start makes a handful of calls
// before main, each a round trip to the kernel's thread.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import { PREOPEN_FD, PreopenDirectory } from '../fs/preopen.ts';
import type { FdTable } from '../proc/fd-table.ts';
import type { Call } from './call.ts';

/** Whether `fd` holds a root preopen ("/", the only kind the kernel makes). */
function holdsRoot(fds: FdTable, fd: number): boolean {
  if (!fds.has(fd)) return false;
  const file = fds.get(fd);
  return file instanceof PreopenDirectory && file.name === '/';
}

/**
 * args: the fd to keep the root preopen at. When fd 3 holds it, it moves
 * there (not close-on-exec, so children that link the library adopt it) and
 * fd 3 is closed; the result says whether that fd now holds it (1) or not
 * (0: fd 3 held something else and nothing was inherited there). EBADF for
 * an fd out of range (RLIMIT_NOFILE), which leaves the preopen at 3.
 */
export function rootPreopen(call: Call): number {
  const fds = call.process.fds;
  const to = Number(BigInt.asIntN(32, call.bigArg(0)));
  if (to < 0 || to >= fds.limit) fail(Errno.EBADF);
  if (to !== PREOPEN_FD && holdsRoot(fds, PREOPEN_FD)) {
    fds.set(to, fds.get(PREOPEN_FD), false);
    fds.close(PREOPEN_FD);
  }
  return holdsRoot(fds, to) ? 1 : 0;
}
