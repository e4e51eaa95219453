// box's cat sends regular files into a pipe with sendfile(2), which queues
// references to the file's pages in the shared arena instead of copying
// (docs/design/pipes.md, "Sixth look"); the reader's worker copies from the
// pages itself. Run with real programs in workers: the reader must get
// every byte in order (files of odd sizes, several in a row, a small one
// between that goes by copy), and the bytes as they were when cat sent them
// even if the file changes before they are read.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { shellExitCode } from '../../../src/kernel/abi/wait-status.ts';
import { makeDirectories, writeFile } from '../../../src/kernel/boot/kernel-files.ts';
import type { OpenFile } from '../../../src/kernel/fs/open-file.ts';
import { createPipe } from '../../../src/kernel/fs/pipe/create-pipe.ts';
import { Kernel } from '../../../src/kernel/kernel.ts';
import { createNodeProcessHost } from '../../../src/platform/node/process-host.ts';
import { capturedStdio } from '../../support/captured-stdio.ts';
import { wasmBytes, wasmPath } from '../../support/programs.ts';

const MEBIBYTE = 1024 * 1024;

let kernel: Kernel | undefined;
afterEach(async () => {
  await kernel?.shutdown();
  kernel = undefined;
});

function pattern(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 131 + seed + (i >> 12)) & 0xff;
  return bytes;
}

const sha256 = (...parts: Uint8Array[]): string => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

async function boot(): Promise<Kernel> {
  kernel = new Kernel(createNodeProcessHost(3));
  makeDirectories(kernel.init, '/data');
  return kernel;
}

const box = () => ({ bytes: wasmBytes('box'), key: wasmPath('box') });

/**
 * Starts box `argv` with fd `fd` replaced by `end` (the process's fd table
 * holds the only reference: the end closes when the process exits).
 */
async function run(k: Kernel, argv: string[], fd: number, end: OpenFile) {
  const stdio = capturedStdio();
  const fds = new Map(stdio.fds);
  fds.set(fd, end);
  const spawned = await k.spawn({ program: box(), argv, env: [], fds });
  return { exited: spawned.exited, stdio };
}

describe('cat into a pipe by page reference', () => {
  it('delivers several files of odd sizes, and a small one between, whole and in order', async () => {
    const k = await boot();
    const big = pattern(5 * MEBIBYTE + 12345, 1);
    const small = new TextEncoder().encode('a small file between\n');
    const other = pattern(3 * MEBIBYTE + 1, 2);
    await writeFile(k.init, '/data/big', big);
    await writeFile(k.init, '/data/small', small);
    await writeFile(k.init, '/data/other', other);
    const [readEnd, writeEnd] = createPipe();
    const cat = await run(
      k,
      ['cat', '/data/big', '/data/small', '/data/other', '/data/big'],
      1,
      writeEnd,
    );
    const sum = await run(k, ['sha256sum'], 0, readEnd);
    expect(shellExitCode(await cat.exited)).toBe(0);
    expect(shellExitCode(await sum.exited)).toBe(0);
    expect(cat.stdio.stderr()).toBe('');
    expect(sum.stdio.stdout()).toBe(`${sha256(big, small, other, big)}  -\n`);
  }, 60_000);

  it('gives the reader the bytes cat sent, though the file changed before they were read', async () => {
    const k = await boot();
    const before = pattern(8 * MEBIBYTE, 3);
    await writeFile(k.init, '/data/file', before);
    const [readEnd, writeEnd] = createPipe();
    // 8 MiB go into the pipe as references before anyone reads: cat ends.
    const cat = await run(k, ['cat', '/data/file'], 1, writeEnd);
    expect(shellExitCode(await cat.exited)).toBe(0);
    const after = pattern(8 * MEBIBYTE, 4);
    await writeFile(k.init, '/data/file', after);
    const sum = await run(k, ['sha256sum'], 0, readEnd);
    expect(shellExitCode(await sum.exited)).toBe(0);
    expect(sum.stdio.stdout()).toBe(`${sha256(before)}  -\n`);
    // The file itself has its new bytes.
    const check = capturedStdio();
    const again = await k.spawn({
      program: box(),
      argv: ['sha256sum', '/data/file'],
      env: [],
      fds: check.fds,
    });
    expect(shellExitCode(await again.exited)).toBe(0);
    expect(check.stdout()).toBe(`${sha256(after)}  /data/file\n`);
  }, 60_000);
});
