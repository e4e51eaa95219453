// One behaviour suite (store-backend-cases.ts), three runs: the directory
// backend in Node, IndexedDB in real Chromium, and IndexedDB over
// fake-indexeddb in Node (fast, and proves the cases are not Chromium-bound).
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DirectoryBackend } from '../../src/platform/node/image-store/directory-backend.ts';
import { openIndexedDbBackend } from '../../src/platform/browser/image-store/indexeddb-backend.ts';
import { openBrowser, type BrowserSession } from '../support/browser.ts';
import { backendCases } from './store-backend-cases.ts';

describe('directory backend (Node)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  for (const testCase of backendCases) {
    it(testCase.name, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bocal-store-'));
      dirs.push(dir);
      await testCase.run(async () => new DirectoryBackend(dir));
    });
  }
});

describe('IndexedDB backend over fake-indexeddb (Node)', () => {
  backendCases.forEach((testCase, i) => {
    it(testCase.name, async () => {
      await testCase.run(() => openIndexedDbBackend({ name: `fake-${i}`, chunkSize: 64 * 1024 }));
    });
  });
});

describe('IndexedDB backend in Chromium', () => {
  let session: BrowserSession;
  let page: Page;
  beforeAll(async () => {
    session = await openBrowser();
    page = await session.newPage('/test/image/store-backend-page.html');
    await page.waitForFunction(() => typeof window.runStoreCase === 'function');
  });
  afterAll(async () => {
    await session?.close();
  });
  backendCases.forEach((testCase, i) => {
    it(testCase.name, async () => {
      const result = await page.evaluate(([name, db]) => window.runStoreCase(name, db), [
        testCase.name,
        `case-${i}`,
      ] as const);
      expect(result).toBe('ok');
    });
  });
});
