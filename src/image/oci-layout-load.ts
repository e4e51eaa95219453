// Loads the images of an OCI image layout (index.json, oci-layout,
// blobs/sha256/*) into the store. Every blob is checked against its
// descriptor's digest and size as it is copied in; a manifest is parsed only
// after its own blob was verified; the image appears only once all of it is
// in (ImageStore.addImage commits last).
import { digestHex, type Digest } from './digest.ts';
import { ImageError } from './errors.ts';
import type { ImageStore } from './image-store.ts';
import type { LayoutSource } from './layout-source.ts';
import {
  parseDescriptor,
  parseIndex,
  parseJsonDocument,
  parseManifest,
  type Descriptor,
  type Platform,
} from './manifest.ts';
import { isIndexType, isManifestType } from './media-types.ts';
import { familiarString, parseReference, type Reference } from './reference.ts';

export interface LoadedImage {
  id: Digest;
  /** Familiar `name:tag` of the tags it was given. */
  tags: string[];
}

export interface LayoutLoadOptions {
  /** Repository for entries whose ref name is a bare tag (`latest`). */
  repository?: string;
  /** Which manifest of a multi-platform index to take (default: the first). */
  platform?: Platform;
}

/** Annotations that name an image in an index (containerd's, then OCI's). */
export const CONTAINERD_NAME = 'io.containerd.image.name';
export const OCI_REF_NAME = 'org.opencontainers.image.ref.name';

export const blobPath = (digest: Digest): string => `blobs/sha256/${digestHex(digest)}`;

export async function checkLayoutMarker(source: LayoutSource): Promise<void> {
  const marker = await source.readFile('oci-layout');
  if (!marker)
    throw new ImageError('invalid-content', 'not an OCI image layout: oci-layout is missing');
  const document = parseJsonDocument(marker, 'oci-layout');
  if (typeof document.imageLayoutVersion !== 'string') {
    throw new ImageError('invalid-content', 'oci-layout: imageLayoutVersion is missing');
  }
}

export async function loadOciLayout(
  store: ImageStore,
  source: LayoutSource,
  options: LayoutLoadOptions = {},
): Promise<LoadedImage[]> {
  await checkLayoutMarker(source);
  const indexBytes = await source.readFile('index.json');
  if (!indexBytes)
    throw new ImageError('invalid-content', 'not an OCI image layout: index.json is missing');
  const index = parseIndex(indexBytes, 'index.json');
  const loaded: LoadedImage[] = [];
  for (const descriptor of index.manifests) {
    const tag = tagOf(descriptor, options.repository);
    const tags = tag ? [tag] : [];
    const image = await loadDescriptor(store, source, descriptor, options, tags);
    loaded.push({ id: image, tags: tags.map(familiarString) });
  }
  return loaded;
}

function tagOf(descriptor: Descriptor, repository?: string): Reference | undefined {
  const full = descriptor.annotations?.[CONTAINERD_NAME];
  if (full) return parseReference(full);
  const refName = descriptor.annotations?.[OCI_REF_NAME];
  if (!refName) return undefined;
  if (/[:/]/.test(refName)) return parseReference(refName);
  return repository ? parseReference(`${repository}:${refName}`) : undefined;
}

/** Copies a blob from the layout into the store unless it is already there. */
export async function ensureBlob(
  store: ImageStore,
  source: LayoutSource,
  descriptor: Descriptor,
): Promise<void> {
  if ((await store.backend.blobSize(descriptor.digest)) === descriptor.size) return;
  let stream: ReadableStream<Uint8Array>;
  try {
    stream = await source.openFile(blobPath(descriptor.digest));
  } catch {
    throw new ImageError('not-found', `blob ${descriptor.digest} is missing from the layout`);
  }
  await store.putBlob(stream, { digest: descriptor.digest, size: descriptor.size });
}

/** Loads one manifest (or the chosen manifest of an index); returns the image ID. */
async function loadDescriptor(
  store: ImageStore,
  source: LayoutSource,
  descriptor: Descriptor,
  options: LayoutLoadOptions,
  tags: Reference[],
  depth = 0,
): Promise<Digest> {
  if (depth > 4) throw new ImageError('invalid-content', 'image indexes nested too deep');
  await ensureBlob(store, source, descriptor);
  const bytes = await store.readBlob(descriptor.digest);
  if (isIndexType(descriptor.mediaType)) {
    const nested = parseIndex(bytes, `index ${descriptor.digest}`);
    const manifests = nested.manifests.filter((m) => isManifestType(m.mediaType));
    const wanted = options.platform;
    const chosen =
      (wanted &&
        manifests.find(
          (m) => m.platform?.os === wanted.os && m.platform.architecture === wanted.architecture,
        )) ??
      manifests[0];
    if (!chosen)
      throw new ImageError('invalid-content', `index ${descriptor.digest} lists no image manifest`);
    return loadDescriptor(
      store,
      source,
      parseDescriptor(chosen, 'manifest'),
      options,
      tags,
      depth + 1,
    );
  }
  if (!isManifestType(descriptor.mediaType)) {
    throw new ImageError(
      'invalid-content',
      `unsupported media type ${descriptor.mediaType} in index.json`,
    );
  }
  const manifest = parseManifest(bytes, `manifest ${descriptor.digest}`);
  await ensureBlob(store, source, manifest.config);
  for (const layer of manifest.layers) await ensureBlob(store, source, layer);
  const record = await store.addImage(descriptor.digest, tags);
  return record.id;
}
