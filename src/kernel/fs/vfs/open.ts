// open(2) through the VFS (Linux's path_openat/do_open/may_open): resolve,
// create if asked, check type and permissions, truncate, then let the inode
// make its open file description.
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import type { Dentry } from '../dentry.ts';
import type { BlockingWait, OpenFile } from '../open-file.ts';
import { resolve } from '../path-walk.ts';
import { checkPermission, MAY_READ, MAY_WRITE } from '../permission.ts';
import { truncateInode } from '../regular-file.ts';
import { S_IFREG } from '../stat.ts';
import { checkMayCreate, checkWritableMount, newNode, type VfsContext } from './context.ts';

export interface OpenOptions {
  readable: boolean;
  writable: boolean;
  /** Follow a symlink as last component; if not and it is one, ELOOP (O_NOFOLLOW). */
  follow: boolean;
  create?: boolean;
  exclusive?: boolean;
  directory?: boolean;
  truncate?: boolean;
  /** WASI fdflags for the description (APPEND, NONBLOCK, ...). */
  flags?: number;
  /** Permission bits for a created file, before the umask. */
  mode?: number;
  /** How a waiting open (a fifo) waits; see BlockingWait. */
  wait?: BlockingWait;
}

export function open(
  context: VfsContext,
  start: Dentry,
  path: string,
  options: OpenOptions,
): OpenFile | Promise<OpenFile> {
  const create = options.create ?? false;
  // O_CREAT|O_EXCL never follows a final symlink: it exists, so EEXIST.
  const follow = options.follow && !(create && options.exclusive);
  const resolved = resolve(context, start, path, follow);
  let dentry = resolved.dentry;
  let created = false;
  if (!dentry) {
    if (!create) fail(Errno.ENOENT);
    if (resolved.trailingSlash) fail(Errno.EISDIR);
    checkMayCreate(context, resolved.parent);
    const node = newNode(context, resolved.parent, S_IFREG | (options.mode ?? 0o666));
    const inode = resolved.parent.inode.create(resolved.name, node);
    dentry = resolved.parent.childFor(resolved.name, inode);
    created = true;
  } else if (create && options.exclusive) {
    fail(Errno.EEXIST);
  }
  const inode = dentry.inode;
  // Linux checks O_DIRECTORY before refusing an unfollowed symlink.
  if ((options.directory || resolved.trailingSlash) && !inode.isDirectory) fail(Errno.ENOTDIR);
  if (inode.isSymlink) fail(Errno.ELOOP);
  const writes = options.writable || (options.truncate ?? false);
  if (inode.isDirectory && (writes || create)) fail(Errno.EISDIR);
  if (!created) {
    const mask = (options.readable ? MAY_READ : 0) | (writes ? MAY_WRITE : 0);
    checkPermission(inode, context.credentials, mask);
    if (writes && (inode.isRegular || inode.isDirectory)) checkWritableMount(dentry);
  }
  if (options.truncate && inode.isRegular && !created) truncateInode(inode, 0);
  return inode.open({
    readable: options.readable,
    writable: options.writable,
    flags: options.flags ?? 0,
    dentry,
    credentials: context.credentials,
    caller: context,
    wait: options.wait,
  });
}
