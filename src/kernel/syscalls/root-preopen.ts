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
  return moveRootPreopen(call.process.fds, Number(BigInt.asIntN(32, call.bigArg(0))));
}

/** ROOT_PREOPEN's work on an fd table: moves the root preopen from fd 3 to `to`. */
export function moveRootPreopen(fds: FdTable, to: number): number {
  if (to < 0 || to >= fds.limit) fail(Errno.EBADF);
  if (to !== PREOPEN_FD && holdsRoot(fds, PREOPEN_FD)) {
    fds.set(to, fds.get(PREOPEN_FD), false);
    fds.close(PREOPEN_FD);
  }
  return holdsRoot(fds, to) ? 1 : 0;
}

/**
 * Whether ROOT_PREOPEN(`to`) would answer 1 and leave fd 3 free, doing
 * nothing but what moveRootPreopen does: fd 3 holds the root preopen and
 * `to` nothing else (a fresh program of a process whose parent started it
 * with fd 3 free), or fd 3 is free and `to` holds it (inherited). A worker
 * told so answers the call itself and the kernel makes the move at the
 * next call (worker/startup-answers.ts).
 */
export function rootPreopenFreesFd3(fds: FdTable, to: number): boolean {
  if (to <= PREOPEN_FD || to >= fds.limit) return false;
  if (holdsRoot(fds, PREOPEN_FD)) return !fds.has(to) || holdsRoot(fds, to);
  return !fds.has(PREOPEN_FD) && holdsRoot(fds, to);
}
