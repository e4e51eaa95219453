// The path calls of the extension (bocal_v1) that WASI lacks: chdir(2),
// fchdir(2), getcwd(2), fchmodat(2), fchmod(2), fchownat(2), fchown(2),
// mknodat(2) and openat(2) with Linux's flags and a mode.
import { Errno } from '../abi/errno.ts';
import { O_CLOEXEC } from '../abi/open-flags.ts';
import { fail } from '../errors.ts';
import { kernelOwner } from '../ns/id-view.ts';
import type { Dentry } from '../fs/dentry.ts';
import { dentryOfDescription } from '../fs/description-dentry.ts';
import { DirectoryFile } from '../fs/directory-file.ts';
import type { Inode } from '../fs/inode.ts';
import type { Mount } from '../fs/mount.ts';
import type { OpenFile } from '../fs/open-file.ts';
import { lookup, pathOf } from '../fs/path-walk.ts';
import { checkPermission, MAY_EXEC } from '../fs/permission.ts';
import { PipeEnd } from '../fs/pipe/pipe-end.ts';
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFMT, S_IFREG, S_IFSOCK } from '../fs/stat.ts';
import { mknod as vfsMknod } from '../fs/vfs/create.ts';
import { open } from '../fs/vfs/open.ts';
import { openOptionsFromFlags } from '../fs/vfs/open-flags.ts';
import { changeMode, changeOwner } from '../fs/vfs/ownership.ts';
import type { Process } from '../proc/process.ts';
import { encodeUtf8 } from '../utf8.ts';
import type { Call } from './call.ts';
import { after, blockingWait, directoryOf, startOf, vfsContext } from './fs-context.ts';

/** The path argument: a C string cannot hold NUL, a raw call can (EINVAL). */
function path(call: Call): string {
  if (call.input.includes(0)) fail(Errno.EINVAL);
  return call.string();
}

/** A directory the caller may enter: ENOTDIR, or EACCES without search permission. */
function enterable(process: Process, dentry: Dentry): Dentry {
  if (!dentry.inode.isDirectory) fail(Errno.ENOTDIR);
  checkPermission(dentry.inode, process.credentials, MAY_EXEC);
  return dentry;
}

/** Implements chdir(2): the cwd is kernel state, inherited by children. */
export function chdir(call: Call): void {
  const process = call.process;
  const dentry = lookup(vfsContext(process), startOf(call, 0), path(call), true);
  process.cwd = enterable(process, dentry);
}

/** Implements fchdir(2): the fd must be an open directory (ENOTDIR otherwise). */
export function fchdir(call: Call): void {
  const process = call.process;
  const file = process.fds.get(call.arg(0));
  if (!(file instanceof DirectoryFile)) fail(Errno.ENOTDIR);
  process.cwd = enterable(process, directoryOf(process, file));
}

/**
 * Implements getcwd(2): the cwd's path from the caller's root. A removed
 * cwd is ENOENT, as Linux's syscall answers; a cwd outside the root (after
 * chroot) reads `(unreachable)/...`, as Linux's syscall returns it.
 */
export function getcwd(call: Call): void {
  call.output(cwdPath(call.process) ?? fail(Errno.ENOENT));
}

/** What getcwd outputs for `process`; undefined when its cwd was removed (ENOENT). */
export function cwdPath(process: Process): Uint8Array | undefined {
  const { cwd, root } = process;
  if (cwd.inode.nlink === 0) return undefined;
  return encodeUtf8(pathOf(cwd, root));
}

/** The inode behind a description, and the mount it is seen through when it has one. */
function inodeOf(process: Process, file: OpenFile): { inode: Inode; mount: Mount | undefined } {
  if (file instanceof DirectoryFile) {
    const dentry = directoryOf(process, file);
    return { inode: dentry.inode, mount: dentry.mount };
  }
  const dentry = dentryOfDescription(file);
  if (dentry) return { inode: dentry.inode, mount: dentry.mount };
  if (file instanceof PipeEnd) return { inode: file.inode, mount: undefined };
  // A host stream or another description with no inode of ours.
  return fail(Errno.EPERM);
}

/** fchmodat(2) without AT_SYMLINK_NOFOLLOW; with it, a symlink is EOPNOTSUPP as on Linux. */
export function chmod(call: Call): void {
  const context = vfsContext(call.process);
  const follow = call.arg(2) !== 0;
  const dentry = lookup(context, startOf(call, 0), path(call), follow);
  if (dentry.inode.isSymlink) fail(Errno.ENOTSUP);
  changeMode(context.credentials, dentry.inode, call.arg(1), dentry.mount);
}

export function fchmod(call: Call): void {
  const process = call.process;
  const { inode, mount } = inodeOf(process, process.fds.get(call.arg(0)));
  changeMode(process.credentials, inode, call.arg(1), mount);
}

/** Implements fchownat(2); without follow, a symlink itself changes owner (lchown). */
export function chown(call: Call): void {
  const context = vfsContext(call.process);
  const dentry = lookup(context, startOf(call, 0), path(call), call.arg(3) !== 0);
  const [uid, gid] = kernelOwner(call.process, call.arg(1), call.arg(2));
  changeOwner(context.credentials, dentry.inode, uid, gid, dentry.mount);
}

export function fchown(call: Call): void {
  const process = call.process;
  const { inode, mount } = inodeOf(process, process.fds.get(call.arg(0)));
  const [uid, gid] = kernelOwner(process, call.arg(1), call.arg(2));
  changeOwner(process.credentials, inode, uid, gid, mount);
}

/**
 * Implements mknodat(2): a fifo, socket or regular file for anyone who may
 * create in the directory; device nodes need root (EPERM); a directory is
 * EPERM and any other type EINVAL, as Linux's may_mknod answers. Type 0
 * means a regular file.
 */
export function mknod(call: Call): void {
  const mode = call.arg(1);
  const type = mode & S_IFMT;
  const context = vfsContext(call.process);
  if (type === S_IFDIR) fail(Errno.EPERM);
  if (![0, S_IFREG, S_IFIFO, S_IFSOCK, S_IFCHR, S_IFBLK].includes(type)) fail(Errno.EINVAL);
  if ((type === S_IFCHR || type === S_IFBLK) && context.credentials.euid !== 0) fail(Errno.EPERM);
  const device = type === S_IFCHR || type === S_IFBLK ? call.arg(2) : 0;
  vfsMknod(context, startOf(call, 0), path(call), (type || S_IFREG) | (mode & 0o7777), device);
}

/**
 * Implements openat(2) with wasi-libc's O_* values (openOptionsFromFlags
 * says how each is taken); O_CLOEXEC goes to the new fd. A blocking fifo
 * open can be interrupted by a handled signal (EINTR).
 */
export function openat(call: Call): number | Promise<number> {
  const oflags = call.arg(1);
  const process = call.process;
  const file = open(vfsContext(process), startOf(call, 0), path(call), {
    ...openOptionsFromFlags(oflags, call.arg(2)),
    wait: blockingWait(process),
  });
  return after(file, (opened) => {
    try {
      return process.fds.add(opened, (oflags & O_CLOEXEC) !== 0);
    } catch (error) {
      if (opened.references === 0) opened.release();
      throw error;
    }
  });
}
