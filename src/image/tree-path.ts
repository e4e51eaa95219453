// Paths inside a root file tree, for untrusted layer content. A path is
// cleaned lexically with the root as its own parent (`../../etc` is `/etc`),
// and symbolic links met on the way are followed *inside the root* (an
// absolute link target means the root's top), as containerd does when it
// applies a layer: nothing can name a place outside the tree.
import { ImageError } from './errors.ts';

/** Linux's MAXSYMLINKS: more hops than this is ELOOP. */
const MAX_SYMLINK_HOPS = 40;

/** Cleans `name` into an absolute path inside the root: `/`, `/a/b`. */
export function cleanPath(name: string, base = '/'): string {
  const parts = name.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

export const parentOf = (path: string): string => cleanPath('..', path);
export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
export const joinPath = (dir: string, name: string): string =>
  dir === '/' ? `/${name}` : `${dir}/${name}`;

/** True when `path` is `dir` itself or lies under it. */
export const isWithin = (path: string, dir: string): boolean =>
  dir === '/' || path === dir || path.startsWith(dir + '/');

/** What resolution needs to know of a path in the tree. */
export interface PathNode {
  type: string;
  linkTarget?: string;
}

/**
 * Resolves every component of `path` through symlinks inside the root, and
 * returns the physical path. The last component is followed only when
 * `followLast` (a tar entry replaces a symlink rather than writing through it).
 */
export function resolveInRoot(
  path: string,
  lookup: (path: string) => PathNode | undefined,
  followLast = false,
): string {
  let pending = cleanPath(path).split('/').filter(Boolean);
  let resolved = '/';
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    const candidate = joinPath(resolved, part);
    const node = lookup(candidate);
    const isLast = pending.length === 0;
    if (node?.type === 'symlink' && (!isLast || followLast)) {
      if (++hops > MAX_SYMLINK_HOPS) {
        throw new ImageError('unsafe-layer', `${path}: too many levels of symbolic links`);
      }
      const target = node.linkTarget ?? '';
      // Restart from the link's own directory (or the root for an absolute target).
      const restart = cleanPath(target, resolved);
      pending = [...restart.split('/').filter(Boolean), ...pending];
      resolved = '/';
      continue;
    }
    resolved = candidate;
  }
  return resolved;
}
