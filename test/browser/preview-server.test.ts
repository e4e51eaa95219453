// `npm start` builds the page and serves it with `vite preview`: the built
// page must be cross-origin isolated too, not only the dev server's, and its
// kernel worker must find its nested process workers and hello.wasm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, findChromium } from '../support/chromium.ts';
import { screenOf, typeLine } from '../support/page-terminal.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the built playground served by vite preview', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'bocal-dist-'));
  let server: PreviewServer;
  let browser: Browser;

  beforeAll(async () => {
    await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
    server = await preview({
      root,
      logLevel: 'error',
      build: { outDir },
      preview: { port: 0, host: '127.0.0.1' },
    });
    const executablePath = findChromium();
    if (!executablePath) throw new Error('No Chromium found: set CHROME_PATH');
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
    rmSync(outDir, { recursive: true, force: true });
  });

  it('sends the isolation headers and shows crossOriginIsolated: true', async () => {
    const url = server.resolvedUrls?.local[0];
    expect(url).toBeDefined();
    const page = await browser.newPage();
    const response = await page.goto(url!);
    expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
    expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
    await expect
      .poll(() => page.locator('bocal-status #isolated').textContent())
      .toContain('crossOriginIsolated: true');
    await expect
      .poll(() => page.locator('bocal-status #worker').textContent(), { timeout: 20_000 })
      .toContain('yes');
  });

  it('runs hello.wasm in the built kernel worker, its process in a nested worker', async () => {
    const page = await browser.newPage();
    await page.goto(server.resolvedUrls!.local[0]!);
    const runner = page.locator('bocal-runner');
    await expect
      .poll(() => runner.locator('#status').textContent(), { timeout: 20_000 })
      .toContain('exit status 2');
    expect(await runner.locator('#stdout').textContent()).toContain('hello from C\narg 1: from\n');
    const urls = page.workers().map((w) => w.url());
    expect(urls.some((url) => /\/assets\/kernel-worker-[^/]*\.js$/.test(url))).toBe(true);
    expect(urls.some((url) => /\/assets\/browser-entry-[^/]*\.js$/.test(url))).toBe(true);
  });

  it('boots box from the built page and runs a line typed into its terminal', async () => {
    const page = await browser.newPage();
    await page.goto(server.resolvedUrls!.local[0]!);
    await expect
      .poll(() => page.locator('bocal-terminal #status').textContent(), { timeout: 30_000 })
      .toMatch(/on the console/);
    const screen = () => screenOf(page);
    // Type only once the shell has printed its prompt: keys typed earlier are
    // echoed by the tty before the prompt, and the output then shares its line.
    await expect.poll(screen, { timeout: 15_000 }).toMatch(/# *$/m);
    await typeLine(page, 'echo built page');
    await expect.poll(screen, { timeout: 15_000 }).toMatch(/^built page$/m);
  });
});
