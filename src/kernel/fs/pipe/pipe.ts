// A pipe (Linux's `struct pipe_inode_info`): 65536 bytes, the default
// capacity of a Linux pipe, kept in a shared ring (ring.ts) that the workers
// of processes holding an fd on the pipe read and write directly; the count
// of read and write ends open on it; and the kernel's waiters to wake when
// data, room or an end comes or goes.
//
// The kernel reaches the bytes through the same ring, under the same locks,
// but never waits for a lock: a lock held by a worker reads as "not now",
// and the worker's signal() when it lets go wakes the kernel's waiters.
// Changes made by workers reach the waiters through Atomics.waitAsync on
// the ring's CHANGES word, armed only while someone waits.
import {
  KERNEL_RING_TOKEN,
  RING_CAPACITY,
  RING_DESCRIPTION_SLOTS,
  RING_I32_BLOCKING,
  RING_I32_CHANGES,
  RING_I32_HEAD,
  RING_I32_LOCK_WANTED,
  RING_I32_READERS,
  RING_I32_READ_LOCK,
  RING_I32_REF_HEAD,
  RING_I32_SLEEPERS,
  RING_I32_WATCHED,
  RING_I32_WRITERS,
  RING_I32_WRITE_LOCK,
  RING_REF_SLOTS,
} from '../../abi/pipe-ring.ts';
import type { BlockingWait } from '../open-file.ts';
import type { PageReference } from '../byte-store.ts';
import { PAGE_SIZE, pageArena } from '../page-arena.ts';
import { PipeRing } from './ring.ts';
import { isStaleHolder } from './ring-tokens.ts';
import { monotonicMilliseconds } from '../../timers.ts';

export const PIPE_CAPACITY = RING_CAPACITY;
/** Writes of at most PIPE_BUF bytes are atomic: never interleaved with others. */
export const PIPE_BUF = 4096;

/**
 * How long the kernel spins on a full ring whose reader makes no progress
 * before it waits the asynchronous way (spinForRoom), at most.
 */
const SPIN_WITHOUT_PROGRESS_MS = 0.15;
/** Below this the budget is spent as nothing: no spin, only the occasional probe. */
const MIN_SPIN_MS = 0.01;
/** While spinning is off, every this many waits for room one spins with the whole budget. */
const PROBE_EVERY = 64;

export class Pipe {
  readonly ring = new PipeRing();
  private readerCount = 0;
  private writerCount = 0;
  /** How many times a read (write) end was opened: a fifo open waits for it to change. */
  readerOpens = 0;
  writerOpens = 0;
  /** Called when the last end closes (a fifo then drops its buffer, as Linux does). */
  onUnused: (() => void) | undefined;
  private readonly waiters = new Set<() => void>();
  /** A waitAsync on CHANGES is pending (or a wake is queued). */
  private armed = false;
  /** CHANGES as first seen since the waiters were last woken: what their decisions rest on. */
  private observed = 0;
  private observing = false;
  /** Which description words (abi/pipe-ring.ts RING_I32_BLOCKING) belong to an open end. */
  private slotsInUse = 0;
  /** How long spinForRoom waits for the reader's progress (adaptive), and its skipped spins. */
  private spinBudget = SPIN_WITHOUT_PROGRESS_MS;
  private skippedSpins = 0;
  /** The arena pages each queued reference pins (first, count), by slot, and how many were queued and unpinned. */
  private readonly refPages: [number, number][] = [];
  private refsQueued = 0;
  private refsUnpinned = 0;

  get readers(): number {
    return this.readerCount;
  }

  set readers(count: number) {
    this.readerCount = count;
    Atomics.store(this.ring.i32, RING_I32_READERS, count);
    this.ring.wakeSleepers();
  }

  get writers(): number {
    return this.writerCount;
  }

  set writers(count: number) {
    this.writerCount = count;
    Atomics.store(this.ring.i32, RING_I32_WRITERS, count);
    this.ring.wakeSleepers();
  }

  /** Bytes buffered, in the ring or in the pages it references. */
  get length(): number {
    this.observe();
    return this.ring.used() + this.ring.refBytes();
  }

  get free(): number {
    this.observe();
    return this.ring.free();
  }

  /**
   * Removes and returns up to `length` bytes (none if the pipe is empty),
   * or undefined when a worker is reading at this moment.
   */
  take(length: number): Uint8Array | undefined {
    this.observe();
    const ring = this.ring;
    if (!this.lock(RING_I32_READ_LOCK)) return undefined;
    let bytes: Uint8Array;
    let count: number;
    const refs = ring.refsQueued();
    const arena = refs > 0 ? pageArena() : undefined;
    if (arena) {
      bytes = new Uint8Array(Math.min(length, ring.refBytes()));
      const pages = new Uint8Array(arena.buffer);
      count = ring.readRefs(pages, bytes.length, (part, at) => bytes.set(part, at));
      if (count < bytes.length) bytes = bytes.subarray(0, count);
      this.unpinConsumed();
    } else {
      count = Math.min(length, ring.used());
      bytes = new Uint8Array(count);
      if (count > 0) {
        ring.copyOut(bytes, 0, 0, count);
        ring.consume(count);
      }
    }
    ring.unlock(RING_I32_READ_LOCK, KERNEL_RING_TOKEN);
    ring.wakeSleepers();
    // Room comes from bytes read, or from references dropped unread (garbage).
    if (count > 0 || ring.refsQueued() < refs) this.wake();
    return bytes;
  }

