// --detach-keys as the docker CLI reads it, and the caller's input with the
// detach sequence taken out: bytes that start the sequence are held until
// the next one says whether it goes on, then passed on (Docker's escape
// proxy). The texts of the refusal are Docker 20.10's daemon's.
import { describe, expect, it } from 'vitest';
import { parseDetachKeys } from '../../src/cli/docker/detach-keys.ts';
import { withDetachKeys } from '../../src/engine/stdin-relay.ts';

/** A source giving `chunks` one read at a time, then the end. */
function source(chunks: number[][]) {
  const queue = chunks.map((chunk) => Uint8Array.from(chunk));
  return { read: async () => queue.shift() ?? new Uint8Array(0) };
}

async function drain(keys: Uint8Array, chunks: number[][]) {
  let detached = false;
  const read = withDetachKeys(source(chunks), () => (detached = true), keys);
  const out: number[] = [];
  for (;;) {
    const bytes = await read(4096);
    if (bytes.length === 0) break;
    out.push(...bytes);
  }
  return { out, detached };
}

describe('--detach-keys', () => {
  it('reads Docker’s notation', () => {
    expect([...(parseDetachKeys(undefined) as Uint8Array)]).toEqual([0x10, 0x11]);
    expect([...(parseDetachKeys('') as Uint8Array)]).toEqual([0x10, 0x11]);
    expect([...(parseDetachKeys('ctrl-a,x') as Uint8Array)]).toEqual([1, 0x78]);
    expect([...(parseDetachKeys('CTRL-@,ctrl-[,ctrl-\\,ctrl-_') as Uint8Array)]).toEqual([
      0, 27, 28, 31,
    ]);
    expect(parseDetachKeys('foo')).toBe('Invalid detach keys (foo) provided');
    expect(parseDetachKeys('ctrl-1')).toBe('Invalid detach keys (ctrl-1) provided');
    expect(parseDetachKeys('a,,b')).toBe('Invalid detach keys (a,,b) provided');
  });

  it('detaches on the sequence, split across reads or not, and passes on a broken one', async () => {
    const pq = Uint8Array.of(0x10, 0x11);
    expect(await drain(pq, [[0x61, 0x10, 0x11, 0x62]])).toEqual({ out: [0x61], detached: true });
    expect(await drain(pq, [[0x61, 0x10], [0x11]])).toEqual({ out: [0x61], detached: true });
    // ^P then something else: both go to the container.
    expect(await drain(pq, [[0x10], [0x61], [0x10, 0x10, 0x62]])).toEqual({
      out: [0x10, 0x61, 0x10, 0x10, 0x62],
      detached: false,
    });
    // A sequence of three, broken in its middle, restarts on the byte that broke it.
    const abc = Uint8Array.of(0x61, 0x62, 0x63);
    expect(await drain(abc, [[0x61, 0x62, 0x61, 0x62, 0x63]])).toEqual({
      out: [0x61, 0x62],
      detached: true,
    });
  });
});
