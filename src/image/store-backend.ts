// What a place that keeps images must offer: content-addressed blobs written
// through a verifying writer, and small JSON records changed in atomic
// batches. Two implementations: a directory in Node
// (src/platform/node/image-store/) and IndexedDB in the browser
// (src/platform/browser/image-store/). Everything above (image-store.ts) is
// written once against this interface.
//
// Contracts every backend keeps (test/image/store-backend-suite.ts checks them):
// - A blob is visible (hasBlob, readBlob, listBlobs) only after commit() has
//   checked its size and digest against what the caller expected; a failed
//   or aborted write leaves nothing visible. A blob named by its caller
//   (BlobExpectation.namedByCaller) is visible under that name, unhashed.
// - commitRecords applies all its changes or none.
// - Out of space surfaces as ImageError('no-space', ...).
import type { Digest, Sha256Factory } from './digest.ts';

/**
 * `container`: the engine's container records (src/engine/), kept beside the
 * images; `layer`: a container's writable layer (`{ digest }` of a blob);
 * `volume`: a named volume (its record and the `{ digest }` of its contents).
 */
export type RecordKind =
  | 'image'
  | 'tag'
  | 'snapshot'
  | 'container'
  | 'layer'
  | 'volume'
  /** A container's captured output (src/engine/logs-store.ts). */
  | 'logs'
  /** The engine's last events (src/engine/events-store.ts). */
  | 'events';

export interface RecordChange {
  kind: RecordKind;
  key: string;
  /** The new value (JSON-serialisable), or null to delete. */
  value: unknown;
}

export interface BlobExpectation {
  digest?: Digest;
  size?: number;
  /**
   * The caller names the blob at commit (`commit(name)`) instead of its
   * content's digest, and vouches for the name: the bytes are not hashed.
   * Only for content made deterministically from content already verified
   * (a snapshot's data, named after its layer's diff ID: layer-unpack.ts).
   */
  namedByCaller?: boolean;
}

export interface BlobWriter {
  write(chunk: Uint8Array): Promise<void>;
  /** Bytes written so far. */
  readonly size: number;
  /**
   * Checks size and digest against what createBlobWriter was told (throws
   * ImageError 'digest-mismatch' and discards the data if they differ), then
   * makes the blob visible. Returns its digest (or `name`, for a blob
   * created `namedByCaller`, which must be given one) and size.
   */
  commit(name?: Digest): Promise<{ digest: Digest; size: number }>;
  /** Discards what was written. */
  abort(): Promise<void>;
}

/** gzip in, tar out, and the tar's sha256 once the tar side has closed. */
export interface InflatingHasher extends TransformStream<Uint8Array, Uint8Array> {
  hex(): Promise<string>;
}

export interface StoreBackend {
  /** Hash factory the backend prefers (native in Node); image-store uses it too. */
  readonly sha256: Sha256Factory;
  /**
   * A gzip decompressor the platform does better than DecompressionStream
   * (Node's zlib with big output chunks); DecompressionStream when absent.
   */
  readonly gunzip?: () => TransformStream<Uint8Array, Uint8Array>;
  /**
   * Inflates a gzipped layer and hashes its tar off the caller's thread (the
   * browser store's worker); layer-stream.ts uses it, when there is one, in
   * place of gunzip and sha256. May be undefined for a call (no worker).
   */
  readonly inflateAndHash?: () => InflatingHasher | undefined;
  /** A writer whose write() already fails once more than `expected.size` bytes arrive. */
  createBlobWriter(expected?: BlobExpectation): Promise<BlobWriter>;
  /** Size of a committed blob, or undefined. */
  blobSize(digest: Digest): Promise<number | undefined>;
  /** Reads [offset, offset+length) of a blob (the whole blob by default). */
  readBlob(digest: Digest, offset?: number, length?: number): Promise<Uint8Array>;
  /** Streams a blob in chunks (bounded memory). */
  blobStream(digest: Digest): ReadableStream<Uint8Array>;
  deleteBlob(digest: Digest): Promise<void>;
  listBlobs(): Promise<Digest[]>;
  getRecord<T>(kind: RecordKind, key: string): Promise<T | undefined>;
  listRecords<T>(kind: RecordKind): Promise<Array<{ key: string; value: T }>>;
  commitRecords(changes: readonly RecordChange[]): Promise<void>;
  /**
   * A value that changes whenever another process changed the records (the
   * Node directory's records file, shared by the daemon and `bocal shell`);
   * absent where only this process writes them.
   */
  recordsVersion?(): string | undefined;
  close(): Promise<void>;
}

/** Writes a whole stream as one blob, verified against `expected`. */
export async function writeBlob(
  backend: StoreBackend,
  source: ReadableStream<Uint8Array> | Uint8Array,
  expected?: BlobExpectation,
): Promise<{ digest: Digest; size: number }> {
  const writer = await backend.createBlobWriter(expected);
  try {
    if (source instanceof Uint8Array) {
      await writer.write(source);
    } else {
      for await (const chunk of source) await writer.write(chunk);
    }
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return writer.commit();
}
