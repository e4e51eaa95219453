// Does the terminal enforce job control as Linux does: a background group
// that reads gets SIGTTIN (or EIO when it cannot be stopped), one that
// writes with TOSTOP gets SIGTTOU, and a hangup ends everyone's session?
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { Signal } from '../../../src/kernel/abi/signals.ts';
import { TCGETS, TCSETS, TOSTOP } from '../../../src/kernel/abi/termios.ts';
import { encodeUtf8 } from '../../../src/kernel/utf8.ts';
import { Harness, caller, errnoOf, readText, settle } from './harness.ts';

/** A shell in the foreground and a background job (group 300) of its session. */
function withBackgroundJob(options: Parameters<typeof caller>[0] = {}) {
  const harness = new Harness();
  harness.shell();
  harness.groups.set(300, 100);
  const job = caller({ pid: 301, pgid: 300, sid: 100, ...options });
  return { harness, job, file: harness.open(job) };
}

describe('job control', () => {
  it('does a read from a background group send SIGTTIN to that group?', () => {
    const { harness, file } = withBackgroundJob();
    expect(errnoOf(() => file.read(10))).toBe(Errno.EINTR);
    expect(harness.sent).toEqual([{ to: 'group 300', signal: Signal.SIGTTIN }]);
  });

  it('is a background read EIO when SIGTTIN is ignored or blocked?', () => {
    const { harness, file } = withBackgroundJob({ ignores: [Signal.SIGTTIN] });
    expect(errnoOf(() => file.read(10))).toBe(Errno.EIO);
    expect(harness.sent).toEqual([]);
  });

  it('is a background read EIO when its group is orphaned?', () => {
    const { harness, file } = withBackgroundJob({ orphaned: true });
    expect(errnoOf(() => file.read(10))).toBe(Errno.EIO);
    expect(harness.sent).toEqual([]);
  });

  it('may a process of another session read without job control?', async () => {
    const harness = new Harness();
    harness.shell();
    const file = harness.open(caller({ pid: 800 }));
    harness.type('hi\n');
    expect(await readText(file)).toBe('hi\n');
  });

  it('may a background group write when TOSTOP is clear?', async () => {
    const { harness, file } = withBackgroundJob();
    expect(await file.write(encodeUtf8('out\n'))).toBe(4);
    expect(harness.takeScreen()).toBe('out\r\n');
    expect(harness.sent).toEqual([]);
  });

  it('with TOSTOP, does a background write send SIGTTOU and show nothing?', () => {
    const { harness, file } = withBackgroundJob();
    harness.setTermios((t) => (t.lflag |= TOSTOP));
    expect(errnoOf(() => file.write(encodeUtf8('out\n')))).toBe(Errno.EINTR);
    expect(harness.sent).toEqual([{ to: 'group 300', signal: Signal.SIGTTOU }]);
    expect(harness.takeScreen()).toBe('');
  });

  it('with TOSTOP, does a background write go through when SIGTTOU is ignored?', async () => {
    const { harness, file } = withBackgroundJob({ ignores: [Signal.SIGTTOU] });
    harness.setTermios((t) => (t.lflag |= TOSTOP));
    expect(await file.write(encodeUtf8('x'))).toBe(1);
    expect(harness.sent).toEqual([]);
  });

  it('does changing settings from the background send SIGTTOU even without TOSTOP?', () => {
    const { harness, file } = withBackgroundJob();
    const termios = file.ioctl(TCGETS, new Uint8Array(0));
    expect(errnoOf(() => file.ioctl(TCSETS, termios))).toBe(Errno.EINTR);
    expect(harness.sent).toEqual([{ to: 'group 300', signal: Signal.SIGTTOU }]);
  });

  it('does a hangup wake a blocked reader with end of file and signal the session?', async () => {
    const harness = new Harness();
    const shell = harness.shell();
    const file = harness.open(shell);
    const read = readText(file);
    await settle();
    harness.tty.hangup();
    expect(await read).toBe('');
    expect(harness.sent).toEqual([
      { to: 'process 100', signal: Signal.SIGHUP },
      { to: 'process 100', signal: Signal.SIGCONT },
      { to: 'group 100', signal: Signal.SIGHUP },
      { to: 'group 100', signal: Signal.SIGCONT },
    ]);
    expect(errnoOf(() => file.write(encodeUtf8('x')))).toBe(Errno.EIO);
    expect(file.readiness().hangup).toBe(true);
    expect(harness.tty.session).toBeUndefined();
  });

  it('after a hangup, does a newly opened description work again?', async () => {
    const harness = new Harness();
    harness.tty.hangup();
    const file = harness.open();
    harness.type('back\n');
    expect(await readText(file)).toBe('back\n');
  });
});
