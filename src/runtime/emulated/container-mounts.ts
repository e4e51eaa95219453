// The container's mounts (`-v`, `--mount`, `--tmpfs`, and the network files
// /etc/hosts, hostname and resolv.conf) on its root, in the host's mount
// namespace under the root's mount so that the container's new mount
// namespace copies them: a bind of a host directory or file, a named
// volume's tmpfs, or a new tmpfs. As runc does, a missing mount point is
// made in the container's root first (in its writable layer): a directory,
// or an empty file for a file's bind; symbolic links on the way are
// followed inside the root, never out of it.
import { S_IFDIR, S_IFREG } from '../../kernel/fs/stat.ts';
import type { Dentry } from '../../kernel/fs/dentry.ts';
import type { Clock } from '../../kernel/fs/filesystem.ts';
import type { Mount, MountTable } from '../../kernel/fs/mount.ts';
import { Tmpfs } from '../../kernel/fs/tmpfs/tmpfs.ts';
import { MountError, type MountSpec } from '../runtime.ts';
import type { VolumeStore } from './volume-store.ts';

/** A mount of the container's; the runtime's own binds name their host file already found. */
export type ContainerMount =
  MountSpec | (Extract<MountSpec, { type: 'bind' }> & { hostFile?: Dentry });

export interface MountSources {
  /** The host's file or directory at `path`; with `create`, a directory made when missing (as -v does). */
  hostPath(path: string, create: boolean): Dentry | undefined;
  volumes: VolumeStore;
  clock: Clock;
}

/** runc's refusal of a directory on a file or a file on a directory. */
function kindMismatch(source: string, target: string): MountError {
  return new MountError(
    `failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "${source}" to rootfs at "${target}": mount ${source}:${target} (via /proc/self/fd/6), flags: 0x5000: not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type`,
  );
}

/** The topmost mount's root on `dentry`, among those made so far. */
function entered(dentry: Dentry, made: Map<Dentry, Mount>): Dentry {
  let at = dentry;
  for (let mount = made.get(at); mount; mount = made.get(at)) at = mount.root;
  return at;
}

/**
 * The dentry at `path` of the container's root (mounts made so far entered,
 * symlinks followed with the root as `/`), made when missing: directories
 * on the way, and the last one a directory or, for `file`, an empty file.
 */
function mountPoint(
  root: Dentry,
  path: string,
  file: boolean,
  made: Map<Dentry, Mount>,
  links = 0,
): Dentry {
  const names = path.split('/').filter((n) => n !== '' && n !== '.');
  const stack: Dentry[] = [root];
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const at = stack[stack.length - 1]!;
    if (name === '..') {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const last = i === names.length - 1;
    let next = at.child(name);
    if (next?.inode.isSymlink) {
      if (links > 40) throw new MountError(`too many levels of symbolic links: ${path}`);
      const target = next.inode.readlink();
      const base = target.startsWith('/')
        ? ''
        : stack
            .slice(1)
            .map((d) => d.name)
            .join('/');
      const rest = names.slice(i + 1).join('/');
      return mountPoint(root, `/${base}/${target}/${rest}`, file, made, links + 1);
    }
    if (!next) {
      const node = { mode: last && file ? S_IFREG | 0o755 : S_IFDIR | 0o755, uid: 0, gid: 0 };
      const inode = last && file ? at.inode.create(name, node) : at.inode.mkdir(name, node);
      next = at.childFor(name, inode);
    }
    stack.push(entered(next, made));
  }
  return stack[stack.length - 1]!;
}

export function mountContainerMounts(
  table: MountTable,
  rootMount: Mount,
  specs: readonly ContainerMount[],
  sources: MountSources,
  /** The mounts made, in order (filled as they are made, so a failure can undo them). */
  result: Mount[] = [],
): Mount[] {
  const made = new Map<Dentry, Mount>();
  for (const spec of specs) {
    const options = { readOnly: spec.readOnly };
    let mount: Mount;
    if (spec.type === 'bind') {
      const source =
        ('hostFile' in spec ? spec.hostFile : undefined) ??
        sources.hostPath(spec.source, spec.mustExist !== true);
      if (!source) {
        throw new MountError(
          `invalid mount config for type "bind": bind source path does not exist: ${spec.source}`,
        );
      }
      const file = !source.inode.isDirectory;
      const point = mountPoint(rootMount.root, spec.target, file, made);
      if (point.inode.isDirectory === file) throw kindMismatch(spec.source, spec.target);
      // /proc/mounts names the source's filesystem, as Linux shows a bind's device.
      mount = table.mount(point, source.inode.fs, source.inode, {
        ...options,
        source: source.mount.source,
      });
      made.set(point, mount);
    } else {
      const point = mountPoint(rootMount.root, spec.target, false, made);
      if (!point.inode.isDirectory) throw kindMismatch(spec.target, spec.target);
      if (spec.type === 'volume') {
        const fs = sources.volumes.filesystem(spec.name);
        mount = table.mount(point, fs, fs.root, { ...options, source: spec.name });
      } else {
        const fs = new Tmpfs({ clock: sources.clock, rootMode: spec.mode ?? 0o1777 });
        mount = table.mount(point, fs, fs.root, { ...options, source: 'tmpfs' });
      }
      made.set(point, mount);
    }
    result.push(mount);
  }
  return result;
}
