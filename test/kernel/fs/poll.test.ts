// poll_oneoff: clocks (relative and absolute), pipes becoming readable,
// hangup, bad fds and always-ready regular files, decoded as a program would.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import {
  EVENT_SIZE,
  EVENTRWFLAGS_FD_READWRITE_HANGUP,
  EventType,
  SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME,
  SUBSCRIPTION_SIZE,
} from '../../../src/kernel/abi/wasi.ts';
import { createPipe } from '../../../src/kernel/fs/pipe/create-pipe.ts';
import type { Process } from '../../../src/kernel/proc/process.ts';
import { Call } from '../../../src/kernel/syscalls/call.ts';
import { createPollSyscall, type PollTimers } from '../../../src/kernel/syscalls/poll.ts';
import { check, makeSystem } from './support/kernel.ts';

type Sub =
  | { userdata: number; clock: bigint; absolute?: boolean }
  | { userdata: number; read: number }
  | { userdata: number; write: number };

function encodeSubscriptions(subs: Sub[]): Uint8Array {
  const bytes = new Uint8Array(subs.length * SUBSCRIPTION_SIZE);
  const view = new DataView(bytes.buffer);
  subs.forEach((sub, i) => {
    const at = i * SUBSCRIPTION_SIZE;
    view.setBigUint64(at, BigInt(sub.userdata), true);
    if ('clock' in sub) {
      view.setUint8(at + 8, EventType.CLOCK);
      view.setUint32(at + 16, 1, true);
      view.setBigUint64(at + 24, sub.clock, true);
      view.setUint16(at + 40, sub.absolute ? SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0, true);
    } else {
      view.setUint8(at + 8, 'read' in sub ? EventType.FD_READ : EventType.FD_WRITE);
      view.setUint32(at + 16, 'read' in sub ? sub.read : sub.write, true);
    }
  });
  return bytes;
}

function decodeEvents(output: Uint8Array) {
  const view = new DataView(output.buffer, output.byteOffset, output.byteLength);
  const events = [];
  for (let at = 0; at < output.length; at += EVENT_SIZE) {
    events.push({
      userdata: Number(view.getBigUint64(at, true)),
      error: view.getUint16(at + 8, true),
      type: view.getUint8(at + 10),
      nbytes: Number(view.getBigUint64(at + 16, true)),
      flags: view.getUint16(at + 24, true),
    });
  }
  return events;
}

class FakeTimers implements PollTimers {
  time = 1_000n;
  timers: { at: bigint; callback: () => void }[] = [];
  now(): bigint {
    return this.time;
  }
  setTimer(delay: bigint, callback: () => void): () => void {
    const timer = { at: this.time + delay, callback };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((t) => t !== timer));
  }
  advance(delay: bigint): void {
    this.time += delay;
    for (const timer of this.timers.filter((t) => t.at <= this.time)) timer.callback();
  }
}

function setup() {
  const timers = new FakeTimers();
  const entry = createPollSyscall(timers);
  const process = makeSystem().spawn(0);
  const poll = (subs: Sub[]) => {
    const call = new Call(
      process,
      Sys.POLL_ONEOFF,
      [BigInt(subs.length)],
      encodeSubscriptions(subs),
    );
    const result = entry.handler(call);
    return Promise.resolve(result).then((count) => ({
      count: Number(count),
      events: decodeEvents(call.outputBytes ?? new Uint8Array(0)),
    }));
  };
  return { timers, process, poll };
}

function addPipe(process: Process) {
  const [reader, writer] = createPipe();
  return { reader, writer, readFd: process.fds.add(reader), writeFd: process.fds.add(writer) };
}

describe('poll_oneoff', () => {
  it('returns a clock event at once for a zero or past timeout', async () => {
    const { poll } = setup();
    expect((await poll([{ userdata: 7, clock: 0n }])).events).toEqual([
      { userdata: 7, error: 0, type: EventType.CLOCK, nbytes: 0, flags: 0 },
    ]);
    expect((await poll([{ userdata: 8, clock: 500n, absolute: true }])).count).toBe(1);
  });

  it('waits for a relative timeout', async () => {
    const { timers, poll } = setup();
    const pending = poll([{ userdata: 1, clock: 100n }]);
    timers.advance(99n);
    timers.advance(1n);
    expect((await pending).events[0]).toMatchObject({ userdata: 1, type: EventType.CLOCK });
    expect(timers.timers).toEqual([]);
  });

  it('wakes when a pipe becomes readable, reporting the bytes available, and drops the timer', async () => {
    const { timers, process, poll } = setup();
    const { writer, readFd } = addPipe(process);
    const pending = poll([
      { userdata: 1, clock: 1_000_000n },
      { userdata: 2, read: readFd },
    ]);
    writer.write(new Uint8Array(5));
    const { events } = await pending;
    expect(events).toEqual([
      { userdata: 2, error: 0, type: EventType.FD_READ, nbytes: 5, flags: 0 },
    ]);
    expect(timers.timers).toEqual([]);
  });

  it('reports hangup when the writer is gone, and write readiness of a pipe', async () => {
    const { process, poll } = setup();
    const { readFd, writeFd } = addPipe(process);
    expect((await poll([{ userdata: 3, write: writeFd }])).events[0]).toMatchObject({
      type: EventType.FD_WRITE,
      error: 0,
    });
    await check(process, Sys.FD_CLOSE, [writeFd]);
    expect((await poll([{ userdata: 4, read: readFd }])).events[0]).toMatchObject({
      flags: EVENTRWFLAGS_FD_READWRITE_HANGUP,
    });
  });

  it('gives an EBADF event for an fd that is not open', async () => {
    const { poll } = setup();
    expect((await poll([{ userdata: 5, read: 99 }])).events[0]).toMatchObject({
      error: Errno.EBADF,
    });
  });

  it('finds a regular file always ready, with the bytes left to read', async () => {
    const { process, poll } = setup();
    const fd = Number(
      (await check(process, Sys.PATH_OPEN, [3, 1, 1, (1n << 1n) | (1n << 6n), 0, 0], 'f')).value,
    );
    await check(process, Sys.FD_WRITE, [fd], new Uint8Array(10));
    await check(process, Sys.FD_SEEK, [fd, 4, 0]);
    expect((await poll([{ userdata: 6, read: fd }])).events[0]).toMatchObject({ nbytes: 6 });
  });
});
