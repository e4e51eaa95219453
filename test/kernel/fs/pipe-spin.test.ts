// The kernel's synchronous wait for room in a full pipe (Pipe.spinForRoom,
// used by sendfile into a pipe: docs/design/pipes.md, "Fifth look"). It
// succeeds once the reader made room or left (EPIPE follows), and must end
// rather than hold the kernel's thread when spinning cannot help: a worker
// asleep on the ring, a waiter of the kernel's own (it runs only once the
// kernel returns to its event loop), a deadline passed, a reader making no
// progress. An O_NONBLOCK end gets EAGAIN as before.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { RING_I32_SLEEPERS } from '../../../src/kernel/abi/pipe-ring.ts';
import { FDFLAGS_NONBLOCK } from '../../../src/kernel/abi/wasi.ts';
import { KernelError } from '../../../src/kernel/errors.ts';
import { createPipe } from '../../../src/kernel/fs/pipe/create-pipe.ts';
import type { PipeEnd } from '../../../src/kernel/fs/pipe/pipe-end.ts';
import { PIPE_CAPACITY } from '../../../src/kernel/fs/pipe/pipe.ts';

/** A pipe whose ring is full. */
function fullPipe(flags = 0): { reader: PipeEnd; writer: PipeEnd } {
  const [reader, writer] = createPipe(flags) as [PipeEnd, PipeEnd];
  expect(writer.write(new Uint8Array(PIPE_CAPACITY).fill(7))).toBe(PIPE_CAPACITY);
  return { reader, writer };
}

/** A deadline no test should reach: a spin that does not give up fails by timing out. */
const far = (): number => performance.now() + 60_000;

describe('the kernel waiting for room in a pipe', () => {
  it('has room at once when the reader made some, and none to wait for once no reader is left', () => {
    const { reader, writer } = fullPipe();
    expect((reader.read(16384) as Uint8Array).length).toBe(16384);
    expect(writer.pipe.spinForRoom(16384, far())).toBe(true);
    expect(
      writer.fillSpinning(
        PIPE_CAPACITY,
        { bytes: (_skip, length) => new Uint8Array(length) },
        16384,
        far(),
      ),
    ).toBe(16384);
    reader.references = 0;
    reader.release();
    expect(writer.pipe.spinForRoom(16384, far())).toBe(true);
    expect(() =>
      writer.fillSpinning(10, { bytes: (_skip, length) => new Uint8Array(length) }, 1, far()),
    ).toThrow(expect.objectContaining({ errno: Errno.EPIPE }));
  });

  it('gives up while a worker sleeps on the ring', () => {
    const { writer } = fullPipe();
    Atomics.store(writer.pipe.ring.i32, RING_I32_SLEEPERS, 1);
    expect(writer.pipe.spinForRoom(1, far())).toBe(false);
    expect(
      writer.fillSpinning(10, { bytes: (_skip, length) => new Uint8Array(length) }, 1, far()),
    ).toBeUndefined();
    Atomics.store(writer.pipe.ring.i32, RING_I32_SLEEPERS, 0);
  });

  it('gives up while a waiter of the kernel is queued on the pipe', () => {
    const { writer } = fullPipe();
    const cancel = writer.pipe.onChange(() => {});
    expect(writer.pipe.spinForRoom(1, far())).toBe(false);
    cancel();
  });

  it('gives up when its deadline has passed or the reader makes no progress', () => {
    const { writer } = fullPipe();
    expect(writer.pipe.spinForRoom(1, performance.now())).toBe(false);
    // Nobody reads this pipe: the spin ends without its room.
    expect(writer.pipe.spinForRoom(1, far())).toBe(false);
  });

  it('leaves an O_NONBLOCK end nothing on a full pipe, and EAGAIN from the wait that follows', async () => {
    const { writer } = fullPipe(FDFLAGS_NONBLOCK);
    expect(
      writer.fillSpinning(10, { bytes: (_skip, length) => new Uint8Array(length) }, 1, far()),
    ).toBeUndefined();
    let errno: number | undefined;
    try {
      await writer.fill(10, { bytes: (_skip, length) => new Uint8Array(length) });
    } catch (error) {
      errno = error instanceof KernelError ? error.errno : undefined;
    }
    expect(errno).toBe(Errno.EAGAIN);
  });
});
