// `npm start` builds the page and serves it with `vite preview`: the built
// page must be cross-origin isolated too, not only the dev server's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, findChromium } from '../support/chromium.ts';

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
});
