// The read window (docs/design/file-reads.md) in real Chromium: the kernel's
// Web Worker lends a tmpfs file's offset to a process's nested worker, which
// reads on from the window in its channel (SharedArrayBuffer). What
// wasm/tests/file_window.c prints there must be what it prints on Linux.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { SpawnRequest } from '../../src/platform/browser/kernel-api.ts';
import { openBrowser, type BrowserSession } from '../support/browser.ts';
import { wasmPath } from '../support/programs.ts';
import { nativeRunner } from '../support/wasi-runners.ts';

let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  session = await openBrowser();
  page = await session.newPage('/test/browser/kernel-page.html');
  await page.waitForFunction(() => window.bocal !== undefined);
});
afterAll(async () => {
  await session?.close();
});

describe('the read window in the browser', () => {
  it('file_window prints in Chromium what it prints on Linux', async () => {
    wasmPath('file_window'); // fails with "run `npm run build:wasm`" when missing
    const dir = mkdtempSync(join(tmpdir(), 'bocal-file-window-'));
    let native;
    try {
      native = await nativeRunner.run('file_window', [dir], { dir });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(native.status).toBe(0);

    // The program spawns itself (a child sharing the offset), so it is also a file in the kernel.
    await page.evaluate(async () => {
      const response = await fetch('/build/wasm/file_window.wasm');
      const bytes = new Uint8Array(await response.arrayBuffer());
      await window.bocal.mkdir('/tmp/read-window');
      await window.bocal.writeFile('/tmp/read-window/file_window', bytes, 0o755);
    });
    const request: SpawnRequest = {
      program: { url: '/build/wasm/file_window.wasm' },
      argv: ['/tmp/read-window/file_window', '/tmp/read-window'],
    };
    const result = await page.evaluate((r) => window.bocal.runProgram(r), request);
    expect(result.stdout.split('\n')).toEqual(native.stdout.split('\n'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 120_000);
});
