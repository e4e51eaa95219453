// The image store in IndexedDB (browser), through `idb`:
//   blobs    digest -> { size, upload, chunks }     committed blobs only
//   chunks   [upload, n] -> Uint8Array               fixed-size pieces of a blob
//   uploads  upload -> { started }                   blobs being written
//   records  [kind, key] -> value
// IndexedDB transactions end when left idle, so a blob cannot be written in
// one transaction while it is being hashed: its chunks go in under an upload
// id first, and one last transaction adds the `blobs` row (and drops the
// `uploads` row) only after size and digest were verified. Until then no
// reader can see it; a page closed mid-write leaves only an upload, swept
// away the next time a store is opened.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { BlobVerifier } from '../../../image/blob-verifier.ts';
import type { Digest, Sha256Factory } from '../../../image/digest.ts';
import { ImageError } from '../../../image/errors.ts';
import { wasmSha256 } from '../../../image/wasm-sha256.ts';
import { offloadedInflate } from './inflate-offload.ts';
import { offloadedSha256 } from './sha256-offload.ts';
import type {
  BlobExpectation,
  BlobWriter,
  InflatingHasher,
  RecordChange,
  RecordKind,
  StoreBackend,
} from '../../../image/store-backend.ts';

interface BlobRow {
  size: number;
  upload: string;
  chunks: number;
}

interface StoreSchema extends DBSchema {
  blobs: { key: string; value: BlobRow };
  chunks: { key: [string, number]; value: Uint8Array };
  uploads: { key: string; value: { started: number } };
  records: { key: [string, string]; value: unknown };
}

type Database = IDBPDatabase<StoreSchema>;

export const DEFAULT_CHUNK_SIZE = 1024 * 1024;
/** Chunks a blob stream reads in one request. */
const STREAM_CHUNKS_PER_READ = 4;
/** Full chunks a blob writer keeps while a put is in progress. */
const MAX_QUEUED_CHUNKS = 4;
/** An upload older than this at open time was left by a closed page. */
const STALE_UPLOAD_MS = 10 * 60 * 1000;

function translate(error: unknown): unknown {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') {
    return new ImageError(
      'no-space',
      "no space left on device: the browser's storage quota for this site is used up",
    );
  }
  return error;
}

export interface IndexedDbBackendOptions {
  /** Database name (one store per name). */
  name?: string;
  chunkSize?: number;
  sha256?: Sha256Factory;
  /**
   * Hash and inflate in the store's worker (the default); false keeps all
   * the work on the caller's thread (WebAssembly sha256, DecompressionStream).
   */
  offload?: boolean;
}

/** Opens (creating if needed) a store, and asks the browser to keep it. */
export async function openIndexedDbBackend(
  options: IndexedDbBackendOptions = {},
): Promise<IndexedDbBackend> {
  const name = options.name ?? 'bocal-images';
  const db = await openDB<StoreSchema>(name, 1, {
    upgrade(database) {
      database.createObjectStore('blobs');
      database.createObjectStore('chunks');
      database.createObjectStore('uploads');
      database.createObjectStore('records');
    },
  });
  const backend = new IndexedDbBackend(
    db,
    options.chunkSize ?? DEFAULT_CHUNK_SIZE,
    options.sha256 ?? (options.offload === false ? wasmSha256 : offloadedSha256),
    options.offload === false ? undefined : offloadedInflate,
  );
  await backend.sweepStaleUploads(Date.now() - STALE_UPLOAD_MS);
  await requestPersistence();
  return backend;
}

/** Asks for persistent storage so the browser does not evict images under pressure. */
export async function requestPersistence(): Promise<boolean> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage?.persist) return false;
  try {
    return await storage.persist();
  } catch {
    return false;
  }
}

const randomId = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
};

export class IndexedDbBackend implements StoreBackend {
  constructor(
    readonly db: Database,
    readonly chunkSize: number,
    readonly sha256: Sha256Factory,
    readonly inflateAndHash?: () => InflatingHasher | undefined,
  ) {}

  async sweepStaleUploads(before: number): Promise<void> {
    const uploads = await this.db.getAll('uploads');
    const keys = await this.db.getAllKeys('uploads');
    for (const [i, key] of keys.entries()) {
      if ((uploads[i]?.started ?? 0) < before) await this.#dropUpload(key);
    }
  }

