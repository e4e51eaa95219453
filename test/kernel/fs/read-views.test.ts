// Bulk reads hand out views instead of copies (tmpfs chunks, whole pipe
// chunks): what a reader gets must still be exactly the bytes at the time of
// the read, at every offset and length, and a pipe reader may keep them.
import { describe, expect, it } from 'vitest';
import { ByteStore } from '../../../src/kernel/fs/byte-store.ts';
import { createPipe } from '../../../src/kernel/fs/pipe/create-pipe.ts';

const CHUNK = 65536;

function pattern(length: number, seed = 0): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 7 + seed) & 0xff);
}

describe('ByteStore reads', () => {
  it('returns the bytes at any offset and length, inside a chunk or across chunks', () => {
    const store = new ByteStore();
    const bytes = pattern(3 * CHUNK + 100);
    store.write(0, bytes);
    for (const [offset, length] of [
      [0, CHUNK],
      [CHUNK, CHUNK],
      [10, 100],
      [CHUNK - 10, 20],
      [CHUNK * 3, 500],
      [5, 3 * CHUNK],
    ] as const) {
      const got = store.read(offset, length);
      expect([...got]).toEqual([...bytes.subarray(offset, offset + length)]);
    }
  });

  it('reads holes as zeros next to written chunks', () => {
    const store = new ByteStore();
    store.write(2 * CHUNK, pattern(10, 1));
    const got = store.read(CHUNK - 5, CHUNK + 15);
    expect([...got.subarray(0, CHUNK + 5)].every((b) => b === 0)).toBe(true);
    expect([...got.subarray(CHUNK + 5)]).toEqual([...pattern(10, 1)]);
  });

  it('a copy of a read is unaffected by later writes', () => {
    const store = new ByteStore();
    store.write(0, pattern(CHUNK));
    const kept = store.read(0, CHUNK).slice();
    store.write(0, new Uint8Array(CHUNK).fill(9));
    expect([...kept]).toEqual([...pattern(CHUNK)]);
    expect(store.read(0, 4)).toEqual(new Uint8Array(4).fill(9));
  });
});

describe('pipe reads', () => {
  it('hands whole writes over, and what a reader got survives later writes', async () => {
    const [reader, writer] = createPipe();
    writer.write(pattern(1000, 1));
    writer.write(pattern(1000, 2));
    const first = (await reader.read(1000)) as Uint8Array;
    writer.write(pattern(1000, 3));
    const second = (await reader.read(400)) as Uint8Array;
    const rest = (await reader.read(5000)) as Uint8Array;
    expect([...first]).toEqual([...pattern(1000, 1)]);
    expect([...second]).toEqual([...pattern(1000, 2).subarray(0, 400)]);
    // As on Linux, a read takes all it can: the rest of one write and the next.
    expect([...rest]).toEqual([...pattern(1000, 2).subarray(400), ...pattern(1000, 3)]);
  });

  it('a write is copied: the writer may reuse its buffer at once', async () => {
    const [reader, writer] = createPipe();
    const buffer = pattern(100, 4);
    writer.write(buffer);
    buffer.fill(0);
    expect([...((await reader.read(100)) as Uint8Array)]).toEqual([...pattern(100, 4)]);
  });
});
