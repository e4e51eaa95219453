// The kernel's end of one process's syscall channel: waits (without
// blocking the event loop) for the worker's request, hands it to the
// dispatcher, writes the answer and wakes the worker.
import {
  ARG_COUNT,
  ChannelViews,
  DATA_SIZE,
  I32_ERRNO,
  I32_INPUT_LENGTH,
  I32_KERNEL_ASLEEP,
  I32_NOTICES,
  I32_NUMBER,
  I32_OUTPUT_LENGTH,
  I32_STATE,
  I32_WORKER_ASLEEP,
  I64_ARGS,
  I64_RESULTS,
  INLINE_INPUT_SIZE,
  INPUT_INLINE,
  RESULT_COUNT,
  STATE_CALL,
  STATE_DONE,
} from '../abi/channel.ts';
import { Errno } from '../abi/errno.ts';
import { logKernelFault } from '../log.ts';
import { setKernelTimer } from '../timers.ts';

export interface Request {
  number: number;
  args: BigInt64Array;
  /** The same arguments as 32-bit halves (little-endian), where they are in the channel: read without making BigInts. */
  argHalves?: Int32Array;
  input: Uint8Array;
}

export interface Reply {
  errno: number;
  results?: readonly bigint[];
  output?: Uint8Array | undefined;
  notices?: number;
}

/** Answers a request, at once or later. */
export type RequestHandler = (request: Request) => Reply | Promise<Reply>;

export class ChannelServer {
  private readonly views: ChannelViews;
  /**
   * The request being served, one object reused for every call: its
   * arguments and input are views of the channel, valid until the answer
   * (a handler that needs them later copies them, as the stop gate does).
   */
  private readonly request: Request;
  private stopped = false;
  /** Views of the inline input (INPUT_INLINE) by length, made once. */
  private readonly inlineInputs: Uint8Array[];

  constructor(
    buffer: SharedArrayBuffer,
    private readonly handle: RequestHandler,
    /**
     * Work done while the kernel watches the channel, one step at a time
     * (true: a step was done, there may be more): filling the read window.
     */
    private readonly background?: () => boolean,
  ) {
    this.views = new ChannelViews(buffer);
    const inline = this.views.inlineInput;
    this.inlineInputs = Array.from({ length: INLINE_INPUT_SIZE + 1 }, (_, n) =>
      inline.subarray(0, n),
    );
    this.request = {
      number: 0,
      args: this.views.i64.subarray(I64_ARGS, I64_ARGS + ARG_COUNT),
      argHalves: this.views.i32.subarray(I64_ARGS * 2, (I64_ARGS + ARG_COUNT) * 2),
      input: this.views.data.subarray(0, 0),
    };
  }

  /** Calls served back to back since the kernel last gave its thread to other work. */
  private burst = 0;

  /** listen() as a callback, made once: a closure per call costs more than the call's work. */
  private readonly listenAgain = (): void => this.listen();

  /** Resumes listening after a sleep (one closure per channel, not one per sleep). */
  private readonly wake = (): void => {
    // A stopped server's channel may be another program's now (exec/channel-pool.ts).
    if (this.stopped) return;
    Atomics.store(this.views.i32, I32_KERNEL_ASLEEP, 0);
    this.listen();
  };

  /** Starts answering requests. */
  start(): void {
    this.listen();
  }

  /** Stops answering: the process is gone or its program replaced. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Answers the request being served now with `reply`, whatever its handler
   * later returns, and stops: used to release a worker whose process ended
   * while it waited in a syscall.
   */
  release(reply: Reply): void {
    if (this.stopped) return;
    this.answer(reply, false);
    this.stopped = true;
  }

  /**
   * Serves requests for as long as they come. After each answer it watches
   * the channel for a short while before going back to the event loop: a
   * busy program's next call usually follows within microseconds, and
   * catching it here saves waking the event loop (tens of microseconds). An
   * idle program costs nothing once the watch ends.
   */
  private listen(): void {
    const { i32 } = this.views;
    for (;;) {
      if (this.stopped) return;
      let state = Atomics.load(i32, I32_STATE);
      const background = this.background;
      if (background !== undefined) {
        while (state !== STATE_CALL && background()) state = Atomics.load(i32, I32_STATE);
      }
      for (let i = 0; state !== STATE_CALL && i < WATCH_CHECKS; i++) {
        state = Atomics.load(i32, I32_STATE);
      }
      if (state !== STATE_CALL) {
        // Announce the sleep, then look once more: the worker stores CALL
        // before it reads the flag, so one of the two sees the other.
        Atomics.store(i32, I32_KERNEL_ASLEEP, 1);
        state = Atomics.load(i32, I32_STATE);
        const waiting = state === STATE_CALL ? undefined : Atomics.waitAsync(i32, I32_STATE, state);
        if (!waiting?.async) {
          Atomics.store(i32, I32_KERNEL_ASLEEP, 0);
          continue; // it changed meanwhile: look again
        }
        this.burst = 0;
        void waiting.value.then(this.wake);
        return;
      }
      // An answer that takes time (a pipe to fill, a slow file) comes back
      // through answer(), which resumes listening.
      if (!this.serve()) return;
      // What this call set in motion (a reader woken by this write, a parent
      // by this exit) runs before the next call of the same process is
      // served; and every BURST calls in a row, the event loop runs too, so
      // other processes' calls are not held back by a program that does
      // nothing but syscalls.
      if (++this.burst >= BURST) {
        this.burst = 0;
        setKernelTimer(this.listenAgain, 0);
      } else {
        void RESOLVED.then(this.listenAgain);
      }
      return;
    }
  }

