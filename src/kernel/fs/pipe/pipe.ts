// A pipe's buffer (Linux's `struct pipe_inode_info`): 65536 bytes, the
// default capacity of a Linux pipe, with the count of read and write ends
// open on it and the waiters to wake when data, space or an end comes or goes.

import type { BlockingWait } from '../open-file.ts';

export const PIPE_CAPACITY = 65536;
/** Writes of at most PIPE_BUF bytes are atomic: never interleaved with others. */
export const PIPE_BUF = 4096;

export class Pipe {
  private readonly chunks: Uint8Array[] = [];
  /** Bytes buffered. */
  length = 0;
  readers = 0;
  writers = 0;
  /** How many times a read (write) end was opened: a fifo open waits for it to change. */
  readerOpens = 0;
  writerOpens = 0;
  /** Called when the last end closes (a fifo then drops its buffer, as Linux does). */
  onUnused: (() => void) | undefined;
  private readonly waiters = new Set<() => void>();

  get free(): number {
    return PIPE_CAPACITY - this.length;
  }

  /**
   * Removes and returns up to `length` bytes. When they all come from the
   * first buffered chunk (a reader taking whole writes, the usual case) the
   * result is that chunk or a view of it, not a copy: chunks are the pipe's
   * own copies and never change, so the reader may keep it.
   */
  take(length: number): Uint8Array {
    const wanted = Math.min(length, this.length);
    const head = this.chunks[0];
    if (head && wanted > 0 && wanted <= head.length) {
      if (wanted === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(wanted);
      this.length -= wanted;
      this.wake();
      return head.subarray(0, wanted);
    }
    const result = new Uint8Array(wanted);
    let done = 0;
    while (done < result.length) {
      const chunk = this.chunks[0]!;
      const count = Math.min(chunk.length, result.length - done);
      result.set(chunk.subarray(0, count), done);
      if (count === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(count);
      done += count;
    }
    this.length -= result.length;
    if (result.length > 0) this.wake();
    return result;
  }

  /** Appends `data`, which the caller has made fit. */
  put(data: Uint8Array): void {
    if (data.length === 0) return;
    this.chunks.push(data.slice());
    this.length += data.length;
    this.wake();
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
    return () => this.waiters.delete(waiter);
  }

  wake(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const waiter of waiters) waiter();
  }
}
