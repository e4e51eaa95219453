// The image store: what the engine talks to. Blobs go in verified; an image
// is added from a manifest whose blobs are all present, its layers unpacked
// into snapshots (once per chain ID), and only then its image record and
// tags are committed, in one batch: an interrupted load leaves no image.
// Images are named by Docker references or by (a prefix of) their ID.
import { chainIds, digestHex, isDigest, type Digest } from './digest.ts';
import { ImageError, isImageError } from './errors.ts';
import type { ImageRecord, LayerRecord, TagRecord } from './image-record.ts';
import { DEFAULT_LAYER_LIMITS, unpackLayer, type LayerLimits } from './layer-unpack.ts';
import {
  encodeDocument,
  parseConfig,
  parseManifest,
  type ImageConfig,
  type ImageManifest,
} from './manifest.ts';
import { MediaType } from './media-types.ts';
import {
  familiarName,
  familiarString,
  formatReference,
  parseNormalizedNamed,
  parseReference,
  repositoryName,
  type Reference,
} from './reference.ts';
import { Snapshot, type SnapshotEntry, type SnapshotRecord } from './snapshot.ts';
import { applyLayer, type MergedEntry } from './snapshot-merge.ts';
import {
  writeBlob,
  type BlobExpectation,
  type RecordChange,
  type StoreBackend,
} from './store-backend.ts';

/** An image ready to run: its config and its layers' snapshots, lowest first. */
/** How many parsed image configs the store keeps (ImageStore.#configs). */
const KEPT_CONFIGS = 64;

export interface ResolvedImage {
  record: ImageRecord;
  config: ImageConfig;
  snapshots: Snapshot[];
}

/** One row of `docker images`. */
export interface ImageSummary {
  id: Digest;
  /** Familiar `name:tag` strings, sorted. */
  repoTags: string[];
  repoDigests: string[];
  created?: string;
  size: number;
  platform: ImageRecord['platform'];
}

/** What `docker rmi` prints, in order. */
export type RemoveResult = { untagged: string } | { deleted: Digest };

export interface ImageStoreOptions {
  limits?: Partial<LayerLimits>;
}

const SHORT_ID_MIN = 1;

export class ImageStore {
  readonly limits: LayerLimits;

  constructor(
    readonly backend: StoreBackend,
    options: ImageStoreOptions = {},
  ) {
    this.limits = { ...DEFAULT_LAYER_LIMITS, ...options.limits };
  }

  // ---- blobs ----

  /** Stores content, verified against what the caller expects. */
  putBlob(source: ReadableStream<Uint8Array> | Uint8Array, expected?: BlobExpectation) {
    return writeBlob(this.backend, source, expected);
  }

  readBlob(digest: Digest): Promise<Uint8Array> {
    return this.backend.readBlob(digest);
  }

  // ---- adding images ----