  /** Serves the pending request; true if it was answered at once. */
  private serve(): boolean {
    const i32 = this.views.i32;
    const rawLength = i32[I32_INPUT_LENGTH]!;
    const request = this.request;
    if ((rawLength & INPUT_INLINE) !== 0) {
      request.input =
        this.inlineInputs[Math.min(rawLength & (INPUT_INLINE - 1), INLINE_INPUT_SIZE)]!;
    } else {
      const inputLength = Math.min(Math.max(rawLength, 0), DATA_SIZE);
      const data = this.views.data;
      // The input view is remade only when the length (or the place) changes.
      if (request.input.length !== inputLength || request.input.byteOffset !== data.byteOffset) {
        request.input = data.subarray(0, inputLength);
      }
    }
    request.number = i32[I32_NUMBER]!;
    let reply: Reply | Promise<Reply>;
    try {
      reply = this.handle(request);
    } catch (error) {
      reply = internalError(error);
    }
    if (reply instanceof Promise) {
      reply.then(
        (answer) => this.answer(answer, true),
        (error: unknown) => this.answer(internalError(error), true),
      );
      return false;
    }
    this.answer(reply, false);
    return true;
  }

  private answer(reply: Reply, resume: boolean): void {
    if (this.stopped) return;
    const { i32, i64, data } = this.views;
    const output = reply.output;
    let outputLength = 0;
    if (output) {
      outputLength = Math.min(output.length, DATA_SIZE);
      data.set(output.subarray(0, outputLength));
    }
    if (reply instanceof ValueReply) {
      // Two 32-bit halves per result, little-endian: no BigInt made.
      const value = reply.value;
      i32[I64_RESULTS * 2] = value | 0;
      i32[I64_RESULTS * 2 + 1] = Math.floor(value / 4294967296) | 0;
      for (let i = I64_RESULTS * 2 + 2; i < (I64_RESULTS + RESULT_COUNT) * 2; i++) i32[i] = 0;
    } else {
      const results = reply.results ?? NO_RESULTS;
      for (let i = 0; i < RESULT_COUNT; i++) i64[I64_RESULTS + i] = results[i] ?? 0n;
    }
    i32[I32_OUTPUT_LENGTH] = outputLength;
    i32[I32_ERRNO] = reply.errno;
    i32[I32_NOTICES] = reply.notices ?? 0;
    Atomics.store(i32, I32_STATE, STATE_DONE);
    if (Atomics.load(i32, I32_WORKER_ASLEEP) !== 0) Atomics.notify(i32, I32_STATE);
    if (resume) this.listen();
  }
}

/**
 * How many times the kernel looks at a channel after answering before it
 * returns to its event loop: about 10 µs. Long enough to catch the next
 * call of a program in a syscall loop, short enough that other processes'
 * requests (answered from the event loop) barely wait.
 */
const WATCH_CHECKS = 1000;

/**
 * How many calls of one process are served back to back before the kernel
 * yields to its event loop: about 2 ms of a program doing nothing but
 * syscalls, the longest other processes then wait for the kernel.
 */
const BURST = 4096;

/** One settled promise whose then() queues a microtask: cheaper than a new one per call. */
const RESOLVED = Promise.resolve();

const NO_RESULTS: readonly bigint[] = [];

/**
 * The common successful reply: one result, a number (the others zero), and
 * maybe output. It is written to the channel as 32-bit halves, so a call
 * like a 1-byte write makes no BigInt and no results array; `results` is
 * there for readers of replies that are not the channel (builtin programs).
 */
export class ValueReply implements Reply {
  readonly errno = 0;
  notices?: number;

  constructor(
    /** results[0]: an integer of at most 2^53 in magnitude. */
    readonly value: number,
    readonly output: Uint8Array | undefined,
  ) {}

  get results(): bigint[] {
    return [BigInt(this.value), 0n, 0n, 0n];
  }
}

/** A handler that threw something other than a KernelError: a kernel bug, reported as EIO. */
function internalError(error: unknown): Reply {
  logKernelFault('syscall handler failed', error);
  return { errno: Errno.EIO };
}
