// Path resolution (Linux's namei, path_resolution(7)): from a start dentry
// (a dirfd's directory or the cwd) or from the process's root for absolute
// paths, one component at a time, with search permission checked on every
// directory walked through, mounts crossed on the way down, `..` stopped at
// the process root and carried across a mount root to its mountpoint, and
// symbolic links followed (at most MAXSYMLINKS per resolution, ELOOP after);
// a magic link (Inode.magicLink) jumps straight to its dentry.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import { utf8Length } from '../utf8.ts';
import type { Dentry } from './dentry.ts';
import type { Caller } from './inode.ts';
import { checkPermission, MAY_EXEC } from './permission.ts';

/** Linux's limits: PATH_MAX counts the terminating NUL, NAME_MAX does not. */
export const PATH_MAX = 4096;
export const NAME_MAX = 255;
export const MAXSYMLINKS = 40;

/** Who resolves, and where `/` is for them. */
export type WalkContext = Caller;

/** The result of resolving a path up to, and maybe including, its last component. */
export interface Resolved {
  /** The directory holding the last component. */
  parent: Dentry;
  /** The last component; `.` or `..` when the path ends so (or is `/`, then `.`). */
  name: string;
  /** The last component's dentry, or undefined if there is no such entry. */
  dentry: Dentry | undefined;
  /** The path ended with `/`: the result must be a directory. */
  trailingSlash: boolean;
}

interface Budget {
  links: number;
}

/**
 * Resolves every component but the last, then looks the last one up, following
 * it if it is a symlink and `follow` is set (or the path ends with `/`). A
 * dangling symlink followed gives the place its target would be created.
 */
export function resolve(
  context: WalkContext,
  start: Dentry,
  path: string,
  follow: boolean,
): Resolved {
  if (path === '') fail(Errno.ENOENT);
  if (utf8Length(path) >= PATH_MAX) fail(Errno.ENAMETOOLONG);
  return walk(context, start, path, follow, { links: MAXSYMLINKS });
}

/** Resolves a path that must exist: ENOENT if it does not, ENOTDIR for `file/`. */
export function lookup(context: WalkContext, start: Dentry, path: string, follow: boolean): Dentry {
  const resolved = resolve(context, start, path, follow);
  const dentry = resolved.dentry ?? fail(Errno.ENOENT);
  if (resolved.trailingSlash && !dentry.inode.isDirectory) fail(Errno.ENOTDIR);
  return dentry;
}

function walk(
  context: WalkContext,
  start: Dentry,
  path: string,
  follow: boolean,
  budget: Budget,
): Resolved {
  let current = path.startsWith('/') ? context.root : start;
  const components = path.split('/').filter((component) => component !== '');
  const trailingSlash = path.endsWith('/') && components.length > 0;
  if (components.length === 0)
    return { parent: current, name: '.', dentry: current, trailingSlash };
  for (let i = 0; i < components.length; i++) {
    const name = components[i]!;
    if (utf8Length(name) > NAME_MAX) fail(Errno.ENAMETOOLONG);
    if (!current.inode.isDirectory) fail(Errno.ENOTDIR);
    checkPermission(current.inode, context.credentials, MAY_EXEC);
    const next = step(context, current, name);
    if (i === components.length - 1) {
      if (next && next.inode.isSymlink && (follow || trailingSlash)) {
        const resolved = followLink(context, current, next, budget);
        return { ...resolved, trailingSlash: resolved.trailingSlash || trailingSlash };
      }
      return { parent: current, name, dentry: next, trailingSlash };
    }
    if (!next) return fail(Errno.ENOENT);
    current = next.inode.isSymlink
      ? (followLink(context, current, next, budget).dentry ?? fail(Errno.ENOENT))
      : next;
  }
  return fail(Errno.ENOENT);
}

function followLink(
  context: WalkContext,
  directory: Dentry,
  link: Dentry,
  budget: Budget,
): Resolved {
  if (--budget.links < 0) fail(Errno.ELOOP);
  const jump = link.inode.magicLink(link, context);
  if (jump) {
    return { parent: jump.parent ?? jump, name: jump.name, dentry: jump, trailingSlash: false };
  }
  const target = link.inode.readlink(context);
  if (target === '') fail(Errno.ENOENT);
  return walk(context, directory, target, true, budget);
}

/** One component: `.`, `..`, or a name, crossing onto whatever is mounted there. */
function step(context: WalkContext, current: Dentry, name: string): Dentry | undefined {
  if (name === '.') return current;
  if (name === '..') return parentOf(context, current);
  let next = current.child(name, context);
  if (!next) return undefined;
  for (let mounted = next.mount.table.mountedOn(next); mounted;) {
    next = mounted.root;
    mounted = next.mount.table.mountedOn(next);
  }
  return next;
}

/** `..` of a dentry: never above the process root, across mount roots to the mountpoint's parent. */
export function parentOf(context: WalkContext, dentry: Dentry): Dentry {
  let current = dentry;
  for (;;) {
    if (current.same(context.root)) return current;
    if (current.parent) return current.parent;
    const mountpoint = current.mount.mountpoint;
    if (!mountpoint) return current;
    current = mountpoint;
  }
}

/**
 * The path of `dentry` as seen from `root` (getcwd(3), /proc/<pid>/cwd).
 * Like Linux, a dentry outside `root` (after chroot) is prefixed with
 * `(unreachable)`, and a removed one is suffixed with ` (deleted)`.
 */
export function pathOf(dentry: Dentry, root: Dentry): string {
  const parts: string[] = [];
  let current = dentry;
  let prefix = '';
  for (;;) {
    if (current.same(root)) break;
    if (current.parent) {
      parts.push(current.name);
      current = current.parent;
      continue;
    }
    const mountpoint = current.mount.mountpoint;
    if (!mountpoint) {
      prefix = '(unreachable)';
      break;
    }
    current = mountpoint;
  }
  const path = `${prefix}/${parts.reverse().join('/')}`;
  return dentry.inode.nlink === 0 ? `${path} (deleted)` : path;
}
