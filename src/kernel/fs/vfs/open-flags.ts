// open(2)'s flags, as wasi-libc numbers them (abi/open-flags.ts), turned
// into the VFS's open options: one translation for openat and for spawn's
// file actions.
import { Errno } from '../../abi/errno.ts';
import {
  FDFLAGS_MASK,
  O_CREAT,
  O_DIRECTORY,
  O_EXCL,
  O_EXEC,
  O_NOFOLLOW,
  O_RDONLY,
  O_SEARCH,
  O_TRUNC,
  O_WRONLY,
} from '../../abi/open-flags.ts';
import { fail } from '../../errors.ts';
import type { OpenOptions } from './open.ts';

/**
 * The access mode, O_CREAT with `mode` (less the umask, applied by the VFS),
 * O_EXCL, O_TRUNC, O_DIRECTORY, O_NOFOLLOW (a final symlink is ELOOP),
 * O_APPEND and O_NONBLOCK (the description's flags). O_SEARCH and O_EXEC
 * open for neither reading nor writing, like Linux's O_PATH; no access mode
 * at all is EINVAL. O_CLOEXEC belongs to the fd, not the description: the
 * caller reads it.
 */
export function openOptionsFromFlags(oflags: number, mode: number): OpenOptions {
  const readable = (oflags & O_RDONLY) !== 0;
  const writable = (oflags & O_WRONLY) !== 0;
  if (!readable && !writable && (oflags & (O_SEARCH | O_EXEC)) === 0) fail(Errno.EINVAL);
  return {
    readable,
    writable,
    follow: (oflags & O_NOFOLLOW) === 0,
    create: (oflags & O_CREAT) !== 0,
    exclusive: (oflags & O_EXCL) !== 0,
    directory: (oflags & O_DIRECTORY) !== 0,
    truncate: (oflags & O_TRUNC) !== 0,
    flags: oflags & FDFLAGS_MASK,
    mode: mode & 0o7777,
  };
}
