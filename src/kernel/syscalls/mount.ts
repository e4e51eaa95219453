// Mounts and the process root: chroot(2), mount(2), umount2(2) and
// pivot_root(2) (unshare(2) and setns(2) are in ns.ts). Built by
// `mountSyscalls` from what they need of the kernel: the filesystem types
// and the processes (whose roots and cwds hold mounts busy or move with
// pivot_root).
//
// Privilege is Linux's: CAP_SYS_CHROOT in the caller's user namespace for
// chroot, CAP_SYS_ADMIN in the user namespace owning the caller's mount
// namespace for the others (ns/capability.ts: all or nothing); outside the
// initial user namespace only tmpfs, proc, cgroup2 and bind mounts are
// allowed, as only those types are FS_USERNS_MOUNT here. A proc mount shows the pid
// namespace of the process that mounts it. Mount events propagate between
// shared peers and to slaves (fs/mount.ts).
//
// Where we differ from Linux: umount of the caller's own root answers EBUSY
// (Linux remounts it read-only); mounts copied into a less privileged
// mount namespace are not locked together (MNT_LOCKED).
import { Errno } from '../abi/errno.ts';
import {
  MNT_DETACH,
  MNT_EXPIRE,
  MNT_FORCE,
  MS_BIND,
  MS_MGC_MSK,
  MS_MGC_VAL,
  MS_MOVE,
  MS_NOATIME,
  MS_NODEV,
  MS_NODIRATIME,
  MS_NOEXEC,
  MS_NOSUID,
  MS_PRIVATE,
  MS_PROPAGATION,
  MS_RDONLY,
  MS_REC,
  MS_RELATIME,
  MS_REMOUNT,
  MS_SHARED,
  MS_SILENT,
  MS_SLAVE,
  MS_STRICTATIME,
  MS_UNBINDABLE,
  UMOUNT_NOFOLLOW,
} from '../abi/mount-flags.ts';
import { Sys } from '../abi/syscalls.ts';
import { fail } from '../errors.ts';
import type { Dentry } from '../fs/dentry.ts';
import { setSuperblockReadOnly, type MountFlags, type Propagation } from '../fs/mount.ts';
import { lookup } from '../fs/path-walk.ts';
import { checkPermission, MAY_EXEC } from '../fs/permission.ts';
import { bindMount, isPathBelow } from '../fs/vfs/bind.ts';
import type { FilesystemTypes, NewFilesystem } from '../fs/vfs/filesystem-types.ts';
import { capableIn, capableInInitial } from '../ns/capability.ts';
import type { PidNamespace } from '../ns/pid.ts';
import { hasWriters, mountInUse } from '../fs/vfs/mount-users.ts';
import { pivotRoot } from '../fs/vfs/pivot-root.ts';
import { ProcessState, type Process } from '../proc/process.ts';
import type { Call, SyscallEntry } from './call.ts';
import { vfsContext } from './fs-context.ts';

/** What the mount calls need of the kernel. */
export interface MountContext {
  filesystems: FilesystemTypes;
  /** The proc filesystem showing pid namespace `ns`. */
  procfs(ns: PidNamespace): NewFilesystem;
  /** Every process of the kernel. */
  processes(): readonly Process[];
}

/** CAP_SYS_ADMIN over the caller's mount namespace. */
function privileged(process: Process): boolean {
  const mnt = process.namespaces.mnt;
  return capableIn(process, mnt.owner ?? process.namespaces.user);
}

/** Filesystem types a user namespace's root may mount (Linux's FS_USERNS_MOUNT). */
const USERNS_MOUNTABLE = new Set(['tmpfs', 'proc', 'cgroup2']);

/** A path of the input: a C string cannot hold NUL (EINVAL). */
function onePath(call: Call): string {
  if (call.input.includes(0)) fail(Errno.EINVAL);
  return call.string();
}

/** Resolves `path` from the caller's cwd (the C side synced it). */
function resolvePath(process: Process, path: string, follow = true): Dentry {
  return lookup(vfsContext(process), process.cwd, path, follow);
}

/** Processes that still hold their root, cwd and files. */
function live(context: MountContext): Process[] {
  return context.processes().filter((process) => process.state !== ProcessState.Zombie);
}

/** Implements chroot(2): ENOENT/ENOTDIR/EACCES from the walk and the directory, then EPERM. */
function chroot(call: Call): void {
  const process = call.process;
  const dentry = resolvePath(process, onePath(call));
  if (!dentry.inode.isDirectory) fail(Errno.ENOTDIR);
  checkPermission(dentry.inode, process.credentials, MAY_EXEC);
  if (!capableIn(process, process.namespaces.user)) fail(Errno.EPERM);
  process.root = dentry;
}

