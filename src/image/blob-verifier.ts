// The check every backend's blob writer runs: count and hash the bytes as
// they arrive, stop as soon as there are more than announced, and compare
// size then digest before the blob may be committed. A blob the caller
// names itself (BlobExpectation.namedByCaller) is counted but not hashed.
import { isDigest, type Digest, type Sha256 } from './digest.ts';
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
    if (expected.namedByCaller && expected.digest !== undefined)
      throw new Error('a blob is either named by its caller or expected to have a digest');
    this.#hash = hash;
  }

  /** Accounts for one chunk; throws before the chunk is stored if it overflows. */
  async add(chunk: Uint8Array): Promise<void> {
    const { size } = this.expected;
    if (size !== undefined && this.size + chunk.length > size) {
      throw new ImageError(
        'digest-mismatch',
        `size mismatch for ${this.expected.digest ?? 'blob'}: more than the ${size} bytes announced`,
      );
    }
    this.size += chunk.length;
    if (!this.expected.namedByCaller) await this.#hash.update(chunk);
  }

  /** The blob is abandoned: its hasher can let go. */
  discard(): void {
    this.#hash.discard?.();
  }

  /**
   * Final check; returns the name of what was written: its digest, or
   * `name` for a blob named by its caller (who must give it then, only then).
   */
  async finish(name?: Digest): Promise<Digest> {
    if (Boolean(this.expected.namedByCaller) !== (name !== undefined))
      throw new Error(
        this.expected.namedByCaller
          ? 'a blob named by its caller needs its name at commit'
          : 'only a blob created as named by its caller takes a name at commit',
      );
    if (name !== undefined && !isDigest(name)) throw new Error(`not a blob name: ${name}`);
    const digest: Digest = name ?? `sha256:${await this.#hash.hex()}`;
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
