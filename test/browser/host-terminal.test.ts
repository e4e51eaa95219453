// The emulated host on the playground page, in real Chromium: the page's
// terminal shows the login shell of the host booted from rootfs/host/, and
// the course's first example typed into it gives a shell that sees only the
// tree of the minimal root filesystem tarball.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from '../support/browser.ts';
import { wasmPath } from '../support/programs.ts';

/** The terminal's visible rows, as xterm.js holds them. */
const screen = (page: Page) =>
  page.evaluate(() => document.querySelector('bocal-terminal')!.screenLines().join('\n'));

describe('the emulated host in the page terminal', () => {
  let session: BrowserSession;
  let page: Page;
  beforeAll(async () => {
    wasmPath('box'); // fails with "run `npm run build:wasm`" when missing
    session = await openBrowser();
    page = await session.newPage();
  });
  afterAll(async () => {
    await session?.close();
  });

  async function type(line: string): Promise<void> {
    await page.locator('bocal-terminal .xterm-helper-textarea').focus();
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }

  it('shows the login shell of the host, with the prompt of /etc/profile', async () => {
    await expect.poll(() => screen(page), { timeout: 30_000 }).toMatch(/^root@bocal:~# $/m);
    expect(await screen(page)).toContain('an emulated Linux host');
  });

  it('runs the chroot example typed into the terminal: ls / inside shows the tarball tree', async () => {
    await type(
      'mkdir -p /tmp/ctr-image && tar xf box-minirootfs.tar.gz -C /tmp/ctr-image && chroot /tmp/ctr-image /bin/sh',
    );
    await type('cd ..; ls / | tr "\\n" " "; echo "<- root"');
    await expect
      .poll(() => screen(page), { timeout: 30_000 })
      .toMatch(/^(.*[$#] )?bin dev etc proc root tmp <- root$/m);
    await type('cat /etc/hostname; exit');
    await expect.poll(() => screen(page), { timeout: 15_000 }).toMatch(/^minirootfs$/m);
    // Back on the host: its own tree.
    await type('ls / | tr "\\n" " "; echo "<- host"');
    await expect
      .poll(() => screen(page), { timeout: 15_000 })
      .toMatch(/^(.*[$#] )?bin dev etc home .* <- host$/m);
  });
});
