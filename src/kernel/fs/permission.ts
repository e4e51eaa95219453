// Unix permission checks (Linux's generic_permission / inode_permission).
// uid 0 bypasses read and write checks, and execute checks when some execute
// bit is set or the inode is a directory, as CAP_DAC_OVERRIDE does; we have
// no capabilities yet, so "euid 0" stands for holding them.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { Credentials } from '../proc/credentials.ts';
import { S_IFDIR, S_IFMT } from './stat.ts';

export const MAY_EXEC = 1;
export const MAY_WRITE = 2;
export const MAY_READ = 4;

/** The attributes a permission check reads. */
export interface Owned {
  mode: number;
  uid: number;
  gid: number;
}

export function inGroup(credentials: Credentials, gid: number): boolean {
  return credentials.egid === gid || credentials.groups.includes(gid);
}

/** True if `credentials` may access `inode` for `mask` (MAY_* bits). */
export function permitted(inode: Owned, credentials: Credentials, mask: number): boolean {
  if (credentials.euid === 0) {
    if ((mask & MAY_EXEC) === 0) return true;
    return (inode.mode & S_IFMT) === S_IFDIR || (inode.mode & 0o111) !== 0;
  }
  let bits: number;
  if (credentials.euid === inode.uid) bits = (inode.mode >> 6) & 7;
  else if (inGroup(credentials, inode.gid)) bits = (inode.mode >> 3) & 7;
  else bits = inode.mode & 7;
  return (bits & mask) === mask;
}

/** Throws EACCES unless permitted. */
export function checkPermission(inode: Owned, credentials: Credentials, mask: number): void {
  if (!permitted(inode, credentials, mask)) fail(Errno.EACCES);
}

/** True if the caller owns the inode or is root (chmod, utimes with explicit times). */
export function isOwner(inode: Owned, credentials: Credentials): boolean {
  return credentials.euid === 0 || credentials.euid === inode.uid;
}

/**
 * The sticky-bit rule (may_delete): in a directory with S_ISVTX, only the
 * owner of the entry, the owner of the directory or root may remove or
 * rename it.
 */
export function checkSticky(directory: Owned, victim: Owned, credentials: Credentials): void {
  if ((directory.mode & 0o1000) === 0) return;
  if (isOwner(victim, credentials) || isOwner(directory, credentials)) return;
  fail(Errno.EPERM);
}
