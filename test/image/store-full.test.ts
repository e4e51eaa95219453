// A full store is a clear "no space left on device" (ENOSPC) error, and the
// half-written blob does not stay: on a real small filesystem for the
// directory backend (a 1 MiB tmpfs, we run as root), and for IndexedDB with
// the QuotaExceededError a browser raises.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBlob } from '../../src/image/store-backend.ts';
import { DirectoryBackend } from '../../src/platform/node/image-store/directory-backend.ts';
import { openIndexedDbBackend } from '../../src/platform/browser/image-store/indexeddb-backend.ts';

const noise = (n: number): Uint8Array =>
  Uint8Array.from({ length: n }, (_, i) => (i * 2654435761) >>> 24);

describe('directory backend on a full filesystem', () => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'bocal-full-'));
  beforeAll(() => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]);
  });
  afterAll(() => {
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('ENOSPC becomes "no space left on device", and no blob or temporary file is left', async () => {
    const backend = new DirectoryBackend(mountPoint);
    await expect(writeBlob(backend, noise(2 * 1024 * 1024))).rejects.toMatchObject({
      code: 'no-space',
      message: 'no space left on device while writing a blob',
    });
    expect(await backend.listBlobs()).toEqual([]);
    expect(readdirSync(join(mountPoint, 'tmp'))).toEqual([]);
    // Still usable afterwards.
    const small = await writeBlob(backend, noise(1000));
    expect(await backend.blobSize(small.digest)).toBe(1000);
  });
});

describe('IndexedDB backend over quota', () => {
  it('QuotaExceededError becomes "no space left on device", and the upload is dropped', async () => {
    const backend = await openIndexedDbBackend({ name: 'quota', chunkSize: 1024 });
    // The third chunk stored finds the quota used up (IndexedDB's put throws it).
    const put = IDBObjectStore.prototype.put;
    let puts = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
      if (this.name === 'chunks' && ++puts > 2)
        throw new DOMException('quota', 'QuotaExceededError');
      return put.apply(this, args);
    };
    try {
      await expect(writeBlob(backend, noise(10_000))).rejects.toMatchObject({
        code: 'no-space',
        message: "no space left on device: the browser's storage quota for this site is used up",
      });
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(puts).toBeGreaterThan(2);
    expect(await backend.listBlobs()).toEqual([]);
    expect(await backend.db.count('chunks')).toBe(0);
    expect(await backend.db.count('uploads')).toBe(0);
  });
});
