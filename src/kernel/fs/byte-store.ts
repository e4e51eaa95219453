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
//
// A full chunk that sendfile passes to a pipe moves into a page of the
// shared arena (page-arena.ts, sharePage) and stays there; while a pipe
// references the page, a write or truncate gives the file a private copy of
// the chunk first, so the bytes already in the pipe do not change.
import { MAX_REF_BYTES, pageArena, PAGE_SIZE, type PageArena } from './page-arena.ts';

const CHUNK = PAGE_SIZE;

/**
 * Bytes of a file in the shared arena, what a pipe can reference: `length`
 * bytes from `start` bytes into page `page`, running on through the pages
 * after it.
 */
export interface PageReference {
  page: number;
  /** Offset of the first byte in the first page. */
  start: number;
  length: number;
}

/** Gives a collected file's pages back to the arena. */
const sharedPagesOwners = new FinalizationRegistry<{
  arena: PageArena;
  pages: Map<number, number>;
}>(({ arena, pages }) => {
  for (const page of pages.values()) arena.release(page);
});

/** Largest size we accept (JavaScript integers are exact up to 2^53). */
export const MAX_FILE_SIZE = Number.MAX_SAFE_INTEGER;

export class ByteStore {
  private readonly chunks = new Map<number, Uint8Array>();
  /** The arena and the page of each chunk that lives in it. */
  private shared: { arena: PageArena; pages: Map<number, number> } | undefined;
  size = 0;

  /**
   * Up to `max` bytes from `offset` as a range of the shared arena (at most
   * MAX_REF_BYTES), moving the chunks there as needed: the chunk holding
   * `offset`, then each following one that lands in the next page, so that
   * the range is one run of pages. Undefined for a hole, a file smaller
   * than a page (small files keep their chunks), past the end, or when there
   * is no arena or no room in it.
   */
  sharePages(offset: number, max: number): PageReference | undefined {
    if (offset < 0 || offset >= this.size || max <= 0 || this.size < CHUNK) return undefined;
    const first = Math.floor(offset / CHUNK);
    const page = this.shareChunk(first);
    if (page === undefined) return undefined;
    const start = offset - first * CHUNK;
    const limit = Math.min(max, MAX_REF_BYTES - start);
    let pages = 1;
    let length = Math.min(CHUNK, this.size - first * CHUNK) - start;
    // While the run ends at a page's end, the next chunk may follow it.
    while (length < limit && start + length === pages * CHUNK) {
      if (this.shareChunk(first + pages, page + pages) === undefined) break;
      length += Math.min(CHUNK, this.size - (first + pages) * CHUNK);
      pages++;
    }
    return { page, start, length: Math.min(length, limit) };
  }

  /**
   * The arena page of chunk `index`, moving it into one first (page `at`
   * exactly, when given); undefined if it cannot be. A short chunk (the
   * file's last) is zero-filled to the page's end, as it reads.
   */
  private shareChunk(index: number, at?: number): number | undefined {
    const chunk = this.chunks.get(index);
    if (!chunk) return undefined;
    const current = this.shared?.pages.get(index);
    if (current !== undefined) return at === undefined || current === at ? current : undefined;
    const arena = pageArena();
    if (!arena) return undefined;
    const page =
      at === undefined ? this.placeChunk(arena, index) : arena.allocateAt(at) ? at : undefined;
    if (page === undefined) return undefined;
    const view = arena.page(page);
    view.set(chunk);
    view.fill(0, chunk.length);
    this.chunks.set(index, view);
    if (!this.shared) {
      this.shared = { arena, pages: new Map() };
      sharedPagesOwners.register(this, this.shared, this);
    }
    this.shared.pages.set(index, page);
    return page;
  }

  /**
   * A page for chunk `index`: right after the previous chunk's page if it is
   * free, else the start of a run of free pages, so that references can
   * cover many chunks at once (page-arena.ts MAX_REF_BYTES).
   */
  private placeChunk(arena: PageArena, index: number): number | undefined {
    const previous = this.shared?.pages.get(index - 1);
    if (previous !== undefined && arena.allocateAt(previous + 1)) return previous + 1;
    return arena.allocate(MAX_REF_BYTES / CHUNK);
  }

  /**
   * Chunk `index` ready to be changed in place: a chunk whose page a pipe
   * references is first replaced by a private copy (the page is released).
   */
  private ownChunk(index: number): Uint8Array | undefined {
    const chunk = this.chunks.get(index);
    const page = this.shared?.pages.get(index);
    if (!chunk || page === undefined || !this.shared!.arena.isPinned(page)) return chunk;
    const copy = chunk.slice();
    this.chunks.set(index, copy);
    this.dropPage(index);
    return copy;
  }

  /** Chunk `index` no longer lives in its page. */
  private dropPage(index: number): void {
    const shared = this.shared;
    const page = shared?.pages.get(index);
    if (page === undefined) return;
    shared!.pages.delete(index);
    shared!.arena.release(page);
  }

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
      const view = chunk.subarray(offset - first * CHUNK, end - first * CHUNK);
      // A page of the shared arena is shared memory, which browsers refuse
      // to decode, hash or store (TextDecoder, crypto.subtle, IndexedDB):
      // readers get a private copy of it.
      return this.shared?.pages.has(first) ? view.slice() : view;
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
      let chunk = this.ownChunk(index);
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
        if (index * CHUNK >= size) {
          this.chunks.delete(index);
          this.dropPage(index);
        }
      }
      const last = size % CHUNK === 0 ? undefined : this.ownChunk(Math.floor(size / CHUNK));
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
