// sendfile into a pipe by reference (docs/design/pipes.md, "Sixth look"):
// tmpfs chunks move into the shared page arena, the pipe queues references
// to them, and whoever reads gets exactly the bytes the file held when they
// were queued, in stream order with bytes written before and after.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import {
  RING_HEADER_SIZE,
  RING_I32_REF_HEAD,
  RING_I32_REF_TAIL,
  RING_I32_REFS,
  RING_REF_WORDS,
} from '../../../src/kernel/abi/pipe-ring.ts';
import { FDFLAGS_NONBLOCK } from '../../../src/kernel/abi/wasi.ts';
import { KernelError } from '../../../src/kernel/errors.ts';
import { ByteStore } from '../../../src/kernel/fs/byte-store.ts';
import { MAX_REF_BYTES, PageArena, pageArena } from '../../../src/kernel/fs/page-arena.ts';
import type { OpenFile } from '../../../src/kernel/fs/open-file.ts';
import { createPipe } from '../../../src/kernel/fs/pipe/create-pipe.ts';
import type { FillSource, PipeEnd } from '../../../src/kernel/fs/pipe/pipe-end.ts';
import { PIPE_CAPACITY } from '../../../src/kernel/fs/pipe/pipe.ts';

const PAGE = 65536;

function pattern(length: number, seed = 0): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 131 + seed + (i >> 16)) & 0xff;
  return bytes;
}

function storeOf(bytes: Uint8Array): ByteStore {
  const store = new ByteStore();
  store.write(0, bytes);
  return store;
}

/** What sendfile hands a pipe for `store` from `from` (syscalls/sendfile.ts). */
function sourceOf(store: ByteStore, from: number): FillSource {
  return {
    bytes: (skip, length) =>
      store.read(from + skip, Math.min(length, PAGE - ((from + skip) % PAGE))),
    page: (skip, max) => store.sharePages(from + skip, max),
  };
}

function close(file: OpenFile): void {
  file.references = 0;
  file.release();
}

/** Reads everything there is until the pipe would block (the writer still open). */
async function drain(reader: OpenFile, step = 100_000): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (;;) {
    let part: Uint8Array;
    try {
      part = await reader.read(step);
    } catch (error) {
      if (error instanceof KernelError && error.errno === Errno.EAGAIN) break;
      throw error;
    }
    if (part.length === 0) break;
    parts.push(part.slice());
  }
  const all = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

const same = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((value, i) => value === b[i]);

describe('the page arena', () => {
  it('hands out pages, a chosen free one on request, and frees a pinned page only when unpinned', () => {
    const arena = new PageArena(4);
    expect(arena.allocate()).toBe(0);
    expect(arena.allocateAt(1)).toBe(true);
    expect(arena.allocateAt(1)).toBe(false); // taken
    expect(arena.allocateAt(3)).toBe(false); // not next, not freed
    expect(arena.pagesInUse).toBe(2);
    arena.pin(1);
    arena.release(1);
    expect(arena.pagesInUse).toBe(2); // still referenced
    arena.unpin(1);
    expect(arena.pagesInUse).toBe(1);
    expect(arena.allocateAt(1)).toBe(true); // free again
    expect(arena.allocate()).toBe(2);
    expect(arena.allocate()).toBe(3);
    expect(arena.allocate()).toBeUndefined(); // full: callers copy instead
    expect(arena.buffer.byteLength).toBe(4 * PAGE);
  });

  it('starts a new file at a run of free pages, so that its chunks can follow one another', () => {
    const arena = new PageArena(64);
    for (let i = 0; i < 12; i++) arena.allocate();
    // Freed: 1, 3, 5 alone, and 7-10 as a run.
    for (const page of [1, 3, 5, 7, 8, 9, 10]) arena.release(page);
    expect(arena.allocate(4)).toBe(7);
    expect(arena.allocate(4)).toBe(12); // no freed run of 4 left: a new page at the end
    expect(arena.allocate(1)).toBe(1);
  });
});

