// The playground page's terminal in real Chromium, for tests that type into
// the emulated host's shell as a user would and read what its screen shows.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { openBrowser, type BrowserSession } from './browser.ts';
import { wasmPath } from './programs.ts';

/** The terminal's visible rows, as xterm.js holds them. */
export const screenOf = (page: Page): Promise<string> =>
  page.evaluate(() => document.querySelector('bocal-terminal')!.screenLines().join('\n'));

/** Types `line` into the terminal's keyboard and presses Enter. */
export async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('bocal-terminal .xterm-helper-textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

export interface PageTerminal {
  /** The playground page (open from beforeAll on). */
  readonly page: Page;
  screen(): Promise<string>;
  type(line: string): Promise<void>;
}

/**
 * Opens the playground page (Vite and a headless Chromium) before the tests
 * of the calling describe block, and closes it after them.
 */
export function usePageTerminal(): PageTerminal {
  let session: BrowserSession | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    wasmPath('box'); // fails with "run `npm run build:wasm`" when missing
    session = await openBrowser();
    page = await session.newPage();
  }, 240_000);
  afterAll(async () => {
    await session?.close();
  });
  const opened = (): Page => {
    if (!page) throw new Error('the playground page is not open: its beforeAll failed');
    return page;
  };
  return {
    get page() {
      return opened();
    },
    screen: () => screenOf(opened()),
    type: (line) => typeLine(opened(), line),
  };
}
