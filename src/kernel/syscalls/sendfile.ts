// sendfile(2): the kernel copies a file's bytes to another description
// itself, so they never cross into the program's memory and back. Into a
// pipe it is one copy, from the file into the pipe's ring, as much as there
// is room for, then waiting for room like a blocking write, until the count
// is done (Linux's splice_file_to_pipe returns after the first fill); to
// anything else it reads and writes in chunks until the count is done, the
// file ends or a write falls short (Linux's do_splice_direct).
// This is what BusyBox's and coreutils' cat use for a regular file, and
// what lets `cat FILE | wc -c` skip two of its four copies per chunk
// (docs/design/pipes.md).
import { Errno } from '../abi/errno.ts';
import { FDFLAGS_APPEND, Filetype } from '../abi/wasi.ts';
import { fail, KernelError } from '../errors.ts';
import type { BlockingWait, OpenFile } from '../fs/open-file.ts';
import { PipeEnd, type FillSource } from '../fs/pipe/pipe-end.ts';
import { RegularFile } from '../fs/regular-file.ts';
import { nextTask } from '../fs/pipe/next-task.ts';
import type { Call } from './call.ts';
import { blockingWait } from './fs-context.ts';
import { monotonicMilliseconds } from '../timers.ts';

/** Linux's MAX_RW_COUNT (INT_MAX rounded down to a page): the most one call moves. */
const MAX_RW_COUNT = 0x7ffff000;
/** Bytes read and written per step when the output is not a pipe. */
const CHUNK = 65536;
/** The most one piece of a fill takes from the file (tmpfs's chunk, byte-store.ts). */
const PIECE = 65536;
/** How much room a sendfile into a pipe waits for, spinning, before it fills again. */
const ROOM = 16384;
/** How long a sendfile into a pipe may keep the kernel's thread before it lets others run. */
const SLICE_MS = 1;

/**
 * Implements sendfile(2). args: out fd, in fd, has offset (1/0), offset,
 * count. Without an offset the input's own offset is used and advanced;
 * with one, the input's offset is left alone and results[1] is the offset
 * after the bytes copied. Returns the count copied (0 at the file's end).
 */
export function sendfile(call: Call): number | Promise<number> {
  const fds = call.process.fds;
  const input = fds.get(call.arg(1));
  if (!input.readable) fail(Errno.EBADF);
  const hasOffset = call.arg(2) !== 0;
  if (hasOffset && input instanceof PipeEnd) fail(Errno.ESPIPE);
  const start = hasOffset ? Number(BigInt.asIntN(64, call.bigArg(3))) : input.offset;
  const requested = BigInt.asIntN(64, call.bigArg(4));
  if (start < 0 || requested < 0n) fail(Errno.EINVAL);
  const count = Number(requested > BigInt(MAX_RW_COUNT) ? BigInt(MAX_RW_COUNT) : requested);
  const output = fds.get(call.arg(0));
  if (!output.writable) fail(Errno.EBADF);
  // Only regular files can be read from where the caller says (Linux: no splice_read otherwise).
  if (input.filetype !== Filetype.REGULAR_FILE) fail(Errno.EINVAL);

  const finish = (copied: number): number => {
    if (hasOffset) call.results[1] = BigInt(start + copied);
    else input.offset = start + copied;
    return copied;
  };
  const wait = blockingWait(call.process);
  if (output instanceof PipeEnd && input instanceof RegularFile) {
    return fillPipe(output, input, start, count, wait).then(finish);
  }
  if (output.flags & FDFLAGS_APPEND) fail(Errno.EINVAL);
  return copyInChunks(input, output, start, count, wait).then(finish);
}

/**
 * Copies `count` bytes from `start` into a pipe, a fill at a time (each as
 * much as there is room for), waiting for room in between as a blocking
 * write does. Linux returns after the first fill (at most 64 KiB) and the
 * program calls again; staying in the kernel spares the caller's worker a
 * wake-up per 64 KiB (docs/design/pipes.md, "Fourth look"). While the
 * reader drains the ring, the kernel waits for room synchronously, spinning
 * (PipeEnd.fillSpinning), and fills again as soon as ROOM bytes are free:
 * the reader then finds the next bytes without waiting for the kernel's
 * wake-up ("Fifth look"). The kernel still returns to its event loop every
 * SLICE_MS, where a signal ends the call with the count so far. Stops at
 * the file's end; a signal or EAGAIN after some bytes ends it with that
 * count.
 */
async function fillPipe(
  output: PipeEnd,
  input: RegularFile,
  start: number,
  count: number,
  wait: BlockingWait,
): Promise<number> {
  let copied = 0;
  let slice = monotonicMilliseconds() + SLICE_MS;
  while (copied < count) {
    try {
      const from = start + copied;
      const source: FillSource = {
        // A piece at a time, each inside one of tmpfs's 64 KiB chunks, so
        // that pread returns a view of the chunk instead of a copy.
        bytes: (skip, length) => {
          const at = from + skip;
          return input.pread(Math.min(length, PIECE - (at % PIECE)), at);
        },
        page: (skip, max) => input.sharePages(from + skip, max),
      };
      let filled = output.fillSpinning(count - copied, source, ROOM, slice);
      if (filled === undefined) {
        filled = await output.fill(count - copied, source, wait);
        slice = monotonicMilliseconds() + SLICE_MS;
      }
      if (filled === 0) break;
      copied += filled;
      if (copied < count && monotonicMilliseconds() >= slice) {
        // The slice is over: other processes' calls, timers and signals
        // run now (a handled signal ends the call here with the count).
        await wait(nextTask(), () => {});
        slice = monotonicMilliseconds() + SLICE_MS;
      }
    } catch (error) {
      if (copied > 0 && error instanceof KernelError) break;
      throw error;
    }
  }
  return copied;
}

/**
 * Reads `count` bytes from `start` and writes them to `output`, a chunk at a
 * time; stops early at the file's end or a short write. An error after some
 * bytes were copied ends the call with that count, as Linux's does.
 */
async function copyInChunks(
  input: OpenFile,
  output: OpenFile,
  start: number,
  count: number,
  wait: BlockingWait,
): Promise<number> {
  let copied = 0;
  while (copied < count) {
    try {
      const data = await input.pread(Math.min(CHUNK, count - copied), start + copied);
      if (data.length === 0) break;
      const written = await output.write(data, wait);
      copied += written;
      if (written < data.length) break;
    } catch (error) {
      if (copied > 0 && error instanceof KernelError) break;
      throw error;
    }
  }
  return copied;
}
