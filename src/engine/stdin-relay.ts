// The stdin of a container made with -i and started without a caller's
// input (`run -di`, `start`): it stays open, reads wait until someone
// attaches (`docker attach`), and then come from that caller until it
// detaches or its input ends, as dockerd keeps a container's stdin open
// between attaches.
import { HostStream } from '../kernel/io/host-stream.ts';
import type { OpenFile } from '../kernel/fs/open-file.ts';

export type InputReader = (length: number) => Promise<Uint8Array>;

export class StdinRelay {
  private reader: InputReader | undefined;
  private waiters: (() => void)[] = [];

  /** The container's fd 0. */
  readonly file: OpenFile = new HostStream(
    (length) => this.read(length),
    undefined,
    () => BigInt(Date.now()) * 1_000_000n,
  );

  /** Bytes a reader gave beyond what the container asked for. */
  private rest: Uint8Array = new Uint8Array(0);

  private async read(length: number): Promise<Uint8Array> {
    if (this.rest.length > 0) return this.take(this.rest, length);
    for (;;) {
      const reader = this.reader;
      if (!reader) {
        await new Promise<void>((resolve) => this.waiters.push(resolve));
        continue;
      }
      const bytes = await reader(length);
      if (bytes.length > 0) return this.take(bytes, length);
      // The caller's input ended: it is detached; the container's stays open.
      if (this.reader === reader) this.reader = undefined;
    }
  }

  private take(bytes: Uint8Array, length: number): Uint8Array {
    this.rest = bytes.subarray(Math.min(length, bytes.length));
    return bytes.subarray(0, length);
  }

  /** Feeds the container from `reader` until the returned function is called. */
  connect(reader: InputReader): () => void {
    this.reader = reader;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
    return () => {
      if (this.reader === reader) this.reader = undefined;
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
