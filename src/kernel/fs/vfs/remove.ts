// Removing names: unlink(2) and rmdir(2) through the VFS. An unlinked file
// that is still open keeps its inode and data (the open description holds
// the inode) until the last close.
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import type { Dentry } from '../dentry.ts';
import { resolve } from '../path-walk.ts';
import { checkMayDelete, type VfsContext } from './context.ts';

/** Implements unlinkat(2) without AT_REMOVEDIR. Like Linux, a directory is EISDIR (POSIX says EPERM). */
export function unlink(context: VfsContext, start: Dentry, path: string): void {
  const resolved = resolve(context, start, path, false);
  if (resolved.name === '.' || resolved.name === '..') fail(Errno.EISDIR);
  const dentry = resolved.dentry ?? fail(Errno.ENOENT);
  if (dentry.inode.isDirectory) fail(Errno.EISDIR);
  if (resolved.trailingSlash) fail(Errno.ENOTDIR);
  checkMayDelete(context, resolved.parent, dentry);
  resolved.parent.inode.unlink(resolved.name);
  resolved.parent.forget(resolved.name);
}

/** Implements rmdir(2): `.` is EINVAL, `..` ENOTEMPTY, a mountpoint or root EBUSY. */
export function rmdir(context: VfsContext, start: Dentry, path: string): void {
  const resolved = resolve(context, start, path, false);
  const dentry = resolved.dentry ?? fail(Errno.ENOENT);
  if (resolved.name === '.' && dentry.same(context.root)) fail(Errno.EBUSY);
  if (resolved.name === '.') fail(Errno.EINVAL);
  if (resolved.name === '..') fail(Errno.ENOTEMPTY);
  if (!dentry.inode.isDirectory) fail(Errno.ENOTDIR);
  checkMayDelete(context, resolved.parent, dentry);
  resolved.parent.inode.rmdir(resolved.name);
  resolved.parent.forget(resolved.name);
}
