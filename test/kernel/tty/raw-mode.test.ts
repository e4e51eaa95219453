// In non-canonical mode, does read(2) follow VMIN and VTIME as on Linux,
// byte at a time, with timeouts from an injected timer?
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { ECHO, ICANON, VMIN, VTIME } from '../../../src/kernel/abi/termios.ts';
import { Harness, readAll, readText, settle } from './harness.ts';

function raw(vmin: number, vtime: number): Harness {
  const harness = new Harness();
  harness.setTermios((t) => {
    t.lflag &= ~(ICANON | ECHO);
    t.cc[VMIN] = vmin;
    t.cc[VTIME] = vtime;
  });
  return harness;
}

describe('raw mode reads', () => {
  it('with VMIN=1 VTIME=0, does a read wait for a key and return it alone?', async () => {
    const harness = raw(1, 0);
    const file = harness.open();
    const read = readText(file);
    await settle();
    harness.type('q');
    expect(await read).toBe('q');
    expect(harness.takeScreen()).toBe('');
  });

  it('with VMIN=1, does a read return every byte already there, without a line end?', async () => {
    const harness = raw(1, 0);
    const file = harness.open();
    harness.type('abc');
    expect(await readText(file, 2)).toBe('ab');
    expect(await readText(file, 10)).toBe('c');
  });

  it('with VMIN=3 VTIME=0, does a read wait until three bytes came?', async () => {
    const harness = raw(3, 0);
    const file = harness.open();
    let result: string | Errno | undefined;
    void readText(file).then((r) => (result = r));
    harness.type('a');
    await settle();
    harness.type('b');
    await settle();
    expect(result).toBeUndefined();
    harness.type('c');
    await settle();
    expect(result).toBe('abc');
  });

  it('with VMIN=0 VTIME=0, does a read return 0 bytes at once when nothing was typed?', async () => {
    const harness = raw(0, 0);
    const file = harness.open(undefined, true);
    expect(await readText(file)).toBe('');
    harness.type('z');
    expect(await readText(file)).toBe('z');
  });

  it('with VMIN=0 VTIME=5, does a read give up after half a second?', async () => {
    const harness = raw(0, 5);
    const file = harness.open();
    let result: string | Errno | undefined;
    void readText(file).then((r) => (result = r));
    await settle();
    harness.timers.advance(400);
    await settle();
    expect(result).toBeUndefined();
    harness.timers.advance(100);
    await settle();
    expect(result).toBe('');
    expect(harness.timers.pending).toBe(0);
  });

  it('with VMIN=0 VTIME=5, does a byte arriving in time end the read at once?', async () => {
    const harness = raw(0, 5);
    const file = harness.open();
    const read = readText(file);
    await settle();
    harness.type('k');
    expect(await read).toBe('k');
    expect(harness.timers.pending).toBe(0);
  });

  it('with VMIN=5 VTIME=1, does the inter-byte timer end a read short of VMIN?', async () => {
    const harness = raw(5, 1);
    const file = harness.open();
    let result: string | Errno | undefined;
    void readText(file).then((r) => (result = r));
    await settle();
    harness.timers.advance(1000);
    await settle();
    expect(result).toBeUndefined(); // no timer before the first byte
    harness.type('ab');
    await settle();
    expect(result).toBeUndefined();
    harness.timers.advance(100);
    await settle();
    expect(result).toBe('ab');
  });

  it('is a non-blocking read with nothing typed EAGAIN?', async () => {
    const harness = raw(1, 0);
    expect(await readText(harness.open(undefined, true))).toBe(Errno.EAGAIN);
  });

  it('does leaving canonical mode make a half-typed line readable?', async () => {
    const harness = new Harness();
    const file = harness.open();
    harness.type('hal');
    expect(await readAll(file)).toEqual([]);
    harness.setTermios((t) => (t.lflag &= ~ICANON));
    expect(await readAll(file)).toEqual(['hal']);
  });

  it('does typing more than the buffer holds wait for a reader instead of losing bytes?', async () => {
    const harness = raw(1, 0);
    const file = harness.open();
    harness.type('x'.repeat(10_000));
    let total = 0;
    for (const chunk of await readAll(file, 65536)) total += chunk.length;
    expect(total).toBe(10_000);
  });
});
