// sha256 off the page's thread, for the browser's image store. WebAssembly
// sha256 runs at ~250 MB/s, and a `docker load` hashes every byte of a layer
// twice (the compressed blob, then the diff ID): on the page's thread that
// was a third of the load. Here the bytes are copied into 1 MiB batches and
// transferred to the store's worker (store-worker.ts), which hashes them
// while the page goes on. update() holds its caller back once 16 batches are
// waiting, so memory stays bounded whatever the blob's size; a blob smaller
// than one batch is hashed on the spot (no round trip).
import type { Sha256, Sha256Factory } from '../../../image/digest.ts';
import { wasmSha256 } from '../../../image/wasm-sha256.ts';
import { storeWorker, type StoreWorker, type WorkerSession } from './store-worker-client.ts';
import type { StoreWorkerReply } from './store-worker-messages.ts';

/** Bytes gathered before they go to the worker: one message, one copy. */
const BATCH_BYTES = 1024 * 1024;
/**
 * Batches sent and not hashed yet before update() makes its caller wait:
 * deep, since on a busy machine the worker runs in bursts.
 */
const MAX_IN_FLIGHT = 16;

interface Pending<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

class OffloadedSha256 implements Sha256, WorkerSession {
  readonly id: number;
  #batch: Uint8Array | undefined;
  #filled = 0;
  #sent = false;
  #inFlight = 0;
  #waiting: Pending<void> | undefined;
  #digest: Pending<string> | undefined;
  #failure: Error | undefined;
  #ended = false;

  constructor(readonly worker: StoreWorker) {
    this.id = worker.open(this);
  }

  update(chunk: Uint8Array): void | Promise<void> {
    if (this.#failure) throw this.#failure;
    let at = 0;
    while (at < chunk.length) {
      this.#batch ??= new Uint8Array(BATCH_BYTES);
      const piece = chunk.subarray(at, at + BATCH_BYTES - this.#filled);
      this.#batch.set(piece, this.#filled);
      this.#filled += piece.length;
      at += piece.length;
      if (this.#filled === BATCH_BYTES) this.#send();
    }
    if (this.#inFlight < MAX_IN_FLIGHT) return;
    return new Promise((resolve, reject) => (this.#waiting = { resolve, reject }));
  }

  #send(): void {
    const bytes = this.#filled === BATCH_BYTES ? this.#batch! : this.#batch!.slice(0, this.#filled);
    this.#batch = undefined;
    this.#filled = 0;
    this.#sent = true;
    this.#inFlight++;
    this.worker.post({ id: this.id, hash: bytes });
  }

  async hex(): Promise<string> {
    if (this.#failure) throw this.#failure;
    this.#ended = true;
    if (!this.#sent) {
      // Small: hashed here, the worker never heard of it.
      this.worker.close(this.id);
      const local = await wasmSha256();
      local.update(this.#batch?.subarray(0, this.#filled) ?? new Uint8Array(0));
      return local.hex();
    }
    if (this.#filled > 0) this.#send();
    this.worker.post({ id: this.id, end: 'digest' });
    return new Promise((resolve, reject) => (this.#digest = { resolve, reject }));
  }

  discard(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#batch = undefined;
    this.worker.close(this.id);
    if (this.#sent) this.worker.post({ id: this.id, end: 'drop' });
  }

  receive(reply: StoreWorkerReply): void {
    if ('hashed' in reply) {
      this.#inFlight--;
      const waiting = this.#waiting;
      this.#waiting = undefined;
      waiting?.resolve();
    } else if ('hex' in reply) {
      this.worker.close(this.id);
      this.#digest?.resolve(reply.hex);
    } else if ('error' in reply) {
      this.worker.close(this.id);
      this.fail(new Error(`sha256 in the image store's worker: ${reply.error}`));
    }
  }

  fail(error: Error): void {
    this.#failure = error;
    this.#waiting?.reject(error);
    this.#digest?.reject(error);
    this.#waiting = this.#digest = undefined;
  }
}

/**
 * The browser store's hasher: in the store's worker where workers exist (a
 * page, or a worker: workers nest), else WebAssembly on the caller's thread.
 */
export const offloadedSha256: Sha256Factory = () => {
  const worker = storeWorker();
  return worker ? new OffloadedSha256(worker) : wasmSha256();
};
