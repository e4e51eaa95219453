// The fast path of pipes, in the worker: fd_read and fd_write on an fd the
// kernel's fd map (abi/channel.ts) names as a pipe end copy straight between
// the program's memory and the pipe's shared ring (kernel/fs/pipe/ring.ts)
// while there are bytes or room. Everything else - an empty or full ring,
// no reader left (EPIPE and SIGPIPE), end of file, O_NONBLOCK's EAGAIN,
// blocking and its signals - is the kernel's, reached by the ordinary
// syscall, which sees the same ring.
import { FD_MAP_FDS, fdMapRing, fdMapSlot } from '../kernel/abi/channel.ts';
import {
  RING_I32_BLOCKING,
  RING_I32_LOCK_WANTED,
  RING_I32_READERS,
  RING_I32_READ_LOCK,
  RING_I32_WRITERS,
  RING_I32_WRITE_LOCK,
  RING_REF_SLOTS,
} from '../kernel/abi/pipe-ring.ts';
import { PipeRing } from '../kernel/fs/pipe/ring.ts';
import type { IoVectors } from './io-vectors.ts';

/** Writes of at most this many bytes go in whole or not at all (Linux's PIPE_BUF). */
const PIPE_BUF = 4096;

/**
 * How many times a reader (writer) looks at an empty (full) ring before it
 * sleeps on the ring: about 10 µs, in which a peer on the other core
 * usually brings the next chunk (or takes one), saving a thread wake-up.
 */
const SPIN_CHECKS = 2000;

/**
 * How long a worker sleeps on the ring itself, woken directly by the peer
 * that fills or drains it (one wake-up, no kernel in between), before it
 * makes the syscall that waits in the kernel. The kernel's wait is the one
 * that signals, SIGSTOP and the fifo rules can interrupt, so this bounds
 * how late a handled signal reaches a process blocked on a pipe.
 */
const SLEEP_MILLISECONDS = 2;

/** How long one large write may go on waiting for room in the worker before the kernel takes the rest. */
const WRITE_MILLISECONDS = 10;

export class PipeRings {
  private readonly rings: PipeRing[];
  /** The shared page arena, as it grows (a length-tracking view). */
  private readonly pages: Uint8Array | undefined;

  constructor(
    private readonly fdMap: Int32Array,
    buffers: readonly SharedArrayBuffer[],
    private readonly token: number,
    /** The channel's waited counter (abi/channel.ts): sleeps here are not CPU time. */
    private readonly waited?: BigInt64Array,
    /** The page arena that page references in the rings point into (kernel/fs/page-arena.ts). */
    pageArena?: SharedArrayBuffer,
  ) {
    this.rings = buffers.map((buffer) => new PipeRing(buffer));
    this.pages = pageArena && new Uint8Array(pageArena);
  }

  /** The fd map entry of `fd` if it is a pipe end open for `access` (FD_MAP_READ, FD_MAP_WRITE), or 0. */
  entry(fd: number, access: number): number {
    if (fd < 0 || fd >= FD_MAP_FDS || this.rings.length === 0) return 0;
    const entry = this.fdMap[fd]!;
    return (entry & access) === 0 ? 0 : entry;
  }

  /**
   * Copies up to vectors.total bytes of the ring, or of the pages it
   * references, into the vectors; returns the count, or 0 when the kernel
   * must answer (empty ring: wait, end of file or EAGAIN; another reader
   * copying; page references without the arena).
   */
  read(entry: number, memory: Uint8Array, vectors: IoVectors): number {
    const ring = this.rings[fdMapRing(entry)];
    if (!ring || vectors.total === 0) return 0;
    if (
      !ring.hasData() &&
      !(blocks(ring, entry) && awaitRing(ring, hasData, noWriter, this.waited))
    ) {
      return 0;
    }
    if (!ring.tryLock(RING_I32_READ_LOCK, this.token)) return 0;
    const slots = ring.refsQueued();
    if (slots > 0) {
      if (!this.pages) {
        ring.unlock(RING_I32_READ_LOCK, this.token);
        return 0;
      }
      const count = ring.readRefs(this.pages!, vectors.total, (part, at) =>
        copyIntoVectors(memory, vectors, part, at),
      );
      ring.unlock(RING_I32_READ_LOCK, this.token);
      // The kernel hears of it once half the slots are free (a sendfile
      // then queues eight references at one wake-up; a writer waits for
      // all of them to go) or when it waits for the lock: a read that
      // ends inside a reference, or frees one slot of many, would wake it
      // for nothing, and a wake-up costs more than the copy.
      const left = ring.refsQueued();
      if (
        (left < slots && left <= RING_REF_SLOTS / 2) ||
        Atomics.load(ring.i32, RING_I32_LOCK_WANTED) !== 0
      ) {
        ring.signal();
      }
      return count;
    }
    const count = this.readBytes(ring, memory, vectors);
    ring.unlock(RING_I32_READ_LOCK, this.token);
    ring.signal();
    return count;
  }