/** The per-mount flags mount(2)'s MS_* ask for; atime kept from `keep` when none is given. */
function mountFlags(flags: number, keep?: MountFlags): MountFlags {
  let atime: MountFlags['atime'] = keep?.atime ?? 'relatime';
  if (flags & MS_NOATIME) atime = 'noatime';
  else if (flags & MS_STRICTATIME) atime = 'strictatime';
  else if (flags & MS_RELATIME) atime = 'relatime';
  const atimeGiven = flags & (MS_NOATIME | MS_STRICTATIME | MS_RELATIME | MS_NODIRATIME);
  return {
    readOnly: (flags & MS_RDONLY) !== 0,
    nosuid: (flags & MS_NOSUID) !== 0,
    nodev: (flags & MS_NODEV) !== 0,
    noexec: (flags & MS_NOEXEC) !== 0,
    nodiratime: atimeGiven || !keep ? (flags & MS_NODIRATIME) !== 0 : keep.nodiratime,
    atime,
  };
}

/** The mount whose root `dentry` is: EINVAL for a path inside a mount. */
function mountAt(dentry: Dentry) {
  if (!dentry.isMountRoot || !dentry.mount.table.has(dentry.mount)) fail(Errno.EINVAL);
  return dentry.mount;
}

/** MS_REMOUNT, with MS_BIND (this mount's flags only) or without (its filesystem's too). */
function remount(context: MountContext, target: Dentry, flags: number): void {
  const mount = mountAt(target);
  const wanted = mountFlags(flags, mount.flags());
  const bindOnly = (flags & MS_BIND) !== 0;
  if (wanted.readOnly && !mount.readOnly) {
    if (hasWriters(bindOnly ? mount : mount.fs, live(context))) fail(Errno.EBUSY);
  }
  if (!bindOnly) setSuperblockReadOnly(mount.fs, wanted.readOnly);
  Object.assign(mount, wanted);
}

const propagationOf: [number, Propagation][] = [
  [MS_SHARED, 'shared'],
  [MS_PRIVATE, 'private'],
  [MS_SLAVE, 'slave'],
  [MS_UNBINDABLE, 'unbindable'],
];

/** MS_SHARED/MS_PRIVATE/MS_SLAVE/MS_UNBINDABLE: exactly one, on a mount's root. */
function changePropagation(target: Dentry, flags: number): void {
  const mount = mountAt(target);
  const types = propagationOf.filter(([bit]) => flags & bit);
  if (types.length !== 1 || flags & ~(MS_PROPAGATION | MS_REC | MS_SILENT)) fail(Errno.EINVAL);
  const type = types[0]![1];
  const mounts = flags & MS_REC ? mount.table.subtree(mount) : [mount];
  for (const each of mounts) each.setPropagation(type);
}

/** MS_MOVE: an attached mount (not the caller's root) goes onto `target`; ELOOP into itself. */
function moveMount(process: Process, source: Dentry, target: Dentry): void {
  const mount = mountAt(source);
  if (!mount.mountpoint || mount === process.root.mount) fail(Errno.EINVAL);
  if (mount.parent?.propagation === 'shared') fail(Errno.EINVAL);
  if (isPathBelow(target, source)) fail(Errno.ELOOP);
  mount.table.reattach(mount, target);
}

/** A new mount of a filesystem type on `target`. */
function newMount(
  context: MountContext,
  process: Process,
  request: MountRequest,
  target: Dentry,
): void {
  const { source, type, data } = request;
  if (type === '') fail(Errno.EINVAL);
  if (!USERNS_MOUNTABLE.has(type) && !capableInInitial(process)) fail(Errno.EPERM);
  const made =
    type === 'proc'
      ? context.procfs(process.namespaces.pid)
      : context.filesystems(type, data, process);
  const flags = mountFlags(request.flags);
  if (!target.inode.isDirectory) fail(Errno.ENOTDIR);
  target.mount.table.mount(target, made.fs, made.root, {
    ...flags,
    source: source === '' ? 'none' : source,
  });
}

/**
 * Implements mount(2). The target is resolved first (ENOENT, ENOTDIR,
 * EACCES), then EPERM for the unprivileged; then, as Linux's path_mount
 * orders them: remount, bind, propagation change, move, new mount.
 */
function mount(context: MountContext, call: Call): void {
  const strings = call.strings();
  if (strings.length !== 4) fail(Errno.EINVAL);
  const [source, target, type, data] = strings as [string, string, string, string];
  const flags = Number(call.bigArg(0) & 0xffffffffn);
  mountAs(context, call.process, { source, target, type, data, flags });
}

/** mount(2)'s arguments: the strings as the caller gave them, the MS_* flags. */
export interface MountRequest {
  source: string;
  target: string;
  type: string;
  data: string;
  flags: number;
}

