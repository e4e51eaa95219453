// A page closed (here: reloaded) in the middle of a `docker load` into
// IndexedDB leaves no image, half or whole; the store then loads the same
// archive normally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { saveArchive } from '../../src/image/archive-save.ts';
import { ImageStore } from '../../src/image/image-store.ts';
import { importTarball } from '../../src/image/import-tarball.ts';
import { openBrowser, type BrowserSession } from '../support/browser.ts';
import { streamOf, tar, tempBackend } from './layer-fixtures.ts';
import type { LoadReport } from './load-page.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const directory = join(root, 'build', 'test-archives');
const archiveUrl = '/build/test-archives/interrupted.tar';

let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  // 24 files of 1 MiB: big enough that the load is still running when the page goes.
  const noise = (seed: number) =>
    Uint8Array.from({ length: 1 << 20 }, (_, i) => ((i + seed) * 2654435761) >>> 24);
  const layer = await tar(
    Array.from({ length: 24 }, (_, i) => ({ file: `data/f${i}`, body: noise(i) })),
  );
  const store = new ImageStore(tempBackend());
  await importTarball(store, streamOf(layer, 1 << 20), { reference: 'interrupted:1' });
  mkdirSync(directory, { recursive: true });
  writeFileSync(
    join(directory, 'interrupted.tar'),
    new Uint8Array(await new Response(await saveArchive(store, ['interrupted:1'])).arrayBuffer()),
  );
  session = await openBrowser();
  page = await session.newPage('/test/image/load-page.html');
  await page.waitForFunction(() => typeof window.loadFrom === 'function');
}, 120_000);

afterAll(async () => {
  await session?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('a load interrupted by closing the page', () => {
  it('leaves no image; after the reload the same archive loads', async () => {
    await page.evaluate((url) => window.startLoad(url, 'interrupted'), archiveUrl);
    await page.waitForFunction(
      () => window.uploadsInProgress('interrupted').then((n) => n > 2),
      undefined,
      { polling: 20 },
    );
    await page.reload();
    await page.waitForFunction(() => typeof window.storeState === 'function');
    const state = await page.evaluate(() => window.storeState('interrupted'));
    expect(state.images).toEqual([]);
    const report = (await page.evaluate(
      (url) => window.loadFrom(url, 'interrupted'),
      archiveUrl,
    )) as LoadReport | string;
    if (typeof report === 'string') throw new Error(report);
    expect(report.tags).toEqual(['interrupted:1']);
    expect((await page.evaluate(() => window.storeState('interrupted'))).images).toEqual([
      ['interrupted:1'],
    ]);
  });
});
