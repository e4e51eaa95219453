// pivot_root(2)'s move of mounts (Linux's fs/namespace.c): the mount at
// `newRoot` takes the place of the caller's root mount, and the old root
// mount is attached on `putOld`. The syscall layer then moves the root and
// cwd of every process that had the old root (Linux's chroot_fs_refs).
//
// Where we differ from Linux: our boot root is the table's top mount, which
// has no mountpoint, like Linux's initramfs rootfs that pivot_root refuses
// (EINVAL, hence switch_root). We allow it: the new root becomes the top of
// the table, so an emulated host or container can pivot as a disk-booted one.
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import type { Dentry } from '../dentry.ts';
import { isPathBelow } from './bind.ts';

/**
 * Checks pivot_root's rules in Linux's order and moves the mounts. `root`
 * is the caller's root; `newRoot` and `putOld` are resolved, followed.
 * ENOTDIR: either is not a directory. EINVAL: a shared mount is involved,
 * new_root is not a mount's root or not attached, the root is not a
 * mount's root, put_old is not under new_root, or new_root not under the
 * root. EBUSY: new_root or put_old is on the root's mount. ENOENT: new_root
 * was removed.
 */
export function pivotRoot(root: Dentry, newRoot: Dentry, putOld: Dentry): void {
  if (!newRoot.inode.isDirectory || !putOld.inode.isDirectory) fail(Errno.ENOTDIR);
  const table = root.mount.table;
  const rootMount = root.mount;
  const newMount = newRoot.mount;
  const shared = (mount: typeof rootMount | null) => mount?.propagation === 'shared';
  if (shared(putOld.mount) || shared(newMount.parent) || shared(rootMount.parent)) {
    fail(Errno.EINVAL);
  }
  if (!table.has(rootMount) || !table.has(newMount)) fail(Errno.EINVAL);
  if (newRoot.inode.nlink === 0) fail(Errno.ENOENT);
  if (newMount === rootMount || putOld.mount === rootMount) fail(Errno.EBUSY);
  if (!root.isMountRoot) fail(Errno.EINVAL);
  if (!newRoot.isMountRoot || !newMount.mountpoint) fail(Errno.EINVAL);
  if (!isPathBelow(putOld, newRoot)) fail(Errno.EINVAL);
  if (!isPathBelow(newRoot, root)) fail(Errno.EINVAL);
  const rootPlace = rootMount.mountpoint;
  table.reattach(newMount, rootPlace);
  table.reattach(rootMount, putOld);
}
