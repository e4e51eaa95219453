// The image store in a directory (Node):
//   blobs/sha256/<hex>   committed blobs, immutable
//   tmp/                 blobs being written; renamed into blobs/ once verified
//   records.json         all records ({kind: {key: value}}), replaced whole by rename
//   records.lock         held (with the owner's pid) while a commit rewrites records.json
// Renames within one filesystem are atomic, so a reader (or a process killed
// mid-write) sees either the old state or the new one, never a half blob or a
// half records file. Record batches of one process are serialised, and those
// of several processes (the daemon, `bocal shell`, in-process commands) too,
// through the lock (records-lock.ts): each commit applies its own records'
// changes to the file as it is then, so different records merge.
import { randomBytes } from 'node:crypto';
import { mkdirSync, statSync, type Stats } from 'node:fs';
import {
  open,
  readFile,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
  type FileHandle,
} from 'node:fs/promises';
import { join } from 'node:path';
import { BlobVerifier } from '../../../image/blob-verifier.ts';
import { digestHex, isDigest, type Digest } from '../../../image/digest.ts';
import { ImageError } from '../../../image/errors.ts';
import type {
  BlobExpectation,
  BlobWriter,
  RecordChange,
  RecordKind,
  StoreBackend,
} from '../../../image/store-backend.ts';
import { nodeGunzip } from './node-gunzip.ts';
import { nodeSha256 } from './node-sha256.ts';
import { withRecordsLock } from './records-lock.ts';

type Records = Partial<Record<RecordKind, Record<string, unknown>>>;

const READ_CHUNK = 1024 * 1024;
const WRITE_BATCH = 1024 * 1024;

/** Node's out-of-space errors become the store's clear 'no-space' error. */
function translate(error: unknown, what: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ImageError('no-space', `no space left on device while writing ${what}`);
  }
  return error;
}

/** What tells one version of a file from another: its inode, modification time and size (a rename keeps them). */
function fileIdentity(stats: Stats): string {
  return `${stats.dev}:${stats.ino}:${stats.mtimeMs}:${stats.size}`;
}

export class DirectoryBackend implements StoreBackend {
  readonly sha256 = nodeSha256;
  readonly gunzip = nodeGunzip;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(readonly root: string) {
    mkdirSync(join(root, 'blobs', 'sha256'), { recursive: true });
    mkdirSync(join(root, 'tmp'), { recursive: true });
  }

  #blobPath = (digest: Digest): string => join(this.root, 'blobs', 'sha256', digestHex(digest));

  async createBlobWriter(expected?: BlobExpectation): Promise<BlobWriter> {
    const temp = join(this.root, 'tmp', `blob-${randomBytes(8).toString('hex')}`);
    const file = await open(temp, 'w');
    return new DirectoryBlobWriter(
      file,
      temp,
      new BlobVerifier(await this.sha256(), expected),
      (digest) => this.#blobPath(digest),
    );
  }