  /** The ring's bytes into the vectors (the caller holds the read lock). */
  private readBytes(ring: PipeRing, memory: Uint8Array, vectors: IoVectors): number {
    const count = Math.min(ring.used(), vectors.total);
    let done = 0;
    for (let i = 0; i < vectors.count && done < count; i++) {
      const n = Math.min(vectors.length(i), count - done);
      ring.copyOut(memory, vectors.base(i), done, n);
      done += n;
    }
    ring.consume(count);
    return count;
  }

  /**
   * Copies the vectors' bytes into the ring: all of them if they fit, and
   * for a write larger than PIPE_BUF as many as fit, then more as the
   * reader makes room (a blocking write waits for room as in the kernel,
   * for at most WRITE_MILLISECONDS in all). Returns the count; the rest is
   * the kernel's (it waits for room, or answers EPIPE or EAGAIN).
   */
  write(entry: number, memory: Uint8Array, vectors: IoVectors): number {
    const ring = this.rings[fdMapRing(entry)];
    const total = vectors.total;
    if (!ring || total === 0) return 0;
    const atomic = total <= PIPE_BUF;
    let done = 0;
    let deadline = 0;
    while (done < total) {
      if (Atomics.load(ring.i32, RING_I32_READERS) === 0) break;
      const need = atomic ? total : 1;
      if (ring.free() < need) {
        if (!blocks(ring, entry)) break;
        if (done > 0) {
          // A large write that goes on in the worker: bounded, so that a
          // signal reaches a writer that keeps finding room late at worst
          // by this much (the kernel's wait is the one signals interrupt).
          const now = performance.now();
          if (deadline === 0) deadline = now + WRITE_MILLISECONDS;
          else if (now > deadline) break;
        }
        if (!awaitRing(ring, atomic ? hasRoomFor(total) : hasRoom, noReader, this.waited)) break;
      }
      if (!ring.tryLock(RING_I32_WRITE_LOCK, this.token)) break;
      const free = ring.free();
      const count = atomic ? (free >= total ? total : 0) : Math.min(free, total - done);
      copyVectorsIn(ring, memory, vectors, done, count);
      ring.publish(count);
      ring.unlock(RING_I32_WRITE_LOCK, this.token);
      ring.signal();
      if (count === 0) break;
      done += count;
    }
    return done;
  }
}

/** Copies `count` bytes of the vectors, from byte `from` of them, to the ring's free space. */
function copyVectorsIn(
  ring: PipeRing,
  memory: Uint8Array,
  vectors: IoVectors,
  from: number,
  count: number,
): void {
  vectors.spans(from, count, (base, done, n) => ring.copyIn(memory.subarray(base, base + n), done));
}

/** Copies `part` into the vectors, starting `at` bytes into them. */
function copyIntoVectors(
  memory: Uint8Array,
  vectors: IoVectors,
  part: Uint8Array,
  at: number,
): void {
  vectors.spans(at, part.length, (base, done, n) =>
    memory.set(n === part.length ? part : part.subarray(done, done + n), base),
  );
}

/** True if the fd's open end blocks (no O_NONBLOCK): only then may the worker wait on the ring. */
const blocks = (ring: PipeRing, entry: number): boolean => {
  const slot = fdMapSlot(entry);
  return slot >= 0 && Atomics.load(ring.i32, RING_I32_BLOCKING + slot) === 1;
};

const hasData = (ring: PipeRing): boolean => ring.hasData();
const hasRoom = (ring: PipeRing): boolean => ring.free() > 0;
const hasRoomFor =
  (count: number) =>
  (ring: PipeRing): boolean =>
    ring.free() >= count;
const noWriter = (ring: PipeRing): boolean => Atomics.load(ring.i32, RING_I32_WRITERS) === 0;
const noReader = (ring: PipeRing): boolean => Atomics.load(ring.i32, RING_I32_READERS) === 0;

/**
 * Waits, spinning then sleeping on the ring, until `ready` (true) or `gone`
 * or the time is up (false: the kernel takes over).
 */
function awaitRing(
  ring: PipeRing,
  ready: (ring: PipeRing) => boolean,
  gone: (ring: PipeRing) => boolean,
  waited: BigInt64Array | undefined,
): boolean {
  for (let i = 0; i < SPIN_CHECKS; i++) {
    if (ready(ring)) return true;
    if (gone(ring)) return false;
  }
  const start = performance.now();
  const done = sleepOnRing(ring, ready, gone, start + SLEEP_MILLISECONDS);
  // Only this sleeping path pays for the clock: the kernel counts the
  // time as waited, not as CPU time (cgroup/task-usage.ts).
  if (waited) Atomics.add(waited, 0, BigInt(Math.round((performance.now() - start) * 1000)));
  return done;
}

/** The sleeping half of awaitRing: until `ready` (true), `gone` or the deadline (false). */
function sleepOnRing(
  ring: PipeRing,
  ready: (ring: PipeRing) => boolean,
  gone: (ring: PipeRing) => boolean,
  deadline: number,
): boolean {
  const blocked = (): boolean => !ready(ring) && !gone(ring);
  for (;;) {
    const left = deadline - performance.now();
    if (left <= 0) return false;
    ring.sleep(blocked, left);
    if (ready(ring)) return true;
    if (gone(ring)) return false;
  }
}
