// Reading and changing attributes by path: stat(2), readlink(2), utimensat(2).
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import type { Dentry } from '../dentry.ts';
import { TOUCH_CTIME, type Inode } from '../inode.ts';
import { lookup } from '../path-walk.ts';
import { isOwner, MAY_WRITE, permitted } from '../permission.ts';
import type { Stat } from '../stat.ts';
import type { Mount } from '../mount.ts';
import type { VfsContext } from './context.ts';

export function stat(context: VfsContext, start: Dentry, path: string, follow: boolean): Stat {
  return lookup(context, start, path, follow).inode.stat();
}

/** Implements readlinkat(2): EINVAL if the name is not a symlink. */
export function readlink(context: VfsContext, start: Dentry, path: string): string {
  return lookup(context, start, path, false).inode.readlink(context);
}

/** A new timestamp: a value in ns, "now", or unchanged (UTIME_NOW / UTIME_OMIT). */
export type TimeChange = bigint | 'now' | 'omit';

/**
 * Implements utimensat(2) on a resolved inode. Explicit times need ownership
 * (EPERM); "now" for both needs ownership or write permission (EACCES).
 */
export function setTimes(
  context: VfsContext,
  inode: Inode,
  atime: TimeChange,
  mtime: TimeChange,
  /** The mount it is seen through, when it has one (not a pipe): EROFS if read-only. */
  mount?: Mount,
): void {
  if (atime === 'omit' && mtime === 'omit') return;
  if (mount?.readOnly) fail(Errno.EROFS);
  const explicit = typeof atime === 'bigint' || typeof mtime === 'bigint';
  if (!isOwner(inode, context.credentials)) {
    if (explicit) fail(Errno.EPERM);
    if (!permitted(inode, context.credentials, MAY_WRITE)) fail(Errno.EACCES);
  }
  const now = inode.fs.now();
  if (atime !== 'omit') inode.atime = atime === 'now' ? now : atime;
  if (mtime !== 'omit') inode.mtime = mtime === 'now' ? now : mtime;
  inode.touch(TOUCH_CTIME);
}
