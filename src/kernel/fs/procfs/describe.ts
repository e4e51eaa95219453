// How /proc/<pid>/fd/N names an open file, as Linux's d_path shows it: its
// path from the reader's root for files opened by path (a fifo too),
// `pipe:[ino]` for pipes, `uts:[id]` for an open namespace, `/dev/<name>` for a terminal or device known by
// number. Where we differ: a host stream (the bocal CLI's own stdin, stdout,
// stderr) has no name in the kernel and reads `anon_inode:[host]`.
import { S_IFCHR, S_IFMT, S_IFSOCK } from '../stat.ts';
import { dentryOfDescription } from '../description-dentry.ts';
import type { Dentry } from '../dentry.ts';
import type { OpenFile } from '../open-file.ts';
import { pathOf } from '../path-walk.ts';
import { PipeEnd } from '../pipe/pipe-end.ts';
import { PreopenDirectory } from '../preopen.ts';
import { NamespaceFile } from '../../ns/nsfs.ts';

/** /dev names of character devices by major number (devices.txt). */
function deviceName(rdev: number): string | undefined {
  const major = (rdev >> 8) & 0xfff;
  const minor = (rdev & 0xff) | ((rdev >> 12) & 0xfff00);
  const memory: Record<number, string> = {
    3: 'null',
    5: 'zero',
    7: 'full',
    8: 'random',
    9: 'urandom',
  };
  if (major === 1) return memory[minor];
  if (major === 4) return `tty${minor}`;
  if (major === 5)
    return minor === 0 ? 'tty' : minor === 1 ? 'console' : minor === 2 ? 'ptmx' : undefined;
  if (major >= 136 && major <= 143) return `pts/${(major - 136) * 256 + minor}`;
  return undefined;
}

export function describeOpenFile(file: OpenFile, root: Dentry): string {
  if (file instanceof PreopenDirectory) return '/';
  // An open /proc/<pid>/ns/<kind> reads as the link did (nsfs's d_name).
  if (file instanceof NamespaceFile) return file.namespace.linkText;
  const dentry = dentryOfDescription(file);
  if (dentry) return pathOf(dentry, root);
  if (file instanceof PipeEnd) return `pipe:[${file.inode.ino}]`;
  const stat = safeStat(file);
  if (stat && (stat.mode & S_IFMT) === S_IFSOCK) return `socket:[${stat.ino}]`;
  if (stat && (stat.mode & S_IFMT) === S_IFCHR) {
    const name = deviceName(stat.rdev);
    if (name) return `/dev/${name}`;
  }
  return 'anon_inode:[host]';
}

function safeStat(file: OpenFile): { mode: number; rdev: number; ino: number } | undefined {
  try {
    return file.stat();
  } catch {
    return undefined;
  }
}
