// How /proc/<pid>/fd/N names an open file: its path from the reader's root
// for files opened by path, `pipe:[ino]` for pipes, as Linux shows them.
import { DirectoryFile } from '../directory-file.ts';
import type { Dentry } from '../dentry.ts';
import type { OpenFile } from '../open-file.ts';
import { pathOf } from '../path-walk.ts';
import { PipeEnd } from '../pipe/pipe-end.ts';

export function describeOpenFile(file: OpenFile, root: Dentry): string {
  if (file instanceof PipeEnd) return `pipe:[${file.inode.ino}]`;
  if (file instanceof DirectoryFile) return pathOf(file.dentry, root);
  const opened = (file as { dentry?: unknown }).dentry;
  if (opened && typeof opened === 'object' && 'inode' in opened && 'mount' in opened) {
    return pathOf(opened as Dentry, root);
  }
  return 'anon_inode:[unknown]';
}
