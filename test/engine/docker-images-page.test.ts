// The image verbs of docker in the page, in real Chromium, on the IndexedDB
// store: save to a file of the emulated host, rmi, load it back, and after a
// reload (a new kernel, the same store) the loaded tag is still there; info
// names the store.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserSession } from '../support/browser.ts';
import { wasmPath } from '../support/programs.ts';

const screen = (page: Page) =>
  page.evaluate(() => document.querySelector('bocal-terminal')!.screenLines().join('\n'));

describe('docker image verbs in the page terminal', () => {
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

  it('saves, removes and loads an image through a file of the emulated host', async () => {
    await expect.poll(() => screen(page), { timeout: 120_000 }).toMatch(/^root@bocal:~# $/m);
    await type(
      'docker import -c "CMD [\\"/hi\\"]" /etc/hostname mine:1 >/dev/null; echo imported=$?',
    );
    await expect.poll(() => screen(page), { timeout: 60_000 }).toMatch(/^imported=1$/m);
    await type(
      'cd /tmp && mkdir -p r && echo hi > r/hi && tar cf r.tar -C r hi && docker import r.tar mine:1 | cut -c1-7',
    );
    await expect.poll(() => screen(page), { timeout: 60_000 }).toMatch(/^sha256:$/m);
    await type(
      'docker save -o m.tar mine:1 && docker rmi mine:1 | head -1 && docker load -i m.tar',
    );
    await expect
      .poll(() => screen(page), { timeout: 60_000 })
      .toMatch(/^Untagged: mine:1\nLoaded image: mine:1\n/m);
  }, 300_000);

  it('still has the loaded image after a reload, and info names the IndexedDB store', async () => {
    await page.reload({ timeout: 120_000 });
    await expect.poll(() => screen(page), { timeout: 120_000 }).toMatch(/^root@bocal:~# $/m);
    await type('docker images --format "{{.Repository}}:{{.Tag}} {{.Size}}" mine');
    await expect.poll(() => screen(page), { timeout: 60_000 }).toMatch(/^mine:1 3B$/m);
    await type('docker info --format "{{.DockerRootDir}}: {{.Driver}}"');
    await expect
      .poll(() => screen(page), { timeout: 60_000 })
      .toMatch(/^IndexedDB \(bocal-images\): overlay$/m);
  }, 300_000);
});
