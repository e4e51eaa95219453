// docker in the page, in real Chromium: typed into the terminal of the
// emulated host, `docker run --rm hello-world` prints its message,
// `docker run -it box sh` gives a shell in a container, and after a reload
// (a new kernel, the same IndexedDB store) `docker ps -a` still lists the
// stopped container.
import { describe, expect, it } from 'vitest';
import { usePageTerminal } from '../support/page-terminal.ts';

describe('docker in the page terminal', () => {
  const terminal = usePageTerminal();

  it('runs hello-world, then a shell in a box container', async () => {
    await expect.poll(terminal.screen, { timeout: 120_000 }).toMatch(/^root@bocal:~# $/m);
    await terminal.type('docker run --rm hello-world');
    // Its first lines scroll off the visible rows; its end stays.
    await expect
      .poll(terminal.screen, { timeout: 120_000 })
      .toMatch(/compare with what the host shows\.\n\nroot@bocal:~# $/);
    await terminal.type('docker run -it --name kept box sh');
    await expect.poll(terminal.screen, { timeout: 60_000 }).toMatch(/^# $/m);
    await terminal.type('echo hi from $(hostname); exit');
    await expect.poll(terminal.screen, { timeout: 30_000 }).toMatch(/^hi from [0-9a-f]{12}$/m);
    await expect.poll(terminal.screen, { timeout: 30_000 }).toMatch(/^root@bocal:~# $/m);
  }, 300_000);

  it('finds the stopped container after a reload', async () => {
    await terminal.page.reload({ timeout: 120_000 });
    await expect.poll(terminal.screen, { timeout: 120_000 }).toMatch(/^root@bocal:~# $/m);
    await terminal.type('docker ps -a --format "{{.Names}}: {{.Status}}"');
    await expect.poll(terminal.screen, { timeout: 60_000 }).toMatch(/^kept: Exited \(0\) .* ago$/m);
  }, 300_000);
});
