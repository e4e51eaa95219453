// The read window in the worker (abi/read-window.ts): fd_read on the fd the
// kernel lent the window for copies the bytes the kernel put there straight
// into the program's memory and moves the cursor, with no syscall. A
// window taken back, end of file, or a kernel that does not fill it in
// time: the ordinary syscall answers, and the kernel lends the window again
// from there.
import {
  READ_WINDOW_SIZE,
  WINDOW_I32_CURSOR,
  WINDOW_I32_END,
  WINDOW_I32_FD,
  WINDOW_I32_FILLED,
  WINDOW_I32_WAITING,
} from '../kernel/abi/read-window.ts';
import { I32_KERNEL_ASLEEP, I32_STATE, type ChannelViews } from '../kernel/abi/channel.ts';
import type { IoVectors } from './io-vectors.ts';

const MASK = READ_WINDOW_SIZE - 1;

/**
 * How many times to look for bytes the kernel is still copying into an
 * empty window (a few µs: it fills 64 KiB in about that when it has a
 * core) before sleeping until it has filled more, at most
 * WAIT_MILLISECONDS. Sleeping rather than spinning leaves the core to the
 * kernel when the cores are oversubscribed; the syscall comes only after.
 */
const SPIN_CHECKS = 1000;
const WAIT_MILLISECONDS = 2;

/**
 * When fewer bytes than this are left in the window and the kernel sleeps,
 * the worker wakes it to fill on while the program reads what is there.
 */
const LOW_WATER = READ_WINDOW_SIZE / 2;

export class ReadWindowReader {
  private readonly i32: Int32Array;
  private readonly channel: Int32Array;
  private readonly data: Uint8Array;

  constructor(views: ChannelViews) {
    this.i32 = views.windowI32;
    this.channel = views.i32;
    this.data = views.windowData;
  }

  /** True if the window serves `fd` now (a cheap check before read()). */
  serves(fd: number): boolean {
    return Atomics.load(this.i32, WINDOW_I32_FD) === fd;
  }

  /**
   * Copies up to vectors.total bytes of the window into the vectors and
   * counts them as read; returns the count, or 0 when the kernel must
   * answer (the window taken back, before or during the copy, whose bytes
   * then count for nothing; the end of what was lent; a kernel too slow).
   */
  read(memory: Uint8Array, vectors: IoVectors): number {
    const i32 = this.i32;
    const cursor = Atomics.load(i32, WINDOW_I32_CURSOR);
    if (cursor < 0 || vectors.total === 0) return 0;
    let filled = Atomics.load(i32, WINDOW_I32_FILLED);
    if (filled <= cursor) {
      if (cursor >= Atomics.load(i32, WINDOW_I32_END)) return 0;
      this.wakeKernel();
      filled = this.awaitFill(cursor);
      if (filled <= cursor || Atomics.load(i32, WINDOW_I32_CURSOR) !== cursor) return 0;
    }
    const available = filled - cursor;
    if (available > READ_WINDOW_SIZE) return 0;
    const count = Math.min(available, vectors.total);
    const data = this.data;
    let done = 0;
    for (let i = 0; i < vectors.count && done < count; i++) {
      let target = vectors.base(i);
      let left = Math.min(vectors.length(i), count - done);
      while (left > 0) {
        const at = (cursor + done) & MASK;
        const n = Math.min(left, READ_WINDOW_SIZE - at);
        memory.set(data.subarray(at, at + n), target);
        target += n;
        left -= n;
        done += n;
      }
    }
    if (Atomics.compareExchange(i32, WINDOW_I32_CURSOR, cursor, cursor + count) !== cursor) {
      return 0;
    }
    if (available - count < LOW_WATER && filled < Atomics.load(i32, WINDOW_I32_END)) {
      this.wakeKernel();
    }
    return count;
  }

  /** Spins, then sleeps, until the kernel fills past `cursor` or the time is up; returns FILLED. */
  private awaitFill(cursor: number): number {
    const i32 = this.i32;
    let filled = Atomics.load(i32, WINDOW_I32_FILLED);
    for (let i = 0; i < SPIN_CHECKS && filled <= cursor; i++) {
      filled = Atomics.load(i32, WINDOW_I32_FILLED);
    }
    if (filled > cursor) return filled;
    const deadline = performance.now() + WAIT_MILLISECONDS;
    Atomics.store(i32, WINDOW_I32_WAITING, 1);
    for (;;) {
      filled = Atomics.load(i32, WINDOW_I32_FILLED);
      const left = deadline - performance.now();
      if (filled > cursor || left <= 0 || Atomics.load(i32, WINDOW_I32_CURSOR) !== cursor) break;
      Atomics.wait(i32, WINDOW_I32_FILLED, filled, left);
    }
    Atomics.store(i32, WINDOW_I32_WAITING, 0);
    return filled;
  }

  /**
   * Wakes a sleeping kernel without a syscall: it fills the window whenever
   * it looks at the channel (syscalls/channel-server.ts), and a notify on
   * the channel's state word makes it look.
   */
  private wakeKernel(): void {
    if (Atomics.load(this.channel, I32_KERNEL_ASLEEP) !== 0) {
      Atomics.notify(this.channel, I32_STATE);
    }
  }
}