  /**
   * Appends as much of `data` as there is room for, all or nothing if
   * `atomic`; returns the count written, or undefined when a worker is
   * writing at this moment.
   */
  put(data: Uint8Array, atomic: boolean): number | undefined {
    this.observe();
    const ring = this.ring;
    if (!this.lock(RING_I32_WRITE_LOCK)) return undefined;
    const free = ring.free();
    let count = 0;
    if (atomic ? free >= data.length : free > 0) {
      count = Math.min(free, data.length);
      ring.copyIn(count === data.length ? data : data.subarray(0, count), 0);
      ring.publish(count);
    }
    ring.unlock(RING_I32_WRITE_LOCK, KERNEL_RING_TOKEN);
    ring.wakeSleepers();
    if (count > 0) this.wake();
    return count;
  }

  /**
   * Queues a reference to a range of a page of the shared arena (sendfile),
   * pinning the page until the reader is past it: true if queued; false if
   * the ring holds bytes or every slot is taken; undefined when a worker is
   * writing at this moment.
   */
  queueRef(ref: PageReference): boolean | undefined {
    this.observe();
    const ring = this.ring;
    const arena = pageArena();
    if (!arena) return false;
    if (!this.lock(RING_I32_WRITE_LOCK)) return undefined;
    this.unpinConsumed();
    const room = ring.takesRef();
    if (room) {
      const pages = Math.ceil((ref.start + ref.length) / PAGE_SIZE);
      for (let i = 0; i < pages; i++) arena.pin(ref.page + i);
      this.refPages[this.refsQueued % RING_REF_SLOTS] = [ref.page, pages];
      this.refsQueued++;
      ring.queueRef(ref.page, ref.start, ref.length);
    }
    ring.unlock(RING_I32_WRITE_LOCK, KERNEL_RING_TOKEN);
    if (!room) return false;
    ring.wakeSleepers();
    this.wake();
    return true;
  }

  /** Whether a sendfile may queue a page reference now (no bytes in the ring, a slot free). */
  get refSlotFree(): boolean {
    this.observe();
    return this.ring.takesRef();
  }

  /**
   * Unpins the pages of the references the reader is past (REF_HEAD); the
   * counter is the reader's to move, so it is trusted only up to what was
   * queued. With `all`, unpins every one (the pipe is gone).
   */
  private unpinConsumed(all = false): void {
    if (this.refsUnpinned === this.refsQueued) return;
    const arena = pageArena();
    if (!arena) return;
    const outstanding = this.refsQueued - this.refsUnpinned;
    const read = all ? outstanding : Math.min(outstanding, this.readRefsCount());
    for (let i = 0; i < read; i++) {
      const [first, pages] = this.refPages[this.refsUnpinned % RING_REF_SLOTS]!;
      for (let page = first; page < first + pages; page++) arena.unpin(page);
      this.refsUnpinned++;
    }
  }

  /** How many of the outstanding references the ring says were read. */
  private readRefsCount(): number {
    const head = Atomics.load(this.ring.i32, RING_I32_REF_HEAD);
    return (head - this.refsUnpinned) >>> 0;
  }

  /**
   * Resolves at the next change (data, space, an end opened or closed),
   * waiting through `wait` when given, so that the wait can be interrupted
   * (its registration is then removed).
   */
  changed(wait?: BlockingWait): Promise<void> {
    let cancel = (): void => {};
    const change = new Promise<void>((resolve) => {
      cancel = this.onChange(resolve);
    });
    return wait ? wait(change, cancel) : change;
  }

  /** Calls `wake` once at the next change; returns a canceller (for poll). */
  onChange(wake: () => void): () => void {
    const waiter = (): void => wake();
    this.waiters.add(waiter);
    this.arm();
    return () => this.waiters.delete(waiter);
  }

