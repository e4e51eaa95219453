// What the store keeps about an image (records of kind 'image', keyed by the
// image ID, which is its config's digest, as in Docker) and about a tag
// (records of kind 'tag', keyed by the canonical reference).
import type { Digest } from './digest.ts';
import type { Platform } from './manifest.ts';

export interface LayerRecord {
  /** The blob as stored (compressed or not), as the manifest names it. */
  digest: Digest;
  size: number;
  mediaType: string;
  /** Digest of the uncompressed tar (config rootfs.diff_ids). */
  diffId: Digest;
  /** Identity of this layer over its parents (OCI ChainID): the snapshot key. */
  chainId: Digest;
}

export interface ImageRecord {
  /** Image ID: the config's digest. */
  id: Digest;
  /** The OCI manifest blob (stored as loaded, or written by us for docker-save input). */
  manifest: Digest;
  manifestMediaType: string;
  config: Digest;
  configSize: number;
  layers: LayerRecord[];
  platform: Platform;
  /** Config's creation time (RFC 3339), if any. */
  created?: string;
  /** Bytes of file contents and symlink targets in all layers (`docker images` SIZE, as dockerd counts). */
  size: number;
  /** `name@sha256:...` digests of the manifest, when it came from a registry-shaped source. */
  repoDigests: string[];
  /**
   * Removed by `rmi -f` while containers were made from it: no name, not
   * listed, found only by its full ID (the containers' reference), deleted
   * once no container needs it (dockerd keeps such layers under the
   * containers' writable layers).
   */
  retained?: boolean;
}

export interface TagRecord {
  image: Digest;
}
