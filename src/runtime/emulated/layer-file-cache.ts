// Whole files read from image layers, kept for the next container of the
// same image: a warm `docker run` execs the same programs (box, the
// container's command) and reads the same /etc files every time, and
// reading them again from the store (a file in Node, IndexedDB in the
// browser) costs more than the rest of the run. Layers are content
// addressed, so an entry never goes stale; the cache is bounded by bytes
// and forgets the least recently used files first.

/** Enough for a few programs and many small files; box itself is under 1 MiB. */
export const LAYER_FILE_CACHE_BYTES = 16 * 1024 * 1024;
/** Larger files are read from the store every time (they would evict everything else). */
const LARGEST_CACHED_FILE = 4 * 1024 * 1024;

export class LayerFileCache {
  private readonly files = new Map<string, Uint8Array>();
  private bytes = 0;

  constructor(private readonly capacity = LAYER_FILE_CACHE_BYTES) {}

  /**
   * The whole file `key` names: from the cache, or `read` and kept. Each
   * caller gets its own copy (readers may write into what they are given).
   */
  read(
    key: string,
    size: number,
    read: () => Uint8Array | Promise<Uint8Array>,
  ): Uint8Array | Promise<Uint8Array> {
    const cached = this.files.get(key);
    if (cached) {
      // Most recently used last (Map keeps insertion order).
      this.files.delete(key);
      this.files.set(key, cached);
      return cached.slice();
    }
    const data = read();
    if (size > LARGEST_CACHED_FILE) return data;
    if (data instanceof Promise) return data.then((bytes) => this.keep(key, bytes));
    return this.keep(key, data);
  }

  /** Bytes of a file kept whole, or undefined when it is not (a copy: see `read`). */
  slice(key: string, offset: number, length: number): Uint8Array | undefined {
    return this.files.get(key)?.slice(offset, offset + length);
  }

  private keep(key: string, bytes: Uint8Array): Uint8Array {
    if (!this.files.has(key) && bytes.length <= this.capacity) {
      this.files.set(key, bytes.slice());
      this.bytes += bytes.length;
      for (const [oldest, data] of this.files) {
        if (this.bytes <= this.capacity) break;
        this.files.delete(oldest);
        this.bytes -= data.length;
      }
    }
    return bytes;
  }
}
