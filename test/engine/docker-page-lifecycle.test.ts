// docker's lifecycle verbs in the page, in real Chromium: typed into the
// emulated host's terminal, a detached container keeps running, `docker
// exec -it` opens a shell inside it on the same terminal, `pause` shows it
// paused and `top` lists its processes.
import { describe, expect, it } from 'vitest';
import { usePageTerminal } from '../support/page-terminal.ts';

describe('docker exec, pause and top in the page terminal', () => {
  const terminal = usePageTerminal();

  it('execs a shell in a detached container, pauses it and lists its processes', async () => {
    await expect.poll(terminal.screen, { timeout: 120_000 }).toMatch(/^root@bocal:~# $/m);
    await terminal.type('clear; docker run -d --name web box sleep 600 >/dev/null; echo started');
    await expect.poll(terminal.screen, { timeout: 120_000 }).toMatch(/^started$/m);
    await terminal.type('docker exec -it web sh');
    await expect.poll(terminal.screen, { timeout: 60_000 }).toMatch(/^# $/m);
    await terminal.type('echo inside $(hostname) $(cat /proc/1/cmdline | tr "\\0" " "); exit');
    await expect
      .poll(terminal.screen, { timeout: 30_000 })
      .toMatch(/^inside [0-9a-f]{12} sleep 600 ?$/m);
    await expect.poll(terminal.screen, { timeout: 30_000 }).toMatch(/^root@bocal:~# $/m);
    await terminal.type('clear; docker pause web; docker ps --format "{{.Names}} {{.State}}"');
    await expect.poll(terminal.screen, { timeout: 60_000 }).toMatch(/^web paused$/m);
    await terminal.type('clear; docker unpause web; docker top web');
    // top's lines are wider than the terminal: they wrap.
    await expect
      .poll(terminal.screen, { timeout: 60_000 })
      .toMatch(/^UID +PID +PPID +C +STIME +TTY +TIME/m);
    await expect.poll(terminal.screen, { timeout: 60_000 }).toMatch(/^root +\d+ +\d+ +0 /m);
    await expect.poll(terminal.screen, { timeout: 60_000 }).toMatch(/sleep 600\n/);
    // Cleared first: unpause's "web" is still on the screen.
    await terminal.type('clear; docker rm -f web; echo left: $(docker ps -aq)');
    await expect.poll(terminal.screen, { timeout: 60_000 }).toMatch(/^web\nleft:$/m);
  }, 400_000);
});
