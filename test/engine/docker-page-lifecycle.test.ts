// docker's lifecycle verbs in the page, in real Chromium: typed into the
// emulated host's terminal, a detached container keeps running, `docker
// exec -it` opens a shell inside it on the same terminal, `pause` shows it
// paused and `top` lists its processes.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserSession } from '../support/browser.ts';
import { wasmPath } from '../support/programs.ts';

const screen = (page: Page) =>
  page.evaluate(() => document.querySelector('bocal-terminal')!.screenLines().join('\n'));

describe('docker exec, pause and top in the page terminal', () => {
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

  it('execs a shell in a detached container, pauses it and lists its processes', async () => {
    await expect.poll(() => screen(page), { timeout: 120_000 }).toMatch(/^root@bocal:~# $/m);
    await type('clear; docker run -d --name web box sleep 600 >/dev/null; echo started');
    await expect.poll(() => screen(page), { timeout: 120_000 }).toMatch(/^started$/m);
    await type('docker exec -it web sh');
    await expect.poll(() => screen(page), { timeout: 60_000 }).toMatch(/^# $/m);
    await type('echo inside $(hostname) $(cat /proc/1/cmdline | tr "\\0" " "); exit');
    await expect
      .poll(() => screen(page), { timeout: 30_000 })
      .toMatch(/^inside [0-9a-f]{12} sleep 600 ?$/m);
    await expect.poll(() => screen(page), { timeout: 30_000 }).toMatch(/^root@bocal:~# $/m);
    await type('clear; docker pause web; docker ps --format "{{.Names}} {{.State}}"');
    await expect.poll(() => screen(page), { timeout: 60_000 }).toMatch(/^web paused$/m);
    await type('clear; docker unpause web; docker top web');
    // top's lines are wider than the terminal: they wrap.
    await expect
      .poll(() => screen(page), { timeout: 60_000 })
      .toMatch(/^UID +PID +PPID +C +STIME +TTY +TIME/m);
    await expect.poll(() => screen(page), { timeout: 60_000 }).toMatch(/^root +\d+ +\d+ +0 /m);
    await expect.poll(() => screen(page), { timeout: 60_000 }).toMatch(/sleep 600\n/);
    await type('docker rm -f web');
    await expect.poll(() => screen(page), { timeout: 60_000 }).toMatch(/^web$/m);
  }, 400_000);
});
