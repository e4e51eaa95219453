// Making names: mkdir(2), mknod(2), symlink(2), link(2), through the VFS.
// Like Linux, none of them follows a symlink as last component of the new
// name: an existing name, link or not, is EEXIST.
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import type { Dentry } from '../dentry.ts';
import type { Inode } from '../inode.ts';
import { lookup, resolve, type Resolved } from '../path-walk.ts';
import { S_IFDIR } from '../stat.ts';
import { checkMayCreate, newNode, type VfsContext } from './context.ts';

/** Resolves the new name: its parent must allow creating, the name must be free. */
function place(context: VfsContext, start: Dentry, path: string, directory: boolean): Resolved {
  const resolved = resolve(context, start, path, false);
  if (resolved.dentry) fail(Errno.EEXIST);
  if (resolved.trailingSlash && !directory) fail(Errno.ENOENT);
  checkMayCreate(context, resolved.parent);
  return resolved;
}

function bind(resolved: Resolved, inode: Inode): Dentry {
  return resolved.parent.childFor(resolved.name, inode);
}

/** Implements mkdirat(2): `mode` & 0777 less the umask. */
export function mkdir(context: VfsContext, start: Dentry, path: string, mode: number): Dentry {
  const resolved = place(context, start, path, true);
  const node = newNode(context, resolved.parent, S_IFDIR | (mode & 0o7777));
  return bind(resolved, resolved.parent.inode.mkdir(resolved.name, node));
}

/** Implements mknodat(2): `mode` carries the type (S_IFIFO, S_IFCHR, ...). */
export function mknod(
  context: VfsContext,
  start: Dentry,
  path: string,
  mode: number,
  rdev = 0,
): Dentry {
  const resolved = place(context, start, path, false);
  const node = newNode(context, resolved.parent, mode, rdev);
  return bind(resolved, resolved.parent.inode.mknod(resolved.name, node));
}

/** Implements symlinkat(2). The target is stored as given; empty is ENOENT. */
export function symlink(context: VfsContext, target: string, start: Dentry, path: string): Dentry {
  if (target === '') fail(Errno.ENOENT);
  const resolved = place(context, start, path, false);
  const node = newNode(context, resolved.parent, 0o777);
  return bind(resolved, resolved.parent.inode.symlink(resolved.name, target, node));
}

/**
 * Implements linkat(2). Directories cannot be linked (EPERM); both names
 * must be in the same mount (EXDEV). Where we differ from Linux: no
 * protected_hardlinks check (linking files one does not own is allowed).
 */
export function link(
  context: VfsContext,
  oldStart: Dentry,
  oldPath: string,
  follow: boolean,
  newStart: Dentry,
  newPath: string,
): Dentry {
  const old = lookup(context, oldStart, oldPath, follow);
  const resolved = place(context, newStart, newPath, false);
  if (old.mount !== resolved.parent.mount) fail(Errno.EXDEV);
  if (old.inode.isDirectory) fail(Errno.EPERM);
  resolved.parent.inode.link(resolved.name, old.inode);
  return bind(resolved, old.inode);
}