  wake(): void {
    this.observing = false;
    if (this.waiters.size === 0) return;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const waiter of waiters) waiter();
  }

  /**
   * Waits synchronously, spinning on the ring's HEAD, until there are at
   * least `room` bytes free: true then, and also once no reader is left
   * (for the caller's EPIPE). False, so that the caller waits the
   * asynchronous way, as soon as spinning cannot help or would keep others
   * waiting: a worker sleeps on the ring (the reader is not draining it), a
   * waiter of the kernel's own is queued (it runs only once this thread
   * returns to its event loop), the reader made no progress for the spin
   * budget, or `deadline` (monotonicMilliseconds()) passed.
   *
   * The budget adapts as the syscall channel's spin does (worker/
   * syscall-client.ts): a spin that ends without progress halves it, one
   * that gets its room doubles it back, up to SPIN_WITHOUT_PROGRESS_MS.
   * On oversubscribed cores the reader is often not running at all and a
   * spinning kernel only takes the core it needs; the budget then falls
   * below MIN_SPIN_MS and the kernel spins (with the whole budget) only
   * once every PROBE_EVERY waits, to notice when the cores are free again.
   */
  spinForRoom(room: number, deadline: number): boolean {
    // Page references queued keep the reader busy for a while, and it
    // signals as each one is done: nothing to gain by spinning, and the
    // spin would pull the ring's header away from the reader's core.
    if (this.ring.refsQueued() > 0) return false;
    const probing = this.spinBudget < MIN_SPIN_MS;
    if (probing && ++this.skippedSpins % PROBE_EVERY !== 0) return false;
    const budget = probing ? SPIN_WITHOUT_PROGRESS_MS : this.spinBudget;
    const ring = this.ring;
    const i32 = ring.i32;
    let head = Atomics.load(i32, RING_I32_HEAD);
    let stall = monotonicMilliseconds() + budget;
    for (let check = 1; ; check++) {
      if (ring.free() >= room || this.readerCount === 0) {
        this.spinBudget = Math.min(SPIN_WITHOUT_PROGRESS_MS, budget * 2);
        return true;
      }
      if (Atomics.load(i32, RING_I32_SLEEPERS) !== 0 || this.waiters.size !== 0) return false;
      if ((check & 63) === 0) {
        const now = monotonicMilliseconds();
        if (now >= deadline) return false;
        const moved = Atomics.load(i32, RING_I32_HEAD);
        if (moved !== head) {
          head = moved;
          stall = now + budget;
        } else if (now >= stall) {
          if (!probing) this.spinBudget = budget / 2;
          return false;
        }
      }
    }
  }

  /** A description word for a new end, or -1 when all are taken. */
  takeSlot(): number {
    for (let slot = 0; slot < RING_DESCRIPTION_SLOTS; slot++) {
      if ((this.slotsInUse & (1 << slot)) === 0) {
        this.slotsInUse |= 1 << slot;
        return slot;
      }
    }
    return -1;
  }

  releaseSlot(slot: number): void {
    if (slot >= 0) this.slotsInUse &= ~(1 << slot);
  }

  /** Tells workers whether the end owning `slot` blocks. */
  setBlocking(slot: number, blocking: boolean): void {
    if (slot >= 0) Atomics.store(this.ring.i32, RING_I32_BLOCKING + slot, blocking ? 1 : 0);
  }

  /** The last end closed: pinned pages go, and a pending watch on the ring ends, so the ring can be collected. */
  closed(): void {
    this.unpinConsumed(true);
    if (this.armed) Atomics.notify(this.ring.i32, RING_I32_CHANGES);
  }

  /** Takes a ring lock for the kernel, taking it back from a program that died holding it. */
  private lock(word: number): boolean {
    const ring = this.ring;
    const i32 = ring.i32;
    if (!ring.tryLock(word, KERNEL_RING_TOKEN)) {
      const holder = Atomics.load(i32, word);
      if (
        !isStaleHolder(holder) ||
        Atomics.compareExchange(i32, word, holder, KERNEL_RING_TOKEN) !== holder
      ) {
        Atomics.store(i32, RING_I32_LOCK_WANTED, 1);
        return false;
      }
    }
    if (Atomics.load(i32, RING_I32_LOCK_WANTED) !== 0) Atomics.store(i32, RING_I32_LOCK_WANTED, 0);
    return true;
  }

  /** Notes CHANGES before the kernel reads the ring, for arm() to compare. */
  private observe(): void {
    if (this.observing) return;
    this.observed = Atomics.load(this.ring.i32, RING_I32_CHANGES);
    this.observing = true;
  }

  /**
   * Watches the ring for a worker's change while someone waits. The flag is
   * set before CHANGES is read (see PipeRing.signal); a change since the
   * waiters looked at the ring wakes them at once.
   */
  private arm(): void {
    if (this.armed) return;
    const i32 = this.ring.i32;
    Atomics.store(i32, RING_I32_WATCHED, 1);
    const now = Atomics.load(i32, RING_I32_CHANGES);
    const seen = this.observing ? this.observed : now;
    this.observing = false;
    this.armed = true;
    const waiting = now === seen ? Atomics.waitAsync(i32, RING_I32_CHANGES, now) : undefined;
    if (waiting?.async) void waiting.value.then(this.ringChanged);
    else void Promise.resolve().then(this.ringChanged);
  }

  private readonly ringChanged = (): void => {
    this.armed = false;
    Atomics.store(this.ring.i32, RING_I32_WATCHED, 0);
    this.wake();
  };
}
