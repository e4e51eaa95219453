// Do ^C, ^\ and ^Z signal the terminal's foreground process group, flush
// the pending input and echo as Linux does?
import { describe, expect, it } from 'vitest';
import { Signal } from '../../../src/kernel/abi/signals.ts';
import { ISIG, NOFLSH } from '../../../src/kernel/abi/termios.ts';
import { Harness, readAll } from './harness.ts';

describe('signal characters', () => {
  it('does ^C send SIGINT to the foreground group, drop the typed line and echo ^C?', async () => {
    const harness = new Harness();
    harness.shell();
    harness.tty.foregroundGroup = 300;
    const file = harness.open();
    harness.type('one\npartial\x03');
    expect(harness.sent).toEqual([{ to: 'group 300', signal: Signal.SIGINT }]);
    expect(harness.takeScreen()).toBe('one\r\npartial^C');
    expect(await readAll(file)).toEqual([]);
  });

  it('does input typed after ^C in the same burst survive?', async () => {
    const harness = new Harness();
    harness.shell();
    const file = harness.open();
    harness.type('x\x03ls\n');
    expect(await readAll(file)).toEqual(['ls\n']);
  });

  it('do ^\\ and ^Z send SIGQUIT and SIGTSTP?', () => {
    const harness = new Harness();
    harness.shell();
    harness.type('\x1c\x1a');
    expect(harness.sent.map((s) => s.signal)).toEqual([Signal.SIGQUIT, Signal.SIGTSTP]);
    expect(harness.takeScreen()).toBe('^\\^Z');
  });

  it('with NOFLSH, does the pending input stay after ^C?', async () => {
    const harness = new Harness();
    harness.shell();
    harness.setTermios((t) => (t.lflag |= NOFLSH));
    const file = harness.open();
    harness.type('one\n\x03');
    expect(harness.sent).toHaveLength(1);
    expect(await readAll(file)).toEqual(['one\n']);
  });

  it('without ISIG, is ^C an ordinary character?', async () => {
    const harness = new Harness();
    harness.shell();
    harness.setTermios((t) => (t.lflag &= ~ISIG));
    const file = harness.open();
    harness.type('a\x03\n');
    expect(harness.sent).toEqual([]);
    expect(await readAll(file)).toEqual(['a\x03\n']);
  });

  it('with no foreground group, does ^C signal nobody yet still flush?', async () => {
    const harness = new Harness();
    const file = harness.open();
    harness.type('abc\n\x03');
    expect(harness.sent).toEqual([]);
    expect(await readAll(file)).toEqual([]);
  });
});
