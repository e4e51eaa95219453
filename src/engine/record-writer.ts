// The engine's writes of its records (containers, their logs) to the store,
// in batches: the changes made while the previous batch is written, and in
// the same turn of the event loop, go out as one commit. `docker run` makes,
// starts and (with --rm) removes a container in a few milliseconds; one
// write per state change would rewrite the store's records that many times
// (the Node backend rewrites its whole records file on every commit).
import type { RecordChange, RecordKind, StoreBackend } from '../image/store-backend.ts';

/** Resolves on the next turn of the event loop (after the caller's synchronous steps). */
const nextTurn = (): Promise<void> =>
  new Promise((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );

export class RecordWriter {
  /** Changes not yet handed to the store, by record; each value taken when written. */
  private readonly pending = new Map<string, () => RecordChange>();
  private written: Promise<void> = Promise.resolve();

  constructor(private readonly backend: StoreBackend) {}

  /**
   * Queues the record's new value (null deletes it); `value` is called when
   * the batch is written, so a record changed again before then is written once.
   */
  put(kind: RecordKind, key: string, value: () => unknown): void {
    const first = this.pending.size === 0;
    this.pending.set(`${kind}\0${key}`, () => ({ kind, key, value: value() }));
    if (!first) return;
    this.written = this.written
      .then(nextTurn)
      .then(() => this.write())
      .catch(() => undefined);
  }

  /** Resolves once every change queued so far is stored. */
  flushed(): Promise<void> {
    return this.written;
  }

  private write(): Promise<void> {
    const changes = [...this.pending.values()].map((change) => change());
    this.pending.clear();
    return this.backend.commitRecords(changes);
  }
}
