// The objects of one kind (queues, semaphore sets or segments) in one IPC
// namespace, as Linux's ipc_ids: an index allocated cyclically below the
// kind's limit (msgmni, semmni, shmmni), a sequence number bumped when the
// index wraps back, id = seq * SEQ_MULTIPLIER + index, and a key lookup.
// ipcget() (the xxxget calls' common part) is here too.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { Process } from '../proc/process.ts';
import type { IpcObject } from './ipc-object.ts';
import { IPC_CREAT, IPC_EXCL, IPC_PRIVATE, SEQ_MAX, SEQ_MULTIPLIER } from './limits.ts';

export class IpcIds<T extends IpcObject> {
  private readonly byIndex = new Map<number, T>();
  private seq = 0;
  private lastIndex = -1;

  constructor(private readonly max: () => number) {}

  /** The next id to give, or undefined when `max` objects exist (ENOSPC). */
  allocateId(): number | undefined {
    const max = Math.min(this.max(), SEQ_MULTIPLIER);
    if (this.byIndex.size >= max) return undefined;
    let index = this.lastIndex + 1;
    for (let tries = 0; tries < max; tries++, index++) {
      if (index >= max) index = 0;
      if (this.byIndex.has(index)) continue;
      // idr_alloc_cyclic came back to or below the last index: next sequence.
      if (index <= this.lastIndex) this.seq = this.seq + 1 >= SEQ_MAX ? 0 : this.seq + 1;
      this.lastIndex = index;
      return this.seq * SEQ_MULTIPLIER + index;
    }
    return undefined;
  }

  add(object: T): void {
    this.byIndex.set(object.index, object);
  }

  remove(object: T): void {
    if (this.byIndex.get(object.index) === object) this.byIndex.delete(object.index);
    object.markRemoved();
  }

  /** The object with `id`; EINVAL if none (or an older one had its index). */
  get(id: number): T {
    if (id < 0) fail(Errno.EINVAL);
    const object = this.byIndex.get(id % SEQ_MULTIPLIER);
    if (!object || object.id !== id) fail(Errno.EINVAL);
    return object;
  }

  /** The object at `index` (MSG_STAT and friends); EINVAL if none. */
  atIndex(index: number): T {
    return this.byIndex.get(index) ?? fail(Errno.EINVAL);
  }

  /** Every object, by index. */
  list(): T[] {
    return [...this.byIndex.values()].sort((a, b) => a.index - b.index);
  }

  /** The highest index in use, -1 with none (IPC_INFO's answer). */
  highestIndex(): number {
    return Math.max(-1, ...this.byIndex.keys());
  }

  get count(): number {
    return this.byIndex.size;
  }

  /**
   * Linux's ipcget: IPC_PRIVATE always creates; a key is looked up, created
   * with IPC_CREAT, EEXIST with IPC_EXCL, ENOENT without IPC_CREAT, and an
   * existing object is checked against the flag's mode bits, then with `check`.
   */
  getOrCreate(
    process: Process,
    key: number,
    flags: number,
    create: (id: number) => T,
    check: (object: T) => void,
  ): number {
    const make = (): number => {
      const before = { seq: this.seq, lastIndex: this.lastIndex };
      const id = this.allocateId() ?? fail(Errno.ENOSPC);
      try {
        this.add(create(id));
      } catch (error) {
        // A creation refused (newary's checks) leaves the allocation as it was.
        this.seq = before.seq;
        this.lastIndex = before.lastIndex;
        throw error;
      }
      return id;
    };
    if (key === IPC_PRIVATE) return make();
    const existing = [...this.byIndex.values()].find((object) => object.key === key);
    if (!existing) {
      if ((flags & IPC_CREAT) === 0) fail(Errno.ENOENT);
      return make();
    }
    if (flags & IPC_CREAT && flags & IPC_EXCL) fail(Errno.EEXIST);
    if (!existing.permits(process, flags & 0o777)) fail(Errno.EACCES);
    check(existing);
    return existing.id;
  }
}