describe('sharing a file with the arena', () => {
  it('gives one reference over consecutive chunks, at most 2 MiB, with the file bytes', () => {
    const bytes = pattern(3 * PAGE + 1000);
    const store = storeOf(bytes);
    const ref = store.sharePages(100, Number.MAX_SAFE_INTEGER)!;
    expect(ref).toBeDefined();
    expect(ref.start).toBe(100);
    expect(ref.length).toBe(bytes.length - 100);
    const arena = new Uint8Array(pageArena()!.buffer);
    const at = ref.page * PAGE + ref.start;
    expect(same(arena.subarray(at, at + ref.length), bytes.subarray(100))).toBe(true);
    // The file still reads the same, now from the arena, and what a read
    // returns is private memory (browsers refuse to decode, hash or store
    // shared memory), even where it could have been a view of the page.
    expect(same(store.read(0, bytes.length), bytes)).toBe(true);
    const inOnePage = store.read(10, 100);
    expect(inOnePage.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect(same(inOnePage, bytes.subarray(10, 110))).toBe(true);
    expect(store.sharePages(10, 50)!.length).toBe(50);

    const big = storeOf(pattern(MAX_REF_BYTES + 3 * PAGE, 5));
    expect(big.sharePages(0, Number.MAX_SAFE_INTEGER)!.length).toBe(MAX_REF_BYTES);
  });

  it('keeps small files to themselves, and has nothing past the end', () => {
    expect(storeOf(pattern(PAGE - 1)).sharePages(0, 10)).toBeUndefined();
    const store = storeOf(pattern(PAGE + 10));
    expect(store.sharePages(PAGE + 10, 10)).toBeUndefined();
    expect(store.sharePages(PAGE + 5, 100)!.length).toBe(5); // the short last chunk, zero-padded page
  });

  it('copies a chunk a pipe references before changing it, and changes an unreferenced one in place', () => {
    const arena = pageArena()!;
    const bytes = pattern(2 * PAGE);
    const store = storeOf(bytes);
    const ref = store.sharePages(0, 2 * PAGE)!;
    const pages = new Uint8Array(arena.buffer);
    arena.pin(ref.page);
    store.write(10, new Uint8Array([1, 2, 3]));
    // The referenced page keeps the old bytes; the file has the new ones.
    expect([...pages.subarray(ref.page * PAGE + 10, ref.page * PAGE + 13)]).toEqual([
      ...bytes.subarray(10, 13),
    ]);
    expect([...store.read(10, 3)]).toEqual([1, 2, 3]);
    arena.unpin(ref.page);
    // The second chunk's page is not pinned: written where it is.
    store.write(PAGE + 1, new Uint8Array([9]));
    expect(pages[(ref.page + 1) * PAGE + 1]).toBe(9);
    // Truncating gives the pages back.
    const inUse = arena.pagesInUse;
    store.truncate(0);
    expect(arena.pagesInUse).toBe(inUse - 1); // the first chunk's page went at the write
  });
});

describe('a pipe fed by reference', () => {
  it('passes the referenced bytes, then bytes written after them, in order', async () => {
    const [reader, writer] = createPipe(FDFLAGS_NONBLOCK);
    const end = writer as PipeEnd;
    const bytes = pattern(5 * PAGE + 77);
    const store = storeOf(bytes);
    expect(writer.write(new Uint8Array([1, 2, 3]))).toBe(3);
    // Bytes in the ring: the fill copies behind them (no reference into a
    // ring with bytes); once the ring is empty, references go in.
    expect(await end.fill(PAGE, sourceOf(store, 0))).toBe(PIPE_CAPACITY - 3);
    expect(
      same(await drain(reader), concat(new Uint8Array([1, 2, 3]), bytes.subarray(0, PAGE - 3))),
    ).toBe(true);
    const from = PAGE - 3;
    // Non-blocking: at most the pipe's capacity, as Linux's sixteen 4 KiB pages.
    expect(await end.fill(bytes.length, sourceOf(store, from))).toBe(PIPE_CAPACITY);
    expect(reader.readiness().nbytes).toBe(PIPE_CAPACITY);
    // A write waits while references are queued (EAGAIN here), so that it
    // cannot overtake them.
    expect(() => writer.write(new Uint8Array([7]))).toThrow(
      expect.objectContaining({ errno: Errno.EAGAIN }),
    );
    const got = await drain(reader, 1000);
    expect(same(got, bytes.subarray(from, from + PIPE_CAPACITY))).toBe(true);
    expect(writer.write(new Uint8Array([7]))).toBe(1);
    expect([...(await reader.read(10))]).toEqual([7]);
    close(reader);
    close(writer);
  });

  it('holds more than its capacity for a blocking sender, and the reader gets the bytes as they were', async () => {
    const [reader, writer] = createPipe();
    const bytes = pattern(3 * MAX_REF_BYTES + 12345, 9);
    const store = storeOf(bytes);
    const arena = pageArena()!;
    const sent = await (writer as PipeEnd).fill(bytes.length, sourceOf(store, 0));
    expect(sent).toBe(bytes.length); // three 2 MiB references and a short one
    expect(reader.readiness().nbytes).toBe(bytes.length);
    // The file changes after the send: the pipe still carries the old bytes.
    store.write(5, new Uint8Array(100).fill(0xee));
    const got = await reader.read(bytes.length);
    expect(same(got, bytes)).toBe(true);
    expect([...store.read(5, 3)]).toEqual([0xee, 0xee, 0xee]);
    // Every page is unpinned once read, and freed with the file.
    const inUse = arena.pagesInUse;
    store.truncate(0);
    expect(arena.pagesInUse).toBeLessThan(inUse);
    close(reader);
    close(writer);
  });

  it('survives references overwritten with garbage', async () => {
    const [reader, writer] = createPipe(FDFLAGS_NONBLOCK);
    const store = storeOf(pattern(4 * PAGE));
    expect(await (writer as PipeEnd).fill(PIPE_CAPACITY, sourceOf(store, 0))).toBe(PIPE_CAPACITY);
    const words = new Int32Array((reader as PipeEnd).pipe.ring.buffer, 0, RING_HEADER_SIZE / 4);
    for (const garbage of [
      [-1, 0, 100],
      [1 << 30, 0, 100],
      [0, 70000, 100],
      [0, 0, 1 << 30],
      [0, 0, -4],
    ]) {
      const head = words[RING_I32_REF_HEAD]!;
      words.set(garbage, RING_I32_REFS + (head & 15) * RING_REF_WORDS);
      words[RING_I32_REF_TAIL] = (head + 3) | 0;
      // Out-of-arena or oversized references are dropped unread; the kernel neither throws nor hangs.
      const got = await drain(reader);
      expect(got.length).toBeLessThanOrEqual(2 * PIPE_CAPACITY);
      expect(reader.readiness().nbytes).toBe(0);
    }
    expect(writer.write(new Uint8Array([4]))).toBe(1);
    expect([...(await reader.read(10))]).toEqual([4]);
    close(reader);
    close(writer);
  });
});

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const all = new Uint8Array(a.length + b.length);
  all.set(a);
  all.set(b, a.length);
  return all;
}
