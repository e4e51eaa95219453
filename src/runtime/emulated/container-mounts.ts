// The container's mounts (`-v`, `--mount`, `--tmpfs`) on its root, in the
// host's mount namespace under the root's mount so that the helper's new
// mount namespace copies them: a bind of a host directory, a named
// volume's tmpfs, or a new tmpfs. Their mount points are made in the
// container's root first (in its writable layer, as dockerd does).
import type { Dentry } from '../../kernel/fs/dentry.ts';
import type { Clock } from '../../kernel/fs/filesystem.ts';
import type { Mount, MountTable } from '../../kernel/fs/mount.ts';
import { Tmpfs } from '../../kernel/fs/tmpfs/tmpfs.ts';
import type { MountSpec } from '../runtime.ts';
import type { ContainerFilesystem } from './container-filesystem.ts';
import type { VolumeStore } from './volume-store.ts';

export interface MountSources {
  /** The host directory at `path` (made if missing, as dockerd does for -v). */
  hostDirectory(path: string): Dentry;
  volumes: VolumeStore;
  clock: Clock;
}

/** The dentry at `path` below `root`, entering the mounts made so far on the way. */
function dentryAt(root: Dentry, path: string, made: Map<Dentry, Mount>): Dentry {
  let at = root;
  for (const name of path.split('/').filter((n) => n !== '' && n !== '.')) {
    const next = at.child(name);
    if (!next) throw new Error(`mount point ${path} is missing`);
    at = made.get(next)?.root ?? next;
  }
  return made.get(at)?.root ?? at;
}

export function mountContainerMounts(
  table: MountTable,
  rootMount: Mount,
  filesystem: ContainerFilesystem,
  specs: readonly MountSpec[],
  sources: MountSources,
): Mount[] {
  const made = new Map<Dentry, Mount>();
  const result: Mount[] = [];
  for (const spec of specs) {
    filesystem.makeDirectory(spec.target);
    const mountpoint = dentryAt(rootMount.root, spec.target, made);
    const options = { readOnly: spec.readOnly };
    let mount: Mount;
    if (spec.type === 'bind') {
      const source = sources.hostDirectory(spec.source);
      mount = table.mount(mountpoint, source.inode.fs, source.inode, {
        ...options,
        source: spec.source,
      });
    } else if (spec.type === 'volume') {
      const fs = sources.volumes.filesystem(spec.name);
      mount = table.mount(mountpoint, fs, fs.root, { ...options, source: spec.name });
    } else {
      const fs = new Tmpfs({ clock: sources.clock, rootMode: spec.mode ?? 0o1777 });
      mount = table.mount(mountpoint, fs, fs.root, { ...options, source: 'tmpfs' });
    }
    made.set(mountpoint, mount);
    result.push(mount);
  }
  return result;
}
