// A long `cat FILE | wc -c` (box's cat copies with sendfile, the kernel
// filling the pipe's ring for as long as the reader drains it: syscalls/
// sendfile.ts) must not keep the kernel from everyone else: another
// process started while the transfer runs gets its syscalls answered and
// finishes before it, and the transfer still delivers every byte it
// counted once cat is killed.
import { afterEach, describe, expect, it } from 'vitest';
import { RING_I32_HEAD, RING_I32_REF_READ } from '../../../src/kernel/abi/pipe-ring.ts';
import { Signal } from '../../../src/kernel/abi/signals.ts';
import { shellExitCode } from '../../../src/kernel/abi/wait-status.ts';
import { makeDirectories, writeFile } from '../../../src/kernel/boot/kernel-files.ts';
import { createPipe } from '../../../src/kernel/fs/pipe/create-pipe.ts';
import type { PipeEnd } from '../../../src/kernel/fs/pipe/pipe-end.ts';
import { Kernel } from '../../../src/kernel/kernel.ts';
import { sendSignal } from '../../../src/kernel/proc/signals.ts';
import { createNodeProcessHost } from '../../../src/platform/node/process-host.ts';
import { capturedStdio } from '../../support/captured-stdio.ts';
import { wasmBytes, wasmPath } from '../../support/programs.ts';

const MEBIBYTE = 1024 * 1024;
/** 64 MiB named this many times: far more than the test lets cat copy before it kills it. */
const PASSES = 1000;

let kernel: Kernel | undefined;
afterEach(async () => {
  await kernel?.shutdown();
  kernel = undefined;
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('sendfile into a pipe', () => {
  it('leaves the kernel answering other processes while cat | wc -c runs', async () => {
    kernel = new Kernel(createNodeProcessHost(3));
    makeDirectories(kernel.init, '/bin');
    makeDirectories(kernel.init, '/data');
    const box = { bytes: wasmBytes('box'), key: wasmPath('box') };
    const file = new Uint8Array(64 * MEBIBYTE);
    for (let i = 0; i < file.length; i += 4096) file[i] = i & 0xff;
    await writeFile(kernel.init, '/data/big', file);
    await writeFile(kernel.init, '/data/small', new TextEncoder().encode('small file\n'));

    const [readEnd, writeEnd] = createPipe();
    const ring = (readEnd as PipeEnd).pipe.ring;
    const catStdio = capturedStdio();
    const cat = await kernel.spawn({
      program: box,
      argv: ['cat', ...Array<string>(PASSES).fill('/data/big')],
      env: [],
      fds: new Map([...catStdio.fds, [1, writeEnd]]),
    });
    const wcStdio = capturedStdio();
    const wc = await kernel.spawn({
      program: box,
      argv: ['wc', '-c'],
      env: [],
      fds: new Map([...wcStdio.fds, [0, readEnd]]),
    });
    let catDone = false;
    void cat.exited.then(() => (catDone = true));

    // Bytes wc took from the pipe: from the ring itself and through the
    // page references sendfile queues (abi/pipe-ring.ts), modulo 2^32.
    const drained = (): number =>
      (Atomics.load(ring.i32, RING_I32_HEAD) + Atomics.load(ring.i32, RING_I32_REF_READ)) >>> 0;
    // Wait until wc has drained several rings' worth: the transfer is on.
    while (drained() < 4 * 65536) {
      expect(catDone).toBe(false);
      await sleep(5);
    }

    // Meanwhile other processes start, make their syscalls and finish.
    for (let i = 0; i < 3; i++) {
      const other = capturedStdio();
      const run = await kernel.spawn({
        program: box,
        argv: ['cat', '/data/small'],
        env: [],
        fds: other.fds,
      });
      expect(shellExitCode(await run.exited)).toBe(0);
      expect(other.stdout()).toBe('small file\n');
    }
    expect(catDone).toBe(false);

    sendSignal(kernel.processes, cat.process, Signal.SIGKILL);
    expect(shellExitCode(await cat.exited)).toBe(128 + Signal.SIGKILL);
    expect(shellExitCode(await wc.exited)).toBe(0);
    // wc counted what went through the ring, up to where cat was stopped.
    const counted = Number(wcStdio.stdout().trim());
    expect(counted % 2 ** 32).toBe(drained());
    expect(counted).toBeGreaterThanOrEqual(4 * 65536);
  }, 120_000);
});
