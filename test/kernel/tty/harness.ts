// A tty wired to recording hooks, a fake timer and fake callers, for the tty
// tests: what the screen shows, which signals went to which group, and
// reads that say what a program would get.
import { Errno } from '../../../src/kernel/abi/errno.ts';
import type { Signal } from '../../../src/kernel/abi/signals.ts';
import type { Termios } from '../../../src/kernel/abi/termios.ts';
import { FDFLAGS_NONBLOCK } from '../../../src/kernel/abi/wasi.ts';
import { KernelError } from '../../../src/kernel/errors.ts';
import type { TtyCaller } from '../../../src/kernel/tty/job-control.ts';
import { TtyFile } from '../../../src/kernel/tty/tty-file.ts';
import { Tty, type TtyOptions } from '../../../src/kernel/tty/tty.ts';
import { decodeUtf8, encodeUtf8 } from '../../../src/kernel/utf8.ts';

export interface Sent {
  to: string;
  signal: Signal;
}

/** Timers that fire only when the test advances time. */
export class FakeTimers {
  now = 0;
  private timers: { at: number; wake: () => void }[] = [];

  set = (wake: () => void, milliseconds: number): (() => void) => {
    const timer = { at: this.now + milliseconds, wake };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  };

  advance(milliseconds: number): void {
    this.now += milliseconds;
    const due = this.timers.filter((t) => t.at <= this.now);
    this.timers = this.timers.filter((t) => t.at > this.now);
    for (const timer of due) timer.wake();
  }

  get pending(): number {
    return this.timers.length;
  }
}

export interface CallerOptions {
  pid?: number;
  pgid?: number;
  sid?: number;
  ignores?: Signal[];
  orphaned?: boolean;
  privileged?: boolean;
  hasControllingTty?: boolean;
}

export class Harness {
  screen: number[] = [];
  sent: Sent[] = [];
  readonly timers = new FakeTimers();
  /** Process groups that exist, with their session. */
  readonly groups = new Map<number, number>();
  readonly tty: Tty;

  constructor(options: TtyOptions = {}) {
    this.tty = new Tty(
      {
        output: (bytes) => this.screen.push(...bytes),
        signalGroup: (pgid, signal) => this.sent.push({ to: `group ${pgid}`, signal }),
        signalProcess: (pid, signal) => this.sent.push({ to: `process ${pid}`, signal }),
        sessionOfGroup: (pgid) => this.groups.get(pgid),
        setTimer: this.timers.set,
      },
      options,
    );
  }

  /** A session leader's shell: session 100, group 100, in the foreground. */
  shell(): TtyCaller {
    this.groups.set(100, 100);
    const shell = caller({ pid: 100, pgid: 100, sid: 100 });
    this.tty.session = 100;
    this.tty.foregroundGroup = 100;
    return shell;
  }

  /** Everything shown so far, as text, and forgets it. */
  takeScreen(): string {
    const text = decodeUtf8(Uint8Array.from(this.screen));
    this.screen = [];
    return text;
  }

  type(text: string | number[]): void {
    this.tty.input(typeof text === 'string' ? encodeUtf8(text) : Uint8Array.from(text));
  }

  open(who: TtyCaller | undefined = undefined, nonblocking = false): TtyFile {
    const file = new TtyFile(this.tty, true, true, () => who);
    if (nonblocking) file.flags |= FDFLAGS_NONBLOCK;
    return file;
  }

  setTermios(change: (termios: Termios) => void): void {
    const termios = this.tty.termios;
    change(termios);
    this.tty.setTermios(termios);
  }
}

export function caller(options: CallerOptions = {}): TtyCaller & { controlling: Tty | undefined } {
  const pid = options.pid ?? 200;
  return {
    pid,
    pgid: options.pgid ?? pid,
    sid: options.sid ?? pid,
    hasControllingTty: options.hasControllingTty ?? false,
    privileged: options.privileged ?? false,
    blocksOrIgnores: (signal) => (options.ignores ?? []).includes(signal),
    isGroupOrphaned: () => options.orphaned ?? false,
    signalPending: () => false,
    waitSignal: () => () => {},
    controlling: undefined,
    setControllingTty(tty) {
      this.controlling = tty;
    },
  };
}

/** What the next read returns, as text, or the errno it fails with. */
export async function readText(file: TtyFile, length = 1024): Promise<string | Errno> {
  try {
    return decodeUtf8(await file.read(length));
  } catch (error) {
    if (error instanceof KernelError) return error.errno;
    throw error;
  }
}

/** Every read a program could make now without waiting, each as text. */
export async function readAll(file: TtyFile, length = 1024): Promise<string[]> {
  const reads: string[] = [];
  const nonblocking = file.flags;
  file.flags |= FDFLAGS_NONBLOCK;
  for (let i = 0; i < 100; i++) {
    const result = await readText(file, length);
    if (result === Errno.EAGAIN) break;
    if (typeof result !== 'string') throw new Error(`read failed with errno ${result}`);
    reads.push(result);
  }
  file.flags = nonblocking;
  return reads;
}

/** The errno `run` fails with, or undefined when it succeeds. */
export function errnoOf(run: () => unknown): Errno | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof KernelError) return error.errno;
    throw error;
  }
}

/** Lets pending promise callbacks run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
