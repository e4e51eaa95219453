// The contents of an in-memory regular file: bytes kept in fixed-size chunks
// allocated on first write, so a file truncated or written far beyond its end
// (a sparse file) costs only the chunks actually written. Missing chunks read
// as zeros. A chunk starts as long as its first write needs and doubles as
// writes reach further (up to the full size): a small file (a container's
// /etc/hosts, a shell's here-document) does not cost 64 KiB; bytes past a
// short chunk's end read as zeros too.
//
// A read that lies inside one written chunk returns a view of that chunk, not
// a copy: bulk reads (64 KiB at chunk-aligned offsets, what cat and cp do)
// then allocate nothing, and the syscall channel makes the one copy. The
// view is only valid until the file is next written or truncated; callers
// that keep the bytes copy them.

const CHUNK = 65536;

/** Largest size we accept (JavaScript integers are exact up to 2^53). */
export const MAX_FILE_SIZE = Number.MAX_SAFE_INTEGER;

export class ByteStore {
  private readonly chunks = new Map<number, Uint8Array>();
  size = 0;

  /**
   * Up to `length` bytes from `offset`; fewer at the end, none past it. The
   * result may be a view of the store (see above): copy it to keep it.
   */
  read(offset: number, length: number): Uint8Array {
    const end = Math.min(this.size, offset + length);
    if (offset >= end) return new Uint8Array(0);
    const first = Math.floor(offset / CHUNK);
    const chunk = this.chunks.get(first);
    if (chunk && end - first * CHUNK <= chunk.length) {
      return chunk.subarray(offset - first * CHUNK, end - first * CHUNK);
    }
    const result = new Uint8Array(end - offset);
    for (let position = offset; position < end;) {
      const index = Math.floor(position / CHUNK);
      const within = position - index * CHUNK;
      const count = Math.min(CHUNK - within, end - position);
      const chunk = this.chunks.get(index);
      // Past a short chunk's end: zeros (the result is new, already zero).
      if (chunk) result.set(chunk.subarray(within, within + count), position - offset);
      position += count;
    }
    return result;
  }

  /** Copies target.length bytes from `offset` into `target` (holes as zeros); the caller keeps them below size. */
  copyTo(offset: number, target: Uint8Array): void {
    for (let done = 0; done < target.length;) {
      const position = offset + done;
      const index = Math.floor(position / CHUNK);
      const within = position - index * CHUNK;
      const count = Math.min(CHUNK - within, target.length - done);
      const part = this.chunks.get(index)?.subarray(within, within + count);
      if (part) target.set(part, done);
      target.fill(0, done + (part?.length ?? 0), done + count);
      done += count;
    }
  }

  /** Writes `data` at `offset`, growing the file as needed (the gap reads as zeros). */
  write(offset: number, data: Uint8Array): void {
    for (let done = 0; done < data.length;) {
      const position = offset + done;
      const index = Math.floor(position / CHUNK);
      const within = position - index * CHUNK;
      const count = Math.min(CHUNK - within, data.length - done);
      let chunk = this.chunks.get(index);
      if (!chunk || chunk.length < within + count) {
        chunk = grown(chunk, within + count);
        this.chunks.set(index, chunk);
      }
      chunk.set(data.subarray(done, done + count), within);
      done += count;
    }
    this.size = Math.max(this.size, offset + data.length);
  }

  /** Sets the size; bytes beyond it are dropped, and read as zeros if the file grows again. */
  truncate(size: number): void {
    if (size < this.size) {
      for (const index of [...this.chunks.keys()]) {
        if (index * CHUNK >= size) this.chunks.delete(index);
      }
      const last = this.chunks.get(Math.floor(size / CHUNK));
      last?.fill(0, size % CHUNK);
    }
    this.size = size;
  }
}

/** `chunk` (or nothing) in a new chunk of at least `needed` bytes: twice as long, up to CHUNK. */
function grown(chunk: Uint8Array | undefined, needed: number): Uint8Array {
  let length = Math.max(64, chunk ? chunk.length * 2 : needed);
  while (length < needed) length *= 2;
  const bigger = new Uint8Array(Math.min(CHUNK, length));
  if (chunk) bigger.set(chunk);
  return bigger;
}
