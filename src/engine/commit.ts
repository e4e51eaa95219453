// `docker commit`: a new image made of the container's image and one more
// layer, its writable layer as an OCI layer tar (uncompressed, so the layer
// digest is its diff ID). The new image's config is the container's (Cmd,
// Entrypoint, Env, WorkingDir, User, Labels) with the -c changes applied,
// a history entry with -m and --author, as dockerd's commit does.
import { applyChanges } from '../image/config-changes.ts';
import type { ImageRecord } from '../image/image-record.ts';
import type { ImageStore } from '../image/image-store.ts';
import { encodeDocument, type ContainerConfig, type ImageConfig } from '../image/manifest.ts';
import { MediaType } from '../image/media-types.ts';
import { parseReference } from '../image/reference.ts';
import type { RootFilesystem } from '../runtime/runtime.ts';
import type { ContainerRecord } from './container.ts';

export interface CommitOptions {
  /** `REPOSITORY[:TAG]`, or none for a dangling image. */
  reference?: string;
  author?: string;
  message?: string;
  /** `-c` Dockerfile instructions (CMD, ENV, WORKDIR, ...). */
  changes?: readonly string[];
  now: number;
}

function containerConfig(record: ContainerRecord): ContainerConfig {
  const config = record.Config;
  return {
    ...(config.User ? { User: config.User } : {}),
    Env: [...config.Env],
    Entrypoint: config.Entrypoint,
    Cmd: config.Cmd,
    ...(config.WorkingDir ? { WorkingDir: config.WorkingDir } : {}),
    Labels: { ...config.Labels },
  };
}

export async function commitContainer(
  images: ImageStore,
  record: ContainerRecord,
  root: RootFilesystem,
  options: CommitOptions,
): Promise<ImageRecord> {
  // Checked before anything is written, as dockerd refuses a bad reference or change first.
  const tags = options.reference ? [parseReference(options.reference)] : [];
  const config = applyChanges(containerConfig(record), options.changes ?? []);
  const base = await images.resolve(record.Image);
  const layer = await images.putBlob(await root.layerTar());
  const created = new Date(options.now).toISOString();
  const imageConfig: ImageConfig = {
    ...base.config,
    created,
    ...(options.author ? { author: options.author } : {}),
    config,
    rootfs: { type: 'layers', diff_ids: [...base.config.rootfs.diff_ids, layer.digest] },
    history: [
      ...(base.config.history ?? []),
      {
        created,
        // dockerd records the container's command as what made the layer.
        created_by: [record.Path, ...record.Args].join(' '),
        ...(options.author ? { author: options.author } : {}),
        ...(options.message ? { comment: options.message } : {}),
      },
    ],
  };
  if (!options.author) delete imageConfig.author;
  const configBlob = await images.putBlob(encodeDocument(imageConfig));
  const layers = [
    ...base.record.layers.map((l) => ({ digest: l.digest, size: l.size, mediaType: l.mediaType })),
    { digest: layer.digest, size: layer.size, mediaType: MediaType.ociLayer },
  ];
  try {
    return await images.addImageFromParts(configBlob, layers, tags);
  } catch (error) {
    await images.deleteUnreferenced([configBlob.digest, layer.digest]);
    throw error;
  }
}
