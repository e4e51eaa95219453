// A container's root filesystem mounted on the emulated kernel: the
// overlay of its image's snapshots and its writable layer
// (container-filesystem.ts), mounted in the host's mount namespace under
// /var/lib/bocal/containers/<id>/rootfs (read-only for --read-only), with
// the host's /dev bound at its /dev, for the container's init to chroot
// into. The network files (/etc/hosts, hostname, resolv.conf) are written
// beside rootfs and bound over the root's, as dockerd does.
import { KernelError } from '../../kernel/errors.ts';
import type { Dentry } from '../../kernel/fs/dentry.ts';
import type { Mount, MountTable } from '../../kernel/fs/mount.ts';
import { S_IFDIR, S_IFREG } from '../../kernel/fs/stat.ts';
import { TmpfsFile } from '../../kernel/fs/tmpfs/file.ts';
import type { ByteContents } from '../../kernel/fs/regular-file.ts';
import type { MountSpec } from '../runtime.ts';
import type { ContainerFilesystem } from './container-filesystem.ts';
import {
  mountContainerMounts,
  type ContainerMount,
  type MountSources,
} from './container-mounts.ts';
import type { NetworkFile } from './network-files.ts';

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

/** Removes the empty directory `name` of `parent`; one still in use (not empty) stays. */
function removeDirectory(parent: Dentry, name: string): void {
  try {
    if (parent.inode.lookup(name)) parent.inode.rmdir(name);
    parent.forget(name);
  } catch (error) {
    if (!(error instanceof KernelError)) throw error;
  }
}

/** Writes `name` in the host directory `parent` (replacing what was there), mode 0644. */
function writeHostFile(parent: Dentry, name: string, text: string): void {
  const inode =
    parent.inode.lookup(name) ??
    parent.inode.create(name, { mode: S_IFREG | 0o644, uid: 0, gid: 0 });
  const file = inode as ByteContents;
  file.truncate(0);
  file.writeAt(0, new TextEncoder().encode(text));
}

const depth = (path: string): number => path.split('/').filter(Boolean).length;

/**
 * The container's mounts with the network files' binds among them (by
 * depth, after the others of the same depth), unless the container mounts
 * something of its own on the same path (dockerd leaves those alone).
 */
function withNetworkFiles(
  specs: readonly MountSpec[],
  files: readonly NetworkFile[],
  directory: Dentry,
  directoryPath: string,
  readOnly: boolean,
): ContainerMount[] {
  const taken = new Set(specs.map((spec) => spec.target));
  const binds: ContainerMount[] = files
    .filter((file) => !taken.has(file.target))
    .map((file) => ({
      type: 'bind',
      source: `${directoryPath}/${file.name}`,
      // Just written: no need to find it again by its path.
      hostFile: directory.child(file.name),
      target: file.target,
      readOnly,
    }));
  return [...specs, ...binds].sort((a, b) => depth(a.target) - depth(b.target));
}

export function mountContainerRoot(
  mounts: MountTable,
  id: string,
  root: ContainerFilesystem,
  readOnly: boolean,
  specs: readonly MountSpec[] = [],
  sources?: MountSources,
  networkFiles: readonly NetworkFile[] = [],
): ContainerRoot {
  let containers = mounts.root.root;
  for (const name of CONTAINERS_DIRECTORY) containers = directoryIn(containers, name);
  const directory = directoryIn(containers, id);
  const parent = directoryIn(directory, 'rootfs');
  for (const file of networkFiles) writeHostFile(directory, file.name, file.contents);
  const directoryPath = `/${[...CONTAINERS_DIRECTORY, id].join('/')}`;
  const rootMount = mounts.mount(parent, root.fs, root.fs.root, { source: 'overlay', readOnly });
  const hostDev = mounts.list().find((mount) => mount.source === 'devtmpfs');
  let devMount: Mount | undefined;
  const dev = rootMount.root.child('dev');
  if (hostDev && dev)
    devMount = mounts.mount(dev, hostDev.fs, hostDev.rootInode, { source: 'devtmpfs' });
  const release = (made: readonly Mount[]) => {
    for (const mount of [...made].reverse()) if (mounts.has(mount)) mounts.unmount(mount);
    if (devMount && mounts.has(devMount)) mounts.unmount(devMount);
    if (mounts.has(rootMount)) mounts.unmount(rootMount);
    for (const file of networkFiles) {
      if (directory.inode.lookup(file.name)) directory.inode.unlink(file.name);
    }
    // The container's directory goes too (the next start makes it again):
    // one per container run would pile up in the host's tmpfs.
    if (mounts.has(rootMount)) return;
    removeDirectory(directory, 'rootfs');
    removeDirectory(containers, id);
  };
  let extra: Mount[] = [];
  if (sources) {
    const all = withNetworkFiles(specs, networkFiles, directory, directoryPath, readOnly);
    const made: Mount[] = [];
    try {
      extra = mountContainerMounts(mounts, rootMount, all, sources, made);
    } catch (error) {
      // Nothing of a container that cannot start stays mounted.
      release(made);
      throw error;
    }
  }
  return {
    path: `${directoryPath}/rootfs`,
    release: () => release(extra),
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
