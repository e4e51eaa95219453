// A container's writable layer outlives the page, in real Chromium: typed
// into the emulated host's terminal, a container writes a file; after a
// reload (a new kernel, the same IndexedDB store) `docker start -a` finds
// the file in its root, `docker diff` lists it, and `docker rm` removes
// the container with its layer. A named volume is kept the same way.
import { describe, expect, it } from 'vitest';
import { usePageTerminal } from '../support/page-terminal.ts';

const PROMPT = /^root@bocal:~# $/m;

describe('a container’s writable layer in the page', () => {
  const terminal = usePageTerminal();

  it('writes a file in a container and a volume', async () => {
    await expect.poll(terminal.screen, { timeout: 120_000 }).toMatch(PROMPT);
    await terminal.type('clear');
    await terminal.type(
      "docker run --name layer -v notes:/notes box sh -c 'cat /f 2>/dev/null || echo first run; echo kept > /f; echo in-volume > /notes/n'",
    );
    await expect
      .poll(terminal.screen, { timeout: 120_000 })
      .toMatch(/^first run\nroot@bocal:~# $/m);
  }, 300_000);

  it('finds the file after a reload; rm takes the layer away', async () => {
    await terminal.page.reload({ timeout: 120_000 });
    await expect.poll(terminal.screen, { timeout: 120_000 }).toMatch(PROMPT);
    await terminal.type('clear');
    await terminal.type(
      'docker start -a layer; docker diff layer; docker run --rm -v notes:/n box cat /n/n',
    );
    await expect
      .poll(terminal.screen, { timeout: 120_000 })
      .toMatch(/^kept\nA \/f\nA \/notes\nin-volume\nroot@bocal:~# $/m);
    await terminal.type('clear');
    await terminal.type('docker rm layer; docker diff layer');
    await expect
      .poll(terminal.screen, { timeout: 60_000 })
      .toMatch(/^layer\nError response from daemon: No such container: layer\nroot@bocal:~# $/m);
  }, 300_000);
});
