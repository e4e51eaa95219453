// mount(2) of type `overlay`: `lowerdir=/l1:/l2` (top first, `\:` for a
// colon in a name), `upperdir=` and `workdir=` (both or neither; without
// them the overlay is read-only), paths resolved as the mounting process
// sees them. Linux's feature switches are accepted where they ask for what
// this overlay does (redirect_dir=off/follow/nofollow, index=off,
// metacopy=off, xino=off/auto/on, nfs_export=off, userxattr); asking for a
// feature it lacks, or anything unknown, is EINVAL, as Linux refuses bad
// parameters.
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import type { Inode } from '../inode.ts';
import { setSuperblockReadOnly } from '../mount.ts';
import { lookup, type WalkContext } from '../path-walk.ts';
import type { Dentry } from '../dentry.ts';
import { Tmpfs } from '../tmpfs/tmpfs.ts';
import { InodeLowerTree } from './inode-lower-tree.ts';
import { OverlayFs } from './overlayfs.ts';

const ACCEPTED: Record<string, string[]> = {
  redirect_dir: ['off', 'follow', 'nofollow'],
  index: ['off'],
  metacopy: ['off'],
  xino: ['off', 'auto', 'on'],
  nfs_export: ['off'],
  userxattr: [''],
};

/** The lowerdir list: `:` separates, `\` escapes the next character. */
function lowerPaths(value: string): string[] {
  const paths: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === '\\' && i + 1 < value.length) current += value[++i];
    else if (char === ':') {
      paths.push(current);
      current = '';
    } else current += char;
  }
  paths.push(current);
  return paths;
}

export interface OverlayMountCaller extends WalkContext {
  cwd: Dentry;
}

function directory(caller: OverlayMountCaller, path: string): Inode {
  if (path === '') fail(Errno.EINVAL);
  const inode = lookup(caller, caller.cwd, path, true).inode;
  if (!inode.isDirectory) fail(Errno.ENOTDIR);
  return inode;
}

/** Makes the overlay a mount(2) call asks for, from its comma-separated data. */
export function mountOverlay(
  options: Map<string, string>,
  caller: OverlayMountCaller | undefined,
  upperClock: Tmpfs['clock'],
): OverlayFs {
  if (!caller) fail(Errno.EINVAL);
  let lowers: string[] | undefined;
  let upperPath: string | undefined;
  let workPath: string | undefined;
  for (const [key, value] of options) {
    if (key === 'lowerdir') lowers = lowerPaths(value);
    else if (key === 'upperdir') upperPath = value;
    else if (key === 'workdir') workPath = value;
    else if (!ACCEPTED[key]?.includes(value)) fail(Errno.EINVAL);
  }
  if (!lowers || lowers.some((path) => path === '')) fail(Errno.EINVAL);
  if ((upperPath === undefined) !== (workPath === undefined) && upperPath !== undefined) {
    fail(Errno.EINVAL);
  }
  const trees = lowers.map((path) => new InodeLowerTree(directory(caller, path)));
  if (upperPath === undefined) {
    // Linux needs two lower layers for an overlay with no upper one.
    if (trees.length < 2) fail(Errno.EINVAL);
    const fs = new OverlayFs(trees, new Tmpfs({ clock: upperClock }).root, upperClock);
    setSuperblockReadOnly(fs, true);
    return fs;
  }
  const upper = directory(caller, upperPath);
  const work = directory(caller, workPath ?? '');
  // The work directory is the upper's sibling on the same filesystem (Linux checks it).
  if (work.fs !== upper.fs || work === upper) fail(Errno.EINVAL);
  return new OverlayFs(trees, upper, upperClock);
}
