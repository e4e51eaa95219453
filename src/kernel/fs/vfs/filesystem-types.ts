// The filesystem types mount(2) can make (Linux's file_system_type list,
// /proc/filesystems): `tmpfs` makes a new instance; `proc` and `devtmpfs`
// mount again the instances the kernel booted with, as Linux's devtmpfs is
// one instance system-wide (its proc makes one per mount; ours shows the
// same files either way); `cgroup2` mounts the one cgroup hierarchy;
// `overlay` stacks VFS directories (overlay/mount-options.ts).
// Unknown types answer ENODEV.
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import type { FileSystem } from '../filesystem.ts';
import type { Inode } from '../inode.ts';
import type { MountTable } from '../mount.ts';
import type { Process } from '../../proc/process.ts';
import { Cgroupfs } from '../cgroupfs/cgroupfs.ts';
import { mountOverlay } from '../overlay/mount-options.ts';
import { Tmpfs } from '../tmpfs/tmpfs.ts';

/** What a new mount attaches: a filesystem and the directory that becomes the mount's root. */
export interface NewFilesystem {
  fs: FileSystem;
  root: Inode;
}

/**
 * Makes a filesystem of a type from mount(2)'s data string (comma-separated
 * options); `caller` is the mounting process (cgroup2 shows its cgroup
 * namespace's subtree).
 */
export type FilesystemTypes = (type: string, data: string, caller?: Process) => NewFilesystem;

/** The comma-separated `key=value` options of mount(2)'s data string. */
function options(data: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const option of data.split(',')) {
    if (option === '') continue;
    const equals = option.indexOf('=');
    if (equals < 0) result.set(option, '');
    else result.set(option.slice(0, equals), option.slice(equals + 1));
  }
  return result;
}

/** A decimal id option (`uid=`, `gid=`): EINVAL unless a 32-bit unsigned number. */
function id(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 0xfffffffe) fail(Errno.EINVAL);
  return Number(value);
}

/**
 * tmpfs's options (tmpfs(5)): `mode=` (octal), `uid=`, `gid=`; `size=`,
 * `nr_blocks=`, `nr_inodes=` and `huge=` accepted and ignored (nothing is
 * limited yet); anything else is EINVAL, as Linux rejects unknown parameters.
 */
function tmpfs(table: MountTable, data: string): NewFilesystem {
  const boot = table.root.fs;
  const devices = boot instanceof Tmpfs ? boot.devices : undefined;
  let rootMode = 0o1777;
  let uid = 0;
  let gid = 0;
  for (const [key, value] of options(data)) {
    if (key === 'mode') {
      if (!/^[0-7]{1,4}$/.test(value)) fail(Errno.EINVAL);
      rootMode = parseInt(value, 8);
    } else if (key === 'uid') uid = id(value);
    else if (key === 'gid') gid = id(value);
    else if (!['size', 'nr_blocks', 'nr_inodes', 'huge'].includes(key)) fail(Errno.EINVAL);
  }
  const fs = new Tmpfs({ clock: boot.clock, devices, rootMode, uid, gid });
  return { fs, root: fs.root };
}

/** cgroup2's mount options (cgroups(7)); only nsdelegate has an effect here; others EINVAL. */
const CGROUP2_OPTIONS = [
  'nsdelegate',
  'favordynmods',
  'memory_localevents',
  'memory_recursiveprot',
  'memory_hugetlb_accounting',
  'pids_localevents',
];

/** cgroup2: the kernel's one hierarchy, from the mounter's cgroup namespace root down. */
function cgroup2(fs: Cgroupfs, data: string, caller: Process | undefined): NewFilesystem {
  const keys = [...options(data).keys()];
  for (const key of keys) if (!CGROUP2_OPTIONS.includes(key)) fail(Errno.EINVAL);
  // A hierarchy-wide flag, taken only from a mount in the initial cgroup namespace.
  const initial = !caller || caller.namespaces.cgroup.root === undefined;
  if (keys.includes('nsdelegate') && initial) fs.hierarchy.nsDelegate = true;
  return { fs, root: fs.mountRootFor(caller) };
}

/**
 * The types available in a kernel whose boot mounts are in `table`: the
 * proc and devtmpfs instances are taken from it now, so they can be
 * mounted again after being unmounted.
 */
export function filesystemTypes(table: MountTable): FilesystemTypes {
  const booted = (type: string): NewFilesystem | undefined => {
    const mount = table.list().find((each) => each.fs.type === type);
    return mount && { fs: mount.fs, root: mount.rootInode };
  };
  const proc = booted('proc');
  const devtmpfs = booted('devtmpfs');
  const cgroupfs = booted('cgroup2')?.fs;
  return (type, data, caller) => {
    if (type === 'tmpfs') return tmpfs(table, data);
    if (type === 'proc' && proc) return proc;
    if (type === 'devtmpfs' && devtmpfs) return devtmpfs;
    if (type === 'cgroup2' && cgroupfs instanceof Cgroupfs) return cgroup2(cgroupfs, data, caller);
    if (type === 'overlay') {
      const fs = mountOverlay(options(data), caller, table.root.fs.clock);
      return { fs, root: fs.root };
    }
    return fail(Errno.ENODEV);
  };
}
