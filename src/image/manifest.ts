// OCI (and Docker v2 schema 2) JSON documents: descriptors, indexes,
// manifests and image configs, parsed from untrusted bytes with validation.
// Every failure is an ImageError('invalid-content') naming what is wrong.
import { parseDigest, type Digest } from './digest.ts';
import { ImageError } from './errors.ts';
import {
  isConfigType,
  isIndexType,
  isManifestType,
  layerCompression,
  MediaType,
} from './media-types.ts';

/** Manifests, indexes and configs are small; anything bigger is refused before parsing. */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: Digest;
  size: number;
  annotations?: Record<string, string>;
  platform?: Platform;
}

export interface ImageIndex {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

export interface ImageManifest {
  schemaVersion: 2;
  mediaType: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

/** The container part of an image config (OCI "config" / Docker "config"). */
export interface ContainerConfig {
  User?: string;
  ExposedPorts?: Record<string, object>;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Volumes?: Record<string, object>;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
}

export interface HistoryEntry {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

export interface ImageConfig {
  created?: string;
  /** `docker import -m` / `docker commit -m`. */
  comment?: string;
  author?: string;
  architecture: string;
  os: string;
  variant?: string;
  config?: ContainerConfig;
  rootfs: { type: 'layers'; diff_ids: Digest[] };
  history?: HistoryEntry[];
}

const fail = (message: string): never => {
  throw new ImageError('invalid-content', message);
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses JSON from bytes, refusing oversized documents and non-objects. */
export function parseJsonDocument(bytes: Uint8Array, what: string): Record<string, unknown> {
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw new ImageError(
      'too-large',
      `${what} is ${bytes.length} bytes, more than ${MAX_DOCUMENT_BYTES}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return fail(`${what}: malformed JSON (${(error as Error).message})`);
  }
  if (!isObject(value)) return fail(`${what}: not a JSON object`);
  return value;
}

const stringMap = (value: unknown, what: string): Record<string, string> | undefined => {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    return fail(`${what}: annotations must map strings to strings`);
  }
  return value as Record<string, string>;
};

function parsePlatform(value: unknown, what: string): Platform | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || typeof value.os !== 'string' || typeof value.architecture !== 'string') {
    return fail(`${what}: platform needs os and architecture strings`);
  }
  const platform: Platform = { os: value.os, architecture: value.architecture };
  if (typeof value.variant === 'string') platform.variant = value.variant;
  return platform;
}

export function parseDescriptor(value: unknown, what: string): Descriptor {
  if (!isObject(value)) return fail(`${what}: descriptor is not an object`);
  if (typeof value.mediaType !== 'string' || value.mediaType === '') {
    return fail(`${what}: descriptor has no mediaType`);
  }
  const size = value.size;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    return fail(`${what}: descriptor size must be a non-negative integer`);
  }
  const descriptor: Descriptor = {
    mediaType: value.mediaType,
    digest: parseDigest(value.digest, `${what} digest`),
    size,
  };
  const annotations = stringMap(value.annotations, what);
  if (annotations) descriptor.annotations = annotations;
  const platform = parsePlatform(value.platform, what);
  if (platform) descriptor.platform = platform;
  return descriptor;
}

const checkSchema = (document: Record<string, unknown>, what: string): void => {
  if (document.schemaVersion !== 2)
    fail(`${what}: unsupported schemaVersion ${JSON.stringify(document.schemaVersion)}`);
};

export function parseIndex(bytes: Uint8Array, what = 'image index'): ImageIndex {
  const document = parseJsonDocument(bytes, what);
  checkSchema(document, what);
  if (
    document.mediaType !== undefined &&
    (typeof document.mediaType !== 'string' || !isIndexType(document.mediaType))
  ) {
    fail(`${what}: unexpected media type ${JSON.stringify(document.mediaType)}`);
  }
  if (!Array.isArray(document.manifests)) return fail(`${what}: manifests must be an array`);
  const index: ImageIndex = {
    schemaVersion: 2,
    manifests: document.manifests.map((m, i) => parseDescriptor(m, `${what} manifests[${i}]`)),
  };
  if (typeof document.mediaType === 'string') index.mediaType = document.mediaType;
  const annotations = stringMap(document.annotations, what);
  if (annotations) index.annotations = annotations;
  return index;
}

export function parseManifest(bytes: Uint8Array, what = 'image manifest'): ImageManifest {
  const document = parseJsonDocument(bytes, what);
  checkSchema(document, what);
  const mediaType = document.mediaType ?? MediaType.ociManifest;
  if (typeof mediaType !== 'string' || !isManifestType(mediaType)) {
    return fail(`${what}: unsupported manifest media type ${JSON.stringify(mediaType)}`);
  }
  const config = parseDescriptor(document.config, `${what} config`);
  if (!isConfigType(config.mediaType))
    fail(`${what}: unsupported config media type ${JSON.stringify(config.mediaType)}`);
  if (!Array.isArray(document.layers)) return fail(`${what}: layers must be an array`);
  const layers = document.layers.map((l, i) => parseDescriptor(l, `${what} layers[${i}]`));
  for (const layer of layers) {
    if (layerCompression(layer.mediaType) === undefined) {
      fail(`${what}: unsupported layer media type ${JSON.stringify(layer.mediaType)}`);
    }
  }
  const manifest: ImageManifest = { schemaVersion: 2, mediaType, config, layers };
  const annotations = stringMap(document.annotations, what);
  if (annotations) manifest.annotations = annotations;
  return manifest;
}

const stringArray = (value: unknown, what: string): string[] | null | undefined => {
  if (value === undefined || value === null) return value;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    return fail(`${what} must be an array of strings`);
  return value as string[];
};

export function parseConfig(bytes: Uint8Array, what = 'image config'): ImageConfig {
  const document = parseJsonDocument(bytes, what);
  if (typeof document.os !== 'string' || document.os === '') return fail(`${what}: os is missing`);
  if (typeof document.architecture !== 'string' || document.architecture === '')
    return fail(`${what}: architecture is missing`);
  const rootfs = document.rootfs;
  if (!isObject(rootfs) || rootfs.type !== 'layers' || !Array.isArray(rootfs.diff_ids)) {
    return fail(`${what}: rootfs must be {"type":"layers","diff_ids":[...]}`);
  }
  const diffIds = rootfs.diff_ids.map((d, i) => parseDigest(d, `${what} rootfs.diff_ids[${i}]`));
  const container = document.config;
  if (container !== undefined && container !== null && !isObject(container))
    return fail(`${what}: config must be an object`);
  if (isObject(container)) {
    stringArray(container.Env, `${what}: config.Env`);
    stringArray(container.Cmd, `${what}: config.Cmd`);
    stringArray(container.Entrypoint, `${what}: config.Entrypoint`);
    if (container.WorkingDir !== undefined && typeof container.WorkingDir !== 'string')
      fail(`${what}: config.WorkingDir must be a string`);
    if (container.User !== undefined && typeof container.User !== 'string')
      fail(`${what}: config.User must be a string`);
  }
  if (document.history !== undefined && !Array.isArray(document.history))
    fail(`${what}: history must be an array`);
  // Unknown fields are kept: the config's bytes are what its digest names.
  return { ...(document as object), rootfs: { type: 'layers', diff_ids: diffIds } } as ImageConfig;
}

/** Bytes of a document as we write it (stable key order is the caller's object order). */
export const encodeDocument = (document: unknown): Uint8Array =>
  new TextEncoder().encode(JSON.stringify(document));
