// A container's captured output kept with its record (record kind 'logs'
// in the image store's backend), so `docker logs` still shows it in a
// later bocal invocation or after a page reload, as dockerd's json-file
// logs outlive the daemon. Only the last PERSISTED_LOG_BYTES are kept: the
// Node backend rewrites its records file on every change.
import type { StoreBackend } from '../image/store-backend.ts';
import { LogBuffer, type LogEntry } from './log-buffer.ts';

export const PERSISTED_LOG_BYTES = 256 * 1024;

interface StoredEntry {
  /** 'o' stdout, 'e' stderr. */
  s: 'o' | 'e';
  /** Milliseconds since the epoch. */
  t: number;
  /** The bytes, one char per byte (JSON keeps any code unit). */
  b: string;
}

function bytesToText(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return text;
}

function textToBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

/** The newest entries of `logs` up to the persisted cap, in the stored form. */
export function storedLogs(logs: LogBuffer): StoredEntry[] {
  const kept: LogEntry[] = [];
  let total = 0;
  for (let i = logs.entries.length - 1; i >= 0; i--) {
    const entry = logs.entries[i]!;
    total += entry.bytes.length;
    if (total > PERSISTED_LOG_BYTES && kept.length > 0) break;
    kept.push(entry);
  }
  return kept.reverse().map((entry) => ({
    s: entry.stream === 'stdout' ? 'o' : 'e',
    t: entry.time,
    b: bytesToText(entry.bytes),
  }));
}

/** The buffer a previous engine left for the container (empty when none). */
export async function loadLogs(backend: StoreBackend, id: string): Promise<LogBuffer> {
  const logs = new LogBuffer();
  const stored = await backend.getRecord<StoredEntry[]>('logs', id).catch(() => undefined);
  for (const entry of stored ?? []) {
    logs.restore({
      stream: entry.s === 'o' ? 'stdout' : 'stderr',
      time: entry.t,
      bytes: textToBytes(entry.b),
    });
  }
  return logs;
}
