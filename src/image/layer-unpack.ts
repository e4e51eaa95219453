// Unpacks one layer (a tar, maybe gzipped) into a snapshot: an index of its
// entries and one data blob with the contents of its files. Untrusted input
// is made safe the way containerd applies layers:
// - names are cleaned inside the root (`../x` and `/x` both mean `/x`);
// - parent directories are resolved through symlinks inside the root (of
//   this layer over its lower layers), so a planted symlink cannot lead out;
// - hard links must name an existing non-directory inside the root;
// - `.wh.NAME` becomes a whiteout, `.wh..wh..opq` an opaque directory; both
//   only affect lower layers (OCI image spec, "Whiteouts");
// - a later entry for the same path replaces the earlier one;
// - sizes are bounded (layer, entry, count), bodies are streamed, so memory
//   stays bounded whatever the input; the diff ID is checked at the end.
// On any failure the data blob is aborted: nothing of the layer is kept.
import { createTarDecoder, type TarHeader } from 'modern-tar';
import { digestOf, type Digest } from './digest.ts';
import { ImageError, isImageError } from './errors.ts';
import { meterLayer, type MeteredLayer } from './layer-stream.ts';
import type { SnapshotEntry, SnapshotEntryType } from './snapshot.ts';
import type { BlobWriter, StoreBackend } from './store-backend.ts';
import { baseName, cleanPath, isWithin, joinPath, parentOf, resolveInRoot } from './tree-path.ts';

export interface LayerLimits {
  /** Uncompressed bytes of one layer. */
  maxLayerBytes: number;
  /** Bytes of one file. */
  maxEntryBytes: number;
  /** Entries in one layer. */
  maxEntries: number;
}

export const DEFAULT_LAYER_LIMITS: LayerLimits = {
  maxLayerBytes: 8 * 1024 ** 3,
  maxEntryBytes: 4 * 1024 ** 3,
  maxEntries: 1_000_000,
};

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';

export interface UnpackedLayer {
  entries: SnapshotEntry[];
  data: { digest: Digest; size: number };
  diffId: Digest;
  /** Uncompressed size of the layer tar. */
  tarSize: number;
}

export interface UnpackOptions {
  /** The diff ID the image config announces; a mismatch fails the unpack. */
  diffId?: Digest;
  /** The merged tree of the layers below (for symlinks and hard links); none for a base layer. */
  lower?: (path: string) => SnapshotEntry | undefined;
  limits?: Partial<LayerLimits>;
  /** Names the layer in error messages. */
  what?: string;
}

/**
 * The name of a layer's data blob. The blob is a function of the layer's
 * tar alone (the bodies of its files, in order), and the tar is verified
 * by its diff ID: so the data is named after the diff ID instead of
 * hashing its bytes a second time (the layer's biggest cost in a browser,
 * whose sha256 is WebAssembly). The version changes whenever the data's
 * layout does, so a new layout never takes the name of an old blob.
 */
export const snapshotDataName = (diffId: Digest): Digest =>
  digestOf(new TextEncoder().encode(`bocal snapshot data v1 of ${diffId}`));

const TYPES: Partial<Record<string, SnapshotEntryType>> = {
  file: 'file',
  directory: 'directory',
  symlink: 'symlink',
  'character-device': 'char-device',
  'block-device': 'block-device',
  fifo: 'fifo',
};

export async function unpackLayer(
  backend: StoreBackend,
  source: ReadableStream<Uint8Array>,
  options: UnpackOptions = {},
): Promise<UnpackedLayer> {
  const limits = { ...DEFAULT_LAYER_LIMITS, ...options.limits };
  const what = options.what ?? 'layer';
  const data = await backend.createBlobWriter({ namedByCaller: true });
  let layer: MeteredLayer | undefined;
  try {
    layer = await meterLayer(source, {
      gunzip: backend.gunzip,
      inflateAndHash: backend.inflateAndHash,
      sha256: backend.sha256,
      maxBytes: limits.maxLayerBytes,
      what,
    });
    const tree = new LayerTree(options.lower ?? (() => undefined), what);
    let count = 0;
    for await (const { header, body } of layer.stream.pipeThrough(
      createTarDecoder({ strict: true }),
    )) {
      if (++count > limits.maxEntries) {
        throw new ImageError('too-large', `${what}: more than ${limits.maxEntries} entries`);
      }
      const offset = await tree.add(header, body, data, limits);
      if (offset === undefined) await body.cancel();
    }
    const { diffId, size } = layer.result();
    if (options.diffId !== undefined && diffId !== options.diffId) {
      throw new ImageError(
        'digest-mismatch',
        `${what}: layer content has diff ID ${diffId}, the image config says ${options.diffId}`,
      );
    }
    const committed = await data.commit(snapshotDataName(diffId));
    return { entries: tree.finish(), data: committed, diffId, tarSize: size };
  } catch (error) {
    layer?.discard();
    await data.abort();
    if (isImageError(error)) throw error;
    throw new ImageError(
      'invalid-content',
      `${what}: ${(error as Error).message ?? String(error)}`,
    );
  }
}

/** The entries of one layer as they are being read. */
class LayerTree {
  readonly entries = new Map<string, SnapshotEntry>();
  readonly whiteouts = new Set<string>();
  readonly opaques = new Set<string>();

