// Builds a one-layer OCI image from a list of files, reproducibly: entries
// sorted by path, every parent directory listed, one fixed timestamp (the
// image's creation time), owners and modes as given, no user or group
// names, an uncompressed layer (gzip output may change with the zlib
// version; a tar does not). Same files and spec, same digests.
import { packTar, type TarEntry } from 'modern-tar';
import { digestOf, type Digest } from './digest.ts';
import {
  encodeDocument,
  type ContainerConfig,
  type ImageConfig,
  type ImageIndex,
  type ImageManifest,
  type Platform,
} from './manifest.ts';
import { MediaType } from './media-types.ts';
import { blobPath, CONTAINERD_NAME, OCI_REF_NAME } from './oci-layout-load.ts';
import { formatReference, parseReference } from './reference.ts';
import { cleanPath, parentOf } from './tree-path.ts';

export interface TreeFile {
  /** Absolute path inside the image. */
  path: string;
  type: 'file' | 'directory' | 'symlink';
  mode: number;
  uid: number;
  gid: number;
  content?: Uint8Array;
  /** Symlink target. */
  target?: string;
}

export interface ImageSpec {
  /** `name[:tag]`, e.g. `box` (docker.io/library/box:latest). */
  reference: string;
  /** RFC 3339; also every entry's mtime. */
  created: string;
  /** History line (`docker history` CREATED BY). */
  createdBy: string;
  platform: Platform;
  config: ContainerConfig;
  files: readonly TreeFile[];
}

export interface BuiltImage {
  /** The layout's files by relative path (oci-layout, index.json, blobs/sha256/...). */
  layout: Map<string, Uint8Array>;
  id: Digest;
  manifest: Digest;
}

/** The files with every missing parent directory added (root-owned, 0755), sorted by path. */
export function completeTree(files: readonly TreeFile[]): TreeFile[] {
  const byPath = new Map<string, TreeFile>();
  for (const file of files)
    byPath.set(cleanPath(file.path), { ...file, path: cleanPath(file.path) });
  for (const path of [...byPath.keys()]) {
    for (let dir = parentOf(path); dir !== '/' && !byPath.has(dir); dir = parentOf(dir)) {
      byPath.set(dir, { path: dir, type: 'directory', mode: 0o755, uid: 0, gid: 0 });
    }
  }
  byPath.delete('/');
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export async function buildLayer(files: readonly TreeFile[], mtime: Date): Promise<Uint8Array> {
  const entries = completeTree(files).map((file): TarEntry => {
    const name = file.path.slice(1) + (file.type === 'directory' ? '/' : '');
    const common = {
      name,
      mode: file.mode,
      uid: file.uid,
      gid: file.gid,
      uname: '',
      gname: '',
      mtime,
    };
    if (file.type === 'file') {
      const content = file.content ?? new Uint8Array();
      return { header: { ...common, type: 'file', size: content.length }, body: content };
    }
    if (file.type === 'symlink')
      return { header: { ...common, type: 'symlink', size: 0, linkname: file.target ?? '' } };
    return { header: { ...common, type: 'directory', size: 0 } };
  });
  return packTar(entries);
}

export async function buildImage(spec: ImageSpec): Promise<BuiltImage> {
  const layer = await buildLayer(spec.files, new Date(spec.created));
  const diffId = digestOf(layer);
  const config: ImageConfig = {
    created: spec.created,
    architecture: spec.platform.architecture,
    os: spec.platform.os,
    config: spec.config,
    rootfs: { type: 'layers', diff_ids: [diffId] },
    history: [{ created: spec.created, created_by: spec.createdBy }],
  };
  const configBytes = encodeDocument(config);
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: {
      mediaType: MediaType.ociConfig,
      digest: digestOf(configBytes),
      size: configBytes.length,
    },
    layers: [{ mediaType: MediaType.ociLayer, digest: diffId, size: layer.length }],
  };
  const manifestBytes = encodeDocument(manifest);
  const manifestDigest = digestOf(manifestBytes);
  const reference = parseReference(spec.reference);
  const index: ImageIndex = {
    schemaVersion: 2,
    mediaType: MediaType.ociIndex,
    manifests: [
      {
        mediaType: MediaType.ociManifest,
        digest: manifestDigest,
        size: manifestBytes.length,
        platform: spec.platform,
        annotations: {
          [CONTAINERD_NAME]: formatReference(reference),
          [OCI_REF_NAME]: reference.tag ?? 'latest',
        },
      },
    ],
  };
  const layout = new Map<string, Uint8Array>([
    ['oci-layout', encodeDocument({ imageLayoutVersion: '1.0.0' })],
    ['index.json', encodeDocument(index)],
    [blobPath(diffId), layer],
    [blobPath(manifest.config.digest), configBytes],
    [blobPath(manifestDigest), manifestBytes],
  ]);
  return { layout, id: manifest.config.digest, manifest: manifestDigest };
}
