// The preopened directory every process has at fd 3, named "/", through
// which wasi-libc resolves every path. Its lookups start at the *calling*
// process's current root, not at the directory it was opened on: the same
// description is shared by parent and child after a fork, and after chroot(2)
// absolute paths must resolve in the new root. The syscall handlers
// substitute the caller's root (see syscalls/fs-context.ts).
import type { Dentry } from './dentry.ts';
import { DirectoryFile } from './directory-file.ts';

export const PREOPEN_FD = 3;

export class PreopenDirectory extends DirectoryFile {
  constructor(
    /** A root to stat and list when no process is at hand; handlers use the caller's. */
    root: Dentry,
    /** The name fd_prestat_dir_name reports. */
    readonly name = '/',
  ) {
    super(root);
  }
}
