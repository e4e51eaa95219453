// AF_UNIX sockets named by a path: bind(2) makes a socket inode (S_IFSOCK)
// at the path, and connect(2) or sendto(2) walks to it and finds the
// socket bound there. The link is kept here, beside the inode, so that a
// socket file reached from another namespace (a bind mount, a shared
// directory) leads to the same socket, as on Linux. Removing the file
// (unlink) breaks the name; closing the socket leaves a file that refuses
// connections (ECONNREFUSED).
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import type { Dentry } from '../../fs/dentry.ts';
import type { Inode } from '../../fs/inode.ts';
import { lookup } from '../../fs/path-walk.ts';
import { checkPermission } from '../../fs/permission.ts';
import { S_IFMT, S_IFSOCK } from '../../fs/stat.ts';
import { mknod } from '../../fs/vfs/create.ts';
import type { VfsContext } from '../../fs/vfs/context.ts';

const boundAt = new WeakMap<Inode, WeakRef<object>>();
const MAY_WRITE = 2;

/** bind(2) to a path: EADDRINUSE when the name exists, as Linux's unix_bind. */
export function bindPath(context: VfsContext, start: Dentry, path: string, socket: object): void {
  let dentry: Dentry;
  try {
    dentry = mknod(context, start, path, S_IFSOCK | 0o777);
  } catch (error) {
    if ((error as { errno?: Errno }).errno === Errno.EEXIST) fail(Errno.EADDRINUSE);
    throw error;
  }
  boundAt.set(dentry.inode, new WeakRef(socket));
}

/** The socket a path names (ECONNREFUSED when it is no socket file or nobody is bound there). */
export function socketAtPath(context: VfsContext, start: Dentry, path: string): object {
  const inode = lookup(context, start, path, true).inode;
  if ((inode.stat().mode & S_IFMT) !== S_IFSOCK) fail(Errno.ECONNREFUSED);
  checkPermission(inode, context.credentials, MAY_WRITE);
  return boundAt.get(inode)?.deref() ?? fail(Errno.ECONNREFUSED);
}