  /**
   * Adds the image whose manifest blob is stored under `manifestDigest`:
   * checks that config and layers are present with the announced sizes,
   * unpacks the layers, then commits the image and `tags` together.
   */
  async addImage(
    manifestDigest: Digest,
    tags: readonly Reference[] = [],
    repoDigests: readonly string[] = [],
  ): Promise<ImageRecord> {
    const manifestBytes = await this.#blob(manifestDigest, 'manifest');
    const manifest = parseManifest(manifestBytes, `manifest ${manifestDigest}`);
    await this.#checkPresent(manifest.config.digest, manifest.config.size, 'config');
    const config = parseConfig(
      await this.backend.readBlob(manifest.config.digest),
      `config ${manifest.config.digest}`,
    );
    const diffIds = config.rootfs.diff_ids;
    if (diffIds.length !== manifest.layers.length) {
      throw new ImageError(
        'invalid-content',
        `manifest ${manifestDigest} has ${manifest.layers.length} layers but its config lists ${diffIds.length} diff IDs`,
      );
    }
    for (const layer of manifest.layers)
      await this.#checkPresent(layer.digest, layer.size, 'layer');
    const chains = chainIds(diffIds);
    const layers: LayerRecord[] = manifest.layers.map((layer, i) => ({
      digest: layer.digest,
      size: layer.size,
      mediaType: layer.mediaType,
      diffId: diffIds[i]!,
      chainId: chains[i]!,
    }));
    const snapshots = await this.#ensureSnapshots(layers);
    const record: ImageRecord = {
      id: manifest.config.digest,
      manifest: manifestDigest,
      manifestMediaType: manifest.mediaType,
      config: manifest.config.digest,
      configSize: manifest.config.size,
      layers,
      platform: {
        os: config.os,
        architecture: config.architecture,
        ...(config.variant ? { variant: config.variant } : {}),
      },
      size: snapshots.reduce((n, s) => n + diffSize(s), 0),
      repoDigests: [...repoDigests],
    };
    if (config.created !== undefined) record.created = config.created;
    const existing = await this.backend.getRecord<ImageRecord>('image', record.id);
    if (existing)
      record.repoDigests = [...new Set([...existing.repoDigests, ...repoDigests])].sort();
    await this.backend.commitRecords([
      { kind: 'image', key: record.id, value: record },
      ...tags.map((tag): RecordChange => ({
        kind: 'tag',
        key: formatReference(tag),
        value: { image: record.id } satisfies TagRecord,
      })),
    ]);
    return record;
  }

  /** Writes a manifest for a config and layers already stored, then adds the image. */
  async addImageFromParts(
    config: { digest: Digest; size: number },
    layers: ReadonlyArray<{ digest: Digest; size: number; mediaType: string }>,
    tags: readonly Reference[] = [],
  ): Promise<ImageRecord> {
    const manifest: ImageManifest = {
      schemaVersion: 2,
      mediaType: MediaType.ociManifest,
      config: { mediaType: MediaType.ociConfig, digest: config.digest, size: config.size },
      layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
    };
    const { digest } = await this.putBlob(encodeDocument(manifest));
    try {
      return await this.addImage(digest, tags);
    } catch (error) {
      await this.deleteUnreferenced([digest]);
      throw error;
    }
  }

