// Pipes as shared rings (docs/design/pipes.md): programs that got their pipe
// ends at start read and write the ring directly. wasm/tests/pipe_ring.c runs
// its scenarios (several writers and PIPE_BUF atomicity, a reader or a writer
// woken by a peer in another worker, EPIPE and SIGPIPE, end of file,
// O_NONBLOCK, poll and FIONREAD, a signal during a blocked read) natively on
// Linux and on bocal, and both must print the same lines. The kernel's side:
// which fds a worker may use a ring through, and a ring whose header a
// program overwrote with garbage.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FD_MAP_FDS,
  FD_MAP_READ,
  FD_MAP_WRITE,
  fdMapRing,
  fdMapSlot,
} from '../../../src/kernel/abi/channel.ts';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { RING_HEADER_SIZE, RING_I32_BLOCKING } from '../../../src/kernel/abi/pipe-ring.ts';
import { Signal } from '../../../src/kernel/abi/signals.ts';
import { FDFLAGS_NONBLOCK } from '../../../src/kernel/abi/wasi.ts';
import { shellExitCode } from '../../../src/kernel/abi/wait-status.ts';
import { makeDirectories, writeFile } from '../../../src/kernel/boot/kernel-files.ts';
import { KernelError } from '../../../src/kernel/errors.ts';
import { createPipe } from '../../../src/kernel/fs/pipe/create-pipe.ts';
import type { PipeEnd } from '../../../src/kernel/fs/pipe/pipe-end.ts';
import { PIPE_CAPACITY } from '../../../src/kernel/fs/pipe/pipe.ts';
import { RingExport } from '../../../src/kernel/fs/pipe/ring-export.ts';
import { newRingToken, retireRingToken } from '../../../src/kernel/fs/pipe/ring-tokens.ts';
import { Kernel } from '../../../src/kernel/kernel.ts';
import { FdTable } from '../../../src/kernel/proc/fd-table.ts';
import { sendSignal } from '../../../src/kernel/proc/signals.ts';
import { createNodeProcessHost } from '../../../src/platform/node/process-host.ts';
import { capturedStdio } from '../../support/captured-stdio.ts';
import { wasmPath } from '../../support/programs.ts';
import { nativeRunner } from '../../support/wasi-runners.ts';

let kernel: Kernel | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await kernel?.shutdown();
  kernel = undefined;
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function bootWithProgram(): Promise<{ kernel: Kernel; self: string; bytes: Uint8Array }> {
  kernel = new Kernel(createNodeProcessHost(2));
  makeDirectories(kernel.init, '/bin');
  const self = '/bin/pipe_ring';
  const bytes = readFileSync(wasmPath('pipe_ring'));
  await writeFile(kernel.init, self, bytes, 0o755);
  return { kernel, self, bytes };
}

