// The flat file tree of an image (its layers merged, whiteouts applied),
// for the engine's command lookup before a start. Kept per top layer: the
// store hands out the same snapshot objects for an image's layers, and a
// top layer (a chain ID) fixes everything below it.
import { mergeSnapshots, type MergedEntry } from '../image/snapshot-merge.ts';
import type { Digest } from '../image/digest.ts';
import type { Snapshot } from '../image/snapshot.ts';
import type { ImageLayer } from '../runtime/runtime.ts';

const trees = new WeakMap<ImageLayer, Map<string, MergedEntry>>();

export function imageTree(layers: readonly ImageLayer[]): Map<string, MergedEntry> {
  const top = layers[layers.length - 1];
  const known = top && trees.get(top);
  if (known) return known;
  const tree = mergeSnapshots(
    layers.map((layer) => ({
      entries: layer.entries.values(),
      data: (layer as Partial<Snapshot>).record?.data ?? ('' as Digest),
    })),
  );
  if (top) trees.set(top, tree);
  return tree;
}
