// sha256bench prints the real SHA-256 of its pattern: checked against
// node:crypto on the same bytes, natively and under node:wasi, on the block
// and padding edges and on the full 64 MiB the benchmark hashes.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  SHA256_BYTES,
  compileSha256Bench,
  runSha256Natively,
  runSha256UnderNodeWasi,
} from '../../bench/baselines/node-wasi-sha256.ts';
import { nativePath } from '../support/programs.ts';

/** The pattern sha256bench documents: xorshift32 words from 0x9E3779B9, little-endian. */
function pattern(bytes: number): Buffer {
  const words = Buffer.alloc(Math.ceil(bytes / 4) * 4);
  let x = 0x9e3779b9;
  for (let offset = 0; offset < words.length; offset += 4) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    words.writeUInt32LE(x, offset);
  }
  return words.subarray(0, bytes);
}

const expected = (bytes: number): string =>
  `${createHash('sha256').update(pattern(bytes)).digest('hex')}\n`;

// Empty, short, the 55/56 byte padding edge, one and two blocks, a length
// that is not a multiple of 4, and more than the program's 1 MiB buffer.
const edges = [0, 1, 3, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 1024 * 1024 + 7];

describe('sha256bench', () => {
  it('natively, matches node:crypto on block and padding edges', () => {
    for (const bytes of edges)
      expect(runSha256Natively(bytes), `${bytes} bytes`).toBe(expected(bytes));
  });

  it('under node:wasi, matches node:crypto on block and padding edges', () => {
    const module = compileSha256Bench();
    for (const bytes of edges) {
      expect(runSha256UnderNodeWasi(module, bytes), `${bytes} bytes`).toBe(expected(bytes));
    }
  });

  it('hashes 64 MiB by default, natively and under node:wasi, to the digest node:crypto gives', () => {
    const digest = expected(SHA256_BYTES);
    const native = spawnSync(nativePath('sha256bench'), [], { encoding: 'utf8' });
    expect(native.stdout).toBe(digest);
    expect(runSha256UnderNodeWasi(compileSha256Bench(), SHA256_BYTES)).toBe(digest);
  });

  it('rejects a size that is not a number, with the usage and exit code 2', () => {
    const result = spawnSync(nativePath('sha256bench'), ['12abc'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('usage: sha256bench [BYTES]\n');
    expect(result.stdout).toBe('');
  });
});
