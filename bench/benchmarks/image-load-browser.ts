// `docker load` of the same 64 MiB image as image-load.ts, in real Chromium
// into IndexedDB (the archive fetched from the dev server, timed in the
// page), against Node's own gunzip + tar extraction of the same layer,
// measured in the same run. MB/s of uncompressed layer content.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser } from '../../test/support/browser.ts';
import type { LoadReport } from '../../test/image/load-page.ts';
import type { Benchmark, Measurement } from '../harness.ts';
import {
  makeFixture,
  measureNodeExtract,
  megabytesPerSecond,
  releaseFixture,
} from './image-load.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = 3;

async function measureChromiumLoad(): Promise<Measurement> {
  const { archive } = await makeFixture();
  const served = join(root, 'build', 'bench-images');
  mkdirSync(served, { recursive: true });
  copyFileSync(archive, join(served, 'image.tar'));
  const session = await openBrowser();
  try {
    // A loaded machine can take a while to serve the page's modules the first time.
    const page = await session.browser.newPage();
    await page.goto(`${session.url}/test/image/load-page.html`, { timeout: 180_000 });
    await page.waitForFunction(() => typeof window.loadFrom === 'function', undefined, {
      timeout: 180_000,
    });
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const report = (await page.evaluate(([url, db]) => window.loadFrom(url, db), [
        '/build/bench-images/image.tar',
        `bench-${Date.now()}-${run}`,
      ] as const)) as LoadReport | string;
      if (typeof report === 'string') throw new Error(report);
      if (report.tags[0] !== 'bench:64m') throw new Error('the bench image did not load');
      samples.push(report.milliseconds * 1000);
    }
    samples.sort((a, b) => a - b);
    return megabytesPerSecond(samples[Math.floor(samples.length / 2)]!);
  } finally {
    await session.close();
    rmSync(served, { recursive: true, force: true });
    await releaseFixture();
  }
}

export const imageLoadChromium: Benchmark = {
  name: 'image.load-64mib-chromium',
  baseline: 'node:zlib gunzip + modern-tar extract, same layer',
  measure: measureChromiumLoad,
  measureBaseline: measureNodeExtract,
};
