// `docker save`: one tar stream with the images asked for, in the layout
// newer Docker writes, which every Docker since 1.10 loads:
//   oci-layout, index.json, blobs/sha256/*   an OCI image layout
//   manifest.json                            Docker's index ([{Config, RepoTags, Layers}])
//   repositories                             the legacy {name: {tag: id}} map
// Blobs are streamed from the store; entries are sorted and timestamped at
// the epoch, so the same images give the same bytes.
import { createTarPacker, type TarHeader } from 'modern-tar';
import { digestHex, type Digest } from './digest.ts';
import { ImageError } from './errors.ts';
import type { ImageRecord } from './image-record.ts';
import type { ImageStore } from './image-store.ts';
import { encodeDocument, type Descriptor, type ImageIndex } from './manifest.ts';
import { MediaType } from './media-types.ts';
import { blobPath, CONTAINERD_NAME, OCI_REF_NAME } from './oci-layout-load.ts';
import type { TagRecord } from './image-record.ts';
import {
  familiarName,
  formatReference,
  parseNormalizedNamed,
  parseReference,
  repositoryName,
  type Reference,
} from './reference.ts';

const EPOCH = new Date(0);

interface SavedImage {
  record: ImageRecord;
  /** Canonical references to save it under (none: saved by ID). */
  tags: string[];
}

/** Which images and tags `docker save NAME...` means: a name without a tag saves all its tags. */
async function selectImages(store: ImageStore, names: readonly string[]): Promise<SavedImage[]> {
  const byId = new Map<Digest, SavedImage>();
  const add = (record: ImageRecord, tag?: string): void => {
    const saved = byId.get(record.id) ?? { record, tags: [] };
    if (tag && !saved.tags.includes(tag)) saved.tags.push(tag);
    byId.set(record.id, saved);
  };
  for (const name of names) {
    let reference: Reference | undefined;
    try {
      reference = parseNormalizedNamed(name);
    } catch {
      reference = undefined;
    }
    if (reference && reference.tag === undefined && reference.digest === undefined) {
      // `docker save box` saves every tag of the repository box.
      const repository = repositoryName(reference);
      const tagged = (await store.backend.listRecords<TagRecord>('tag')).filter(({ key }) =>
        key.startsWith(`${repository}:`),
      );
      for (const { key, value } of tagged) add(await store.get(value.image), key);
      if (tagged.length > 0) continue;
    }
    const record = await store.find(name);
    if (!record) throw new ImageError('not-found', `No such image: ${name}`);
    const viaTag =
      reference?.digest === undefined && (await store.findByReference(name))?.id === record.id;
    add(record, viaTag ? formatReference(parseReference(name)) : undefined);
  }
  return [...byId.values()];
}

export async function saveArchive(
  store: ImageStore,
  names: readonly string[],
): Promise<ReadableStream<Uint8Array>> {
  const images = await selectImages(store, names);
  const { readable, controller } = createTarPacker();
  const addBytes = async (name: string, bytes: Uint8Array): Promise<void> => {
    const writer = controller.add(header(name, bytes.length)).getWriter();
    await writer.write(bytes);
    await writer.close();
  };
  const blobs = new Map<Digest, number>();
  for (const { record } of images) {
    blobs.set(record.manifest, (await store.backend.blobSize(record.manifest))!);
    blobs.set(record.config, record.configSize);
    for (const layer of record.layers) blobs.set(layer.digest, layer.size);
  }
  const produce = async (): Promise<void> => {
    await addBytes('oci-layout', encodeDocument({ imageLayoutVersion: '1.0.0' }));
    for (const [digest, size] of [...blobs].sort(([a], [b]) => a.localeCompare(b))) {
      await store.backend.blobStream(digest).pipeTo(controller.add(header(blobPath(digest), size)));
    }
    await addBytes('index.json', encodeDocument(indexOf(images, blobs)));
    await addBytes('manifest.json', encodeDocument(dockerManifestOf(images)));
    await addBytes('repositories', encodeDocument(repositoriesOf(images)));
    controller.finalize();
  };
  produce().catch((error) => controller.error(error));
  return readable;
}

const header = (name: string, size: number): TarHeader => ({
  name,
  size,
  type: 'file',
  mode: 0o644,
  uid: 0,
  gid: 0,
  mtime: EPOCH,
});

function indexOf(images: SavedImage[], sizes: ReadonlyMap<Digest, number>): ImageIndex {
  const manifests: Descriptor[] = [];
  for (const { record, tags } of images) {
    const base: Descriptor = {
      mediaType: record.manifestMediaType,
      digest: record.manifest,
      size: sizes.get(record.manifest)!,
    };
    const entries = tags.length > 0 ? tags : [undefined];
    for (const tag of entries) {
      const descriptor: Descriptor = { ...base };
      if (tag) {
        const reference = parseReference(tag);
        descriptor.annotations = {
          [CONTAINERD_NAME]: tag,
          [OCI_REF_NAME]: reference.tag ?? 'latest',
        };
      }
      manifests.push(descriptor);
    }
  }
  return { schemaVersion: 2, mediaType: MediaType.ociIndex, manifests };
}

function dockerManifestOf(images: SavedImage[]) {
  return images.map(({ record, tags }) => ({
    Config: blobPath(record.config),
    RepoTags: tags.map((t) => {
      const reference = parseReference(t);
      return `${familiarName(reference)}:${reference.tag}`;
    }),
    Layers: record.layers.map((l) => blobPath(l.digest)),
  }));
}

function repositoriesOf(images: SavedImage[]): Record<string, Record<string, string>> {
  const repositories: Record<string, Record<string, string>> = {};
  for (const { record, tags } of images) {
    const top = record.layers.at(-1);
    if (!top) continue;
    for (const tag of tags) {
      const reference = parseReference(tag);
      (repositories[familiarName(reference)] ??= {})[reference.tag!] = digestHex(top.diffId);
    }
  }
  return repositories;
}
