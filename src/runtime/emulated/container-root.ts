// A container's root filesystem on the emulated kernel. The overlay
// filesystem is not in the kernel yet, so the root is a tmpfs populated
// from the image's flat tree (copied, not layered: writes stay in this
// container's tmpfs and vanish with it). It is mounted in the host's mount
// namespace under /var/lib/bocal/containers/<id>/rootfs, with the host's
// /dev bound at its /dev, for the container's init to chroot into.
import type { Dentry } from '../../kernel/fs/dentry.ts';
import type { Inode } from '../../kernel/fs/inode.ts';
import type { Mount, MountTable } from '../../kernel/fs/mount.ts';
import { S_IFDIR, S_IFLNK, S_IFREG } from '../../kernel/fs/stat.ts';
import { TmpfsFile } from '../../kernel/fs/tmpfs/file.ts';
import { Tmpfs } from '../../kernel/fs/tmpfs/tmpfs.ts';
import type { RootSpec } from '../runtime.ts';

const CONTAINERS_DIRECTORY = ['var', 'lib', 'bocal', 'containers'];

function directoryIn(parent: Dentry, name: string): Dentry {
  const existing = parent.child(name);
  if (existing) return existing;
  parent.inode.mkdir(name, { mode: S_IFDIR | 0o700, uid: 0, gid: 0 });
  return parent.child(name)!;
}

/** Fills `fs` with the image's files; directories first, as paths sort parents before children. */
async function populate(fs: Tmpfs, root: RootSpec): Promise<void> {
  const inodes = new Map<string, Inode>([['/', fs.root]]);
  const paths = [...root.tree.keys()].sort();
  for (const path of paths) {
    const entry = root.tree.get(path)!;
    if (path === '/') {
      fs.root.mode = (fs.root.mode & ~0o7777) | entry.mode;
      continue;
    }
    const slash = path.lastIndexOf('/');
    const parent = inodes.get(path.slice(0, slash) || '/');
    if (!parent) continue;
    const name = path.slice(slash + 1);
    const owner = { uid: entry.uid, gid: entry.gid };
    if (entry.type === 'directory') {
      inodes.set(path, parent.mkdir(name, { mode: S_IFDIR | entry.mode, ...owner }));
    } else if (entry.type === 'symlink') {
      parent.symlink(name, entry.linkTarget ?? '', { mode: S_IFLNK | 0o777, ...owner });
    } else if (entry.type === 'file') {
      const file = parent.create(name, { mode: S_IFREG | entry.mode, ...owner });
      if (file instanceof TmpfsFile) file.writeAt(0, await root.readFile(entry));
    }
  }
  for (const name of ['dev', 'proc', 'sys', 'tmp', 'etc']) {
    if (!fs.root.lookup(name)) fs.root.mkdir(name, { mode: S_IFDIR | 0o755, uid: 0, gid: 0 });
  }
}

export interface ContainerRoot {
  /** The root's path in the host's mount namespace. */
  path: string;
  release(): void;
}

export async function mountContainerRoot(
  mounts: MountTable,
  id: string,
  root: RootSpec,
  clock: () => bigint,
): Promise<ContainerRoot> {
  const fs = new Tmpfs({ clock, type: 'overlay' });
  await populate(fs, root);
  let parent = mounts.root.root;
  for (const name of [...CONTAINERS_DIRECTORY, id, 'rootfs']) parent = directoryIn(parent, name);
  const rootMount = mounts.mount(parent, fs, fs.root, { source: 'overlay' });
  const hostDev = mounts.list().find((mount) => mount.source === 'devtmpfs');
  let devMount: Mount | undefined;
  const dev = rootMount.root.child('dev');
  if (hostDev && dev)
    devMount = mounts.mount(dev, hostDev.fs, hostDev.rootInode, { source: 'devtmpfs' });
  return {
    path: `/${[...CONTAINERS_DIRECTORY, id, 'rootfs'].join('/')}`,
    release() {
      if (devMount && mounts.has(devMount)) mounts.unmount(devMount);
      if (mounts.has(rootMount)) mounts.unmount(rootMount);
    },
  };
}

/** Puts a file at `path` of the host's root mount (directories made as needed), unless one is there. */
export function installFile(
  mounts: MountTable,
  path: string,
  bytes: Uint8Array,
  mode: number,
): void {
  const names = path.split('/').filter(Boolean);
  const base = names.pop()!;
  let parent = mounts.root.root;
  for (const name of names) {
    if (!parent.child(name)) parent.inode.mkdir(name, { mode: S_IFDIR | 0o755, uid: 0, gid: 0 });
    parent = parent.child(name)!;
  }
  if (parent.child(base)) return;
  const file = parent.inode.create(base, { mode: S_IFREG | mode, uid: 0, gid: 0 });
  if (file instanceof TmpfsFile) file.writeAt(0, bytes);
}
