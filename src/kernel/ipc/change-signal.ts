// A wake-up for callers blocked on an IPC object: each waits for the next
// change, then checks its condition again (Linux wakes its queued waiters
// one by one; re-checking under the same lock order gives the same results
// for the cases programs can observe).

export class ChangeSignal {
  private readonly waiters = new Set<() => void>();

  /** A promise of the next change, and its canceller. */
  next(): { done: Promise<void>; cancel(): void } {
    let wake = (): void => {};
    const done = new Promise<void>((resolve) => {
      wake = resolve;
    });
    this.waiters.add(wake);
    return { done, cancel: () => void this.waiters.delete(wake) };
  }

  notify(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }
}
