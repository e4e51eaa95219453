// The one behaviour suite of image store backends. It is plain async code
// (no vitest inside) so the same cases run in Node against the directory
// backend and inside real Chromium against IndexedDB
// (test/image/store-backend.test.ts drives both).
import { digestOf, type Digest } from '../../src/image/digest.ts';
import { isImageError, type ImageErrorCode } from '../../src/image/errors.ts';
import { packTar } from 'modern-tar';
import { snapshotDataName, unpackLayer } from '../../src/image/layer-unpack.ts';
import { writeBlob, type StoreBackend } from '../../src/image/store-backend.ts';

/** Opens the store under test; called again on the same place to check persistence. */
export type OpenBackend = () => Promise<StoreBackend>;

export interface BackendCase {
  name: string;
  run(open: OpenBackend): Promise<void>;
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}
const same = (actual: unknown, expected: unknown, what: string): void =>
  check(
    JSON.stringify(actual) === JSON.stringify(expected),
    `${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
  );

async function rejects(
  promise: Promise<unknown>,
  code: ImageErrorCode,
  what: string,
): Promise<string> {
  try {
    await promise;
  } catch (error) {
    check(isImageError(error, code), `${what}: expected ImageError ${code}, got ${String(error)}`);
    return (error as Error).message;
  }
  throw new Error(`assertion failed: ${what} did not fail`);
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Deterministic pseudo-random bytes (not compressible, no two chunks alike). */
function noise(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** gzip as the platform does it (CompressionStream: Node and browsers alike). */
const gzipped = (bytes: Uint8Array): Promise<Uint8Array> =>
  collect(
    new Blob([bytes as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new CompressionStream('gzip')) as ReadableStream<Uint8Array>,
  );

/** A stream of `bytes` in pieces of `size`. */
const streamOf = (bytes: Uint8Array, size = 100_000): ReadableStream<Uint8Array> =>
  new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += size)
        controller.enqueue(bytes.slice(at, at + size));
      controller.close();
    },
  });

const tarOf = (files: Record<string, Uint8Array>): Promise<Uint8Array> =>
  packTar(
    Object.entries(files).map(([name, body]) => ({
      header: { name, size: body.length, type: 'file' as const, mode: 0o644 },
      body,
    })),
  );

export const backendCases: BackendCase[] = [
  {
    name: 'a committed blob reads back whole, by range and as a stream, under its sha256',
    async run(open) {
      const store = await open();
      const data = noise(3 * 1024 * 1024 + 123);
      const { digest, size } = await writeBlob(store, data);
      same(digest, digestOf(data), 'digest');
      same(size, data.length, 'size');
      same(await store.blobSize(digest), data.length, 'blobSize');
      check(equalBytes(await store.readBlob(digest), data), 'whole read');
      const from = 1024 * 1024 - 10;
      check(
        equalBytes(
          await store.readBlob(digest, from, 2 * 1024 * 1024 + 30),
          data.subarray(from, from + 2 * 1024 * 1024 + 30),
        ),
        'range across chunks',
      );
      check(
        equalBytes(
          await store.readBlob(digest, data.length - 5, 100),
          data.subarray(data.length - 5),
        ),
        'range past the end is cut',
      );
      check(equalBytes(await collect(store.blobStream(digest)), data), 'stream');
      check((await store.listBlobs()).includes(digest), 'listed');
      await store.close();
    },
  },
  {
    name: 'a blob whose digest is not the announced one is refused and not visible',
    async run(open) {
      const store = await open();
      const announced = digestOf(bytes('something else'));
      const message = await rejects(
        writeBlob(store, bytes('hello'), { digest: announced, size: 5 }),
        'digest-mismatch',
        'wrong digest',
      );
      check(message.includes(announced), `message names the expected digest: ${message}`);
      same(
        await store.blobSize(digestOf(bytes('hello'))),
        undefined,
        'no blob under the real digest',
      );
      same(await store.blobSize(announced), undefined, 'no blob under the announced digest');
      await store.close();
    },
  },
  {
    name: 'more bytes than announced fail at write time, fewer at commit, nothing kept',
    async run(open) {
      const store = await open();
      const data = bytes('0123456789');
      const writer = await store.createBlobWriter({ size: 4 });
      await rejects(writer.write(data), 'digest-mismatch', 'overflowing write');
      await rejects(writeBlob(store, data, { size: 11 }), 'digest-mismatch', 'short blob');
      same(await store.blobSize(digestOf(data)), undefined, 'not stored');
      await store.close();
    },
  },
  {
    name: 'an aborted writer leaves nothing behind',
    async run(open) {
      const store = await open();
      const before = await store.listBlobs();
      const writer = await store.createBlobWriter();
      await writer.write(noise(2 * 1024 * 1024, 7));
      await writer.abort();
      same(await store.listBlobs(), before, 'blob list unchanged');
      await store.close();
    },
  },
  {
    name: 'a blob named by its caller is visible under that name once committed, and only then',
    async run(open) {
      const store = await open();
      const name = digestOf(bytes('a name derived from verified content'));
      const data = noise(3 * 1024 * 1024 + 5, 11);
      const writer = await store.createBlobWriter({ namedByCaller: true, size: data.length });
      await writer.write(data.subarray(0, 1000));
      await writer.write(data.subarray(1000));
      same(await store.blobSize(name), undefined, 'not visible before commit');
      same(await writer.commit(name), { digest: name, size: data.length }, 'commit result');
      check(equalBytes(await store.readBlob(name), data), 'reads back under its name');
      same(await store.blobSize(digestOf(data)), undefined, 'not under its content digest');
      // Named by the caller means named at commit: a commit without a name stores nothing.
      const unnamed = await store.createBlobWriter({ namedByCaller: true });
      await unnamed.write(bytes('x'));
      let refused = false;
      await unnamed.commit().catch(() => (refused = true));
      check(refused, 'a commit without a name is refused');
      same(await store.blobSize(digestOf(bytes('x'))), undefined, 'nothing kept');
      await store.close();
    },
  },
  {
    // In Chromium this goes through the store's worker (inflating, hashing).
    name: 'a gzipped layer stored and unpacked through the store: diff ID, data and digests',
    async run(open) {
      const store = await open();
      const files = { big: noise(9 * 1024 * 1024 + 17, 3), small: bytes('small\n') };
      const plain = await tarOf(files);
      const layer = await gzipped(plain);
      const blob = await writeBlob(store, streamOf(layer));
      same(blob.digest, digestOf(layer), 'layer blob digest');
      const unpacked = await unpackLayer(store, store.blobStream(blob.digest), {
        diffId: digestOf(plain),
      });
      same(unpacked.diffId, digestOf(plain), 'diff ID');
      same(unpacked.tarSize, plain.length, 'tar size');
      same(unpacked.data.digest, snapshotDataName(digestOf(plain)), 'data blob name');
      const data = await store.readBlob(unpacked.data.digest);
      check(equalBytes(data.subarray(0, files.big.length), files.big), 'big file in the data');
      same(new TextDecoder().decode(data.subarray(files.big.length)), 'small\n', 'small file');
      const big = noise(10 * 1024 * 1024 + 3, 5);
      same((await writeBlob(store, streamOf(big, 3 * 1024 * 1024))).digest, digestOf(big), 'big');
      await store.close();
    },
  },
  {
    name: 'a corrupt, a wrong or an oversized gzipped layer fails clearly and keeps nothing',
    async run(open) {
      const store = await open();
      const before = await store.listBlobs();
      const plain = await tarOf({ file: noise(300_000, 9) });
      const layer = await gzipped(plain);
      const corrupt = layer.slice();
      corrupt.fill(0x55, 1000, 1200);
      await rejects(unpackLayer(store, streamOf(corrupt)), 'invalid-content', 'corrupt gzip');
      await rejects(
        unpackLayer(store, streamOf(layer), { diffId: digestOf(bytes('another layer')) }),
        'digest-mismatch',
        'wrong diff ID',
      );
      // 64 MiB of zeros in a few dozen KiB: stopped at the limit, not inflated whole.
      const bomb = await gzipped(await tarOf({ zeros: new Uint8Array(64 * 1024 * 1024) }));
      const message = await rejects(
        unpackLayer(store, streamOf(bomb), { limits: { maxLayerBytes: 4 * 1024 * 1024 } }),
        'too-large',
        'gzip bomb',
      );
      check(message.includes('exceeds the limit'), `bomb message: ${message}`);
      same(await store.listBlobs(), before, 'nothing kept');
      // The store still works after all that.
      const unpacked = await unpackLayer(store, streamOf(layer));
      same(unpacked.diffId, digestOf(plain), 'a good layer still unpacks');
      await store.close();
    },
  },
  {
    name: 'the same content written twice is one readable blob; deleting it removes it',
    async run(open) {
      const store = await open();
      const data = bytes('twice');
      const first = await writeBlob(store, data);
      const second = await writeBlob(store, data, { digest: first.digest, size: data.length });
      same(second, first, 'same result');
      check(equalBytes(await store.readBlob(first.digest), data), 'still readable');
      same((await store.listBlobs()).filter((d) => d === first.digest).length, 1, 'listed once');
      await store.deleteBlob(first.digest);
      same(await store.blobSize(first.digest), undefined, 'gone');
      await rejects(store.readBlob(first.digest), 'not-found', 'reading a deleted blob');
      await store.close();
    },
  },
  {
    name: 'an empty blob is a blob',
    async run(open) {
      const store = await open();
      const { digest, size } = await writeBlob(store, new Uint8Array(0));
      same(
        digest,
        'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'digest of nothing',
      );
      same(size, 0, 'size');
      same((await store.readBlob(digest)).length, 0, 'reads empty');
      same(await store.blobSize(digest), 0, 'blobSize 0');
      await store.close();
    },
  },
  {
    name: 'records change in batches (put and delete together) and list sorted by key',
    async run(open) {
      const store = await open();
      await store.commitRecords([
        { kind: 'tag', key: 'docker.io/library/b:latest', value: { image: 'B' } },
        { kind: 'tag', key: 'docker.io/library/a:latest', value: { image: 'A' } },
        { kind: 'image', key: 'sha256:aa', value: { layers: [1, 2] } },
      ]);
      same(await store.getRecord('tag', 'docker.io/library/a:latest'), { image: 'A' }, 'get');
      same(
        await store.getRecord('image', 'docker.io/library/a:latest'),
        undefined,
        'kinds are separate',
      );
      await store.commitRecords([
        { kind: 'tag', key: 'docker.io/library/a:latest', value: null },
        { kind: 'tag', key: 'docker.io/library/c:1', value: { image: 'C' } },
      ]);
      same(
        (await store.listRecords('tag')).map((r) => r.key),
        ['docker.io/library/b:latest', 'docker.io/library/c:1'],
        'listed keys',
      );
      same(
        await store.listRecords('image'),
        [{ key: 'sha256:aa', value: { layers: [1, 2] } }],
        'images',
      );
      await store.close();
    },
  },
  {
    name: 'blobs and records are still there when the store is opened again',
    async run(open) {
      const first = await open();
      const data = noise(1500, 3);
      const { digest } = await writeBlob(first, data);
      await first.commitRecords([{ kind: 'snapshot', key: digest, value: { entries: 1 } }]);
      await first.close();
      const again = await open();
      check(equalBytes(await again.readBlob(digest), data), 'blob after reopen');
      same(await again.getRecord('snapshot', digest), { entries: 1 }, 'record after reopen');
      await again.close();
    },
  },
  {
    name: 'a missing blob is a clear not-found error',
    async run(open) {
      const store = await open();
      const missing: Digest = `sha256:${'0'.repeat(64)}`;
      const message = await rejects(store.readBlob(missing), 'not-found', 'read');
      check(message.includes(missing), `names the digest: ${message}`);
      await rejects(
        (async () => {
          for await (const _ of store.blobStream(missing)) void _;
        })(),
        'not-found',
        'stream',
      );
      await store.close();
    },
  },
];
