// The read window (docs/design/file-reads.md): after a read of a tmpfs file
// the kernel lends the description's offset to the process's worker, which
// reads on from a copy the kernel keeps filled. wasm/tests/file_window.c
// checks what a program sees (writes, truncation and appends by other fds,
// pread and pwrite, lseek, dup and a child sharing the offset, a parent and
// a child reading one description at once and between them reading every
// byte exactly once, an fd closed or replaced, an unlinked file) natively
// on Linux and on bocal, and both
// must print the same lines. The kernel's side: what it does with a window
// whose words the program overwrote.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelViews, CHANNEL_SIZE } from '../../../src/kernel/abi/channel.ts';
import {
  READ_WINDOW_SIZE,
  WINDOW_I32_CURSOR,
  WINDOW_I32_END,
  WINDOW_I32_FD,
  WINDOW_I32_FILLED,
} from '../../../src/kernel/abi/read-window.ts';
import { shellExitCode } from '../../../src/kernel/abi/wait-status.ts';
import { Whence } from '../../../src/kernel/abi/wasi.ts';
import { makeDirectories, writeFile } from '../../../src/kernel/boot/kernel-files.ts';
import type { Dentry } from '../../../src/kernel/fs/dentry.ts';
import { S_IFREG } from '../../../src/kernel/fs/stat.ts';
import { TmpfsFile } from '../../../src/kernel/fs/tmpfs/file.ts';
import { ReadWindow } from '../../../src/kernel/fs/tmpfs/read-window.ts';
import { Tmpfs } from '../../../src/kernel/fs/tmpfs/tmpfs.ts';
import { Kernel } from '../../../src/kernel/kernel.ts';
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

describe('reading tmpfs files through the read window', () => {
  it('file_window prints on bocal what it prints on Linux', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bocal-file-window-'));
    dirs.push(dir);
    const native = await nativeRunner.run('file_window', [dir], { dir });
    expect(native.status).toBe(0);
    expect(native.stdout).toContain('sequential: 3146962 bytes, first wrong byte -1');

    kernel = new Kernel(createNodeProcessHost(2));
    makeDirectories(kernel.init, '/bin');
    makeDirectories(kernel.init, '/scratch');
    const self = '/bin/file_window';
    const bytes = readFileSync(wasmPath('file_window'));
    await writeFile(kernel.init, self, bytes, 0o755);
    const stdio = capturedStdio('', true);
    const { exited } = await kernel.spawn({
      program: { bytes, key: wasmPath('file_window') },
      argv: [self, '/scratch'],
      env: [],
      fds: stdio.fds,
    });
    const status = shellExitCode(await exited);
    expect(stdio.stdout().split('\n')).toEqual(native.stdout.split('\n'));
    expect(status).toBe(0);
  }, 120_000);
});

describe('the kernel side of a read window', () => {
  /** A tmpfs file of `size` bytes (byte n is n mod 251) opened for reading, and a window. */
  function setUp(size: number) {
    const fs = new Tmpfs();
    const inode = new TmpfsFile(fs, { mode: S_IFREG | 0o644, uid: 0, gid: 0 });
    inode.writeAt(
      0,
      Uint8Array.from({ length: size }, (_, n) => n % 251),
    );
    const file = inode.open({
      dentry: undefined as unknown as Dentry,
      readable: true,
      writable: false,
      flags: 0,
    } as Parameters<TmpfsFile['open']>[0]);
    const views = new ChannelViews(new SharedArrayBuffer(CHANNEL_SIZE));
    const window = new ReadWindow(views.windowI32, views.windowData);
    return { inode, file, views, window };
  }

  it('fills ahead as far as the program has read, at most the window, and gives the offset back where the cursor got', () => {
    const { file, views, window } = setUp(3 * READ_WINDOW_SIZE);
    file.read(100);
    window.lend(7, file, 100);
    const i32 = views.windowI32;
    const filled = (): number => Atomics.load(i32, WINDOW_I32_FILLED);
    expect(Atomics.load(i32, WINDOW_I32_FD)).toBe(7);
    expect(Atomics.load(i32, WINDOW_I32_END)).toBe(3 * READ_WINDOW_SIZE - 100);
    while (window.fill());
    expect(filled()).toBe(4096); // a small read: a small readahead
    expect(views.windowData[0]).toBe(100 % 251);
    // What a worker's reads do: the kernel then fills as far ahead as they went.
    Atomics.store(i32, WINDOW_I32_CURSOR, 4096);
    while (window.fill());
    expect(filled()).toBe(8192);
    Atomics.store(i32, WINDOW_I32_CURSOR, 8192);
    while (window.fill());
    expect(filled()).toBe(16384);
    Atomics.store(i32, WINDOW_I32_CURSOR, 900_000);
    while (window.fill());
    expect(filled()).toBe(16384); // a cursor past what was filled is not a worker's
    Atomics.store(i32, WINDOW_I32_CURSOR, 16384);
    for (let step = 0; step < 6; step++) {
      while (window.fill());
      Atomics.store(i32, WINDOW_I32_CURSOR, filled());
    }
    while (window.fill());
    const cursor = Atomics.load(i32, WINDOW_I32_CURSOR);
    expect(filled() - cursor).toBe(READ_WINDOW_SIZE); // never more than the window ahead
    expect(file.seek(0, Whence.CUR)).toBe(100 + cursor);
    expect(Atomics.load(i32, WINDOW_I32_CURSOR)).toBe(-1);
    expect(Atomics.load(i32, WINDOW_I32_FD)).toBe(-1);
  });

  it('clamps a cursor the program overwrote, and survives any value', () => {
    for (const garbage of [-1, -5, 0x7fffffff, READ_WINDOW_SIZE * 2]) {
      const { file, views, window } = setUp(200_000);
      file.read(10);
      window.lend(3, file, 10);
      window.fill();
      Atomics.store(views.windowI32, WINDOW_I32_CURSOR, garbage);
      expect(() => {
        while (window.fill());
      }).not.toThrow();
      const offset = file.seek(0, Whence.CUR);
      expect(offset).toBeGreaterThanOrEqual(10);
      expect(offset).toBeLessThanOrEqual(10 + 65536);
    }
  });

  it('is taken back when the file is written or truncated, or its fd changes', () => {
    const { inode, file, views, window } = setUp(100_000);
    file.read(10);
    window.lend(4, file, 65536);
    window.fill();
    Atomics.store(views.windowI32, WINDOW_I32_CURSOR, 3);
    inode.writeAt(50, new Uint8Array([1]));
    expect(Atomics.load(views.windowI32, WINDOW_I32_CURSOR)).toBe(-1);
    expect(file.seek(0, Whence.CUR)).toBe(13);

    file.read(1);
    window.lend(4, file, 65536);
    inode.truncate(20);
    expect(Atomics.load(views.windowI32, WINDOW_I32_FD)).toBe(-1);

    file.read(1);
    window.lend(4, file, 65536);
    window.fdChanged(5);
    expect(Atomics.load(views.windowI32, WINDOW_I32_FD)).toBe(4);
    window.fdChanged(4);
    expect(Atomics.load(views.windowI32, WINDOW_I32_FD)).toBe(-1);
  });
});
