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
  RING_I32_SLEEPERS,
  RING_I32_TAIL,
  RING_I32_WATCHED,
} from '../../abi/pipe-ring.ts';

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

  free(): number {
    return RING_CAPACITY - this.used();
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
