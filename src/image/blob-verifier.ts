// The check every backend's blob writer runs: count and hash the bytes as
// they arrive, stop as soon as there are more than announced, and compare
// size then digest before the blob may be committed.
import type { Digest, Sha256 } from './digest.ts';
import { ImageError } from './errors.ts';
import type { BlobExpectation } from './store-backend.ts';

export class BlobVerifier {
  #hash: Sha256;
  size = 0;

  /** `hash` is a fresh hasher (from the backend's Sha256Factory). */
  constructor(
    hash: Sha256,
    readonly expected: BlobExpectation = {},
  ) {
    this.#hash = hash;
  }

  /** Accounts for one chunk; throws before the chunk is stored if it overflows. */
  add(chunk: Uint8Array): void {
    const { size } = this.expected;
    if (size !== undefined && this.size + chunk.length > size) {
      throw new ImageError(
        'digest-mismatch',
        `size mismatch for ${this.expected.digest ?? 'blob'}: more than the ${size} bytes announced`,
      );
    }
    this.#hash.update(chunk);
    this.size += chunk.length;
  }

  /** Final check; returns the digest of what was written. */
  finish(): Digest {
    const digest: Digest = `sha256:${this.#hash.hex()}`;
    const { size, digest: want } = this.expected;
    if (size !== undefined && this.size !== size) {
      throw new ImageError(
        'digest-mismatch',
        `size mismatch for ${want ?? digest}: expected ${size} bytes, got ${this.size}`,
      );
    }
    if (want !== undefined && want !== digest) {
      throw new ImageError('digest-mismatch', `digest mismatch: expected ${want}, got ${digest}`);
    }
    return digest;
  }
}
