// Opens pages served by Vite in a real Chromium, for browser tests.
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, findChromium } from './chromium.ts';

export interface BrowserSession {
  url: string;
  browser: Browser;
  server: ViteDevServer;
  newPage(path?: string): Promise<Page>;
  close(): Promise<void>;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Starts Vite's dev server on a free port and a headless Chromium. */
export async function openBrowser(): Promise<BrowserSession> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error('No Chromium found: run `npm test` (it installs one) or set CHROME_PATH.');
  }
  const server = await createServer({
    root,
    configFile: `${root}/vite.config.ts`,
    logLevel: 'error',
    // No live reload: an edit during a run must not restart the page's kernel.
    server: { port: 0, host: '127.0.0.1', strictPort: false, hmr: false },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('Vite did not report its port');
  const url = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  return {
    url,
    browser,
    server,
    async newPage(path = '/') {
      const page = await browser.newPage();
      page.on('pageerror', (error) => console.error('page error:', error));
      // A busy machine makes Vite's first transform of the page slow: a patient load.
      await page.goto(url + path, { timeout: 200_000 });
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
