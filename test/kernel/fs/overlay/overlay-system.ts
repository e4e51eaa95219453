// A minimal kernel whose root is an overlay (as a container's is), for the
// VFS behaviour suite and the overlay's own tests: lower layers built from
// path lists, read asynchronously as an image snapshot's are.
import { MountTable } from '../../../../src/kernel/fs/mount.ts';
import { PreopenDirectory } from '../../../../src/kernel/fs/preopen.ts';
import {
  IndexedLowerTree,
  type PathEntry,
} from '../../../../src/kernel/fs/overlay/indexed-lower-tree.ts';
import type { LowerTree } from '../../../../src/kernel/fs/overlay/lower-tree.ts';
import { createOverlayRoot, type OverlayFs } from '../../../../src/kernel/fs/overlay/overlayfs.ts';
import type { Tmpfs } from '../../../../src/kernel/fs/tmpfs/tmpfs.ts';
import { rootCredentials } from '../../../../src/kernel/proc/credentials.ts';
import { FdTable } from '../../../../src/kernel/proc/fd-table.ts';
import { Process } from '../../../../src/kernel/proc/process.ts';
import { initialNamespaces } from '../../../../src/kernel/ns/namespace-set.ts';
import { Uts } from '../../../../src/kernel/uts.ts';
import type { System } from '../support/kernel.ts';

export interface OverlaySystem extends System {
  overlay: OverlayFs;
  upper: Tmpfs;
  /** How many lower reads were made (laziness checks). */
  reads: { count: number };
}

/** A layer: path -> contents (string: a file 0644, `/` suffix: a directory 0755, `->target`: a symlink, null: a whiteout). */
export type LayerSpec = Record<string, string | null>;

export function lowerLayer(spec: LayerSpec, reads = { count: 0 }): LowerTree {
  const encoder = new TextEncoder();
  const entries: (PathEntry & { data: Uint8Array })[] = [];
  for (const [key, value] of Object.entries(spec)) {
    const directory = key.endsWith('/');
    const path = directory ? key.slice(0, -1) || '/' : key;
    const base = { path, uid: 0, gid: 0, mtime: 1_000_000, size: 0, data: new Uint8Array(0) };
    if (value === null) entries.push({ ...base, type: 'whiteout', mode: 0 });
    else if (directory)
      entries.push({ ...base, type: 'directory', mode: 0o755, opaque: value === 'opaque' });
    else if (value.startsWith('->')) {
      entries.push({ ...base, type: 'symlink', mode: 0o777, linkTarget: value.slice(2) });
    } else {
      const data = encoder.encode(value);
      entries.push({ ...base, type: 'file', mode: 0o644, size: data.length, data });
    }
  }
  return new IndexedLowerTree(entries, async (entry, offset, length) => {
    reads.count++;
    await Promise.resolve();
    return entry.data.slice(offset, offset + length);
  });
}

let nextPid = 500;

/** An overlay root over `layers` (top first), with `existing` as its writable layer or a new one. */
export function makeOverlaySystem(
  layers: (LayerSpec | LowerTree)[] = [],
  existing?: Tmpfs,
): OverlaySystem {
  const reads = { count: 0 };
  const lowers = layers.map((layer) =>
    typeof layer.entry === 'function'
      ? (layer as LowerTree)
      : lowerLayer(layer as LayerSpec, reads),
  );
  const { fs, upper } = createOverlayRoot({ lowers, upper: existing });
  const mounts = new MountTable(fs, fs.root);
  const root = mounts.root.root;
  const namespaces = initialNamespaces(mounts, new Uts());
  return {
    tmpfs: upper,
    overlay: fs,
    upper,
    reads,
    mounts,
    root,
    spawn(uid = 0, gid = uid) {
      const credentials = {
        ...rootCredentials(),
        ...{ uid, gid, euid: uid, egid: gid, suid: uid, sgid: gid },
      };
      const fds = new FdTable();
      fds.set(3, new PreopenDirectory(root));
      return new Process(nextPid++, ['test'], [], fds, root, root, credentials, namespaces);
    },
  };
}
