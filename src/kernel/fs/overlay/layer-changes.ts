// What Docker shows and ships of a container's writable layer: `docker diff`
// (A added, C changed, D deleted, sorted by path, as Docker lists the upper
// layer of overlay2: a whiteout is D, a name the image has is C, any other
// A) and the entries of a layer tarball in OCI form for `docker commit`
// (a whiteout becomes an empty `.wh.NAME` file, an opaque directory gets
// `.wh..wh..opq`; hard links name the first path; parents come first).
import type { LowerEntry, LowerTree } from './lower-tree.ts';
import { childPath } from './lower-tree.ts';
import { exportUpper, type UpperChange, type UpperChangeSet } from './change-set.ts';
import type { OverlayFs } from './overlayfs.ts';

/** The entry the lower layers together show at `path` (whiteouts and opaque directories applied). */
export function lowerView(lowers: readonly LowerTree[], path: string): LowerEntry | undefined {
  let layers = [...lowers];
  let current = '/';
  const components = path.split('/').filter((c) => c !== '');
  if (components.length === 0) return lowers[0]?.entry('/');
  for (let i = 0; i < components.length; i++) {
    current = childPath(current, components[i]!);
    const next: LowerTree[] = [];
    for (const tree of layers) {
      const entry = tree.entry(current);
      if (!entry) continue;
      if (entry.type === 'whiteout') break;
      if (i === components.length - 1) return entry;
      if (entry.type !== 'directory') break;
      next.push(tree);
      if (entry.opaque) break;
    }
    layers = next;
    if (layers.length === 0) return undefined;
  }
  return undefined;
}

export interface DiffEntry {
  kind: 'A' | 'C' | 'D';
  path: string;
}

/** `docker diff`'s list, from the upper layer's entries. */
export function diffEntries(lowers: readonly LowerTree[], upper: UpperChange[]): DiffEntry[] {
  const result: DiffEntry[] = [];
  for (const entry of upper) {
    if (entry.path === '/') continue;
    if (entry.kind === 'whiteout') result.push({ kind: 'D', path: entry.path });
    else result.push({ kind: lowerView(lowers, entry.path) ? 'C' : 'A', path: entry.path });
  }
  return result.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** `docker diff` of an overlay's writable layer, lines as Docker prints them (`C /etc`). */
export async function dockerDiff(fs: OverlayFs): Promise<string[]> {
  const upper = await exportUpper(fs);
  return diffEntries(fs.lowers, upper.entries).map((entry) => `${entry.kind} ${entry.path}`);
}

export interface LayerTarEntry {
  /** Name in the tar (relative, no leading `/`). */
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'hardlink' | 'char-device' | 'block-device' | 'fifo';
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch. */
  mtime: number;
  /** Symlink target, or the name a hard link points to. */
  linkName?: string;
  rdev?: number;
  /** Regular files' bytes. */
  data?: Uint8Array;
}

function parentAndName(path: string): [string, string] {
  const slash = path.lastIndexOf('/');
  return [path.slice(0, slash), path.slice(slash + 1)];
}

/** The upper layer as OCI layer tar entries, in order. */
export function ociLayerEntries(set: UpperChangeSet): LayerTarEntry[] {
  const result: LayerTarEntry[] = [];
  for (const entry of set.entries) {
    if (entry.path === '/') continue;
    const name = entry.path.slice(1);
    const base = {
      mode: entry.mode,
      uid: entry.uid,
      gid: entry.gid,
      mtime: Number(BigInt(entry.mtime) / 1_000_000_000n),
    };
    if (entry.kind === 'whiteout') {
      const [parent, leaf] = parentAndName(entry.path);
      const wh = `${parent.slice(1)}${parent === '' ? '' : '/'}.wh.${leaf}`;
      result.push({
        ...base,
        name: wh,
        type: 'file',
        mode: 0,
        uid: 0,
        gid: 0,
        data: new Uint8Array(0),
      });
      continue;
    }
    if (entry.kind === 'file') {
      const start = entry.offset ?? 0;
      result.push({
        ...base,
        name,
        type: 'file',
        data: set.data.subarray(start, start + (entry.size ?? 0)),
      });
    } else if (entry.kind === 'symlink' || entry.kind === 'hardlink') {
      const linkName = entry.kind === 'hardlink' ? (entry.target ?? '').slice(1) : entry.target;
      result.push({ ...base, name, type: entry.kind, linkName });
    } else if (entry.kind === 'directory') {
      result.push({ ...base, name, type: 'directory' });
      if (entry.opaque) {
        result.push({
          ...base,
          name: `${name}/.wh..wh..opq`,
          type: 'file',
          mode: 0,
          data: new Uint8Array(0),
        });
      }
    } else {
      result.push({ ...base, name, type: entry.kind, rdev: entry.rdev });
    }
  }
  return result;
}
