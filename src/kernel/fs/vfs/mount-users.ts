// Who is using a mount, for umount(2)'s EBUSY and a read-only remount's
// EBUSY (Linux's propagate_mount_busy and mnt_hold_writers): processes
// whose root or cwd is on it, and open files opened through it. fd 3's
// preopen stands for each caller's root, not for a directory, so it never
// holds a mount.
import type { Process } from '../../proc/process.ts';
import { dentryOfDescription } from '../description-dentry.ts';
import type { FileSystem } from '../filesystem.ts';
import type { Mount } from '../mount.ts';
import type { OpenFile } from '../open-file.ts';
import { PreopenDirectory } from '../preopen.ts';

function* openFiles(processes: readonly Process[]): Generator<OpenFile> {
  for (const process of processes) {
    for (const fd of process.fds.fds()) yield process.fds.get(fd);
  }
}

/** True when a process's root or cwd, or an open file, is on `mount`. */
export function mountInUse(mount: Mount, processes: readonly Process[]): boolean {
  for (const process of processes) {
    if (process.root.mount === mount || process.cwd.mount === mount) return true;
  }
  for (const file of openFiles(processes)) {
    if (file instanceof PreopenDirectory) continue;
    if (dentryOfDescription(file)?.mount === mount) return true;
  }
  return false;
}

/**
 * True when a file is open for writing through `mount`, or, given `fs`
 * instead, through any mount of that filesystem.
 */
export function hasWriters(where: Mount | FileSystem, processes: readonly Process[]): boolean {
  for (const file of openFiles(processes)) {
    if (!file.writable) continue;
    const mount = dentryOfDescription(file)?.mount;
    if (mount && (mount === where || mount.fs === where)) return true;
  }
  return false;
}
