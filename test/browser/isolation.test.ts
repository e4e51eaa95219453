import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserSession } from '../support/browser.ts';

describe('the playground page in Chromium', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await openBrowser();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('is cross-origin isolated, so SharedArrayBuffer exists', async () => {
    const page = await session.newPage();
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
    await expect
      .poll(() => page.locator('bocal-status #isolated').textContent())
      .toContain('crossOriginIsolated: true');
  });

  it('shares memory with a Web Worker rather than copying it', async () => {
    const page = await session.newPage();
    await expect
      .poll(() => page.locator('bocal-status #worker').textContent(), { timeout: 20_000 })
      .toContain('yes');
  });
});
