// The kernel in real Chromium: the kernel runs in its own Web Worker, each
// process in a nested one, and the page reaches it through comlink only
// (test/browser/kernel-page.ts puts the API on window.bocal). What a program
// prints there must be what it prints under node:wasi and on the kernel in
// Node; traps and runaway loops end only their process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { ProgramResult, SpawnRequest } from '../../src/platform/browser/kernel-api.ts';
import { openBrowser, type BrowserSession } from '../support/browser.ts';
import { runOnKernel } from '../support/bocal-runner.ts';
import { wasmBytes, wasmPath } from '../support/programs.ts';
import { nodeWasiRunner } from '../support/wasi-runners.ts';
import { conformanceCases } from '../support/conformance-cases.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The dev server serves the built programs from the project's build/wasm/. */
const programUrl = (name: string): string => {
  wasmPath(name); // fails with "run `npm run build:wasm`" when missing
  return `/build/wasm/${name}.wasm`;
};

let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  session = await openBrowser();
  page = await session.newPage('/test/browser/kernel-page.html');
  await page.waitForFunction(() => window.bocal !== undefined);
});
afterAll(async () => {
  await session?.close();
});

const run = (request: SpawnRequest): Promise<ProgramResult> =>
  page.evaluate((r) => window.bocal.runProgram(r), request);

const spawn = (request: SpawnRequest): Promise<number> =>
  page.evaluate((r) => window.bocal.spawn(r), request);

const wait = (pid: number): Promise<ProgramResult> =>
  page.evaluate((p) => window.bocal.wait(p), pid);

const kill = (pid: number, signal: number): Promise<void> =>
  page.evaluate(([p, s]) => window.bocal.kill(p, s), [pid, signal] as const);

const ps = () => page.evaluate(() => window.bocal.ps());

const SIGKILL = 9;

