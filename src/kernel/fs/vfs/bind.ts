// Bind mounts (mount(2) with MS_BIND, Linux's do_loopback): the directory
// `source` names, in whatever mount it is seen through, attached again on
// `target`. With MS_REC the mounts under `source` are copied along, at the
// same places under the new mount, except unbindable ones, as Linux's
// copy_tree skips them.
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import type { Dentry } from '../dentry.ts';
import type { Mount } from '../mount.ts';

/**
 * The names leading from `ancestor` down to `dentry` within one mount, or
 * undefined when `dentry` is not at or below `ancestor` in that mount.
 */
function namesBelow(dentry: Dentry, ancestor: Dentry): string[] | undefined {
  if (dentry.mount !== ancestor.mount) return undefined;
  const names: string[] = [];
  for (let current: Dentry | null = dentry; current; current = current.parent) {
    if (current.inode === ancestor.inode) return names.reverse();
    names.push(current.name);
  }
  return undefined;
}

/** The dentry `names` leads to from `start`, through cached children. */
function follow(start: Dentry, names: string[]): Dentry | undefined {
  let current: Dentry | undefined = start;
  for (const name of names) current = current?.child(name);
  return current;
}

/** True when `dentry` is `ancestor` or under it, across mounts (Linux's is_path_reachable). */
export function isPathBelow(dentry: Dentry, ancestor: Dentry): boolean {
  let current: Dentry | null = dentry;
  while (current) {
    if (current.same(ancestor)) return true;
    current = current.parent ?? current.mount.mountpoint;
  }
  return false;
}

/**
 * Implements the MS_BIND part of mount(2): EINVAL for an unbindable source
 * (or one in no table), ENOTDIR unless both are directories (Linux also
 * binds a file on a file; we do not yet). The new mount copies the source
 * mount's flags; a shared source makes a peer.
 */
export function bindMount(source: Dentry, target: Dentry, recursive: boolean): Mount {
  const table = target.mount.table;
  if (!table.has(source.mount)) fail(Errno.EINVAL);
  if (source.mount.propagation === 'unbindable') fail(Errno.EINVAL);
  const top = copy(source.mount, source, target);
  if (!recursive) return top;
  const pending: [from: Mount, root: Dentry, to: Mount][] = [[source.mount, source, top]];
  while (pending.length > 0) {
    const [from, root, to] = pending.shift()!;
    for (const child of table.childrenOf(from)) {
      if (child.propagation === 'unbindable') continue;
      const names = namesBelow(child.mountpoint!, root);
      if (!names) continue;
      const point = follow(to.root, names);
      if (!point) continue;
      pending.push([child, child.root, copy(child, child.root, point)]);
    }
  }
  return top;
}

/** One mount of `origin`'s filesystem, rooted at `root`, attached on `point`. */
function copy(origin: Mount, root: Dentry, point: Dentry): Mount {
  const mount = point.mount.table.mount(point, origin.fs, root.inode, {
    ...origin.flags(),
    source: origin.source,
  });
  if (origin.propagation === 'shared') {
    mount.propagation = 'shared';
    mount.peerGroup = origin.peerGroup;
  }
  return mount;
}
