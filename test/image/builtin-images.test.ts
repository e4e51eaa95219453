// bocal's own images, built from rootfs/ with no network: reproducible, proper
// wasi/wasm OCI images that load in Node (directory store) and in Chromium
// (IndexedDB over fetch), whose programs run on the kernel: box with a link
// per applet `box --list` prints, hello-world explaining what happened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { ImageStore } from '../../src/image/image-store.ts';
import { readEntry } from '../../src/image/snapshot.ts';
import { DirectoryBackend } from '../../src/platform/node/image-store/directory-backend.ts';
import { loadNodeBuiltinImages } from '../../src/platform/node/image-store/open-store.ts';
import { buildAll, writeLayouts } from '../../scripts/build-images.ts';
import { runOnKernel } from '../support/bocal-runner.ts';
import { BoxKernel } from '../support/box.ts';
import { openBrowser, type BrowserSession } from '../support/browser.ts';
import { wasmPath } from '../support/programs.ts';
import type { BuiltinReport } from './builtin-page.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'bocal-builtin-'));
const layouts = join(work, 'images');
let store: ImageStore;

beforeAll(async () => {
  wasmPath('box');
  wasmPath('hello-world');
  writeLayouts(await buildAll(), layouts);
  store = new ImageStore(new DirectoryBackend(join(work, 'store')));
  await loadNodeBuiltinImages(store, layouts);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const read = async (image: string, path: string): Promise<Uint8Array> => {
  const tree = await store.mergedTree(image);
  const entry = tree.get(path);
  if (!entry) throw new Error(`${path} is not in ${image}`);
  return readEntry(entry, entry.content!.blob!, (d, o, l) => store.backend.readBlob(d, o, l));
};

describe('building the images', () => {
  it('is reproducible: building twice gives the same bytes and digests', async () => {
    const [first, second] = [await buildAll(), await buildAll()];
    expect([...first.keys()]).toEqual([...second.keys()]);
    for (const [name, image] of first) {
      const again = second.get(name)!;
      expect(again.id).toBe(image.id);
      expect(again.manifest).toBe(image.manifest);
      expect([...again.layout.keys()]).toEqual([...image.layout.keys()]);
    }
  });

  it('loads box, hello-world (and the host, when rootfs/host exists) as wasi/wasm images with real configs', async () => {
    const expected = [
      'box:latest',
      'hello-world:latest',
      ...(existsSync(join(root, 'rootfs/host')) ? ['host:latest'] : []),
    ];
    expect(await store.availableTags()).toEqual(expected);
    const box = await store.resolve('box');
    expect(box.record.platform).toEqual({ os: 'wasi', architecture: 'wasm' });
    expect(box.config).toMatchObject({
      os: 'wasi',
      architecture: 'wasm',
      created: '2024-01-01T00:00:00Z',
      config: { Cmd: ['sh'], WorkingDir: '/' },
    });
    expect(box.config.config?.Env?.[0]).toMatch(/^PATH=.*\/bin/);
    const hello = await store.resolve('hello-world');
    expect(hello.config.config).toMatchObject({ Cmd: ['/hello'] });
    expect([...hello.snapshots[0]!.entries.keys()]).toEqual(['/', '/hello']);
  });

  it('loading them again changes nothing', async () => {
    const before = await store.list();
    const blobs = await store.backend.listBlobs();
    await loadNodeBuiltinImages(store, layouts);
    expect(await store.list()).toEqual(before);
    expect(await store.backend.listBlobs()).toEqual(blobs);
  });
});

describe('box', () => {
  it('holds /bin/box and a link to it for every applet `box --list` prints, and the /etc files', async () => {
    const tree = await store.mergedTree('box');
    expect(Buffer.from(await read('box', '/bin/box')).equals(readFileSync(wasmPath('box')))).toBe(
      true,
    );
    const kernel = new BoxKernel();
    let listed: string[];
    try {
      await kernel.install([]);
      const result = await kernel.run(['box', '--list'], '/');
      expect(result.status).toBe(0);
      listed = result.stdout.split(/\s+/).filter(Boolean).sort();
    } finally {
      await kernel.shutdown();
    }
    const links = [...tree.values()].filter(
      (e) => e.type === 'symlink' && e.path.startsWith('/bin/'),
    );
    expect(links.map((e) => e.path.slice(5)).sort()).toEqual(
      listed.filter((name) => name !== 'box'),
    );
    expect(new Set(links.map((e) => e.linkTarget))).toEqual(new Set(['box']));
    expect(new TextDecoder().decode(await read('box', '/etc/passwd'))).toMatch(
      /^root:x:0:0:root:\/root:\/bin\/sh$/m,
    );
    expect(new TextDecoder().decode(await read('box', '/etc/hostname'))).toBe('box\n');
    expect(tree.get('/tmp')).toMatchObject({ type: 'directory', mode: 0o1777 });
  });
});

describe('hello-world', () => {
  it('its /hello runs on the kernel and explains what happened', async () => {
    const bytes = await read('hello-world', '/hello');
    const result = await runOnKernel(bytes, 'hello-world-image', ['/hello'], { dir: '/' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\nHello from bocal!\n/);
    expect(result.stdout).toContain('docker run -it box sh');
  });
});

describe('in Chromium', () => {
  let session: BrowserSession;
  let page: Page;
  beforeAll(async () => {
    writeLayouts(await buildAll(), join(root, 'build', 'images'));
    session = await openBrowser();
    page = await session.newPage('/test/image/builtin-page.html');
    await page.waitForFunction(() => typeof window.loadBuiltins === 'function');
  });
  afterAll(async () => {
    await session?.close();
  });

  it('the layouts load over fetch into IndexedDB, and are still there after a reload', async () => {
    const report = (await page.evaluate(() => window.loadBuiltins('builtins', true))) as
      BuiltinReport | string;
    if (typeof report === 'string') throw new Error(report);
    const hello = readFileSync(wasmPath('hello-world'));
    expect(report.available).toEqual(expect.arrayContaining(['box:latest', 'hello-world:latest']));
    expect(report.loaded).toEqual(expect.arrayContaining(['box:latest', 'hello-world:latest']));
    expect(report).toMatchObject({
      helloSize: hello.length,
      helloHead: '0061736d',
      platform: 'wasi/wasm',
      missing: 'No such image: alpine',
    });
    await page.reload();
    await page.waitForFunction(() => typeof window.loadBuiltins === 'function');
    const after = (await page.evaluate(() => window.loadBuiltins('builtins', false))) as
      BuiltinReport | string;
    if (typeof after === 'string') throw new Error(after);
    expect(after.available).toEqual(report.available);
    expect(after.helloSize).toBe(hello.length);
  });
});