  async #dropUpload(upload: string): Promise<void> {
    const tx = this.db.transaction(['chunks', 'uploads'], 'readwrite');
    await tx.objectStore('chunks').delete(IDBKeyRange.bound([upload, 0], [upload, Infinity]));
    await tx.objectStore('uploads').delete(upload);
    await tx.done;
  }

  async createBlobWriter(expected?: BlobExpectation): Promise<BlobWriter> {
    const upload = randomId();
    try {
      await this.db.put('uploads', { started: Date.now() }, upload);
    } catch (error) {
      throw translate(error);
    }
    return new IndexedDbBlobWriter(this, upload, new BlobVerifier(await this.sha256(), expected));
  }

  /** Stores chunks of an upload, `[index, bytes]`, in one transaction. */
  async putChunks(upload: string, chunks: ReadonlyArray<[number, Uint8Array]>): Promise<void> {
    const tx = this.db.transaction('chunks', 'readwrite');
    try {
      for (const [index, bytes] of chunks)
        // A put's failure is its transaction's: reported once, by tx.done.
        tx.store.put(bytes, [upload, index]).catch(() => undefined);
    } catch (error) {
      // Refused at once (a browser may throw QuotaExceededError here): none of the group stays.
      tx.abort();
      await tx.done.catch(() => undefined);
      throw translate(error);
    }
    try {
      await tx.done;
    } catch (error) {
      throw translate(error);
    }
  }

  async commitUpload(upload: string, digest: Digest, size: number, chunks: number): Promise<void> {
    const tx = this.db.transaction(['blobs', 'uploads', 'chunks'], 'readwrite');
    const existing = await tx.objectStore('blobs').get(digest);
    if (existing) {
      // Same content already stored: keep the old copy, drop this one.
      await tx.objectStore('chunks').delete(IDBKeyRange.bound([upload, 0], [upload, Infinity]));
    } else {
      await tx.objectStore('blobs').put({ size, upload, chunks }, digest);
    }
    await tx.objectStore('uploads').delete(upload);
    try {
      await tx.done;
    } catch (error) {
      throw translate(error);
    }
  }

  abortUpload(upload: string): Promise<void> {
    return this.#dropUpload(upload);
  }

  async blobSize(digest: Digest): Promise<number | undefined> {
    return (await this.db.get('blobs', digest))?.size;
  }

  async #row(digest: Digest): Promise<BlobRow> {
    const row = await this.db.get('blobs', digest);
    if (!row) throw new ImageError('not-found', `blob ${digest} not found`);
    return row;
  }

  async readBlob(digest: Digest, offset = 0, length?: number): Promise<Uint8Array> {
    const row = await this.#row(digest);
    const end = length === undefined ? row.size : Math.min(row.size, offset + length);
    const result = new Uint8Array(Math.max(0, end - offset));
    if (result.length === 0) return result;
    const first = Math.floor(offset / this.chunkSize);
    const last = Math.floor((end - 1) / this.chunkSize);
    const chunks = await this.db.getAll(
      'chunks',
      IDBKeyRange.bound([row.upload, first], [row.upload, last]),
    );
    for (const [i, chunk] of chunks.entries()) {
      const chunkStart = (first + i) * this.chunkSize;
      const from = Math.max(offset, chunkStart) - chunkStart;
      const to = Math.min(end, chunkStart + chunk.length) - chunkStart;
      result.set(chunk.subarray(from, to), chunkStart + from - offset);
    }
    return result;
  }

  blobStream(digest: Digest): ReadableStream<Uint8Array> {
    let index = 0;
    let row: BlobRow | undefined;
    return new ReadableStream<Uint8Array>({
      start: async () => {
        row = await this.#row(digest);
      },
      pull: async (controller) => {
        if (index >= row!.chunks) {
          controller.close();
          return;
        }
        // A few chunks a request: fewer trips to the browser's storage.
        const last = Math.min(row!.chunks, index + STREAM_CHUNKS_PER_READ) - 1;
        const chunks = await this.db.getAll(
          'chunks',
          IDBKeyRange.bound([row!.upload, index], [row!.upload, last]),
        );
        if (chunks.length !== last - index + 1)
          throw new ImageError('not-found', `blob ${digest} is missing chunks ${index}-${last}`);
        index = last + 1;
        for (const chunk of chunks) controller.enqueue(chunk);
      },
    });
  }

  async deleteBlob(digest: Digest): Promise<void> {
    const tx = this.db.transaction(['blobs', 'chunks'], 'readwrite');
    const row = await tx.objectStore('blobs').get(digest);
    if (row) {
      await tx
        .objectStore('chunks')
        .delete(IDBKeyRange.bound([row.upload, 0], [row.upload, Infinity]));
      await tx.objectStore('blobs').delete(digest);
    }
    await tx.done;
  }

  async listBlobs(): Promise<Digest[]> {
    return ((await this.db.getAllKeys('blobs')) as Digest[]).sort();
  }

  async getRecord<T>(kind: RecordKind, key: string): Promise<T | undefined> {
    return (await this.db.get('records', [kind, key])) as T | undefined;
  }

  async listRecords<T>(kind: RecordKind): Promise<Array<{ key: string; value: T }>> {
    const range = IDBKeyRange.bound([kind, ''], [kind, '\uffff']);
    const [keys, values] = await Promise.all([
      this.db.getAllKeys('records', range),
      this.db.getAll('records', range),
    ]);
    return keys.map((key, i) => ({ key: key[1], value: values[i] as T }));
  }

  async commitRecords(changes: readonly RecordChange[]): Promise<void> {
    const tx = this.db.transaction('records', 'readwrite');
    for (const { kind, key, value } of changes) {
      if (value === null) void tx.store.delete([kind, key]);
      else void tx.store.put(value, [kind, key]);
    }
    try {
      await tx.done;
    } catch (error) {
      throw translate(error);
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

class IndexedDbBlobWriter implements BlobWriter {
  /** The chunk being filled (allocated at the first byte of it). */
  #buffer: Uint8Array | undefined;
  #filled = 0;
  #chunks = 0;
  /**
   * Full chunks waiting for the put in progress (#storing) to end; then they
   * go in together, in one transaction. So the next chunks are filled
   * (hashed, parsed upstream) while IndexedDB stores, and a slow store gets
   * fewer, bigger transactions. At most MAX_QUEUED_CHUNKS wait.
   */
  #queued: Array<[number, Uint8Array]> = [];
  #storing: Promise<void> | undefined;
  #failure: unknown;
  #done = false;

  constructor(
    readonly backend: IndexedDbBackend,
    readonly upload: string,
    readonly verifier: BlobVerifier,
  ) {}

  get size(): number {
    return this.verifier.size;
  }

  async write(chunk: Uint8Array): Promise<void> {
    try {
      await this.verifier.add(chunk);
      const { chunkSize } = this.backend;
      let at = 0;
      while (at < chunk.length) {
        // Copied once, into the chunk: the caller may reuse its buffer.
        this.#buffer ??= new Uint8Array(chunkSize);
        const piece = chunk.subarray(at, at + chunkSize - this.#filled);
        this.#buffer.set(piece, this.#filled);
        this.#filled += piece.length;
        at += piece.length;
        if (this.#filled === chunkSize) await this.#flush();
      }
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  async #flush(): Promise<void> {
    if (this.#filled > 0) {
      // A view would store its whole buffer: a last, partial chunk is cut to size.
      const bytes =
        this.#filled === this.#buffer!.length
          ? this.#buffer!
          : this.#buffer!.slice(0, this.#filled);
      this.#buffer = undefined;
      this.#filled = 0;
      this.#queued.push([this.#chunks++, bytes]);
      if (!this.#storing) this.#storeQueued();
    }
    while (this.#storing && this.#queued.length >= MAX_QUEUED_CHUNKS) await this.#storing;
    if (this.#failure !== undefined) throw this.#failure;
  }

  #storeQueued(): void {
    const group = this.#queued;
    this.#queued = [];
    this.#storing = this.backend.putChunks(this.upload, group).then(
      () => {
        this.#storing = undefined;
        if (this.#queued.length > 0 && this.#failure === undefined) this.#storeQueued();
      },
      (error: unknown) => {
        this.#failure = error;
        this.#storing = undefined;
      },
    );
  }

  /** Waits until every chunk filled so far is stored (or one failed). */
  async #stored(): Promise<void> {
    await this.#flush();
    while (this.#storing) await this.#storing;
    if (this.#failure !== undefined) throw this.#failure;
  }

  async commit(name?: Digest): Promise<{ digest: Digest; size: number }> {
    try {
      const digest = await this.verifier.finish(name);
      await this.#stored();
      await this.backend.commitUpload(this.upload, digest, this.verifier.size, this.#chunks);
      this.#done = true;
      return { digest, size: this.verifier.size };
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  async abort(): Promise<void> {
    if (this.#done) return;
    this.#done = true;
    this.#buffer = undefined;
    this.#queued = [];
    this.verifier.discard();
    while (this.#storing) await this.#storing;
    await this.backend.abortUpload(this.upload);
  }
}