describe('hello.wasm in the browser', () => {
  it('prints its arguments and environment and exits as under node:wasi', async () => {
    const args = ['one', 'twö words', ''];
    const env = { WHO: 'chromium' };
    const dir = mkdtempSync(join(tmpdir(), 'bocal-hello-'));
    try {
      const [browser, node] = await Promise.all([
        run({
          program: { url: programUrl('hello') },
          argv: ['hello', ...args],
          env: ['WHO=chromium'],
        }),
        nodeWasiRunner.run('hello', args, { dir, env }),
      ]);
      expect(browser).toEqual({ stdout: node.stdout, stderr: node.stderr, status: node.status });
      expect(browser.stdout).toContain('arg 2: twö words\n');
      expect(browser.status).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs from bytes the page passes, as from a URL', async () => {
    const bytes = [...wasmBytes('hello')];
    const result = await page.evaluate(
      (b) =>
        window.bocal.runProgram({
          program: { bytes: new Uint8Array(b), name: 'hello' },
          argv: ['hello', 'x'],
        }),
      bytes,
    );
    expect(result).toEqual({ stdout: 'hello from C\narg 1: x\n', stderr: '', status: 1 });
  });

  it('reports a program it cannot fetch as an error, and keeps working', async () => {
    await expect(
      run({ program: { url: '/build/wasm/no-such-program.wasm' }, argv: ['nothing'] }),
    ).rejects.toThrow(/no-such-program/);
    expect((await run({ program: { url: programUrl('hello') }, argv: ['hello'] })).status).toBe(0);
  });
});

describe('files the page writes into the kernel', () => {
  it('are read back by the page and by a program', async () => {
    await page.evaluate(async () => {
      await window.bocal.mkdir('/tmp/page/sub');
      await window.bocal.writeFile(
        '/tmp/page/sub/note',
        new TextEncoder().encode('from the page\n'),
      );
    });
    const back = await page.evaluate(async () =>
      new TextDecoder().decode(await window.bocal.readFile('/tmp/page/sub/note')),
    );
    expect(back).toBe('from the page\n');
    const cat = await run({
      program: { url: programUrl('catfile') },
      argv: ['catfile', '/tmp/page/sub/note'],
    });
    expect(cat).toEqual({ stdout: 'from the page\n', stderr: '', status: 0 });
  });
});

const cases = conformanceCases;

describe('the WASI conformance suite in the browser', () => {
  it('lists every conformance program', () => {
    const programs = readdirSync(join(root, 'wasm/tests'))
      .filter((f) => /^wasi_.*\.c$/.test(f))
      .map((f) => f.slice(0, -2));
    expect(new Set(cases.map((c) => c.program))).toEqual(new Set(programs));
  });

  let scratch = 0;
  it.each(cases.map((c) => ({ ...c, title: [c.program, ...(c.args ?? [])].join(' ') })))(
    '$title prints what it prints on the kernel in Node',
    async (test) => {
      // The same absolute path in both kernels' tmpfs, so outputs compare as they are.
      const dir = `/tmp/conformance-${test.program}-${++scratch}`;
      const argv = [test.program, dir, ...(test.args ?? [])];
      const env = Object.entries(test.env ?? {}).map(([k, v]) => `${k}=${v}`);
      await page.evaluate((d) => window.bocal.mkdir(d), dir);
      const [browser, node] = await Promise.all([
        run({ program: { url: programUrl(test.program) }, argv, env, stdin: test.stdin }),
        runOnKernel(wasmBytes(test.program), wasmPath(test.program), argv, {
          dir,
          env: test.env,
          stdin: test.stdin,
        }),
      ]);
      expect(browser.stdout.split('\n')).toEqual(node.stdout.split('\n'));
      expect(browser.stderr).toBe(node.stderr);
      expect(browser.status).toBe(node.status);
      expect(browser.stdout).not.toBe('');
    },
  );
});

describe('programs that misbehave', () => {
  it('a trap ends the process with status 134 and its message on stderr', async () => {
    const argv = ['kernel_misbehave', 'unreachable'];
    const [browser, node] = await Promise.all([
      run({ program: { url: programUrl('kernel_misbehave') }, argv }),
      runOnKernel(wasmBytes('kernel_misbehave'), wasmPath('kernel_misbehave'), argv, {
        dir: '/tmp',
      }),
    ]);
    expect(browser.status).toBe(134);
    expect(browser.stdout).toBe('misbehaving: unreachable\n');
    expect(browser.stderr).toMatch(/^kernel_misbehave: wasm trap: /);
    expect(browser).toEqual(node);
  });

  it('a spinning process is killed by SIGKILL (137) and the kernel keeps working', async () => {
    const pid = await spawn({
      program: { url: programUrl('kernel_misbehave') },
      argv: ['kernel_misbehave', 'spin'],
    });
    await expect
      .poll(async () => (await ps()).find((p) => p.pid === pid)?.argv)
      .toEqual(['kernel_misbehave', 'spin']);
    // While it spins, another program runs to its end: the spinner has its own thread.
    const during = await run({ program: { url: programUrl('hello') }, argv: ['hello', 'during'] });
    expect(during.stdout).toBe('hello from C\narg 1: during\n');
    await kill(pid, SIGKILL);
    expect(await wait(pid)).toEqual({ stdout: 'misbehaving: spin\n', stderr: '', status: 137 });
    expect((await ps()).map((p) => p.pid)).not.toContain(pid);
    const after = await run({ program: { url: programUrl('hello') }, argv: ['hello', 'after'] });
    expect(after).toEqual({ stdout: 'hello from C\narg 1: after\n', stderr: '', status: 1 });
  });

  it('kill of an unknown pid fails with ESRCH', async () => {
    await expect(kill(99_999, SIGKILL)).rejects.toThrow();
  });
});

describe('processes are Web Workers', () => {
  /** Process workers as Chromium itself lists them (nested in the kernel's worker). */
  const processWorkers = () =>
    page.workers().filter((w) => w.url().includes('/src/worker/browser-entry.ts')).length;
  /** The host's count of live process workers minus Chromium's: 0 once both have settled. */
  const countGap = async () =>
    (await page.evaluate(() => window.bocal.workers())).live - processWorkers();

  it('each running process holds its own worker, and a killed one ends with it', async () => {
    const spinners = await Promise.all(
      [1, 2, 3].map(() =>
        spawn({
          program: { url: programUrl('kernel_misbehave') },
          argv: ['kernel_misbehave', 'spin'],
        }),
      ),
    );
    await expect
      .poll(async () => (await ps()).filter((p) => spinners.includes(p.pid)).length)
      .toBe(3);
    // The pool refills a moment after a spawn, so both counts are read afresh.
    await expect.poll(countGap, { timeout: 10_000 }).toBe(0);
    const busy = await page.evaluate(() => window.bocal.workers());
    expect(busy.live).toBeGreaterThanOrEqual(3);
    expect(page.workers().some((w) => w.url().includes('/kernel-worker.ts'))).toBe(true);
    for (const pid of spinners) await kill(pid, SIGKILL);
    for (const pid of spinners) expect((await wait(pid)).status).toBe(137);
    const after = await page.evaluate(() => window.bocal.workers());
    // Killing a spinning process ends its worker (one killed while still in
    // its first syscalls unwinds and goes back to the pool instead); the pool
    // does not replace an ended worker until the next spawn.
    expect(after.live).toBeLessThan(busy.live);
    expect(after.live).toBeGreaterThanOrEqual(busy.live - 3);
    // Chromium reports a terminated worker gone a little later, slower under load.
    await expect.poll(countGap, { timeout: 10_000 }).toBe(0);
  });
});

describe('a pipeline in the browser', () => {
  it('cat | sha256sum carries a large file by page reference, every byte in order', async () => {
    // box's cat sends a regular file into a pipe with sendfile, which queues
    // references to the file's pages in the shared arena that the reader's
    // nested worker copies from (docs/design/pipes.md, "Sixth look").
    const size = 3 * 1024 * 1024 + 4321;
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = (i * 131 + (i >> 12)) & 0xff;
    const expected = createHash('sha256').update(bytes).digest('hex');
    await page.evaluate(
      async ({ url, size }) => {
        const box = new Uint8Array(await (await fetch(url)).arrayBuffer());
        await window.bocal.mkdir('/tmp/pipeline/bin');
        await window.bocal.writeFile('/tmp/pipeline/bin/cat', box, 0o755);
        await window.bocal.writeFile('/tmp/pipeline/bin/sha256sum', box, 0o755);
        const data = new Uint8Array(size);
        for (let i = 0; i < size; i++) data[i] = (i * 131 + (i >> 12)) & 0xff;
        await window.bocal.writeFile('/tmp/pipeline/big', data);
      },
      { url: programUrl('box'), size },
    );
    const result = await run({
      program: { url: programUrl('box') },
      argv: ['sh', '-c', 'cat big big | sha256sum; cat big | sha256sum'],
      env: ['PATH=/tmp/pipeline/bin'],
      cwd: '/tmp/pipeline',
    });
    const twice = createHash('sha256').update(bytes).update(bytes).digest('hex');
    expect(result).toEqual({ stdout: `${twice}  -\n${expected}  -\n`, stderr: '', status: 0 });
  });
});
