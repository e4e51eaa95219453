// Operations on a pipe's shared ring (abi/pipe-ring.ts), the same for the
// kernel and for workers. Bytes are copied in or out under the matching
// lock and then published by moving TAIL or HEAD, so a reader never sees a
// half-copied write and two writers never interleave inside one copy
// (PIPE_BUF atomicity).
import {
  RING_BUFFER_SIZE,
  RING_CAPACITY,
  RING_HEADER_SIZE,
  RING_I32_CHANGES,
  RING_I32_HEAD,
  RING_I32_REF_HEAD,
  RING_I32_REF_READ,
  RING_I32_REF_SKIP,
  RING_I32_REF_TAIL,
  RING_I32_REFS,
  RING_I32_SLEEPERS,
  RING_I32_TAIL,
  RING_I32_WATCHED,
  RING_REF_SLOTS,
  RING_REF_WORDS,
} from '../../abi/pipe-ring.ts';
import { MAX_REF_BYTES, PAGE_SIZE } from '../page-arena.ts';

const MASK = RING_CAPACITY - 1;

export class PipeRing {
  readonly i32: Int32Array;
  readonly data: Uint8Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(RING_BUFFER_SIZE)) {
    this.i32 = new Int32Array(buffer, 0, RING_HEADER_SIZE / 4);
    this.data = new Uint8Array(buffer, RING_HEADER_SIZE, RING_CAPACITY);
  }

  /** Bytes buffered. Counters that claim more than the capacity are clamped to it. */
  used(): number {
    const count =
      (Atomics.load(this.i32, RING_I32_TAIL) - Atomics.load(this.i32, RING_I32_HEAD)) >>> 0;
    return count > RING_CAPACITY ? RING_CAPACITY : count;
  }

  /** Room for bytes: none while page references are queued (abi/pipe-ring.ts). */
  free(): number {
    return this.refsQueued() > 0 ? 0 : RING_CAPACITY - this.used();
  }

  /** Page references queued and not yet read, clamped to the slots. */
  refsQueued(): number {
    const count =
      (Atomics.load(this.i32, RING_I32_REF_TAIL) - Atomics.load(this.i32, RING_I32_REF_HEAD)) >>> 0;
    return count > RING_REF_SLOTS ? RING_REF_SLOTS : count;
  }

  /** Whether a page reference may be queued: no bytes in the ring (they would be overtaken), a slot free. */
  takesRef(): boolean {
    return this.used() === 0 && this.refsQueued() < RING_REF_SLOTS;
  }

  /** Whether a reader finds anything: bytes or page references. */
  hasData(): boolean {
    return this.used() > 0 || this.refsQueued() > 0;
  }

  /** Bytes the queued references still carry. */
  refBytes(): number {
    const i32 = this.i32;
    const head = Atomics.load(i32, RING_I32_REF_HEAD);
    let bytes = 0;
    for (let i = 0, n = this.refsQueued(); i < n; i++) {
      const length = i32[refWord(head + i) + 2]!;
      if (length > 0 && length <= MAX_REF_BYTES) bytes += length;
    }
    return Math.max(0, bytes - Atomics.load(i32, RING_I32_REF_SKIP));
  }

  /**
   * Queues a reference to `length` bytes at `start` of arena page `page`
   * (running on through the pages after it).
   * The caller holds the write lock and has checked that the ring holds no
   * bytes and a slot is free.
   */
  queueRef(page: number, start: number, length: number): void {
    const i32 = this.i32;
    const tail = Atomics.load(i32, RING_I32_REF_TAIL);
    const at = refWord(tail);
    i32[at] = page;
    i32[at + 1] = start;
    i32[at + 2] = length;
    Atomics.store(i32, RING_I32_REF_TAIL, tail + 1);
  }

  /**
   * Reads up to `max` bytes of the queued references out of `arena` (the
   * shared pages), handing each piece to `sink` with its offset in what is
   * read, and consumes them; returns the count. The caller holds the read
   * lock. A reference that does not lie inside the arena or is longer than
   * MAX_REF_BYTES (a header someone overwrote) is dropped unread.
   */
  readRefs(arena: Uint8Array, max: number, sink: (part: Uint8Array, at: number) => void): number {
    const i32 = this.i32;
    let done = 0;
    while (this.refsQueued() > 0) {
      const head = Atomics.load(i32, RING_I32_REF_HEAD);
      const at = refWord(head);
      const page = i32[at]!;
      const start = i32[at + 1]!;
      const length = i32[at + 2]!;
      const skip = Atomics.load(i32, RING_I32_REF_SKIP);
      const valid =
        page >= 0 &&
        start >= 0 &&
        start < PAGE_SIZE &&
        length > 0 &&
        length <= MAX_REF_BYTES &&
        skip >= 0 &&
        skip < length &&
        page * PAGE_SIZE + start + length <= arena.length;
      if (valid && done >= max) break;
      const count = valid ? Math.min(length - skip, max - done) : 0;
      if (count > 0) {
        const from = page * PAGE_SIZE + start + skip;
        sink(arena.subarray(from, from + count), done);
      }
      done += count;
      if (valid && skip + count < length) {
        Atomics.store(i32, RING_I32_REF_SKIP, skip + count);
      } else {
        Atomics.store(i32, RING_I32_REF_SKIP, 0);
        Atomics.store(i32, RING_I32_REF_HEAD, head + 1);
      }
    }
    Atomics.add(i32, RING_I32_REF_READ, done);
    return done;
  }

  /** Takes the lock in `word` for `token`; false if someone holds it (never waits). */
  tryLock(word: number, token: number): boolean {
    return Atomics.compareExchange(this.i32, word, 0, token) === 0;
  }

  unlock(word: number, token: number): void {
    Atomics.compareExchange(this.i32, word, token, 0);
  }

  /**
   * Copies `bytes` into the ring `offset` bytes past the tail, without
   * publishing them. The caller holds the write lock and has checked that
   * offset + length fits in free().
   */
  copyIn(bytes: Uint8Array, offset: number): void {
    const at = (Atomics.load(this.i32, RING_I32_TAIL) + offset) & MASK;
    const first = Math.min(bytes.length, RING_CAPACITY - at);
    this.data.set(first === bytes.length ? bytes : bytes.subarray(0, first), at);
    if (first < bytes.length) this.data.set(bytes.subarray(first), 0);
  }

  /** Makes `count` copied bytes readable. */
  publish(count: number): void {
    Atomics.add(this.i32, RING_I32_TAIL, count);
  }

  /**
   * Copies `count` bytes starting `offset` bytes past the head into
   * `target` at `targetOffset`, without consuming them. The caller holds the
   * read lock and has checked that offset + count fits in used().
   */
  copyOut(target: Uint8Array, targetOffset: number, offset: number, count: number): void {
    const at = (Atomics.load(this.i32, RING_I32_HEAD) + offset) & MASK;
    const first = Math.min(count, RING_CAPACITY - at);
    target.set(this.data.subarray(at, at + first), targetOffset);
    if (first < count) target.set(this.data.subarray(0, count - first), targetOffset + first);
  }

  /** Frees `count` bytes read with copyOut. */
  consume(count: number): void {
    Atomics.add(this.i32, RING_I32_HEAD, count);
  }

  /**
   * Tells the kernel and sleeping workers that a worker changed the ring
   * (bytes, room, a lock let go). The counter moves first and the flags are
   * read after, while a sleeper sets its flag before it reads the counter:
   * one of the two sees the other.
   */
  signal(): void {
    const i32 = this.i32;
    Atomics.add(i32, RING_I32_CHANGES, 1);
    if (Atomics.load(i32, RING_I32_WATCHED) !== 0 || Atomics.load(i32, RING_I32_SLEEPERS) !== 0) {
      Atomics.notify(i32, RING_I32_CHANGES);
    }
  }

  /**
   * Wakes workers asleep on the ring after the kernel changed it. The
   * counter moves only if someone sleeps: a sleeper that registers later
   * sees the change when it looks at the ring, and the kernel's own watch
   * is not woken by the kernel's own changes for nothing.
   */
  wakeSleepers(): void {
    const i32 = this.i32;
    if (Atomics.load(i32, RING_I32_SLEEPERS) === 0) return;
    Atomics.add(i32, RING_I32_CHANGES, 1);
    Atomics.notify(i32, RING_I32_CHANGES);
  }

  /**
   * Sleeps (a worker, never the kernel) until the ring changes, `blocked()`
   * turns false, or `milliseconds` pass.
   */
  sleep(blocked: () => boolean, milliseconds: number): void {
    const i32 = this.i32;
    Atomics.add(i32, RING_I32_SLEEPERS, 1);
    const seen = Atomics.load(i32, RING_I32_CHANGES);
    if (blocked()) Atomics.wait(i32, RING_I32_CHANGES, seen, milliseconds);
    Atomics.sub(i32, RING_I32_SLEEPERS, 1);
  }
}

/** The first word of the reference slot for reference number `n`. */
function refWord(n: number): number {
  return RING_I32_REFS + (n & (RING_REF_SLOTS - 1)) * RING_REF_WORDS;
}
