// What every VFS operation needs from the caller, and the checks they share:
// write access to a directory entry (may_create/may_delete in Linux's namei).
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import type { Dentry } from '../dentry.ts';
import type { NewNode } from '../inode.ts';
import type { WalkContext } from '../path-walk.ts';
import { checkPermission, checkSticky, MAY_EXEC, MAY_WRITE } from '../permission.ts';
import { S_IFDIR, S_IFMT } from '../stat.ts';

const S_ISGID = 0o2000;

/** The caller: root and credentials for the walk, and the umask for new nodes. */
export interface VfsContext extends WalkContext {
  umask: number;
}

/** EROFS if `dentry` is seen through a read-only mount. */
export function checkWritableMount(dentry: Dentry): void {
  if (dentry.mount.readOnly) fail(Errno.EROFS);
}

/** may_create: write and search permission on the directory, writable mount. */
export function checkMayCreate(context: VfsContext, directory: Dentry): void {
  checkWritableMount(directory);
  checkPermission(directory.inode, context.credentials, MAY_WRITE | MAY_EXEC);
}

/** may_delete: as may_create, plus the sticky-bit rule and busy mountpoints. */
export function checkMayDelete(context: VfsContext, directory: Dentry, victim: Dentry): void {
  checkMayCreate(context, directory);
  checkSticky(directory.inode, victim.inode, context.credentials);
  if (victim.mount.table.mountedOn(victim) || victim.isMountRoot) fail(Errno.EBUSY);
}

/**
 * Attributes of a new node in `directory`: `mode`'s permission bits less the
 * umask, owned by the caller's effective ids, or by the directory's group when
 * it is set-group-ID (which new directories inherit), as Linux's inode_init_owner.
 */
export function newNode(context: VfsContext, directory: Dentry, mode: number, rdev = 0): NewNode {
  const type = mode & S_IFMT;
  let permissions = mode & 0o7777 & ~context.umask;
  let gid = context.credentials.egid;
  if (directory.inode.mode & S_ISGID) {
    gid = directory.inode.gid;
    if (type === S_IFDIR) permissions |= S_ISGID;
  }
  return { mode: type | permissions, uid: context.credentials.euid, gid, rdev };
}
