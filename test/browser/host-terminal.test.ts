// The emulated host on the playground page, in real Chromium: the page's
// terminal shows the login shell of the host booted from rootfs/host/, and
// the course's first example typed into it gives a shell that sees only the
// tree of the minimal root filesystem tarball.
import { describe, expect, it } from 'vitest';
import { usePageTerminal } from '../support/page-terminal.ts';

describe('the emulated host in the page terminal', () => {
  const terminal = usePageTerminal();

  it('shows the login shell of the host, with the prompt of /etc/profile', async () => {
    await expect.poll(terminal.screen, { timeout: 30_000 }).toMatch(/^root@bocal:~# $/m);
    expect(await terminal.screen()).toContain('an emulated Linux host');
  });

  it('runs the chroot example typed into the terminal: ls / inside shows the tarball tree', async () => {
    await terminal.type(
      'mkdir -p /tmp/ctr-image && tar xf box-minirootfs.tar.gz -C /tmp/ctr-image && chroot /tmp/ctr-image /bin/sh',
    );
    await terminal.type('cd ..; ls / | tr "\\n" " "; echo "<- root"');
    await expect
      .poll(terminal.screen, { timeout: 30_000 })
      .toMatch(/^(.*[$#] )?bin dev etc proc root tmp <- root$/m);
    await terminal.type('cat /etc/hostname; exit');
    await expect.poll(terminal.screen, { timeout: 15_000 }).toMatch(/^minirootfs$/m);
    // Back on the host: its own tree.
    await terminal.type('ls / | tr "\\n" " "; echo "<- host"');
    await expect
      .poll(terminal.screen, { timeout: 15_000 })
      .toMatch(/^(.*[$#] )?bin dev etc home .* <- host$/m);
  });
});
