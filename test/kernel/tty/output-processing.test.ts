// Does what a program writes reach the screen as on Linux: "\n" as "\r\n"
// with OPOST+ONLCR, untouched without OPOST, held back by ^S until ^Q?
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { OCRNL, ONLCR, OPOST } from '../../../src/kernel/abi/termios.ts';
import { KernelError } from '../../../src/kernel/errors.ts';
import { encodeUtf8 } from '../../../src/kernel/utf8.ts';
import { Harness, settle } from './harness.ts';

describe('output processing', () => {
  it('with OPOST and ONLCR, is each newline written as CR LF?', async () => {
    const harness = new Harness();
    const file = harness.open();
    expect(await file.write(encodeUtf8('a\nb\n'))).toBe(4);
    expect(harness.takeScreen()).toBe('a\r\nb\r\n');
  });

  it('without ONLCR, is a newline written alone?', async () => {
    const harness = new Harness();
    harness.setTermios((t) => (t.oflag &= ~ONLCR));
    await harness.open().write(encodeUtf8('a\n'));
    expect(harness.takeScreen()).toBe('a\n');
  });

  it('without OPOST, are the bytes written untouched?', async () => {
    const harness = new Harness();
    harness.setTermios((t) => (t.oflag &= ~OPOST));
    await harness.open().write(encodeUtf8('a\r\n\tb\n'));
    expect(harness.takeScreen()).toBe('a\r\n\tb\n');
  });

  it('with OCRNL, is a carriage return written as a newline?', async () => {
    const harness = new Harness();
    harness.setTermios((t) => (t.oflag = OPOST | OCRNL));
    await harness.open().write(encodeUtf8('a\rb'));
    expect(harness.takeScreen()).toBe('a\nb');
  });

  it('does ^S hold writes back until ^Q, and a non-blocking write get EAGAIN meanwhile?', async () => {
    const harness = new Harness();
    const file = harness.open();
    harness.type('\x13');
    let written: number | undefined;
    void Promise.resolve(file.write(encodeUtf8('held\n'))).then((n) => (written = n));
    const nonblocking = harness.open(undefined, true);
    expect(() => nonblocking.write(encodeUtf8('x'))).toThrow(KernelError);
    try {
      nonblocking.write(encodeUtf8('x'));
    } catch (error) {
      expect((error as KernelError).errno).toBe(Errno.EAGAIN);
    }
    await settle();
    expect(harness.takeScreen()).toBe('');
    expect(file.readiness().writable).toBe(false);
    harness.type('\x11');
    await settle();
    expect(written).toBe(5);
    expect(harness.takeScreen()).toBe('held\r\n');
  });
});
