// The worker's end of the syscall channel: makes one synchronous call into
// the kernel and blocks until the answer is written.
import {
  ARG_COUNT,
  ChannelViews,
  DATA_SIZE,
  I32_ERRNO,
  I32_INPUT_LENGTH,
  I32_NOTICES,
  I32_NUMBER,
  I32_OUTPUT_LENGTH,
  I32_KERNEL_ASLEEP,
  I32_STATE,
  I32_WORKER_ASLEEP,
  I64_ARGS,
  I64_RESULTS,
  INPUT_INLINE,
  STATE_CALL,
  STATE_DONE,
} from '../kernel/abi/channel.ts';

/**
 * How many times to look for the answer before sleeping (about 50 µs).
 * Waking a thread that sleeps costs tens of microseconds on each side, and
 * the kernel watches a channel only briefly after answering. If the worker
 * gave up sooner than the kernel takes to wake, both would keep missing
 * each other and every call would pay two wake-ups; spinning longer than a
 * wake-up lets the next answer find the worker awake, and the pair falls
 * back into step. A process blocked for longer (a read on an idle pipe)
 * still sleeps.
 */
const SPIN_CHECKS = 6_000;

/**
 * The spin adapts: when the cores are oversubscribed (other processes, the
 * kernel thread descheduled) answers take longer than any spin and a
 * spinning worker only takes CPU from the kernel it waits for. Each spin
 * that ends in a sleep answered within LONG_WAIT_MS halves the next spin (a
 * longer wait is a call that blocks, which says nothing about the cores),
 * down to MIN_SPIN_CHECKS; each spin that catches its answer doubles it
 * back. Every PROBE_EVERY calls a short spin is made whole once: if the
 * cores are free again it catches the answer of a kernel that had to wake
 * up, the kernel is then watching, and the next calls double the spin back
 * within a few calls (a short spin alone could miss it forever).
 */
const MIN_SPIN_CHECKS = 256;
const LONG_WAIT_MS = 1;
const PROBE_EVERY = 64;

export class SyscallClient {
  readonly views: ChannelViews;
  private argsInUse = ARG_COUNT;
  private spinChecks = SPIN_CHECKS;
  private shortSpins = 0;

  constructor(buffer: SharedArrayBuffer) {
    this.views = new ChannelViews(buffer);
  }

  /** Bytes the data area can carry in one call. */
  get capacity(): number {
    return DATA_SIZE;
  }

  /**
   * Makes syscall `number` with up to eight integer arguments and, if
   * given, `inputLength` bytes already written at the start of `data`.
   * Returns the errno; results and output stay readable until the next call.
   */
  call(number: number, args: ArrayLike<number | bigint> = [], inputLength = 0): number {
    const { i32, i64 } = this.views;
    // Slots past this call's arguments are zeroed only if the last call used them.
    const count = Math.min(args.length, ARG_COUNT);
    for (let i = 0; i < count; i++) {
      const value = args[i]!;
      if (typeof value === 'bigint') {
        i64[I64_ARGS + i] = value;
      } else {
        // Two 32-bit halves, little-endian: no BigInt made for a plain number.
        i32[(I64_ARGS + i) * 2] = value | 0;
        i32[(I64_ARGS + i) * 2 + 1] = Math.floor(value / 4294967296) | 0;
      }
    }
    for (let i = count; i < this.argsInUse; i++) i64[I64_ARGS + i] = 0n;
    this.argsInUse = count;
    i32[I32_NUMBER] = number;
    i32[I32_INPUT_LENGTH] = inputLength;
    Atomics.store(i32, I32_STATE, STATE_CALL);
    if (Atomics.load(i32, I32_KERNEL_ASLEEP) !== 0) Atomics.notify(i32, I32_STATE);
    let limit = this.spinChecks;
    if (limit < SPIN_CHECKS && ++this.shortSpins % PROBE_EVERY === 0) limit = SPIN_CHECKS;
    for (let spins = 0; spins < limit; spins++) {
      if (Atomics.load(i32, I32_STATE) === STATE_DONE) {
        if (this.spinChecks < SPIN_CHECKS) {
          this.spinChecks = Math.min(SPIN_CHECKS, this.spinChecks * 2);
        }
        return i32[I32_ERRNO]!;
      }
    }
    const asleep = performance.now();
    // Announce the sleep, then look once more: the kernel stores DONE before
    // it reads the flag, so one of the two sees the other (channel.ts).
    Atomics.store(i32, I32_WORKER_ASLEEP, 1);
    while (Atomics.load(i32, I32_STATE) !== STATE_DONE) {
      Atomics.wait(i32, I32_STATE, STATE_CALL);
    }
    Atomics.store(i32, I32_WORKER_ASLEEP, 0);
    if (performance.now() - asleep < LONG_WAIT_MS) {
      this.spinChecks = Math.max(MIN_SPIN_CHECKS, this.spinChecks >> 1);
    }
    return i32[I32_ERRNO]!;
  }

  /**
   * A copy of the input of a call made with `inputLength` (as given to
   * call(), INPUT_INLINE included), taken before another call overwrites it.
   */
  copyInput(inputLength: number): Uint8Array | undefined {
    if ((inputLength & INPUT_INLINE) !== 0) {
      return this.views.inlineInput.slice(0, inputLength & (INPUT_INLINE - 1));
    }
    return inputLength > 0 ? this.views.data.slice(0, inputLength) : undefined;
  }

  /** Puts back, where `inputLength` says, an input taken with copyInput. */
  putInput(inputLength: number, input: Uint8Array | undefined): void {
    if (!input) return;
    if ((inputLength & INPUT_INLINE) !== 0) this.views.inlineInput.set(input);
    else this.views.data.set(input);
  }

  /** Writes `bytes` as the input of the next call. */
  setInput(bytes: Uint8Array): number {
    this.views.data.set(bytes);
    return bytes.length;
  }

  result(i = 0): bigint {
    return this.views.i64[I64_RESULTS + i]!;
  }

  /** Result `i` as a number (exact below 2^53), read without making a BigInt. */
  resultNumber(i = 0): number {
    const i32 = this.views.i32;
    return (i32[(I64_RESULTS + i) * 2]! >>> 0) + i32[(I64_RESULTS + i) * 2 + 1]! * 4294967296;
  }

  get outputLength(): number {
    return this.views.i32[I32_OUTPUT_LENGTH]!;
  }

  /** The output of the last call (a view into the channel: copy it before the next call). */
  output(): Uint8Array {
    return this.views.data.subarray(0, this.outputLength);
  }

  get notices(): number {
    return this.views.i32[I32_NOTICES]!;
  }
}
