// rename(2) through the VFS, with Linux's rules: both names in one mount
// (EXDEV); a directory never moves into itself or below (EINVAL); a
// directory replaces only an empty directory (ENOTDIR, ENOTEMPTY) and a
// non-directory only a non-directory (EISDIR); two links to one inode make
// a successful no-op; the replacement is atomic (one filesystem call).
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import type { Dentry } from '../dentry.ts';
import { resolve } from '../path-walk.ts';
import { checkPermission, MAY_WRITE } from '../permission.ts';
import { checkMayCreate, checkMayDelete, type VfsContext } from './context.ts';

function isNamed(name: string): boolean {
  return name !== '.' && name !== '..';
}

/** True if `dentry` is `ancestor` or below it in the same mount. */
function isWithin(dentry: Dentry, ancestor: Dentry): boolean {
  for (let current: Dentry | null = dentry; current; current = current.parent) {
    if (current.same(ancestor)) return true;
  }
  return false;
}

export function rename(
  context: VfsContext,
  oldStart: Dentry,
  oldPath: string,
  newStart: Dentry,
  newPath: string,
): void {
  const from = resolve(context, oldStart, oldPath, false);
  const to = resolve(context, newStart, newPath, false);
  const source = from.dentry ?? fail(Errno.ENOENT);
  if (!isNamed(from.name) || !isNamed(to.name)) fail(Errno.EBUSY);
  if (from.parent.mount !== to.parent.mount) fail(Errno.EXDEV);
  const isDirectory = source.inode.isDirectory;
  if (!isDirectory && (from.trailingSlash || to.trailingSlash)) fail(Errno.ENOTDIR);
  const target = to.dentry;
  if (target?.inode === source.inode) return;
  if (isDirectory && isWithin(to.parent, source)) fail(Errno.EINVAL);
  if (target) {
    if (isDirectory && !target.inode.isDirectory) fail(Errno.ENOTDIR);
    if (!isDirectory && target.inode.isDirectory) fail(Errno.EISDIR);
    if (isWithin(from.parent, target)) fail(Errno.ENOTEMPTY);
    checkMayDelete(context, to.parent, target);
  } else {
    checkMayCreate(context, to.parent);
  }
  checkMayDelete(context, from.parent, source);
  // A directory changing parent rewrites its `..`: it must be writable itself.
  if (isDirectory && !from.parent.same(to.parent)) {
    checkPermission(source.inode, context.credentials, MAY_WRITE);
  }
  from.parent.inode.rename(from.name, to.parent.inode, to.name);
  source.move(to.parent, to.name);
}
