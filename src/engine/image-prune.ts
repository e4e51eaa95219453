// `docker image prune [-a]` as dockerd does it (daemon/images/image_prune.go):
// the candidates are the untagged images (every image with -a) that no
// container, running or not, was made from; each is deleted as `rmi`
// would, its tags first. Returns what was removed and the bytes of the
// layers that went with it.
import type { Digest } from '../image/digest.ts';
import type { ImageStore } from '../image/image-store.ts';
import type { ContainerRecord } from './container.ts';
import { deleteImage, type DeleteRecord } from './image-delete.ts';

export interface PruneOptions {
  all: boolean;
  /** Keeps only the images this returns true for (the --filter conditions). */
  accept?: (id: Digest) => Promise<boolean>;
}

export interface PruneReport {
  records: DeleteRecord[];
  reclaimed: number;
}

export async function pruneImages(
  store: ImageStore,
  containers: readonly ContainerRecord[],
  options: PruneOptions,
): Promise<PruneReport> {
  const used = new Set(containers.map((c) => c.Image));
  await store.purgeRetained(used);
  const report: PruneReport = { records: [], reclaimed: 0 };
  for (const image of await store.list()) {
    if (used.has(image.id)) continue;
    if (!options.all && image.repoTags.length > 0) continue;
    if (options.accept && !(await options.accept(image.id))) continue;
    const names = image.repoTags.length > 0 ? image.repoTags : [image.id];
    for (const name of names) {
      const outcome = await deleteImage(store, containers, name, false);
      report.records.push(...outcome.records);
      report.reclaimed += outcome.reclaimed;
    }
  }
  return report;
}
