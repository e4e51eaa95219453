// What a container wrote to stdout and stderr, kept per line with the time
// it arrived (Docker's json-file driver keeps the same), capped so a noisy
// container cannot take the engine's memory.
export interface LogEntry {
  stream: 'stdout' | 'stderr';
  /** Milliseconds since the epoch. */
  time: number;
  bytes: Uint8Array;
}

export const LOG_CAP_BYTES = 1 << 20;

export class LogBuffer {
  readonly entries: LogEntry[] = [];
  private bytes = 0;
  private readonly listeners = new Set<(entry: LogEntry) => void>();

  /** Keeps `bytes` one line per entry (a last unterminated piece is an entry too), as json-file does. */
  append(stream: LogEntry['stream'], bytes: Uint8Array, time: number): void {
    let start = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] !== 0x0a) continue;
      this.add({ stream, time, bytes: bytes.slice(start, i + 1) });
      start = i + 1;
    }
    if (start < bytes.length) this.add({ stream, time, bytes: bytes.slice(start) });
  }

  /** Puts back an entry a previous engine kept (logs-store.ts), as it was. */
  restore(entry: LogEntry): void {
    this.add(entry);
  }

  private add(entry: LogEntry): void {
    const { bytes } = entry;
    this.entries.push(entry);
    this.bytes += bytes.length;
    while (this.bytes > LOG_CAP_BYTES && this.entries.length > 1) {
      this.bytes -= this.entries.shift()!.bytes.length;
    }
    for (const listener of this.listeners) listener(entry);
  }

  follow(listener: (entry: LogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
