// The syscall channel: one SharedArrayBuffer per process, through which its
// worker makes synchronous calls into the kernel. The worker writes a
// request and blocks in Atomics.wait; the kernel (on an event loop) answers
// and wakes it. Both sides use this layout and nothing else.
//
//   byte 0    i32 state       IDLE → CALL (worker) → DONE (kernel) → IDLE (worker)
//   byte 4    i32 number      the syscall (abi/syscalls.ts)
//   byte 8    i32 input length
//   byte 12   i32 output length
//   byte 16   i32 errno
//   byte 20   i32 notices     set by the kernel with a reply: NOTICE_* bits
//   byte 24   i64 results[4]
//   byte 56   i64 args[8]
//   byte 120  i32 worker asleep   1 while the worker blocks in Atomics.wait
//   byte 124  i32 kernel asleep   1 while the kernel waits with Atomics.waitAsync
//   byte 128  data: input, then (overwriting it) output
//   then      i32 fd map[FD_MAP_FDS]: which fds are pipe ends whose ring the
//             worker holds (written by the kernel, read by the worker)
//   then      the read window (abi/read-window.ts): a header and
//             READ_WINDOW_SIZE bytes of a file the program is reading
//   then      i64 waited: microseconds the worker slept on pipe rings by
//             itself (written by the worker, read by the kernel for CPU time)
//   then      side words (SIDE_I32_*): news the worker leaves before a call
//             and the kernel takes when it serves the next one, so that
//             telling it costs no round trip of its own
//
// The first 64 bytes (one cache line) hold everything a call with one
// argument exchanges besides its data: the state, the number, the lengths,
// errno, the results and the first argument. Every cache line that both
// sides write in turn moves between the cores in each round trip (a
// transfer costs about as much as the bare Atomics handoff on the test
// machine), so a small call should touch one. The sleep flags, written
// only when a side goes to sleep, sit in the next line, where reading them
// costs nothing while both sides are awake.

import { READ_WINDOW_HEADER_SIZE, READ_WINDOW_SIZE } from './read-window.ts';

export const STATE_IDLE = 0;
export const STATE_CALL = 1;
export const STATE_DONE = 2;

/** Int32 indexes of the header words. */
export const I32_STATE = 0;
export const I32_NUMBER = 1;
export const I32_INPUT_LENGTH = 2;
export const I32_OUTPUT_LENGTH = 3;
export const I32_ERRNO = 4;
export const I32_NOTICES = 5;
/**
 * Set by a side before it sleeps on I32_STATE and cleared when it wakes; the
 * other side calls Atomics.notify (about 80 ns even with no one waiting)
 * only when it sees the flag. Both sides store their word and then load the
 * other's with sequentially consistent Atomics, so at least one of them sees
 * the other's write: a sleeper is never missed.
 */
export const I32_WORKER_ASLEEP = 30;
export const I32_KERNEL_ASLEEP = 31;

/** BigInt64 indexes of the argument and result slots. */
export const I64_RESULTS = 3;
export const RESULT_COUNT = 4;
export const I64_ARGS = 7;
export const ARG_COUNT = 8;

/**
 * Set in the input length word when the input is not in `data` but in the
 * results slots (at most INLINE_INPUT_SIZE bytes), which the reply then
 * overwrites: a small write's bytes travel in the state's cache line
 * instead of moving the data's line between the cores as well. The flag is
 * above any real length (DATA_SIZE), so a length a program passes through
 * bocal_v1 cannot carry it.
 */
export const INPUT_INLINE = 1 << 30;
export const INLINE_INPUT_OFFSET = I64_RESULTS * 8;
export const INLINE_INPUT_SIZE = RESULT_COUNT * 8;

export const DATA_OFFSET = 128;
/**
 * Bytes of input or output one call can carry. Larger reads and writes are
 * cut into chunks of this size by the worker; 256 KiB keeps the number of
 * round trips for bulk I/O low without making every process costly.
 */
