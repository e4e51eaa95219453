// A container's writable layer outlives the page, in real Chromium: typed
// into the emulated host's terminal, a container writes a file; after a
// reload (a new kernel, the same IndexedDB store) `docker start -a` finds
// the file in its root, `docker diff` lists it, and `docker rm` removes
// the container with its layer. A named volume is kept the same way.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserSession } from '../support/browser.ts';
import { wasmPath } from '../support/programs.ts';

const screen = (page: Page) =>
  page.evaluate(() => document.querySelector('bocal-terminal')!.screenLines().join('\n'));

const PROMPT = /^root@bocal:~# $/m;

describe('a container’s writable layer in the page', () => {
  let session: BrowserSession;
  let page: Page;
  beforeAll(async () => {
    wasmPath('box');
    session = await openBrowser();
    page = await session.browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
    await page.goto(session.url, { timeout: 200_000 });
  }, 240_000);
  afterAll(async () => {
    await session?.close();
  });

  async function type(line: string): Promise<void> {
    await page.locator('bocal-terminal .xterm-helper-textarea').focus();
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }

  it('writes a file in a container and a volume', async () => {
    await expect.poll(() => screen(page), { timeout: 120_000 }).toMatch(PROMPT);
    await type('clear');
    await type(
      "docker run --name layer -v notes:/notes box sh -c 'cat /f 2>/dev/null || echo first run; echo kept > /f; echo in-volume > /notes/n'",
    );
    await expect
      .poll(() => screen(page), { timeout: 120_000 })
      .toMatch(/^first run\nroot@bocal:~# $/m);
  }, 300_000);

  it('finds the file after a reload; rm takes the layer away', async () => {
    await page.reload({ timeout: 120_000 });
    await expect.poll(() => screen(page), { timeout: 120_000 }).toMatch(PROMPT);
    await type('clear');
    await type(
      'docker start -a layer; docker diff layer; docker run --rm -v notes:/n box cat /n/n',
    );
    await expect
      .poll(() => screen(page), { timeout: 120_000 })
      .toMatch(/^kept\nA \/f\nA \/notes\nin-volume\nroot@bocal:~# $/m);
    await type('clear');
    await type('docker rm layer; docker diff layer');
    await expect
      .poll(() => screen(page), { timeout: 60_000 })
      .toMatch(/^layer\nError response from daemon: No such container: layer\nroot@bocal:~# $/m);
  }, 300_000);
});
