// What the filesystem syscall handlers share: the caller's VFS context, the
// start directory of a dirfd, and calling on a value that may be a Promise.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { Dentry } from '../fs/dentry.ts';
import { DirectoryFile } from '../fs/directory-file.ts';
import type { BlockingWait, OpenFile } from '../fs/open-file.ts';
import { PreopenDirectory } from '../fs/preopen.ts';
import type { TimeChange } from '../fs/vfs/attributes.ts';
import type { VfsContext } from '../fs/vfs/context.ts';
import { FSTFLAGS_ATIM, FSTFLAGS_ATIM_NOW, FSTFLAGS_MTIM, FSTFLAGS_MTIM_NOW } from '../abi/wasi.ts';
import { interruptible } from '../proc/interruptible.ts';
import type { Process } from '../proc/process.ts';
import type { Call } from './call.ts';

/** Linux's AT_FDCWD (-100), as a signed or unsigned 32-bit dirfd: paths start at the cwd. */
export const AT_FDCWD = -100;

/** The caller's interruptible wait, for descriptions that block (pipes, fifos). */
const blockingWaits = new WeakMap<Process, BlockingWait>();

/** How `process` waits when a read or write must block: interruptibly. One per process, made once. */
export function blockingWait(process: Process): BlockingWait {
  let wait = blockingWaits.get(process);
  if (!wait) {
    wait = (promise, cancel) => interruptible(process, promise, cancel);
    blockingWaits.set(process, wait);
  }
  return wait;
}

export function vfsContext(process: Process): VfsContext {
  return {
    root: process.root,
    credentials: process.credentials,
    umask: process.umask,
    pid: process.pid,
  };
}

/** The directory an open directory description stands for, for this caller. */
export function directoryOf(process: Process, file: OpenFile): Dentry {
  if (file instanceof PreopenDirectory) return process.root;
  if (file instanceof DirectoryFile) return file.dentry;
  return fail(Errno.ENOTDIR);
}

/** The start of a path_* call's walk: the dirfd's directory, or the cwd for AT_FDCWD. */
export function startOf(call: Call, argument: number): Dentry {
  const dirfd = call.arg(argument) | 0;
  if (dirfd === AT_FDCWD) return call.process.cwd;
  return directoryOf(call.process, call.process.fds.get(dirfd));
}

/** Applies `then` now, or when `value` resolves. */
export function after<T, R>(value: T | Promise<T>, then: (value: T) => R): R | Promise<R> {
  return value instanceof Promise ? value.then(then) : then(value);
}

/** The one path of a call, or the two paths separated by NUL (EINVAL if not two). */
export function twoPaths(call: Call): [string, string] {
  const parts = call.strings();
  if (parts.length !== 2) fail(Errno.EINVAL);
  return [parts[0]!, parts[1]!];
}

/**
 * Decodes WASI (atim, mtim, fstflags) into utimensat changes. Asking for a
 * time both explicitly and as "now" is EINVAL, as WASI specifies.
 */
export function timeChanges(
  call: Call,
  atim: number,
  mtim: number,
  flags: number,
): [TimeChange, TimeChange] {
  const fstflags = call.arg(flags);
  const decode = (value: bigint, set: number, now: number): TimeChange => {
    if (fstflags & set && fstflags & now) fail(Errno.EINVAL);
    if (fstflags & now) return 'now';
    if (fstflags & set) return value;
    return 'omit';
  };
  return [
    decode(call.bigArg(atim), FSTFLAGS_ATIM, FSTFLAGS_ATIM_NOW),
    decode(call.bigArg(mtim), FSTFLAGS_MTIM, FSTFLAGS_MTIM_NOW),
  ];
}
