// The stdin of a container made with -i and started without a caller's
// input (`run -di`, `start`): it stays open, reads wait until someone
// attaches (`docker attach`), and then come from the callers attached, any
// of them (each caller's input is copied in as it arrives, as dockerd
// copies each attached stream into the container's stdin pipe), until
// they detach or their input ends; dockerd keeps a container's stdin open
// between attaches. A read waiting here is interrupted by a signal with a
// handler (EINTR), as a read of a pipe is.
import { HostStream } from '../kernel/io/host-stream.ts';
import type { BlockingWait, OpenFile } from '../kernel/fs/open-file.ts';

export type InputReader = (length: number) => Promise<Uint8Array>;

/** A host stream whose waiting reads a signal interrupts. */
class InterruptibleInput extends HostStream {
  constructor(private readonly relay: StdinRelay) {
    super(
      () => relay.read(4096),
      undefined,
      () => BigInt(Date.now()) * 1_000_000n,
    );
  }

  override read(length: number, wait?: BlockingWait): Promise<Uint8Array> {
    if (!wait) return this.relay.read(length);
    let cancelled = false;
    return wait(
      this.relay.read(length, () => cancelled),
      () => (cancelled = true),
    );
  }
}

export class StdinRelay {
  /** What the callers typed that the container has not read yet. */
  private rest: Uint8Array = new Uint8Array(0);
  private waiters: (() => void)[] = [];

  /** The container's fd 0. */
  readonly file: OpenFile = new InterruptibleInput(this);

  /** At most `length` bytes the callers gave, waiting for some; nothing once `cancelled`. */
  async read(length: number, cancelled: () => boolean = () => false): Promise<Uint8Array> {
    while (this.rest.length === 0) {
      if (cancelled()) return new Uint8Array(0);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (cancelled()) return new Uint8Array(0);
    const bytes = this.rest.subarray(0, length);
    this.rest = this.rest.subarray(bytes.length);
    return bytes;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Feeds the container from `reader` until the returned function is called or its input ends. */
  connect(reader: InputReader): () => void {
    let connected = true;
    void (async () => {
      while (connected) {
        const bytes = await reader(4096).catch(() => new Uint8Array(0));
        // The caller's input ended: it is detached; the container's stays open.
        if (!connected || bytes.length === 0) break;
        const joined = new Uint8Array(this.rest.length + bytes.length);
        joined.set(this.rest);
        joined.set(bytes, this.rest.length);
        this.rest = joined;
        this.wake();
      }
    })();
    return () => {
      connected = false;
    };
  }
}

/** Docker's default detach keys: ^P ^Q. */
export const DEFAULT_DETACH_KEYS = Uint8Array.of(0x10, 0x11);

/**
 * The caller's input with the detach keys taken out (`keys`, ^P ^Q by
 * default): `onDetach` is called when they are typed in a row. Bytes that
 * start the sequence are held until the next byte says whether it goes on;
 * when it does not, they are passed on, as Docker's escape proxy does.
 */
export function withDetachKeys(
  source: Pick<OpenFile, 'read'>,
  onDetach: () => void,
  keys: Uint8Array = DEFAULT_DETACH_KEYS,
): InputReader {
  let matched = 0;
  let detached = false;
  return async (length) => {
    for (;;) {
      if (detached) return new Uint8Array(0);
      const bytes = await source.read(Math.max(1, length));
      if (bytes.length === 0) return bytes;
      const out: number[] = [];
      for (const byte of bytes) {
        if (keys.length > 0 && byte !== keys[matched] && matched > 0) {
          out.push(...keys.subarray(0, matched));
          matched = 0;
        }
        if (keys.length > 0 && byte === keys[matched]) {
          matched++;
          if (matched < keys.length) continue;
          detached = true;
          onDetach();
          return new Uint8Array(out);
        }
        out.push(byte);
      }
      if (out.length > 0) return new Uint8Array(out);
    }
  };
}