  async #blob(digest: Digest, what: string): Promise<Uint8Array> {
    try {
      return await this.backend.readBlob(digest);
    } catch (error) {
      if (isImageError(error, 'not-found'))
        throw new ImageError('not-found', `${what} blob ${digest} is missing`);
      throw error;
    }
  }

  async #checkPresent(digest: Digest, size: number, what: string): Promise<void> {
    const stored = await this.backend.blobSize(digest);
    if (stored === undefined)
      throw new ImageError('not-found', `${what} blob ${digest} is missing`);
    if (stored !== size)
      throw new ImageError(
        'digest-mismatch',
        `${what} blob ${digest} is ${stored} bytes, the manifest says ${size}`,
      );
  }

  // ---- snapshots ----

  async #ensureSnapshots(layers: readonly LayerRecord[]): Promise<Snapshot[]> {
    const snapshots: Snapshot[] = [];
    for (const [i, layer] of layers.entries()) {
      let snapshot = await this.#loadSnapshot(layer.chainId);
      if (!snapshot) {
        // The layers below, merged, for unpacking this one (only when one is unpacked).
        const tree = new Map<string, MergedEntry>();
        for (const below of snapshots) {
          applyLayer(tree, { entries: below.entries.values(), data: below.record.data });
        }
        const unpacked = await unpackLayer(this.backend, this.backend.blobStream(layer.digest), {
          diffId: layer.diffId,
          lower: (path) => tree.get(path),
          limits: this.limits,
          what: `layer ${i + 1} (${layer.digest})`,
        });
        const index = await this.putBlob(encodeDocument({ entries: unpacked.entries }));
        const record: SnapshotRecord = {
          chainId: layer.chainId,
          diffId: layer.diffId,
          index: index.digest,
          data: unpacked.data.digest,
          entries: unpacked.entries.length,
          size: unpacked.data.size,
        };
        await this.backend.commitRecords([{ kind: 'snapshot', key: layer.chainId, value: record }]);
        snapshot = new Snapshot(record, unpacked.entries, this.#reader);
      }
      snapshots.push(snapshot);
    }
    return snapshots;
  }

  #reader = (digest: Digest, offset: number, length: number): Promise<Uint8Array> =>
    this.backend.readBlob(digest, offset, length);

  /**
   * Snapshots already read, by chain ID: a container start resolves its
   * image every time, and the runtime keeps per-snapshot indexes by object.
   */
  #loadedSnapshots = new Map<Digest, Snapshot>();

  async #loadSnapshot(chainId: Digest): Promise<Snapshot | undefined> {
    const record = await this.backend.getRecord<SnapshotRecord>('snapshot', chainId);
    if (!record) return undefined;
    const loaded = this.#loadedSnapshots.get(chainId);
    if (loaded?.record.index === record.index && loaded.record.data === record.data) return loaded;
    const index = JSON.parse(
      new TextDecoder().decode(await this.backend.readBlob(record.index)),
    ) as { entries: SnapshotEntry[] };
    const snapshot = new Snapshot(record, index.entries, this.#reader);
    this.#loadedSnapshots.set(chainId, snapshot);
    return snapshot;
  }

  // ---- finding images ----

  /**
   * The image a reference or (short) ID names, or undefined. As in Docker, a
   * tag wins over an ID prefix that happens to spell the same.
   */
  async find(text: string): Promise<ImageRecord | undefined> {
    return (await this.findByReference(text)) ?? (await this.#findById(text));
  }

  /** The image a tag or digest reference names (no ID lookup). */
  async findByReference(text: string): Promise<ImageRecord | undefined> {
    let reference: Reference;
    try {
      reference = parseReference(text);
    } catch (error) {
      if (/^(sha256:)?[a-f0-9]{64}$/.test(text) || text.startsWith('sha256:')) return undefined;
      throw error;
    }
    if (reference.digest !== undefined) {
      const images = await this.backend.listRecords<ImageRecord>('image');
      const wanted = `${repositoryName(reference)}@${reference.digest}`;
      return images.find(
        ({ value }) =>
          !value.retained &&
          (value.repoDigests.includes(wanted) || value.manifest === reference.digest),
      )?.value;
    }
    const tag = await this.backend.getRecord<TagRecord>('tag', formatReference(reference));
    return tag ? this.backend.getRecord<ImageRecord>('image', tag.image) : undefined;
  }

  async #findById(text: string, retained = false): Promise<ImageRecord | undefined> {
    const hex = text.startsWith('sha256:') ? text.slice(7) : text;
    if (!/^[a-f0-9]+$/.test(hex) || hex.length < SHORT_ID_MIN || hex.length > 64) return undefined;
    if (isDigest(`sha256:${hex}`)) {
      const record = await this.backend.getRecord<ImageRecord>('image', `sha256:${hex}`);
      return record && (!record.retained || retained) ? record : undefined;
    }
    // A short ID: Docker accepts any unique prefix of the hex ID.
    const images = (await this.backend.listRecords<ImageRecord>('image')).filter(
      ({ value }) => !value.retained,
    );
    const matches = images.filter(({ key }) => digestHex(key as Digest).startsWith(hex));
    if (matches.length > 1) throw new ImageError('conflict', `ambiguous image ID prefix ${hex}`);
    return matches[0]?.value;
  }

  /** Like find, but a missing image is Docker's "No such image" error. */
  async get(text: string): Promise<ImageRecord> {
    const record = await this.find(text);
    if (!record) throw new ImageError('not-found', `No such image: ${text}`);
    return record;
  }

  /** The config and snapshots of an image (unpacking any layer whose snapshot is missing). */
  async resolve(text: string): Promise<ResolvedImage> {
    // A container names its image by full ID, which still resolves once `rmi -f` retained it.
    const record =
      (await this.find(text)) ?? (isDigest(text) ? await this.#findById(text, true) : undefined);
    if (!record) throw new ImageError('not-found', `No such image: ${text}`);
    return this.resolveRecord(record);
  }

  /** The config and snapshots of an image already found (`find`). */
  async resolveRecord(record: ImageRecord): Promise<ResolvedImage> {
    let config = this.#configs.get(record.config);
    if (!config) {
      config = parseConfig(await this.backend.readBlob(record.config), `config ${record.config}`);
      this.#configs.set(record.config, config);
      // A few images are run again and again; the oldest entry goes first.
      if (this.#configs.size > KEPT_CONFIGS)
        this.#configs.delete(this.#configs.keys().next().value!);
    }
    const snapshots = await this.#ensureSnapshots(record.layers);
    // A copy: the caller may change what it is given.
    return { record, config: structuredClone(config), snapshots };
  }

  /**
   * Configs already read, by digest: a blob never changes, and a warm
   * `docker run` resolves its image twice. Deleting the blob does not make
   * an entry wrong: a config is only looked up through an image record.
   */
  #configs = new Map<Digest, ImageConfig>();

  /** The flat file tree of an image (whiteouts applied), entries naming their data blob. */
  async mergedTree(text: string): Promise<Map<string, MergedEntry>> {
    const { snapshots } = await this.resolve(text);
    const tree = new Map<string, MergedEntry>();
    for (const s of snapshots)
      applyLayer(tree, { entries: s.entries.values(), data: s.record.data });
    return tree;
  }

  // ---- listing, tagging, removing ----

  /** Familiar `name:tag` strings of an image's tags. */
  async tagsOf(id: Digest): Promise<string[]> {
    const tags = await this.backend.listRecords<TagRecord>('tag');
    return tags
      .filter(({ value }) => value.image === id)
      .map(({ key }) => familiarString(parseReference(key)))
      .sort();
  }

  /** All images with their tags, newest first (as `docker images` lists them). */
  async list(): Promise<ImageSummary[]> {
    const [images, tags] = await Promise.all([
      this.backend.listRecords<ImageRecord>('image'),
      this.backend.listRecords<TagRecord>('tag'),
    ]);
    const summaries = images
      .filter(({ value }) => !value.retained)
      .map(({ value }): ImageSummary => {
        const summary: ImageSummary = {
          id: value.id,
          repoTags: tags
            .filter((t) => t.value.image === value.id)
            .map((t) => familiarString(parseReference(t.key)))
            .sort(),
          repoDigests: value.repoDigests,
          size: value.size,
          platform: value.platform,
        };
        if (value.created !== undefined) summary.created = value.created;
        return summary;
      });
    return summaries.sort(
      (a, b) => (b.created ?? '').localeCompare(a.created ?? '') || a.id.localeCompare(b.id),
    );
  }

  /**
   * The `name:tag` of every tagged image, sorted: what `docker run alpine`
   * offline lists after saying the image is not found (we never pretend to
   * have an image we do not ship).
   */
  async availableTags(): Promise<string[]> {
    const tags = await this.backend.listRecords<TagRecord>('tag');
    return tags.map(({ key }) => familiarString(parseReference(key))).sort();
  }

  /** `docker tag SOURCE TARGET`. */
  async tag(source: string, target: string): Promise<void> {
    const image = await this.get(source);
    const reference = parseReference(target);
    if (reference.digest !== undefined)
      throw new ImageError('invalid-reference', 'refusing to create a tag with a digest reference');
    await this.backend.commitRecords([
      {
        kind: 'tag',
        key: formatReference(reference),
        value: { image: image.id } satisfies TagRecord,
      },
    ]);
  }

  /**
   * `docker rmi`: a tag is untagged, and the image deleted once no tag is
   * left; an ID with several tags needs `force`. Returns what Docker prints.
   */
  async remove(text: string, options: { force?: boolean } = {}): Promise<RemoveResult[]> {
    const image = await this.get(text);
    const tags = (await this.backend.listRecords<TagRecord>('tag'))
      .filter(({ value }) => value.image === image.id)
      .map(({ key }) => key);
    const byId = (await this.findByReference(text)) === undefined;
    let untag: string[];
    if (byId) {
      if (tags.length > 1 && !options.force) {
        throw new ImageError(
          'conflict',
          `conflict: unable to delete ${digestHex(image.id).slice(0, 12)} (must be forced) - image is referenced in multiple repositories`,
        );
      }
      untag = tags;
    } else {
      untag = [formatReference(parseReference(text))];
    }
    const results: RemoveResult[] = untag.map((key) => ({
      untagged: familiarString(parseReference(key)),
    }));
    const changes: RecordChange[] = untag.map((key) => ({ kind: 'tag', key, value: null }));
    const deleting = tags.every((key) => untag.includes(key));
    if (deleting) {
      changes.push({ kind: 'image', key: image.id, value: null });
      for (const repoDigest of image.repoDigests)
        results.push({ untagged: repoDigest.replace(/^docker\.io\/(library\/)?/, '') });
      results.push({ deleted: image.id });
    }
    await this.backend.commitRecords(changes);
    if (deleting) await this.collectGarbage();
    return results;
  }

  /** Removes the tag or digest reference `text` names; returns it in its familiar form. */
  async untag(text: string): Promise<string> {
    const reference = parseReference(text);
    const key = formatReference(reference);
    if (reference.digest !== undefined) {
      const image = await this.findByReference(text);
      if (!image) throw new ImageError('not-found', `No such image: ${text}`);
      const wanted = `${repositoryName(reference)}@${reference.digest}`;
      const repoDigests = image.repoDigests.filter((d) => d !== wanted);
      await this.backend.commitRecords([
        { kind: 'image', key: image.id, value: { ...image, repoDigests } },
      ]);
      return familiarString(reference);
    }
    if (!(await this.backend.getRecord<TagRecord>('tag', key)))
      throw new ImageError('not-found', `No such image: ${text}`);
    await this.backend.commitRecords([{ kind: 'tag', key, value: null }]);
    return familiarString(reference);
  }

  /**
   * Deletes an image and every tag naming it; returns the layers (chain
   * IDs, top first, with their content size) that no other image used and
   * are now gone, as dockerd reports "Deleted: sha256:<chain ID>".
   */
  async deleteImage(
    id: Digest,
    options: { retain?: boolean } = {},
  ): Promise<{ chainId: Digest; size: number }[]> {
    const image = await this.backend.getRecord<ImageRecord>('image', id);
    if (!image) throw new ImageError('not-found', `No such image: ${id}`);
    const tags = (await this.backend.listRecords<TagRecord>('tag')).filter(
      ({ value }) => value.image === id,
    );
    if (options.retain) {
      // Gone from names and lists; its layers stay for the containers made from it.
      await this.backend.commitRecords([
        ...tags.map(({ key }): RecordChange => ({ kind: 'tag', key, value: null })),
        { kind: 'image', key: id, value: { ...image, repoDigests: [], retained: true } },
      ]);
      return [];
    }
    const others = (await this.backend.listRecords<ImageRecord>('image')).filter(
      ({ key }) => key !== id,
    );
    const stillUsed = new Set(others.flatMap(({ value }) => value.layers.map((l) => l.chainId)));
    const removed: { chainId: Digest; size: number }[] = [];
    for (const layer of [...image.layers].reverse()) {
      if (stillUsed.has(layer.chainId) || removed.some((r) => r.chainId === layer.chainId))
        continue;
      const snapshot = await this.#loadSnapshot(layer.chainId);
      removed.push({ chainId: layer.chainId, size: snapshot ? diffSize(snapshot) : 0 });
    }
    await this.backend.commitRecords([
      ...tags.map(({ key }): RecordChange => ({ kind: 'tag', key, value: null })),
      { kind: 'image', key: id, value: null },
    ]);
    await this.collectGarbage();
    return removed;
  }

  /** Deletes the retained images no container in `inUse` needs any more. */
  async purgeRetained(inUse: ReadonlySet<string>): Promise<void> {
    const images = await this.backend.listRecords<ImageRecord>('image');
    const stale = images.filter(({ key, value }) => value.retained && !inUse.has(key));
    if (stale.length === 0) return;
    await this.backend.commitRecords(
      stale.map(({ key }): RecordChange => ({ kind: 'image', key, value: null })),
    );
    await this.collectGarbage();
  }

  /** Each layer's size (dockerd's DiffSize), by chain ID: `history`, `system df`'s shared sizes. */
  async layerSizes(): Promise<Map<Digest, number>> {
    const sizes = new Map<Digest, number>();
    for (const { key } of await this.backend.listRecords<SnapshotRecord>('snapshot')) {
      const snapshot = await this.#loadSnapshot(key as Digest);
      if (snapshot) sizes.set(key as Digest, diffSize(snapshot));
    }
    return sizes;
  }

  /** Blobs some image or its snapshots need; drops snapshot records no image uses. */
  async #referencedBlobs(): Promise<Set<string>> {
    const images = await this.backend.listRecords<ImageRecord>('image');
    const chainsInUse = new Set(images.flatMap(({ value }) => value.layers.map((l) => l.chainId)));
    const keep = new Set<string>(
      images.flatMap(({ value }) => [
        value.manifest,
        value.config,
        ...value.layers.map((l) => l.digest),
      ]),
    );
    const snapshots = await this.backend.listRecords<SnapshotRecord>('snapshot');
    for (const { key, value } of snapshots) {
      if (chainsInUse.has(key as Digest)) {
        keep.add(value.index);
        keep.add(value.data);
      }
    }
    // Containers' writable layers and volumes' contents (src/engine/) are blobs too.
    for (const kind of ['layer', 'volume'] as const) {
      const records = await this.backend.listRecords<{ digest?: string }>(kind);
      for (const { value } of records) if (value.digest) keep.add(value.digest);
    }
    return keep;
  }

  /** Deletes snapshots and blobs no image needs any more. Returns the blobs deleted. */
  async collectGarbage(): Promise<Digest[]> {
    const images = await this.backend.listRecords<ImageRecord>('image');
    const chainsInUse = new Set(images.flatMap(({ value }) => value.layers.map((l) => l.chainId)));
    const snapshots = await this.backend.listRecords<SnapshotRecord>('snapshot');
    const dropped: RecordChange[] = snapshots
      .filter(({ key }) => !chainsInUse.has(key as Digest))
      .map(({ key }) => ({ kind: 'snapshot', key, value: null }));
    if (dropped.length > 0) await this.backend.commitRecords(dropped);
    return this.deleteUnreferenced(await this.backend.listBlobs());
  }

  /**
   * Deletes those of `digests` no image needs: what a failed or finished load
   * wrote and did not use (and their snapshots), so the store holds no debris.
   */
  async deleteUnreferenced(digests: Iterable<Digest>): Promise<Digest[]> {
    const keep = await this.#referencedBlobs();
    const deleted: Digest[] = [];
    for (const digest of new Set(digests)) {
      if (keep.has(digest)) continue;
      await this.backend.deleteBlob(digest);
      deleted.push(digest);
    }
    return deleted;
  }
}

/**
 * A layer's size as dockerd reports it (its graph driver's DiffSize): the
 * bytes of its files, a hard-linked file once, plus the length of each
 * symlink's target (what lstat gives as a symlink's size).
 */
function diffSize(snapshot: Snapshot): number {
  let size = snapshot.record.size;
  for (const entry of snapshot.entries.values()) {
    if (entry.type === 'symlink' && entry.linkTarget !== undefined)
      size += new TextEncoder().encode(entry.linkTarget).length;
  }
  return size;
}

/** The name part `docker images` shows for a reference: `box`, `me/app`. */
export const repositoryOf = (text: string): string => familiarName(parseNormalizedNamed(text));
