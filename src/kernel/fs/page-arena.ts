// The shared part of the page cache: one SharedArrayBuffer of
// 64 KiB pages that every process's worker is given when a program starts
// with pipe rings (worker/pipe-rings.ts). A tmpfs chunk moves into a page
// the first time sendfile passes it to a pipe (byte-store.ts sharePages); the
// pipe then carries a reference to the page instead of a copy of its bytes,
// and the reader's worker copies straight from the page into the program's
// memory: one copy in one thread, as a read of the page cache is on Linux
// (docs/design/pipes.md, "Sixth look").
//
// Why one buffer made up front: a worker running a program never returns to
// its event loop, so it cannot be sent memory made later. By default it is
// a plain SharedArrayBuffer of the whole size, whose pages the system
// commits only as they are first touched (Node: calloc'd, so mapped, not
// written); the browser's platform makes it a growable one instead
// (setPageArenaMemory), which reserves address space once and whose growth
// every thread sees, where a browser might count a whole 1 GiB buffer
// against the page at once.

/** Bytes per page: tmpfs's chunk, and a wasm page. */
export const PAGE_SIZE = 65536;
/**
 * The most one page reference covers: 32 pages, 2 MiB, Linux's largest
 * folio on x86-64 (one PMD), which one of its pipe buffers may hold.
 */
export const MAX_REF_BYTES = 32 * PAGE_SIZE;
/** Address space reserved for the arena (1 GiB); files past it are copied, not shared. */
const MAX_PAGES = 16384;
/** Pages added at each growth: growing is a call into the engine, not free. */
const GROW_PAGES = 16;

/** Makes the arena's memory: a SharedArrayBuffer that holds, or can grow to, `bytes`. */
export type ArenaMemory = (bytes: number) => SharedArrayBuffer;

/** All of it at once (the default): pages are committed as they are first touched. */
export const wholeArenaMemory: ArenaMemory = (bytes) => new SharedArrayBuffer(bytes);

/** Address space reserved, memory added as pages are handed out. */
export const growableArenaMemory: ArenaMemory = (bytes) =>
  new SharedArrayBuffer(0, { maxByteLength: bytes });

let arenaMemory = wholeArenaMemory;

/** Chooses how the arena's memory is made; a platform calls it before the first kernel runs. */
export function setPageArenaMemory(make: ArenaMemory): void {
  arenaMemory = make;
}

export class PageArena {
  readonly buffer: SharedArrayBuffer;
  /** Pages handed out at least once; the ones below it not in use are in `freed`. */
  private used = 0;
  private readonly freed = new Set<number>();
  private readonly pins = new Map<number, number>();
  /** Pages released while pinned: freed when the last pin goes. */
  private readonly released = new Set<number>();

  constructor(maxPages = MAX_PAGES, make: ArenaMemory = arenaMemory) {
    this.buffer = make(maxPages * PAGE_SIZE);
  }

  /**
   * A page for the caller's bytes (its old contents are anyone's) that
   * starts a run of `run` free pages if there is one, so that the chunks
   * after it can follow (allocateAt) and one reference cover them all: a
   * freed run that long, else a new page at the end, else the start of the
   * longest freed run. Undefined when the arena is full.
   */
  allocate(run = 1): number | undefined {
    let longest = -1;
    let longestLength = 0;
    for (const page of this.freed) {
      if (this.freed.has(page - 1)) continue; // inside a run, not its start
      let length = 1;
      while (length < run && this.freed.has(page + length)) length++;
      if (length < run && page + length === this.used) length = run; // new pages follow it
      if (length >= run) {
        this.freed.delete(page);
        return page;
      }
      if (length > longestLength) {
        longest = page;
        longestLength = length;
      }
    }
    if (this.allocateAt(this.used)) return this.used - 1;
    if (longest < 0) return undefined;
    this.freed.delete(longest);
    return longest;
  }

  /**
   * Takes page `index` if it is free: how a file's next chunk goes right
   * after its last one, so that one reference can cover both.
   */
  allocateAt(index: number): boolean {
    if (this.freed.delete(index)) return true;
    if (index !== this.used) return false;
    const max = this.buffer.maxByteLength;
    const end = (this.used + 1) * PAGE_SIZE;
    if (end > max) return false;
    if (end > this.buffer.byteLength) {
      this.buffer.grow(Math.min(max, (this.used + GROW_PAGES) * PAGE_SIZE));
    }
    this.used++;
    return true;
  }

  /** The page's bytes. */
  page(index: number): Uint8Array {
    return new Uint8Array(this.buffer, index * PAGE_SIZE, PAGE_SIZE);
  }

  /** The owner lets go of the page: free now, or once no pipe references it. */
  release(index: number): void {
    if (this.pins.has(index)) this.released.add(index);
    else this.freed.add(index);
  }

  pin(index: number): void {
    this.pins.set(index, (this.pins.get(index) ?? 0) + 1);
  }

  unpin(index: number): void {
    const count = (this.pins.get(index) ?? 0) - 1;
    if (count > 0) {
      this.pins.set(index, count);
      return;
    }
    this.pins.delete(index);
    if (this.released.delete(index)) this.freed.add(index);
  }

  isPinned(index: number): boolean {
    return this.pins.has(index);
  }

  /** Pages in use (allocated and not freed), for tests and /proc. */
  get pagesInUse(): number {
    return this.used - this.freed.size;
  }
}

let arena: PageArena | undefined;
let unavailable = false;

/**
 * The kernel thread's arena, made at first use; undefined where its memory
 * cannot be had (sendfile then copies, as before).
 */
export function pageArena(): PageArena | undefined {
  if (arena || unavailable) return arena;
  try {
    arena = new PageArena();
  } catch {
    arena = undefined;
    unavailable = true;
  }
  return arena;
}
