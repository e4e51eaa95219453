// docker in the page, in real Chromium: typed into the terminal of the
// emulated host, `docker run --rm hello-world` prints its message,
// `docker run -it box sh` gives a shell in a container, and after a reload
// (a new kernel, the same IndexedDB store) `docker ps -a` still lists the
// stopped container.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserSession } from '../support/browser.ts';
import { wasmPath } from '../support/programs.ts';

const screen = (page: Page) =>
  page.evaluate(() => document.querySelector('bocal-terminal')!.screenLines().join('\n'));

describe('docker in the page terminal', () => {
  let session: BrowserSession;
  let page: Page;
  beforeAll(async () => {
    wasmPath('box');
    session = await openBrowser();
    // A busy machine makes Vite's first transform of the page slow: a patient load.
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

  it('runs hello-world, then a shell in a box container', async () => {
    await expect.poll(() => screen(page), { timeout: 120_000 }).toMatch(/^root@bocal:~# $/m);
    await type('docker run --rm hello-world');
    // Its first lines scroll off the visible rows; its end stays.
    await expect
      .poll(() => screen(page), { timeout: 120_000 })
      .toMatch(/compare with what the host shows\.\n\nroot@bocal:~# $/);
    await type('docker run -it --name kept box sh');
    await expect.poll(() => screen(page), { timeout: 60_000 }).toMatch(/^# $/m);
    await type('echo hi from $(hostname); exit');
    await expect.poll(() => screen(page), { timeout: 30_000 }).toMatch(/^hi from [0-9a-f]{12}$/m);
    await expect.poll(() => screen(page), { timeout: 30_000 }).toMatch(/^root@bocal:~# $/m);
  }, 300_000);

  it('finds the stopped container after a reload', async () => {
    await page.reload({ timeout: 120_000 });
    await expect.poll(() => screen(page), { timeout: 120_000 }).toMatch(/^root@bocal:~# $/m);
    await type('docker ps -a --format "{{.Names}}: {{.Status}}"');
    await expect
      .poll(() => screen(page), { timeout: 60_000 })
      .toMatch(/^kept: Exited \(0\) .* ago$/m);
  }, 300_000);
});
