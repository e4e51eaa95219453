// The page's end of the image store's worker (store-worker.ts): one worker,
// started at first use and shared by every store of the page; replies go to
// the session they name. If the worker fails, its sessions fail with a clear
// error and later ones are done on the page's thread again.
import type { StoreWorkerReply, StoreWorkerRequest } from './store-worker-messages.ts';

export interface WorkerSession {
  receive(reply: StoreWorkerReply): void;
  fail(error: Error): void;
}

export class StoreWorker {
  readonly #worker: Worker;
  readonly #sessions = new Map<number, WorkerSession>();
  #nextId = 1;
  failure: Error | undefined;

  constructor() {
    this.#worker = new Worker(new URL('./store-worker.ts', import.meta.url), {
      type: 'module',
      name: 'bocal image store',
    });
    this.#worker.onmessage = ({ data }: MessageEvent<StoreWorkerReply>) =>
      this.#sessions.get(data.id)?.receive(data);
    this.#worker.onerror = (event) => {
      event.preventDefault();
      this.failure = new Error(`the image store's worker failed: ${event.message}`);
      for (const session of this.#sessions.values()) session.fail(this.failure);
      this.#sessions.clear();
    };
  }

  /** Registers a session; returns its id. */
  open(session: WorkerSession): number {
    const id = this.#nextId++;
    this.#sessions.set(id, session);
    return id;
  }

  close(id: number): void {
    this.#sessions.delete(id);
  }

  /** Sends a message; the bytes it carries are transferred (the caller gives them up). */
  post(message: StoreWorkerRequest): void {
    const bytes =
      'hash' in message ? message.hash : 'inflate' in message ? message.inflate : undefined;
    this.#worker.postMessage(message, bytes ? [bytes.buffer] : []);
  }
}

let shared: StoreWorker | undefined;

/** The page's store worker, or undefined where there are no workers or it failed. */
export function storeWorker(): StoreWorker | undefined {
  if (typeof Worker === 'undefined' || shared?.failure) return undefined;
  shared ??= new StoreWorker();
  return shared;
}
