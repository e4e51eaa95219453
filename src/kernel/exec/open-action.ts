// open(2) for spawn's file actions, with wasi-libc's O_* values: the same
// translation as openat, plus whether the new fd is close-on-exec.
import { O_CLOEXEC } from '../abi/open-flags.ts';
import type { Dentry } from '../fs/dentry.ts';
import type { OpenFile } from '../fs/open-file.ts';
import type { VfsContext } from '../fs/vfs/context.ts';
import { open } from '../fs/vfs/open.ts';
import { openOptionsFromFlags } from '../fs/vfs/open-flags.ts';

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
  const file = await open(context, start, path, openOptionsFromFlags(oflags, mode));
  return { file, closeOnExec: (oflags & O_CLOEXEC) !== 0 };
}