  async blobSize(digest: Digest): Promise<number | undefined> {
    try {
      return (await stat(this.#blobPath(digest))).size;
    } catch {
      return undefined;
    }
  }

  async readBlob(digest: Digest, offset = 0, length?: number): Promise<Uint8Array> {
    let file: FileHandle;
    try {
      file = await open(this.#blobPath(digest), 'r');
    } catch {
      throw new ImageError('not-found', `blob ${digest} not found`);
    }
    try {
      const size = (await file.stat()).size;
      const end = length === undefined ? size : Math.min(size, offset + length);
      const buffer = new Uint8Array(Math.max(0, end - offset));
      let done = 0;
      while (done < buffer.length) {
        const { bytesRead } = await file.read(buffer, done, buffer.length - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buffer;
    } finally {
      await file.close();
    }
  }

  blobStream(digest: Digest): ReadableStream<Uint8Array> {
    let file: FileHandle | undefined;
    let position = 0;
    const path = this.#blobPath(digest);
    return new ReadableStream<Uint8Array>({
      async start() {
        try {
          file = await open(path, 'r');
        } catch {
          throw new ImageError('not-found', `blob ${digest} not found`);
        }
      },
      async pull(controller) {
        const buffer = new Uint8Array(READ_CHUNK);
        const { bytesRead } = await file!.read(buffer, 0, READ_CHUNK, position);
        if (bytesRead === 0) {
          await file!.close();
          controller.close();
          return;
        }
        position += bytesRead;
        controller.enqueue(buffer.subarray(0, bytesRead));
      },
      async cancel() {
        await file?.close();
      },
    });
  }

  async deleteBlob(digest: Digest): Promise<void> {
    await rm(this.#blobPath(digest), { force: true });
  }

  async listBlobs(): Promise<Digest[]> {
    const names = await readdir(join(this.root, 'blobs', 'sha256'));
    return names
      .map((hex) => `sha256:${hex}`)
      .filter(isDigest)
      .sort();
  }

  /**
   * The records file's text as last read or written here, with the identity
   * of the file it was (every write renames a new file in, so another
   * process's write changes the inode): a warm `docker run` reads the
   * records several times, and a stat costs less than a read. `parsed` is
   * shared by the readers, who hand out copies of what they take from it.
   */
  #recordsText: { text: string; file: string; parsed?: Records } | undefined;

  /** The records file's text now (stat first: text read after it is the same or newer). */
  async #currentRecords(): Promise<{ text: string; parsed?: Records } | undefined> {
    const path = join(this.root, 'records.json');
    try {
      // Synchronous: a local stat takes microseconds, while the promise's
      // trip through libuv's thread pool cost a warm `docker run` about
      // 0.1 ms per record read (three per run), milliseconds on a loaded
      // machine.
      const file = fileIdentity(statSync(path));
      this.#noticed(file);
      if (this.#recordsText?.file !== file) {
        this.#recordsText = { text: await readFile(path, 'utf8'), file };
      }
      return this.#recordsText;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.#noticed('absent');
        return undefined;
      }
      throw error;
    }
  }

  /** The records file's identity as this process last read or wrote it ('absent' for none). */
  #knownFile: string | undefined;
  /** How many times another process was found to have changed the records file. */
  #othersChanges = 0;

  /** Counts `file` as another process's change when it is not the one last read or written here. */
  #noticed(file: string): void {
    if (this.#knownFile !== undefined && file !== this.#knownFile) this.#othersChanges++;
    this.#knownFile = file;
  }

  /** The records, parsed once per version of the file: not to be changed. */
  async #sharedRecords(): Promise<Records> {
    const current = await this.#currentRecords();
    if (!current) return {};
    return (current.parsed ??= JSON.parse(current.text) as Records);
  }

  /** The records as a new object the caller may change. */
  async #readRecords(): Promise<Records> {
    const current = await this.#currentRecords();
    return current ? (JSON.parse(current.text) as Records) : {};
  }

  async getRecord<T>(kind: RecordKind, key: string): Promise<T | undefined> {
    await this.#queue;
    const value = (await this.#sharedRecords())[kind]?.[key];
    return value === undefined ? undefined : (structuredClone(value) as T);
  }

  async listRecords<T>(kind: RecordKind): Promise<Array<{ key: string; value: T }>> {
    await this.#queue;
    const table = (await this.#sharedRecords())[kind] ?? {};
    return Object.keys(table)
      .sort()
      .map((key) => ({ key, value: structuredClone(table[key]) as T }));
  }

  /**
   * Changes when another process changed the records (a commit renames a
   * new file in: its identity changes), not when this one did. A commit
   * reads the file under the lock before its own write, so a change of
   * another process merged into it is counted too.
   */
  recordsVersion(): string {
    try {
      this.#noticed(fileIdentity(statSync(join(this.root, 'records.json'))));
    } catch {
      this.#noticed('absent');
    }
    return String(this.#othersChanges);
  }

  commitRecords(changes: readonly RecordChange[]): Promise<void> {
    const next = this.#queue.then(() =>
      withRecordsLock(join(this.root, 'records.lock'), () => this.#commit(changes)),
    );
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** One commit, under the lock: the file as it is now, with these records changed. */
  async #commit(changes: readonly RecordChange[]): Promise<void> {
    const records = await this.#readRecords();
    for (const { kind, key, value } of changes) {
      const table = (records[kind] ??= {});
      if (value === null) delete table[key];
      else table[key] = value;
    }
    const temp = join(this.root, 'tmp', `records-${randomBytes(8).toString('hex')}`);
    try {
      const text = JSON.stringify(records);
      await writeFile(temp, text);
      // The temporary file is the records file once renamed (same inode, times and size).
      const file = fileIdentity(await stat(temp));
      await rename(temp, join(this.root, 'records.json'));
      this.#recordsText = { text, file };
      this.#knownFile = file;
    } catch (error) {
      await rm(temp, { force: true });
      throw translate(error, 'image records');
    }
  }

  async close(): Promise<void> {
    await this.#queue;
  }
}

class DirectoryBlobWriter implements BlobWriter {
  #done = false;
  #pending: Uint8Array[] = [];
  #pendingSize = 0;

  constructor(
    readonly file: FileHandle,
    readonly temp: string,
    readonly verifier: BlobVerifier,
    readonly finalPath: (digest: Digest) => string,
  ) {}

  get size(): number {
    return this.verifier.size;
  }

  async write(chunk: Uint8Array): Promise<void> {
    try {
      await this.verifier.add(chunk);
      // Small chunks (tar bodies come in pieces) are gathered into one write.
      this.#pending.push(chunk.slice());
      this.#pendingSize += chunk.length;
      if (this.#pendingSize >= WRITE_BATCH) await this.#flush();
    } catch (error) {
      await this.abort();
      throw translate(error, 'a blob');
    }
  }

  async #flush(): Promise<void> {
    const chunks = this.#pending;
    const total = this.#pendingSize;
    this.#pending = [];
    this.#pendingSize = 0;
    let { bytesWritten } = await this.file.writev(chunks);
    if (bytesWritten === total) return;
    // A short write (a nearly full disk): write the rest until done or ENOSPC.
    const rest = Buffer.concat(chunks).subarray(bytesWritten);
    let done = 0;
    while (done < rest.length) {
      ({ bytesWritten } = await this.file.write(rest, done, rest.length - done));
      done += bytesWritten;
    }
  }

  async commit(name?: Digest): Promise<{ digest: Digest; size: number }> {
    let digest: Digest;
    try {
      digest = await this.verifier.finish(name);
      await this.#flush();
      await this.file.close();
      this.#done = true;
      await rename(this.temp, this.finalPath(digest));
    } catch (error) {
      await this.abort();
      throw translate(error, 'a blob');
    }
    return { digest, size: this.verifier.size };
  }

  async abort(): Promise<void> {
    if (!this.#done) {
      this.#done = true;
      await this.file.close().catch(() => undefined);
    }
    await rm(this.temp, { force: true });
  }
}
