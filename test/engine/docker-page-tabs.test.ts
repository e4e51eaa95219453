// Two tabs of the playground on one origin share the IndexedDB store: the
// second tab's engine finds the first one live (a Web Lock each engine
// holds) and leaves its running container as it is, instead of marking it
// exited as it does the containers of a page that went away (a reload).
import { describe, expect, it } from 'vitest';
import { screenOf, typeLine, usePageTerminal } from '../support/page-terminal.ts';

describe('docker in two tabs', () => {
  const terminal = usePageTerminal();

  it('leaves the other tab’s running container running', async () => {
    await expect.poll(terminal.screen, { timeout: 120_000 }).toMatch(/^root@bocal:~# $/m);
    await terminal.type('clear; docker run -d --name held box sleep 600 >/dev/null; echo started');
    await expect.poll(terminal.screen, { timeout: 120_000 }).toMatch(/^started$/m);
    // A tab the page opens: the same browser context, so the same origin's storage and locks.
    const [second] = await Promise.all([
      terminal.page.context().waitForEvent('page', { timeout: 60_000 }),
      terminal.page.evaluate((url) => void window.open(url), terminal.page.url()),
    ]);
    try {
      await second.waitForLoadState('load', { timeout: 200_000 });
      const screen = () => screenOf(second);
      await expect.poll(screen, { timeout: 120_000 }).toMatch(/^root@bocal:~# $/m);
      await typeLine(second, 'clear; docker ps -a --format "{{.Names}} {{.State}}"');
      await expect.poll(screen, { timeout: 120_000 }).toMatch(/^held running$/m);
    } finally {
      await second.close();
    }
    await terminal.type('docker rm -f held');
    await expect.poll(terminal.screen, { timeout: 60_000 }).toMatch(/^held$/m);
  }, 400_000);
});
