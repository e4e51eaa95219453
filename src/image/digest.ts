// Content digests (`sha256:<64 hex>`), the only algorithm OCI requires and the
// only one we accept. Hashing is incremental so a blob of any size hashes in
// bounded memory; the default hasher is @noble/hashes (pure JS, Node and
// browsers), and a platform may pass a faster native one (node:crypto).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { ImageError } from './errors.ts';

export type Digest = `sha256:${string}`;

const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

/**
 * An incremental sha256: update with chunks, then hex once. A hasher that
 * works elsewhere (a worker: sha256-offload.ts in the browser's store) may
 * return promises: from update, to hold the caller back while it catches up
 * (memory stays bounded), and from hex. Callers await both.
 */
export interface Sha256 {
  update(chunk: Uint8Array): void | Promise<void>;
  hex(): string | Promise<string>;
  /** Ends a hash whose digest will not be asked for (frees what it holds elsewhere). */
  discard?(): void;
}
/** A hasher that answers at once (small documents in memory). */
export interface SyncSha256 extends Sha256 {
  update(chunk: Uint8Array): void;
  hex(): string;
}
/** Makes a hasher; may be asynchronous (a WebAssembly one is instantiated first). */
export type Sha256Factory = () => Sha256 | Promise<Sha256>;

export const nobleSha256 = (): SyncSha256 => {
  const hash = sha256.create();
  return {
    update: (chunk) => void hash.update(chunk),
    hex: () => bytesToHex(hash.digest()),
  };
};

export const isDigest = (text: unknown): text is Digest =>
  typeof text === 'string' && DIGEST_RE.test(text);

/** Validates a digest string from untrusted JSON or a file name. */
export function parseDigest(text: unknown, what = 'digest'): Digest {
  if (isDigest(text)) return text;
  if (typeof text === 'string' && /^[A-Za-z0-9+._-]+:/.test(text) && !text.startsWith('sha256:')) {
    throw new ImageError('invalid-content', `unsupported digest algorithm: ${text}`);
  }
  throw new ImageError('invalid-content', `invalid ${what}: ${JSON.stringify(text)}`);
}

/** The hex part: what Docker shows as an image ID and uses as a file name. */
export const digestHex = (digest: Digest): string => digest.slice('sha256:'.length);

/** The digest of bytes in memory (small documents: the portable hasher is enough). */
export function digestOf(bytes: Uint8Array): Digest {
  const hash = nobleSha256();
  hash.update(bytes);
  return `sha256:${hash.hex()}`;
}

/** The chain ID of a layer stack (OCI image spec, config "Layer ChainID"). */
export function chainIds(diffIds: readonly Digest[]): Digest[] {
  const ids: Digest[] = [];
  for (const diffId of diffIds) {
    const parent = ids.at(-1);
    ids.push(
      parent === undefined ? diffId : digestOf(new TextEncoder().encode(`${parent} ${diffId}`)),
    );
  }
  return ids;
}
