// Pipes and fifos: blocking reads and writes, end of file, EPIPE, EAGAIN,
// PIPE_BUF atomicity, readiness, and the fifo open rules.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { FDFLAGS_NONBLOCK, LOOKUPFLAGS_SYMLINK_FOLLOW } from '../../../src/kernel/abi/wasi.ts';
import type { OpenFile } from '../../../src/kernel/fs/open-file.ts';
import { createPipe } from '../../../src/kernel/fs/pipe/create-pipe.ts';
import { PIPE_BUF, PIPE_CAPACITY } from '../../../src/kernel/fs/pipe/pipe.ts';
import { S_IFIFO } from '../../../src/kernel/fs/stat.ts';
import { mknod } from '../../../src/kernel/fs/vfs/create.ts';
import { rootCredentials } from '../../../src/kernel/proc/credentials.ts';
import { makeSystem, sys } from './support/kernel.ts';

const bytes = (n: number, value = 1) => new Uint8Array(n).fill(value);

function close(file: OpenFile): void {
  file.references = 0;
  file.release();
}

/** True if `promise` has settled after the microtask queue drains. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}

describe('pipe', () => {
  it('passes bytes in order and reads at most what is there', async () => {
    const [reader, writer] = createPipe();
    expect(writer.write(new Uint8Array([1, 2, 3]))).toBe(3);
    expect([...(await reader.read(2))]).toEqual([1, 2]);
    expect([...(await reader.read(10))]).toEqual([3]);
  });

  it('blocks a read while empty, until data comes', async () => {
    const [reader, writer] = createPipe();
    const pending = reader.read(10) as Promise<Uint8Array>;
    expect(pending).toBeInstanceOf(Promise);
    expect(await settled(pending)).toBe(false);
    writer.write(new Uint8Array([7]));
    expect([...(await pending)]).toEqual([7]);
  });

  it('gives end of file once no writer is left, after the data', async () => {
    const [reader, writer] = createPipe();
    writer.write(new Uint8Array([1]));
    const pending = Promise.resolve(reader.read(10));
    close(writer);
    expect([...(await pending)]).toEqual([1]);
    expect((await reader.read(10)).length).toBe(0);
    const [reader2, writer2] = createPipe();
    const waiting = reader2.read(10) as Promise<Uint8Array>;
    close(writer2);
    expect((await waiting).length).toBe(0);
  });

  it('fails a write with EPIPE when no reader is left', () => {
    const [reader, writer] = createPipe();
    close(reader);
    expect(() => writer.write(bytes(1))).toThrow(expect.objectContaining({ errno: Errno.EPIPE }));
  });

  it('answers EAGAIN instead of waiting with O_NONBLOCK', () => {
    const [reader, writer] = createPipe(FDFLAGS_NONBLOCK);
    expect(() => reader.read(1)).toThrow(expect.objectContaining({ errno: Errno.EAGAIN }));
    expect(writer.write(bytes(PIPE_CAPACITY - 10))).toBe(PIPE_CAPACITY - 10);
    expect(() => writer.write(bytes(100))).toThrow(
      expect.objectContaining({ errno: Errno.EAGAIN }),
    );
    expect(writer.write(bytes(PIPE_BUF + 100))).toBe(10);
  });

  it('holds 65536 bytes, then blocks the writer until a reader makes room', async () => {
    const [reader, writer] = createPipe();
    expect(writer.write(bytes(PIPE_CAPACITY))).toBe(PIPE_CAPACITY);
    const pending = writer.write(bytes(10, 2)) as Promise<number>;
    expect(await settled(pending)).toBe(false);
    await reader.read(PIPE_CAPACITY);
    expect(await pending).toBe(10);
    expect([...(await reader.read(100))]).toEqual([...bytes(10, 2)]);
  });

  it('writes at most PIPE_BUF bytes whole: no partial small write', async () => {
    const [reader, writer] = createPipe();
    writer.write(bytes(PIPE_CAPACITY - 100));
    const small = writer.write(bytes(200, 9)) as Promise<number>;
    expect(await settled(small)).toBe(false);
    await reader.read(50);
    expect(await settled(small)).toBe(false);
    await reader.read(PIPE_CAPACITY);
    expect(await small).toBe(200);
  });

  it('reports readiness and hangup for poll', () => {
    const [reader, writer] = createPipe();
    expect(reader.readiness()).toMatchObject({ readable: false, hangup: false });
    expect(writer.readiness()).toMatchObject({ writable: true });
    let woken = 0;
    reader.waitReadiness(() => woken++);
    writer.write(bytes(3));
    expect(woken).toBe(1);
    expect(reader.readiness()).toMatchObject({ readable: true, nbytes: 3 });
    close(writer);
    expect(reader.readiness()).toMatchObject({ readable: true, hangup: true });
  });
});

describe('fifo', () => {
  function fifo() {
    const system = makeSystem();
    const context = { root: system.root, credentials: rootCredentials(), umask: 0o022 };
    mknod(context, system.root, 'fifo', S_IFIFO | 0o666);
    const process = system.spawn(0);
    const openFifo = (rights: bigint, fdflags = 0) =>
      sys(
        process,
        Sys.PATH_OPEN,
        [3, LOOKUPFLAGS_SYMLINK_FOLLOW, 0, rights, rights, fdflags],
        'fifo',
      );
    return { process, openFifo };
  }
  const READ = 1n << 1n;
  const WRITE = 1n << 6n;

  it('blocks an open for reading until a writer opens, then passes data', async () => {
    const { process, openFifo } = fifo();
    const reading = openFifo(READ);
    expect(await settled(reading)).toBe(false);
    const writing = await openFifo(WRITE);
    expect(writing.errno).toBe(Errno.SUCCESS);
    const readFd = Number((await reading).value);
    await sys(process, Sys.FD_WRITE, [Number(writing.value)], new Uint8Array([42]));
    expect([...(await sys(process, Sys.FD_READ, [readFd, 10])).output]).toEqual([42]);
  });

  it('opens for reading at once with O_NONBLOCK; a non-blocking writer alone gets ENXIO', async () => {
    const { openFifo } = fifo();
    expect((await openFifo(WRITE, FDFLAGS_NONBLOCK)).errno).toBe(Errno.ENXIO);
    expect((await openFifo(READ, FDFLAGS_NONBLOCK)).errno).toBe(Errno.SUCCESS);
    expect((await openFifo(WRITE, FDFLAGS_NONBLOCK)).errno).toBe(Errno.SUCCESS);
  });

  it('never blocks an open for reading and writing', async () => {
    const { openFifo } = fifo();
    expect((await openFifo(READ | WRITE)).errno).toBe(Errno.SUCCESS);
  });
});