  constructor(
    readonly lower: (path: string) => SnapshotEntry | undefined,
    readonly what: string,
  ) {}

  /** What a path is in this layer over the lower ones, while unpacking. */
  lookup = (path: string): SnapshotEntry | undefined => {
    const own = this.entries.get(path);
    if (own) return own;
    for (const gone of this.whiteouts) if (isWithin(path, gone)) return undefined;
    for (const dir of this.opaques) if (path !== dir && isWithin(path, dir)) return undefined;
    return this.lower(path);
  };

  /** Adds an entry; returns the data offset when its body was consumed. */
  async add(
    header: TarHeader,
    body: ReadableStream<Uint8Array>,
    data: BlobWriter,
    limits: LayerLimits,
  ): Promise<number | undefined> {
    const type = header.type ?? 'file';
    if (
      type === 'pax-header' ||
      type === 'pax-global-header' ||
      type === 'gnu-long-name' ||
      type === 'gnu-long-link-name'
    ) {
      return undefined;
    }
    const name = cleanPath(header.name);
    const base = baseName(name);
    const parent = name === '/' ? '/' : resolveInRoot(parentOf(name), this.lookup, true);
    if (base.startsWith(WHITEOUT_PREFIX)) {
      this.#ensureDirectory(parent);
      if (base === OPAQUE_MARKER) {
        this.opaques.add(parent);
        this.entries.get(parent)!.opaque = true;
      } else if (!base.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) {
        this.whiteouts.add(joinPath(parent, base.slice(WHITEOUT_PREFIX.length)));
      }
      return undefined;
    }
    const path = name === '/' ? '/' : joinPath(parent, base);
    if (path !== '/') this.#ensureDirectory(parent);
    const entry: SnapshotEntry = {
      path,
      type: 'file',
      mode: (header.mode ?? (type === 'directory' ? 0o755 : 0o644)) & 0o7777,
      uid: header.uid ?? 0,
      gid: header.gid ?? 0,
      size: 0,
      mtime: Math.floor((header.mtime?.getTime() ?? 0) / 1000),
    };
    let consumed: number | undefined;
    if (type === 'link') {
      Object.assign(entry, this.#hardLinkTarget(header.linkname ?? '', header.name), { path });
    } else {
      const kind = TYPES[type] ?? 'file';
      entry.type = kind;
      if (kind === 'symlink') entry.linkTarget = header.linkname ?? '';
      if (kind === 'file') {
        if (header.size > limits.maxEntryBytes) {
          throw new ImageError(
            'too-large',
            `${this.what}: ${header.name} is ${header.size} bytes, more than the limit of ${limits.maxEntryBytes}`,
          );
        }
        consumed = data.size;
        for await (const chunk of body) await data.write(chunk);
        entry.size = data.size - consumed;
        entry.content = { offset: consumed };
      }
    }
    const previous = this.entries.get(path);
    if (previous?.type === 'directory') {
      if (entry.type === 'directory') {
        if (previous.opaque) entry.opaque = true;
      } else {
        for (const key of [...this.entries.keys()])
          if (key !== path && isWithin(key, path)) this.entries.delete(key);
      }
    }
    this.entries.set(path, entry);
    return consumed;
  }

  #hardLinkTarget(linkname: string, name: string): SnapshotEntry {
    // link(2) does not follow a symlink in the last component.
    const target = resolveInRoot(cleanPath(linkname), this.lookup, false);
    const found = this.lookup(target);
    if (!found)
      throw new ImageError(
        'unsafe-layer',
        `${this.what}: hard link ${name} -> ${linkname}: no such file inside the layer's root`,
      );
    if (found.type === 'directory')
      throw new ImageError(
        'unsafe-layer',
        `${this.what}: hard link ${name} -> ${linkname}: target is a directory`,
      );
    return { ...found, content: found.content ? { ...found.content } : undefined };
  }

  /** Makes sure `dir` and its ancestors exist as directories in the tree. */
  #ensureDirectory(dir: string): void {
    const own = this.entries.get(dir);
    if (own) {
      if (own.type !== 'directory')
        throw new ImageError('unsafe-layer', `${this.what}: ${dir} is not a directory`);
      return;
    }
    if (dir !== '/') this.#ensureDirectory(parentOf(dir));
    const below = this.lookup(dir);
    if (below && below.type !== 'directory')
      throw new ImageError('unsafe-layer', `${this.what}: ${dir} is not a directory`);
    this.entries.set(dir, {
      path: dir,
      type: 'directory',
      mode: below?.mode ?? 0o755,
      uid: below?.uid ?? 0,
      gid: below?.gid ?? 0,
      size: 0,
      mtime: below?.mtime ?? 0,
      implicit: true,
    });
  }

  /** The snapshot index: entries and whiteouts, sorted by path. */
  finish(): SnapshotEntry[] {
    for (const path of this.whiteouts) {
      const own = this.entries.get(path);
      if (own?.type === 'directory') own.opaque = true;
      else if (!own)
        this.entries.set(path, {
          path,
          type: 'whiteout',
          mode: 0,
          uid: 0,
          gid: 0,
          size: 0,
          mtime: 0,
        });
      // A non-directory of this layer at the same path already hides what is below.
    }
    return [...this.entries.values()].sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
    );
  }
}
