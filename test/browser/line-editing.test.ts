// The shell's line editor in the page's terminal, in real Chromium: keys go
// from xterm.js (its own escape sequences for the arrows) through the
// kernel's tty to the host's interactive shell, which recalls the previous
// command on the up arrow and runs it again on Enter; vi edits a file
// with the same keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from '../support/browser.ts';
import { wasmPath } from '../support/programs.ts';

/** The terminal's visible rows, as xterm.js holds them. */
const screen = (page: Page) =>
  page.evaluate(() => document.querySelector('bocal-terminal')!.screenLines().join('\n'));

/** How many rows show exactly `text`. */
const rowsShowing = async (page: Page, text: string) =>
  (await screen(page)).split('\n').filter((row) => row.trimEnd() === text).length;

describe('line editing and vi in the page terminal', () => {
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

  it('the up arrow recalls the previous command and Enter runs it again', async () => {
    // The host's login shell prompts (its prompt ends in "# " for root).
    await expect.poll(() => screen(page), { timeout: 60_000 }).toMatch(/# $/m);
    await page.locator('bocal-terminal .xterm-helper-textarea').focus();
    await page.keyboard.type('echo recalled-$((6 * 7))');
    await page.keyboard.press('Enter');
    await expect.poll(() => rowsShowing(page, 'recalled-42'), { timeout: 30_000 }).toBe(1);
    await page.keyboard.press('ArrowUp');
    // The recalled line is shown after the new prompt, then runs.
    await expect
      .poll(() => screen(page), { timeout: 15_000 })
      .toMatch(/recalled-42\n.*# echo recalled-\$\(\(6 \* 7\)\)$/m);
    await page.keyboard.press('Enter');
    await expect.poll(() => rowsShowing(page, 'recalled-42'), { timeout: 30_000 }).toBe(2);
  });

  it('vi edits a file with the keys xterm.js sends (a lone Escape leaves insert mode)', async () => {
    await page.keyboard.type('vi /tmp/typed.txt');
    await page.keyboard.press('Enter');
    await expect.poll(() => screen(page), { timeout: 30_000 }).toContain('"/tmp/typed.txt" [New]');
    await page.keyboard.type('ifirst line');
    await page.keyboard.press('Enter');
    await page.keyboard.type('second');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.type('dd:wq');
    await page.keyboard.press('Enter');
    await page.keyboard.type('cat /tmp/typed.txt; echo end-of-file');
    await page.keyboard.press('Enter');
    await expect.poll(() => rowsShowing(page, 'end-of-file'), { timeout: 30_000 }).toBe(1);
    const rows = (await screen(page)).split('\n').map((row) => row.trimEnd());
    expect(rows.slice(rows.indexOf('end-of-file') - 1, rows.indexOf('end-of-file'))).toEqual([
      'second',
    ]);
  });
});