describe('pipe rings shared with workers', () => {
  it('pipe_ring prints on bocal what it prints on Linux', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bocal-pipe-ring-'));
    dirs.push(dir);
    const native = await nativeRunner.run('pipe_ring', [], { dir });
    expect(native.status).toBe(0);
    const { kernel, self, bytes } = await bootWithProgram();
    const stdio = capturedStdio('', true);
    const { exited } = await kernel.spawn({
      program: { bytes, key: wasmPath('pipe_ring') },
      argv: [self],
      env: [],
      fds: stdio.fds,
    });
    const status = shellExitCode(await exited);
    expect(stdio.stdout().split('\n')).toEqual(native.stdout.split('\n'));
    expect(status).toBe(0);
  }, 60_000);

  it('follows the fd table: dup, dup2, renumber and close move or drop an fd ring', () => {
    const fds = new FdTable();
    const [reader, writer] = createPipe();
    const [otherReader] = createPipe();
    fds.set(0, reader);
    fds.set(1, writer);
    const map = new Int32Array(FD_MAP_FDS);
    const rings = new RingExport(fds, map);
    expect(rings.buffers).toEqual([(reader as PipeEnd).pipe.ring.buffer]);
    expect(map[0]! & (FD_MAP_READ | FD_MAP_WRITE)).toBe(FD_MAP_READ);
    expect(map[1]! & (FD_MAP_READ | FD_MAP_WRITE)).toBe(FD_MAP_WRITE);
    expect(fdMapRing(map[0]!)).toBe(0);
    // Each end has its word in the ring saying whether it blocks; fcntl(F_SETFL) keeps it in step.
    const ring = (reader as PipeEnd).pipe.ring;
    const readerWord = RING_I32_BLOCKING + fdMapSlot(map[0]!);
    expect(fdMapSlot(map[1]!)).not.toBe(fdMapSlot(map[0]!));
    expect(ring.i32[readerWord]).toBe(1);
    reader.flags = FDFLAGS_NONBLOCK;
    expect(ring.i32[readerWord]).toBe(0);
    reader.flags = 0;
    expect(ring.i32[readerWord]).toBe(1);
    fds.add(writer, false, 5); // dup
    expect(map[5]! & FD_MAP_WRITE).toBe(FD_MAP_WRITE);
    fds.set(1, otherReader); // dup2 of a pipe the worker never got: syscalls for it
    expect(map[1]).toBe(0);
    fds.renumber(5, 1);
    expect(map[5]).toBe(0);
    expect(map[1]! & FD_MAP_WRITE).toBe(FD_MAP_WRITE);
    fds.close(0);
    expect(map[0]).toBe(0);
    rings.detach();
    fds.set(0, reader); // no longer followed once the program is gone
    expect(map[0]).toBe(0);
  });

  it('survives a ring header overwritten with garbage', async () => {
    const [reader, writer] = createPipe(FDFLAGS_NONBLOCK);
    const ring = (reader as PipeEnd).pipe.ring;
    writer.write(new TextEncoder().encode('hello'));
    const garbage = [0x7fffffff, -5, 123456789, -1, 42, 99, -2147483648, 7, 3, -9, 1 << 30];
    const words = new Int32Array(ring.buffer, 0, RING_HEADER_SIZE / 4);
    garbage.forEach((value, i) => (words[i] = value));
    // Counters that claim more than the capacity are clamped; locks held by
    // tokens no running program has are taken back: the kernel answers, it
    // neither throws nor waits.
    const readiness = reader.readiness();
    expect(readiness.nbytes).toBeGreaterThanOrEqual(0);
    expect(readiness.nbytes).toBeLessThanOrEqual(PIPE_CAPACITY);
    const tryRead = (): unknown => {
      try {
        return reader.read(100);
      } catch (error) {
        return error instanceof KernelError ? error.errno : error;
      }
    };
    const tryWrite = (): unknown => {
      try {
        return writer.write(new Uint8Array(10));
      } catch (error) {
        return error instanceof KernelError ? error.errno : error;
      }
    };
    const read = tryRead() as Uint8Array;
    expect(read).toBeInstanceOf(Uint8Array);
    expect(read.length).toBeLessThanOrEqual(100);
    expect(tryWrite()).toBe(Errno.EAGAIN); // "full": the clamped count leaves no room
    expect(writer.readiness().nbytes).toBeLessThanOrEqual(PIPE_CAPACITY);
    // A lock held by a running program's worker is never waited for.
    const token = newRingToken();
    words[5] = token;
    expect(tryRead()).toBe(Errno.EAGAIN);
    retireRingToken(token); // its program died holding it
    expect(tryRead()).toBeInstanceOf(Uint8Array);
    reader.references = 0;
    reader.release();
    writer.references = 0;
    writer.release();
  });

  it('keeps running when a program holds a ring whose header is garbage', async () => {
    const { kernel, self, bytes } = await bootWithProgram();
    const [reader, writer] = createPipe();
    const words = new Int32Array((reader as PipeEnd).pipe.ring.buffer, 0, RING_HEADER_SIZE / 4);
    const stdio = capturedStdio('', true);
    const fds = new Map(stdio.fds);
    fds.set(0, reader);
    const spawned = await kernel.spawn({
      program: { bytes, key: wasmPath('pipe_ring') },
      argv: [self, 'check', '7'],
      env: [],
      fds,
    });
    [0x7fffffff, -5, 0, 0, 0, 0, 12345, 1, 0].forEach((value, i) => (words[i] = value));
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The write may wait on the garbage counters, then fail once the reader is gone.
    void Promise.resolve(writer.write(new Uint8Array(20).fill(9))).catch(() => {});
    writer.references = 0;
    writer.release();
    const killer = setTimeout(
      () => sendSignal(kernel.processes, spawned.process, Signal.SIGKILL),
      500,
    );
    const status = shellExitCode(await spawned.exited);
    clearTimeout(killer);
    // The program reads its own pipe's garbage or is killed; either way the
    // kernel goes on running programs.
    expect([0, 128 + Signal.SIGKILL]).toContain(status);
    const after = capturedStdio('', true);
    const again = await kernel.spawn({
      program: { bytes, key: wasmPath('pipe_ring') },
      argv: [self, 'exit'],
      env: [],
      fds: after.fds,
    });
    expect(shellExitCode(await again.exited)).toBe(0);
  }, 30_000);
});
