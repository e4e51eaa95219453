// A gzipped layer inflated and hashed in the image store's worker
// (store-worker.ts): gzip bytes go in (copied, transferred), tar comes back
// in 1 MiB batches, its sha256 (the layer's diff ID) at the end. The page's
// thread is left with parsing and storing, the worker inflates and hashes
// meanwhile. Both directions are bounded: at most 4 gzip chunks are waiting
// in the worker, and it sends a batch only for a credit, one per free place
// in the tar stream's queue (16 batches at most: on a busy machine each
// hand-over waits for a thread to be scheduled, and a deep queue rides that
// out), so a gzip bomb is stopped by the caller's size limit
// (layer-stream.ts) long before memory runs out.
import type { InflatingHasher } from '../../../image/store-backend.ts';
import { storeWorker, type StoreWorker, type WorkerSession } from './store-worker-client.ts';
import type { StoreWorkerReply } from './store-worker-messages.ts';

/** gzip chunks sent and not yet taken in before the writer waits. */
const MAX_INPUTS_IN_FLIGHT = 4;

class OffloadedInflate implements InflatingHasher, WorkerSession {
  readonly id: number;
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  #batchArrived: (() => void) | undefined;
  /** Credits given and not yet used by a batch. */
  #credits = 0;
  #inputs = 0;
  #inputTaken: (() => void) | undefined;
  #hex: string | undefined;
  #failure: Error | undefined;

  constructor(readonly worker: StoreWorker) {
    this.id = worker.open(this);
    worker.post({ id: this.id, open: 'inflate' });
    this.readable = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        pull: (controller) => {
          if (this.#failure) throw this.#failure;
          if (this.#hex !== undefined) return;
          // A credit for every free place in the queue, not one at a time:
          // the worker then never waits for a round trip between batches.
          for (; this.#credits < (controller.desiredSize ?? 0); this.#credits++)
            worker.post({ id: this.id, credit: true });
          return new Promise<void>((resolve) => (this.#batchArrived = resolve));
        },
        cancel: () => this.#drop(),
      },
      { highWaterMark: 16 },
    );
    this.writable = new WritableStream<Uint8Array>({
      write: async (chunk) => {
        if (this.#failure) throw this.#failure;
        // A copy: the caller keeps its chunk, the copy is transferred.
        worker.post({ id: this.id, inflate: chunk.slice() });
        this.#inputs++;
        while (this.#inputs >= MAX_INPUTS_IN_FLIGHT && !this.#failure)
          await new Promise<void>((resolve) => (this.#inputTaken = resolve));
        if (this.#failure) throw this.#failure;
      },
      close: () => worker.post({ id: this.id, inflateEnd: true }),
      abort: () => this.#drop(),
    });
  }

  async hex(): Promise<string> {
    if (this.#hex === undefined) throw this.#failure ?? new Error('the layer was not inflated');
    return this.#hex;
  }

  receive(reply: StoreWorkerReply): void {
    if ('consumed' in reply) {
      this.#inputs--;
      const taken = this.#inputTaken;
      this.#inputTaken = undefined;
      taken?.();
    } else if ('batch' in reply) {
      this.#credits--;
      this.#controller.enqueue(reply.batch);
      const arrived = this.#batchArrived;
      this.#batchArrived = undefined;
      arrived?.();
    } else if ('inflated' in reply) {
      this.#hex = reply.inflated.hex;
      this.worker.close(this.id);
      this.#controller.close();
      this.#wake();
    } else if ('error' in reply) {
      this.worker.close(this.id);
      this.fail(new Error(reply.error));
    }
  }

  fail(error: Error): void {
    if (this.#failure) return;
    this.#failure = error;
    this.#controller.error(error);
    this.#wake();
  }

  /** Settles whatever waits: the stream ended, one way or the other. */
  #wake(): void {
    const [batch, input] = [this.#batchArrived, this.#inputTaken];
    this.#batchArrived = this.#inputTaken = undefined;
    batch?.();
    input?.();
  }

  #drop(): void {
    if (this.#hex !== undefined || this.#failure) return;
    this.#failure = new Error('the layer stream was given up');
    this.worker.close(this.id);
    this.worker.post({ id: this.id, end: 'drop' });
    this.#wake();
  }
}

/** The browser store's inflateAndHash: in its worker, or undefined where there is none. */
export function offloadedInflate(): InflatingHasher | undefined {
  const worker = storeWorker();
  return worker && new OffloadedInflate(worker);
}
