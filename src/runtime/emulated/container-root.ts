// A container's root filesystem mounted on the emulated kernel: the
// overlay of its image's snapshots and its writable layer
// (container-filesystem.ts), mounted in the host's mount namespace under
// /var/lib/bocal/containers/<id>/rootfs (read-only for --read-only), with
// the host's /dev bound at its /dev, for the container's init to chroot
// into.
import type { Dentry } from '../../kernel/fs/dentry.ts';
import type { Mount, MountTable } from '../../kernel/fs/mount.ts';
import { S_IFDIR, S_IFREG } from '../../kernel/fs/stat.ts';
import { TmpfsFile } from '../../kernel/fs/tmpfs/file.ts';
import type { MountSpec } from '../runtime.ts';
import type { ContainerFilesystem } from './container-filesystem.ts';
import { mountContainerMounts, type MountSources } from './container-mounts.ts';

const CONTAINERS_DIRECTORY = ['var', 'lib', 'bocal', 'containers'];

function directoryIn(parent: Dentry, name: string): Dentry {
  const existing = parent.child(name);
  if (existing) return existing;
  parent.inode.mkdir(name, { mode: S_IFDIR | 0o700, uid: 0, gid: 0 });
  return parent.child(name)!;
}

export interface ContainerRoot {
  /** The root's path in the host's mount namespace. */
  path: string;
  release(): void;
}

export function mountContainerRoot(
  mounts: MountTable,
  id: string,
  root: ContainerFilesystem,
  readOnly: boolean,
  specs: readonly MountSpec[] = [],
  sources?: MountSources,
): ContainerRoot {
  let parent = mounts.root.root;
  for (const name of [...CONTAINERS_DIRECTORY, id, 'rootfs']) parent = directoryIn(parent, name);
  const rootMount = mounts.mount(parent, root.fs, root.fs.root, { source: 'overlay', readOnly });
  const hostDev = mounts.list().find((mount) => mount.source === 'devtmpfs');
  let devMount: Mount | undefined;
  const dev = rootMount.root.child('dev');
  if (hostDev && dev)
    devMount = mounts.mount(dev, hostDev.fs, hostDev.rootInode, { source: 'devtmpfs' });
  const extra = sources ? mountContainerMounts(mounts, rootMount, root, specs, sources) : [];
  return {
    path: `/${[...CONTAINERS_DIRECTORY, id, 'rootfs'].join('/')}`,
    release() {
      for (const mount of [...extra].reverse()) if (mounts.has(mount)) mounts.unmount(mount);
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
