// Changing a file's mode and owner: chmod(2) and chown(2) on a resolved
// inode, with Linux's rules (chmod_common, chown_common, setattr_prepare).
// Without capabilities, "euid 0" stands for CAP_FOWNER, CAP_CHOWN and
// CAP_FSETID.
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import type { Credentials } from '../../proc/credentials.ts';
import { TOUCH_CTIME, type Inode } from '../inode.ts';
import type { Mount } from '../mount.ts';
import { inGroup, isOwner } from '../permission.ts';
import { S_IFMT } from '../stat.ts';

export const S_ISUID = 0o4000;
export const S_ISGID = 0o2000;
const S_IXGRP = 0o010;
/** "Unchanged" for chown's uid or gid. */
export const UNCHANGED_ID = 0xffffffff;

/**
 * Implements chmod(2) on `inode` seen through `mount`: EROFS on a read-only
 * mount, EPERM unless the caller owns the file or is root. Like Linux, a
 * caller that is neither root nor in the file's group silently loses
 * S_ISGID from the new mode.
 */
export function changeMode(
  credentials: Credentials,
  inode: Inode,
  mode: number,
  mount: Mount | undefined,
): void {
  if (mount?.readOnly) fail(Errno.EROFS);
  if (!isOwner(inode, credentials)) fail(Errno.EPERM);
  let permissions = mode & 0o7777;
  if (credentials.euid !== 0 && !inGroup(credentials, inode.gid)) permissions &= ~S_ISGID;
  inode.mode = (inode.mode & S_IFMT) | permissions;
  inode.touch(TOUCH_CTIME);
}

/**
 * Implements chown(2) on `inode` (UNCHANGED_ID leaves an id as it is).
 * Root may change both. Otherwise a given uid must be the file's own and the
 * caller its owner, and a given gid must be the file's or one of the
 * caller's groups, with the caller the owner; anything else is EPERM. On a
 * non-directory, S_ISUID is cleared, and S_ISGID when group-execute is set
 * (without it, S_ISGID marks mandatory locking and stays), even for root and
 * even when no id changes, as Linux does with ATTR_KILL_SUID/ATTR_KILL_SGID;
 * that clearing is a mode change, so a non-owner gets EPERM for it.
 */
export function changeOwner(
  credentials: Credentials,
  inode: Inode,
  uid: number,
  gid: number,
  mount: Mount | undefined,
): void {
  if (mount?.readOnly) fail(Errno.EROFS);
  const root = credentials.euid === 0;
  const owner = credentials.euid === inode.uid;
  if (!root && uid !== UNCHANGED_ID && !(owner && uid === inode.uid)) fail(Errno.EPERM);
  if (!root && gid !== UNCHANGED_ID) {
    if (!owner || (gid !== inode.gid && !inGroup(credentials, gid))) fail(Errno.EPERM);
  }
  let mode = inode.mode;
  if (!inode.isDirectory) {
    mode &= ~S_ISUID;
    if (mode & S_IXGRP) mode &= ~S_ISGID;
  }
  if (mode !== inode.mode && !isOwner(inode, credentials)) fail(Errno.EPERM);
  inode.mode = mode;
  if (uid !== UNCHANGED_ID) inode.uid = uid;
  if (gid !== UNCHANGED_ID) inode.gid = gid;
  inode.touch(TOUCH_CTIME);
}
