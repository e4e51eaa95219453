// `docker import`: a tarball of a root file system (gzipped or not) becomes
// a one-layer image, with the platform, config changes (-c) and history
// message (-m) asked for.
import { applyChanges } from './config-changes.ts';
import type { ImageRecord } from './image-record.ts';
import type { ImageStore } from './image-store.ts';
import { isGzip, meterLayer } from './layer-stream.ts';
import { encodeDocument, type ImageConfig } from './manifest.ts';
import { MediaType } from './media-types.ts';
import { parsePlatform, WASI_PLATFORM } from './platform.ts';
import { parseReference } from './reference.ts';

export interface ImportOptions {
  /** `os/arch[/variant]`; bocal's own platform (wasi/wasm) by default. */
  platform?: string;
  /** `-c` Dockerfile instructions. */
  changes?: readonly string[];
  /** `-m` commit message (history comment). */
  message?: string;
  /** Where the tarball came from, for the default message (`-` for stdin). */
  sourceName?: string;
  /** Optional `name[:tag]` to give the image. */
  reference?: string;
  /** Creation time (now by default; fixed for reproducible builds). */
  created?: Date;
}

export async function importTarball(
  store: ImageStore,
  source: ReadableStream<Uint8Array>,
  options: ImportOptions = {},
): Promise<ImageRecord> {
  // Validate everything cheap before taking in the data.
  const platform = options.platform ? parsePlatform(options.platform) : WASI_PLATFORM;
  const container = applyChanges({}, options.changes ?? []);
  const tags = options.reference ? [parseReference(options.reference)] : [];
  const layer = await store.putBlob(source);
  const written = [layer.digest];
  try {
    const metered = await meterLayer(store.backend.blobStream(layer.digest), {
      gunzip: store.backend.gunzip,
      sha256: store.backend.sha256,
      maxBytes: store.limits.maxLayerBytes,
      what: 'imported tarball',
    });
    for await (const _ of metered.stream) void _;
    const { diffId } = metered.result();
    const created = (options.created ?? new Date()).toISOString();
    const config: ImageConfig = {
      architecture: platform.architecture,
      os: platform.os,
      ...(platform.variant ? { variant: platform.variant } : {}),
      created,
      // dockerd keeps -m as the config's comment too (`docker inspect` shows it as Comment).
      ...(options.message ? { comment: options.message } : {}),
      config: container,
      rootfs: { type: 'layers', diff_ids: [diffId] },
      history: [
        { created, comment: options.message || `Imported from ${options.sourceName ?? '-'}` },
      ],
    };
    const configBlob = await store.putBlob(encodeDocument(config));
    written.push(configBlob.digest);
    const head = await store.backend.readBlob(layer.digest, 0, 4);
    const mediaType = isGzip(head) ? MediaType.ociLayerGzip : MediaType.ociLayer;
    return await store.addImageFromParts(configBlob, [{ ...layer, mediaType }], tags);
  } catch (error) {
    await store.deleteUnreferenced(written);
    throw error;
  }
}
