// Stacks snapshots the way an overlay mount shows them: each layer's entries
// over the ones below, its whiteouts deleting lower paths (and what is under
// them), its opaque directories hiding lower contents. Used to resolve paths
// while unpacking a layer over its parents, and by whoever wants a flat view
// (`docker export`, a simple read-only root).
import type { Digest } from './digest.ts';
import type { SnapshotEntry } from './snapshot.ts';
import { isWithin } from './tree-path.ts';

/** A merged entry always says which data blob holds its contents. */
export type MergedEntry = SnapshotEntry;

export interface SnapshotLayer {
  entries: Iterable<SnapshotEntry>;
  /** The data blob of this layer's snapshot. */
  data: Digest;
}

function deleteTree(tree: Map<string, MergedEntry>, path: string, keepRoot: boolean): void {
  for (const key of tree.keys()) {
    if (isWithin(key, path) && !(keepRoot && key === path)) tree.delete(key);
  }
}

/** Applies one layer onto `tree` (which holds the merged lower layers). */
export function applyLayer(tree: Map<string, MergedEntry>, layer: SnapshotLayer): void {
  const entries = [...layer.entries];
  // Deletions concern lower layers only, so they all happen before additions.
  for (const entry of entries) {
    if (entry.type === 'whiteout') deleteTree(tree, entry.path, false);
    else if (entry.type === 'directory' && entry.opaque) deleteTree(tree, entry.path, true);
  }
  for (const entry of entries) {
    if (entry.type === 'whiteout') continue;
    const below = tree.get(entry.path);
    if (below?.type === 'directory' && entry.type !== 'directory')
      deleteTree(tree, entry.path, false);
    if (entry.type === 'directory' && entry.implicit && below?.type === 'directory') continue;
    const merged: MergedEntry = { ...entry };
    if (merged.content && merged.content.blob === undefined) {
      merged.content = { offset: merged.content.offset, blob: layer.data };
    }
    tree.set(entry.path, merged);
  }
}

/** The flat tree of a stack of layers, lowest first. */
export function mergeSnapshots(layers: Iterable<SnapshotLayer>): Map<string, MergedEntry> {
  const tree = new Map<string, MergedEntry>();
  for (const layer of layers) applyLayer(tree, layer);
  return tree;
}
