// `docker load`: reads a tar archive (gzipped or not) as `docker save`
// writes it, either flavour:
// - Docker's own: manifest.json ([{Config, RepoTags, Layers}]) with
//   `<id>.json` configs and `<id>/layer.tar` layers (Docker 20.10, where a
//   layer shared by two images is a symlink to the first copy);
// - an OCI image layout (index.json, oci-layout, blobs/sha256/*), which
//   newer Docker writes next to manifest.json.
// The archive is streamed once: each file goes into the store as a blob
// (files under blobs/sha256/ verified against their name), then the
// manifests are read from there. Whatever this load wrote and no image ended
// up using is deleted, on success and on failure alike.
import { createTarDecoder } from 'modern-tar';
import { isDigest, type Digest } from './digest.ts';
import { ImageError } from './errors.ts';
import type { ImageStore } from './image-store.ts';
import { gunzipIfCompressed, isGzip } from './layer-stream.ts';
import type { LayoutSource } from './layout-source.ts';
import { parseConfig } from './manifest.ts';
import { MediaType } from './media-types.ts';
import { loadOciLayout, type LoadedImage } from './oci-layout-load.ts';
import { familiarString, parseReference } from './reference.ts';
import { cleanPath, parentOf } from './tree-path.ts';

interface ArchiveFile {
  digest: Digest;
  size: number;
}

/** Files of the archive, now blobs of the store, found by their path in the archive. */
class ArchiveFiles implements LayoutSource {
  readonly files = new Map<string, ArchiveFile>();
  readonly links = new Map<string, string>();

  constructor(readonly store: ImageStore) {}

  find(path: string): ArchiveFile | undefined {
    let current = cleanPath(path).slice(1);
    for (let hops = 0; hops < 40; hops++) {
      const file = this.files.get(current);
      if (file) return file;
      const target = this.links.get(current);
      if (target === undefined) return undefined;
      current = target;
    }
    return undefined;
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    const file = this.find(path);
    return file && this.store.readBlob(file.digest);
  }

  async openFile(path: string): Promise<ReadableStream<Uint8Array>> {
    const file = this.find(path);
    if (!file) throw new ImageError('not-found', `${path} is missing from the archive`);
    return this.store.backend.blobStream(file.digest);
  }
}

const BLOB_PATH = /^blobs\/sha256\/([a-f0-9]{64})$/;

export async function loadArchive(
  store: ImageStore,
  source: ReadableStream<Uint8Array>,
): Promise<LoadedImage[]> {
  const archive = new ArchiveFiles(store);
  const written: Digest[] = [];
  try {
    const tar = await gunzipIfCompressed(source, store.backend.gunzip);
    for await (const { header, body } of tar.pipeThrough(createTarDecoder({ strict: true }))) {
      const path = cleanPath(header.name).slice(1);
      const type = header.type ?? 'file';
      if (type === 'file') {
        const named = BLOB_PATH.exec(path)?.[1];
        const blob = await store.putBlob(body, named ? { digest: `sha256:${named}` } : undefined);
        written.push(blob.digest);
        archive.files.set(path, blob);
        continue;
      }
      if (type === 'symlink')
        archive.links.set(
          path,
          cleanPath(header.linkname ?? '', '/' + parentOf('/' + path).slice(1)).slice(1),
        );
      await body.cancel();
    }
    if (archive.find('manifest.json')) return await loadDockerManifest(store, archive);
    if (archive.find('index.json')) return await loadOciLayout(store, archive);
    throw new ImageError(
      'invalid-content',
      'invalid archive: it has neither manifest.json nor index.json (is it a `docker save` tarball?)',
    );
  } catch (error) {
    if (error instanceof ImageError) throw error;
    throw new ImageError('invalid-content', `invalid archive: ${(error as Error).message}`);
  } finally {
    await store.deleteUnreferenced(written);
  }
}

interface DockerManifestEntry {
  Config: string;
  RepoTags: string[];
  Layers: string[];
}

function parseDockerManifest(bytes: Uint8Array): DockerManifestEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new ImageError(
      'invalid-content',
      `manifest.json: malformed JSON (${(error as Error).message})`,
    );
  }
  if (!Array.isArray(value))
    throw new ImageError('invalid-content', 'manifest.json: not a JSON array');
  return value.map((entry, i) => {
    const what = `manifest.json[${i}]`;
    if (typeof entry !== 'object' || entry === null)
      throw new ImageError('invalid-content', `${what}: not an object`);
    const { Config, RepoTags, Layers } = entry as Record<string, unknown>;
    if (typeof Config !== 'string')
      throw new ImageError('invalid-content', `${what}: Config must be a path`);
    if (!Array.isArray(Layers) || Layers.some((l) => typeof l !== 'string'))
      throw new ImageError('invalid-content', `${what}: Layers must be paths`);
    const tags = RepoTags ?? [];
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string'))
      throw new ImageError('invalid-content', `${what}: RepoTags must be strings`);
    return { Config, RepoTags: tags as string[], Layers: Layers as string[] };
  });
}

async function loadDockerManifest(
  store: ImageStore,
  archive: ArchiveFiles,
): Promise<LoadedImage[]> {
  const entries = parseDockerManifest((await archive.readFile('manifest.json'))!);
  const loaded: LoadedImage[] = [];
  for (const entry of entries) {
    const config = archive.find(entry.Config);
    if (!config)
      throw new ImageError(
        'not-found',
        `manifest.json: config ${entry.Config} is missing from the archive`,
      );
    // Docker names a config by its digest: the name must match the content.
    const named = /([a-f0-9]{64})(\.json)?$/.exec(entry.Config)?.[1];
    if (named && isDigest(`sha256:${named}`) && config.digest !== `sha256:${named}`) {
      throw new ImageError(
        'digest-mismatch',
        `digest mismatch: config ${entry.Config} has digest ${config.digest}`,
      );
    }
    const parsed = parseConfig(await store.readBlob(config.digest), `config ${entry.Config}`);
    if (parsed.rootfs.diff_ids.length !== entry.Layers.length) {
      throw new ImageError(
        'invalid-content',
        `manifest.json: ${entry.Layers.length} layers, but the config lists ${parsed.rootfs.diff_ids.length} diff IDs`,
      );
    }
    const layers = [];
    for (const path of entry.Layers) {
      const layer = archive.find(path);
      if (!layer)
        throw new ImageError(
          'not-found',
          `manifest.json: layer ${path} is missing from the archive`,
        );
      const head = await store.backend.readBlob(layer.digest, 0, 4);
      layers.push({
        ...layer,
        mediaType: isGzip(head) ? MediaType.ociLayerGzip : MediaType.ociLayer,
      });
    }
    const tags = entry.RepoTags.map((t) => parseReference(t));
    const record = await store.addImageFromParts(config, layers, tags);
    loaded.push({ id: record.id, tags: tags.map(familiarString) });
  }
  return loaded;
}
