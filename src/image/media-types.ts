// Media types we read and write. We write OCI types; on input we also take
// Docker's v2 schema 2 types, which real registries and `docker save` use.

export const MediaType = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayout: 'application/vnd.oci.layout.header.v1+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

export type LayerCompression = 'none' | 'gzip';

const LAYER_TYPES: Record<string, LayerCompression> = {
  [MediaType.ociLayer]: 'none',
  [MediaType.ociLayerGzip]: 'gzip',
  [MediaType.dockerLayer]: 'none',
  [MediaType.dockerLayerGzip]: 'gzip',
  // Non-distributable ("foreign") layers: same content, different policy.
  'application/vnd.oci.image.layer.nondistributable.v1.tar': 'none',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip': 'gzip',
  'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip': 'gzip',
};

/** The compression of a layer media type, or undefined for a type we do not unpack (zstd, ...). */
export const layerCompression = (mediaType: string): LayerCompression | undefined =>
  LAYER_TYPES[mediaType];

export const isIndexType = (mediaType: string): boolean =>
  mediaType === MediaType.ociIndex || mediaType === MediaType.dockerManifestList;

export const isManifestType = (mediaType: string): boolean =>
  mediaType === MediaType.ociManifest || mediaType === MediaType.dockerManifest;

export const isConfigType = (mediaType: string): boolean =>
  mediaType === MediaType.ociConfig || mediaType === MediaType.dockerConfig;