export const DATA_SIZE = 256 * 1024;
export const FD_MAP_OFFSET = DATA_OFFSET + DATA_SIZE;
/** fds below this can use a pipe's ring directly; higher ones always make syscalls. */
export const FD_MAP_FDS = 1024;
export const READ_WINDOW_OFFSET = FD_MAP_OFFSET + FD_MAP_FDS * 4;
export const WAITED_OFFSET = READ_WINDOW_OFFSET + READ_WINDOW_HEADER_SIZE + READ_WINDOW_SIZE;
export const SIDE_OFFSET = WAITED_OFFSET + 8;
/**
 * Side word: the program's linear memory in 64 KiB pages, stored by the
 * worker when it changed (memory.grow cannot call out); the kernel charges
 * the memory controller when it serves a call and finds a new size there,
 * as a MEMORY_REPORT call would (syscalls/cgroup.ts).
 */
export const SIDE_I32_MEMORY_PAGES = 0;
/**
 * Side word: 1 + the fd of a ROOT_PREOPEN the worker answered itself from
 * what the kernel said at the start (worker/startup-answers.ts); the kernel
 * does the call's move before it serves the next call. 0: none.
 */
export const SIDE_I32_ROOT_PREOPEN = 1;
/**
 * Side word: the channel's id, set once by the kernel when it makes the
 * channel (exec/channel-pool.ts), which keeps it as the channel passes from
 * program to program: a worker knows the channel it prepared an instance
 * for (worker/program-instance.ts). 0: not numbered.
 */
export const SIDE_I32_CHANNEL = 2;
export const SIDE_SIZE = 16;
export const CHANNEL_SIZE = SIDE_OFFSET + SIDE_SIZE;

/**
 * An fd map entry: 0, or the index of the pipe's ring among those the
 * worker was started with, plus one, shifted left by five; then the ring
 * word of the fd's open end (abi/pipe-ring.ts RING_I32_BLOCKING), plus one
 * (0: none), in three bits; then the access bits of the fd.
 */
export const FD_MAP_READ = 1;
export const FD_MAP_WRITE = 2;
export const fdMapEntry = (ring: number, slot: number, read: boolean, write: boolean): number =>
  ((ring + 1) << 5) | ((slot + 1) << 2) | (read ? FD_MAP_READ : 0) | (write ? FD_MAP_WRITE : 0);
export const fdMapRing = (entry: number): number => (entry >>> 5) - 1;
export const fdMapSlot = (entry: number): number => ((entry >>> 2) & 7) - 1;

/** Notices: a signal with a handler is pending; the worker asks for it. */
export const NOTICE_SIGNAL = 1 << 0;
/** Notices: the process is being killed; the worker unwinds at once. */
export const NOTICE_EXIT = 1 << 1;
/** Notices: the process's program was replaced by exec; the worker unwinds. */
export const NOTICE_EXEC = 1 << 2;

/** Typed views of one channel, made once per process on each side. */
export class ChannelViews {
  readonly i32: Int32Array;
  readonly i64: BigInt64Array;
  readonly data: Uint8Array;
  /** Where a small input goes instead of `data` (INPUT_INLINE). */
  readonly inlineInput: Uint8Array;
  readonly fdMap: Int32Array;
  /** The read window's header words and its bytes (abi/read-window.ts). */
  readonly windowI32: Int32Array;
  readonly windowData: Uint8Array;
  /** The worker's waited microseconds (one i64, Atomics only). */
  readonly waited: BigInt64Array;
  /** The side words (SIDE_I32_*). */
  readonly side: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.i32 = new Int32Array(buffer, 0, DATA_OFFSET / 4);
    this.i64 = new BigInt64Array(buffer, 0, DATA_OFFSET / 8);
    this.data = new Uint8Array(buffer, DATA_OFFSET, DATA_SIZE);
    this.inlineInput = new Uint8Array(buffer, INLINE_INPUT_OFFSET, INLINE_INPUT_SIZE);
    this.fdMap = new Int32Array(buffer, FD_MAP_OFFSET, FD_MAP_FDS);
    this.windowI32 = new Int32Array(buffer, READ_WINDOW_OFFSET, READ_WINDOW_HEADER_SIZE / 4);
    this.windowData = new Uint8Array(
      buffer,
      READ_WINDOW_OFFSET + READ_WINDOW_HEADER_SIZE,
      READ_WINDOW_SIZE,
    );
    this.waited = new BigInt64Array(buffer, WAITED_OFFSET, 1);
    this.side = new Int32Array(buffer, SIDE_OFFSET, SIDE_SIZE / 4);
  }
}