/** mount(2) done by `process` (the syscall, and spawn's mount action in the child). */
export function mountAs(context: MountContext, process: Process, request: MountRequest): void {
  const { source } = request;
  let flags = request.flags;
  if ((flags & MS_MGC_MSK) >>> 0 === MS_MGC_VAL) flags &= ~MS_MGC_MSK;
  const target = resolvePath(process, request.target);
  if (!privileged(process)) fail(Errno.EPERM);
  if (flags & MS_REMOUNT) return remount(context, target, flags);
  if (flags & MS_BIND) {
    bindMount(resolvePath(process, source), target, (flags & MS_REC) !== 0);
    return;
  }
  if (flags & MS_PROPAGATION) return changePropagation(target, flags);
  if (flags & MS_MOVE) return moveMount(process, resolvePath(process, source), target);
  return newMount(context, process, { ...request, flags }, target);
}

/** Mounts marked by a first umount2(MNT_EXPIRE), unmounted by a second. */
const expiring = new WeakSet<object>();

/**
 * Implements umount2(2): EINVAL for unknown flags, MNT_EXPIRE with
 * MNT_FORCE or MNT_DETACH, or a path that is not a mount's root; EPERM
 * for the unprivileged; EBUSY while used (MNT_DETACH unmounts anyway and
 * leaves users their dentries); MNT_EXPIRE answers EAGAIN the first time.
 * MNT_FORCE is accepted and means nothing more (no filesystem here has
 * requests to abort).
 */
function umount2(context: MountContext, call: Call): void {
  const process = call.process;
  const flags = call.arg(0);
  if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW)) fail(Errno.EINVAL);
  const target = resolvePath(process, onePath(call), (flags & UMOUNT_NOFOLLOW) === 0);
  if (!privileged(process)) fail(Errno.EPERM);
  const mount = mountAt(target);
  const table = mount.table;
  if (mount === table.root) fail(Errno.EINVAL);
  if (flags & MNT_EXPIRE) {
    if (flags & (MNT_FORCE | MNT_DETACH) || mount === process.root.mount) fail(Errno.EINVAL);
    if (!expiring.has(mount)) {
      expiring.add(mount);
      fail(Errno.EAGAIN);
    }
  }
  if (flags & MNT_DETACH) return table.detach(mount);
  if (table.childrenOf(mount).length > 0 || mountInUse(mount, live(context))) fail(Errno.EBUSY);
  table.unmount(mount);
}

/**
 * Implements pivot_root(2) (rules in fs/vfs/pivot-root.ts): EPERM first,
 * then the two walks, then the moves; every process whose root or cwd was
 * the old root gets the new root instead, as Linux's chroot_fs_refs does.
 */
function pivot(context: MountContext, call: Call): void {
  const process = call.process;
  if (!privileged(process)) fail(Errno.EPERM);
  const parts = call.strings();
  if (parts.length !== 2) fail(Errno.EINVAL);
  const newRoot = resolvePath(process, parts[0]!);
  if (!newRoot.inode.isDirectory) fail(Errno.ENOTDIR);
  const putOld = resolvePath(process, parts[1]!);
  const oldRoot = process.root;
  pivotRoot(oldRoot, newRoot, putOld);
  const root = newRoot.mount.root;
  for (const each of context.processes()) {
    if (each.namespaces.mnt !== process.namespaces.mnt) continue;
    if (each.root.same(oldRoot)) each.root = root;
    if (each.cwd.same(oldRoot)) each.cwd = root;
  }
}

export function mountSyscalls(context: MountContext): SyscallEntry[] {
  return [
    {
      number: Sys.CHROOT,
      name: 'chroot',
      handler: chroot,
      support: 'full',
      note: "CAP_SYS_CHROOT in the caller's user namespace. As on Linux, the cwd is left alone, so a root process can leave a chroot by keeping its cwd outside.",
    },
    {
      number: Sys.MOUNT,
      name: 'mount',
      handler: (call) => mount(context, call),
      support: 'partial',
      note: "Types tmpfs, proc, devtmpfs, cgroup2 (others ENODEV); bind (MS_REC), remount (read-only enforced), MS_MOVE, MS_NOEXEC enforced by execve; MS_NOSUID/MS_NODEV recorded; mount and umount events propagate to shared peers and slaves (no shared+slave mounts, no MNT_LOCKED); a proc mount shows the mounter's pid namespace; bind mounts of files answer ENOTDIR.",
    },
    {
      number: Sys.UMOUNT2,
      name: 'umount2',
      handler: (call) => umount2(context, call),
      support: 'partial',
      note: "MNT_FORCE accepted without effect; unmounting the caller's own root answers EBUSY (Linux remounts it read-only).",
    },
    {
      number: Sys.PIVOT_ROOT,
      name: 'pivot_root',
      handler: (call) => pivot(context, call),
      support: 'full',
      note: "Also allowed when the root is the boot root mount, which Linux's initramfs rootfs refuses.",
    },
  ];
}
