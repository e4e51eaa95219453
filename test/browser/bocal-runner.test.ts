// <bocal-runner> on the playground page: it boots the kernel's worker and
// shows what hello.wasm printed and how it exited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserSession } from '../support/browser.ts';
import { wasmPath } from '../support/programs.ts';

describe('<bocal-runner> on the playground page', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    wasmPath('hello'); // fails with "run `npm run build:wasm`" when missing
    session = await openBrowser();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows the output and exit status of hello.wasm, and runs it again on demand', async () => {
    const page = await session.newPage();
    const runner = page.locator('bocal-runner');
    await expect
      .poll(() => runner.locator('#status').textContent(), { timeout: 20_000 })
      .toContain('exit status 2');
    expect(await runner.locator('#stdout').textContent()).toBe(
      'hello from C\narg 1: from\narg 2: the page\nWHO=a web page\n',
    );
    await runner.locator('button').click();
    await expect.poll(() => runner.locator('#status').textContent()).toContain('exit status 2');
    expect(await runner.locator('#stdout').textContent()).toContain('hello from C');
    // <bocal-status> still reports on the same page.
    await expect
      .poll(() => page.locator('bocal-status #worker').textContent(), { timeout: 20_000 })
      .toContain('yes');
  });
});
