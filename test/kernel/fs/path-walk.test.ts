// Path resolution edge cases: `..` at the process root and across mounts,
// absolute symlinks after chroot, the symlink limit, length limits, and
// the path of a dentry (getcwd) after rename and rmdir.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import type { Dentry } from '../../../src/kernel/fs/dentry.ts';
import { MAXSYMLINKS, lookup, pathOf } from '../../../src/kernel/fs/path-walk.ts';
import { Tmpfs } from '../../../src/kernel/fs/tmpfs/tmpfs.ts';
import { mkdir, symlink } from '../../../src/kernel/fs/vfs/create.ts';
import { rmdir } from '../../../src/kernel/fs/vfs/remove.ts';
import { rename } from '../../../src/kernel/fs/vfs/rename.ts';
import { rootCredentials } from '../../../src/kernel/proc/credentials.ts';
import { makeSystem } from './support/kernel.ts';

function setup() {
  const system = makeSystem();
  const context = { root: system.root, credentials: rootCredentials(), umask: 0o022 };
  const walk = (path: string, from: Dentry = system.root, follow = true) =>
    lookup(context, from, path, follow);
  return { system, context, walk };
}

function errnoOf(action: () => unknown): Errno | undefined {
  try {
    action();
  } catch (error) {
    return (error as { errno?: Errno }).errno;
  }
  return undefined;
}

describe('path walk', () => {
  it('stops `..` at the process root, also after chroot', () => {
    const { system, context, walk } = setup();
    mkdir(context, system.root, 'jail', 0o755);
    mkdir(context, system.root, 'jail/inner', 0o755);
    expect(walk('../../..').same(system.root)).toBe(true);
    const jail = walk('jail');
    const jailed = { ...context, root: jail };
    expect(lookup(jailed, walk('jail/inner'), '../../..', true).same(jail)).toBe(true);
    expect(pathOf(walk('jail/inner'), jail)).toBe('/inner');
  });

  it('resolves absolute symlink targets from the process root', () => {
    const { system, context } = setup();
    mkdir(context, system.root, 'jail', 0o755);
    mkdir(context, system.root, 'jail/etc', 0o755);
    mkdir(context, system.root, 'etc', 0o755);
    symlink(context, '/etc', system.root, 'jail/link');
    const jail = lookup(context, system.root, 'jail', true);
    const jailed = { ...context, root: jail };
    expect(lookup(jailed, jail, 'link', true).same(lookup(context, jail, 'etc', true))).toBe(true);
    expect(
      lookup(context, jail, 'link', true).same(lookup(context, system.root, 'etc', true)),
    ).toBe(true);
  });

  it('crosses into a mount and back out with `..`', () => {
    const { system, context, walk } = setup();
    mkdir(context, system.root, 'mnt', 0o755);
    const other = new Tmpfs();
    system.mounts.mount(walk('mnt'), other, other.root);
    mkdir(context, system.root, 'mnt/inside', 0o755);
    expect(walk('mnt').inode).toBe(other.root);
    expect(walk('mnt/inside').inode.fs).toBe(other);
    expect(walk('mnt/inside/../..').same(system.root)).toBe(true);
    expect(pathOf(walk('mnt/inside'), system.root)).toBe('/mnt/inside');
    expect(walk('mnt/..').same(system.root)).toBe(true);
  });

  it('shows the last of stacked mounts, and the one below after unmount', () => {
    const { system, context, walk } = setup();
    mkdir(context, system.root, 'mnt', 0o755);
    const first = new Tmpfs();
    const second = new Tmpfs();
    system.mounts.mount(walk('mnt'), first, first.root);
    const top = system.mounts.mount(walk('mnt'), second, second.root);
    expect(walk('mnt').inode).toBe(second.root);
    expect(errnoOf(() => system.mounts.unmount(system.mounts.root))).toBe(Errno.EINVAL);
    system.mounts.unmount(top);
    expect(walk('mnt').inode).toBe(first.root);
  });

  it('gives a cloned mount table the same mounts, changed independently', () => {
    const { system, context, walk } = setup();
    mkdir(context, system.root, 'mnt', 0o755);
    const other = new Tmpfs();
    system.mounts.mount(walk('mnt'), other, other.root);
    const { table, translate } = system.mounts.clone();
    const root = translate(system.root);
    const inCopy = { ...context, root };
    expect(lookup(inCopy, root, 'mnt', true).inode).toBe(other.root);
    table.unmount(lookup(inCopy, root, 'mnt', true).mount);
    expect(lookup(inCopy, root, 'mnt', true).inode).not.toBe(other.root);
    expect(walk('mnt').inode).toBe(other.root);
  });

  it(`follows ${MAXSYMLINKS} symlinks and fails with ELOOP on the next`, () => {
    const { system, context, walk } = setup();
    mkdir(context, system.root, 'end', 0o755);
    symlink(context, 'end', system.root, 'l0');
    for (let i = 1; i <= MAXSYMLINKS; i++) symlink(context, `l${i - 1}`, system.root, `l${i}`);
    expect(walk(`l${MAXSYMLINKS - 1}`).inode).toBe(walk('end').inode);
    expect(errnoOf(() => walk(`l${MAXSYMLINKS}`))).toBe(Errno.ELOOP);
    expect(walk(`l${MAXSYMLINKS}`, system.root, false).inode.isSymlink).toBe(true);
  });

  it('rejects an empty path, a long path and a long component', () => {
    const { walk } = setup();
    expect(errnoOf(() => walk(''))).toBe(Errno.ENOENT);
    expect(errnoOf(() => walk('a/'.repeat(2048)))).toBe(Errno.ENAMETOOLONG);
    expect(errnoOf(() => walk('n'.repeat(256)))).toBe(Errno.ENAMETOOLONG);
    expect(errnoOf(() => walk('n'.repeat(255)))).toBe(Errno.ENOENT);
  });

  it('keeps the path of a renamed directory, and marks a removed one', () => {
    const { system, context, walk } = setup();
    mkdir(context, system.root, 'a', 0o755);
    mkdir(context, system.root, 'a/cwd', 0o755);
    const cwd = walk('a/cwd');
    rename(context, system.root, 'a', system.root, 'b');
    expect(pathOf(cwd, system.root)).toBe('/b/cwd');
    expect(lookup(context, cwd, '..', true).same(walk('b'))).toBe(true);
    rmdir(context, system.root, 'b/cwd');
    expect(pathOf(cwd, system.root)).toBe('/b/cwd (deleted)');
  });

  it('reports a dentry outside the root as unreachable', () => {
    const { system, context, walk } = setup();
    mkdir(context, system.root, 'jail', 0o755);
    mkdir(context, system.root, 'outside', 0o755);
    expect(pathOf(walk('outside'), walk('jail'))).toBe('(unreachable)/outside');
  });
});
