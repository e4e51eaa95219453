// open(2) with wasi-libc's O_* values (abi/open-flags.ts), for spawn's
// file actions: the access mode, creation flags and fdflags mapped onto the
// VFS's open, and O_CLOEXEC reported for the fd table.
import {
  FDFLAGS_MASK,
  O_CLOEXEC,
  O_CREAT,
  O_DIRECTORY,
  O_EXCL,
  O_NOFOLLOW,
  O_RDONLY,
  O_TRUNC,
  O_WRONLY,
} from '../abi/open-flags.ts';
import type { Dentry } from '../fs/dentry.ts';
import type { OpenFile } from '../fs/open-file.ts';
import type { VfsContext } from '../fs/vfs/context.ts';
import { open } from '../fs/vfs/open.ts';

export interface Opened {
  file: OpenFile;
  closeOnExec: boolean;
}

export async function openWithFlags(
  context: VfsContext,
  start: Dentry,
  path: string,
  oflags: number,
  mode: number,
): Promise<Opened> {
  const file = await open(context, start, path, {
    readable: (oflags & O_RDONLY) !== 0,
    writable: (oflags & O_WRONLY) !== 0,
    follow: (oflags & O_NOFOLLOW) === 0,
    create: (oflags & O_CREAT) !== 0,
    exclusive: (oflags & O_EXCL) !== 0,
    directory: (oflags & O_DIRECTORY) !== 0,
    truncate: (oflags & O_TRUNC) !== 0,
    flags: oflags & FDFLAGS_MASK,
    mode,
  });
  return { file, closeOnExec: (oflags & O_CLOEXEC) !== 0 };
}
