// The image store's worker: the CPU-heavy part of a `docker load` off the
// page's thread. It hashes blobs (sha256-offload.ts) and inflates layers
// while hashing their tar (inflate-offload.ts), so the page only parses the
// tar and stores; on a machine with a second core, loading a layer costs the
// page about half of what it did. Sessions are independent; the messages of
// one session are handled in the order they came.
import { createSHA256, type IHasher } from 'hash-wasm';
import type { StoreWorkerReply, StoreWorkerRequest } from './store-worker-messages.ts';

/** Tar bytes gathered into one batch for the page: fewer, bigger messages and chunks. */
const BATCH_BYTES = 1024 * 1024;
/** gzip bytes given to the inflater at once. */
const INFLATE_PIECE = 64 * 1024;

const reply = (message: StoreWorkerReply, transfer: Transferable[] = []): void =>
  self.postMessage(message, { transfer });

const newHasher = async (): Promise<IHasher> => {
  const hasher = await createSHA256();
  hasher.init();
  return hasher;
};

const errorText = (error: unknown): string => String((error as Error)?.message ?? error);

/** A blob being hashed: each message awaits the same hasher, so they resume in order. */
class HashSession {
  readonly hasher = newHasher();

  constructor(readonly id: number) {}

  async hash(bytes: Uint8Array): Promise<void> {
    (await this.hasher).update(bytes);
    reply({ id: this.id, hashed: bytes.length });
  }

  async end(how: 'digest' | 'drop'): Promise<void> {
    const hasher = await this.hasher;
    if (how === 'digest') reply({ id: this.id, hex: hasher.digest('hex') });
  }
}

/** A gzipped layer: inflated, hashed, and sent on in batches as the page asks. */
class InflateSession {
  readonly #inflate = new DecompressionStream('gzip');
  readonly #writer = this.#inflate.writable.getWriter();
  readonly #reader = this.#inflate.readable.getReader();
  #credits = 0;
  #creditArrived: (() => void) | undefined;
  #failed = false;

  constructor(readonly id: number) {
    void this.#pump();
  }

  input(bytes: Uint8Array): void {
    // Called in message order: the writes queue in that order. In pieces: the
    // inflater may put out all it can from one write, and 64 KiB of gzip
    // makes at most ~64 MiB.
    const writes: Promise<void>[] = [];
    for (let at = 0; at < bytes.length; at += INFLATE_PIECE)
      writes.push(
        this.#writer.write(bytes.subarray(at, at + INFLATE_PIECE) as Uint8Array<ArrayBuffer>),
      );
    Promise.all(writes).then(
      () => reply({ id: this.id, consumed: true }),
      (error: unknown) => this.#fail(error),
    );
  }

  endInput(): void {
    this.#writer.close().catch((error: unknown) => this.#fail(error));
  }

  credit(): void {
    this.#credits++;
    this.#creditArrived?.();
  }

  drop(): void {
    this.#failed = true;
    this.#reader.cancel().catch(() => undefined);
    this.#writer.abort().catch(() => undefined);
    this.#creditArrived?.();
  }

  #fail(error: unknown): void {
    if (this.#failed) return;
    this.drop();
    sessions.delete(this.id);
    reply({ id: this.id, error: errorText(error) });
  }

  async #send(batch: Uint8Array): Promise<void> {
    while (this.#credits === 0 && !this.#failed)
      await new Promise<void>((resolve) => (this.#creditArrived = resolve));
    if (this.#failed) return;
    this.#credits--;
    reply({ id: this.id, batch }, [batch.buffer]);
  }

  async #pump(): Promise<void> {
    try {
      const hasher = await newHasher();
      let size = 0;
      let batch = new Uint8Array(BATCH_BYTES);
      let filled = 0;
      for (;;) {
        const { value, done } = await this.#reader.read();
        if (done || this.#failed) break;
        size += value.length;
        let at = 0;
        while (at < value.length) {
          const piece = value.subarray(at, at + BATCH_BYTES - filled);
          batch.set(piece, filled);
          filled += piece.length;
          at += piece.length;
          if (filled === BATCH_BYTES) {
            hasher.update(batch);
            await this.#send(batch);
            batch = new Uint8Array(BATCH_BYTES);
            filled = 0;
          }
        }
      }
      if (this.#failed) return;
      if (filled > 0) {
        const last = batch.slice(0, filled);
        hasher.update(last);
        await this.#send(last);
      }
      if (this.#failed) return;
      sessions.delete(this.id);
      reply({ id: this.id, inflated: { hex: hasher.digest('hex'), size } });
    } catch (error) {
      this.#fail(error);
    }
  }
}

const sessions = new Map<number, HashSession | InflateSession>();

function hashing(id: number): HashSession {
  let found = sessions.get(id);
  if (!found) {
    found = new HashSession(id);
    sessions.set(id, found);
  }
  if (!(found instanceof HashSession)) throw new Error(`session ${id} is not hashing`);
  return found;
}

/** The inflating session `id`, or undefined once it ended or failed. */
const inflating = (id: number): InflateSession | undefined => {
  const found = sessions.get(id);
  return found instanceof InflateSession ? found : undefined;
};

self.onmessage = ({ data }: MessageEvent<StoreWorkerRequest>) => {
  const { id } = data;
  const fail = (error: unknown) => {
    sessions.delete(id);
    reply({ id, error: errorText(error) });
  };
  try {
    if ('hash' in data) {
      hashing(id).hash(data.hash).catch(fail);
    } else if ('open' in data) {
      sessions.set(id, new InflateSession(id));
    } else if ('inflate' in data) {
      inflating(id)?.input(data.inflate);
    } else if ('inflateEnd' in data) {
      inflating(id)?.endInput();
    } else if ('credit' in data) {
      // A credit may come after the end was sent: nothing to do then.
      inflating(id)?.credit();
    } else {
      const found = sessions.get(id);
      sessions.delete(id);
      if (found instanceof HashSession) found.end(data.end).catch(fail);
      else found?.drop();
    }
  } catch (error) {
    fail(error);
  }
};
