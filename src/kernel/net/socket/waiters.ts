// Who waits on a socket: blocked reads, writes, accepts and polls register
// a wake-up here; any change to the socket (data, room, a peer coming or
// going) wakes them all, and each looks again.
import type { BlockingWait } from '../../fs/open-file.ts';

export class Waiters {
  private readonly waiting = new Set<() => void>();

  /** Calls `wake` once at the next change; returns a canceller. */
  add(wake: () => void): () => void {
    const waiter = (): void => wake();
    this.waiting.add(waiter);
    return () => this.waiting.delete(waiter);
  }

  /** Resolves at the next change, interruptibly when `wait` is given. */
  changed(wait?: BlockingWait): Promise<void> {
    let cancel = (): void => {};
    const change = new Promise<void>((resolve) => {
      cancel = this.add(resolve);
    });
    return wait ? wait(change, cancel) : change;
  }

  wake(): void {
    if (this.waiting.size === 0) return;
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const waiter of waiting) waiter();
  }
}
