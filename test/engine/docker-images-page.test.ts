// The image verbs of docker in the page, in real Chromium, on the IndexedDB
// store: save to a file of the emulated host, rmi, load it back, and after a
// reload (a new kernel, the same store) the loaded tag is still there; info
// names the store.
import { describe, expect, it } from 'vitest';
import { usePageTerminal } from '../support/page-terminal.ts';

describe('docker image verbs in the page terminal', () => {
  const terminal = usePageTerminal();

  it('saves, removes and loads an image through a file of the emulated host', async () => {
    await expect.poll(terminal.screen, { timeout: 120_000 }).toMatch(/^root@bocal:~# $/m);
    await terminal.type(
      'docker import -c "CMD [\\"/hi\\"]" /etc/hostname mine:1 >/dev/null; echo imported=$?',
    );
    await expect.poll(terminal.screen, { timeout: 60_000 }).toMatch(/^imported=1$/m);
    await terminal.type(
      'cd /tmp && mkdir -p r && echo hi > r/hi && tar cf r.tar -C r hi && docker import r.tar mine:1 | cut -c1-7',
    );
    await expect.poll(terminal.screen, { timeout: 60_000 }).toMatch(/^sha256:$/m);
    await terminal.type(
      'docker save -o m.tar mine:1 && docker rmi mine:1 | head -1 && docker load -i m.tar',
    );
    await expect
      .poll(terminal.screen, { timeout: 60_000 })
      .toMatch(/^Untagged: mine:1\nLoaded image: mine:1\n/m);
  }, 300_000);

  it('still has the loaded image after a reload, and info names the IndexedDB store', async () => {
    await terminal.page.reload({ timeout: 120_000 });
    await expect.poll(terminal.screen, { timeout: 120_000 }).toMatch(/^root@bocal:~# $/m);
    await terminal.type('docker images --format "{{.Repository}}:{{.Tag}} {{.Size}}" mine');
    await expect.poll(terminal.screen, { timeout: 60_000 }).toMatch(/^mine:1 3B$/m);
    await terminal.type('docker info --format "{{.DockerRootDir}}: {{.Driver}}"');
    await expect
      .poll(terminal.screen, { timeout: 60_000 })
      .toMatch(/^IndexedDB \(bocal-images\): overlay$/m);
  }, 300_000);
});
