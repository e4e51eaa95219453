// The emulated host the kernel's worker boots for the page's terminal, on
// the kernel in Node (KernelService and system-boot.ts are platform-neutral):
// rootfs/host/ with its modes and owners, box in /bin under every applet's
// name, the host name, the course's tarball in /root, and a login shell on
// the console that answers what is typed, runs the chroot example, and
// comes back after it exits.
import { afterEach, describe, expect, it } from 'vitest';
import { Kernel } from '../../src/kernel/kernel.ts';
import { KernelService } from '../../src/platform/browser/kernel-service.ts';
import { readHostTree } from '../../src/platform/node/host-tree.ts';
import { createNodeProcessHost } from '../../src/platform/node/process-host.ts';
import { wasmBytes } from '../support/programs.ts';

let kernel: Kernel | undefined;
afterEach(async () => {
  await kernel?.shutdown();
  kernel = undefined;
});

function service(): KernelService {
  kernel = new Kernel(createNodeProcessHost(1));
  return new KernelService(kernel, {
    fetchProgram: async (url) => wasmBytes(url),
    workers: () => ({ started: 0, live: 0 }),
    hostTree: readHostTree,
  });
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytes = (s: string) => new TextEncoder().encode(s);

/** Everything the console prints, as one growing string. */
async function screen(api: KernelService): Promise<() => string> {
  let shown = '';
  const decoder = new TextDecoder();
  await api.consoleListen((b) => void (shown += decoder.decode(b, { stream: true })));
  return () => shown;
}

describe('the booted system', () => {
  it('installs box under every applet name, /etc and the host name', async () => {
    const api = service();
    api.startSystem({ url: 'box' });
    const system = await api.booted();
    expect(system.applets).toEqual(
      expect.arrayContaining(['sh', 'ls', 'cat', 'echo', 'tar', 'gzip', 'chroot']),
    );
    // A login shell, as getty starts it: argv[0] is "-sh".
    expect(system.shell).toEqual(['-sh']);
    const bin = await api.runProgram({ program: { url: 'box' }, argv: ['ls', '/bin'] });
    expect(bin.stdout.split('\n').filter(Boolean).sort()).toEqual(
      ['box', ...system.applets].sort(),
    );
    const cat = await api.runProgram({
      program: { url: 'box' },
      argv: ['cat', '/etc/hostname', '/etc/passwd'],
    });
    expect(cat.stdout).toMatch(/^bocal\nroot:x:0:0:root:\/root:\/bin\/sh\nstudent:x:1000:1000:/);
    expect(text(await api.readFile('/etc/group'))).toMatch(/^root:x:0:\n/);
    // The manifest's modes and owners, and the course's tarball.
    const ls = await api.runProgram({
      program: { url: 'box' },
      argv: ['ls', '-ld', '/root', '/tmp', '/home/student', '/root/box-minirootfs.tar.gz'],
    });
    expect(ls.stdout).toMatch(/^drwx------ \d+ root +root .* \/root$/m);
    expect(ls.stdout).toMatch(/^drwxrwxrwt \d+ root +root .* \/tmp$/m);
    expect(ls.stdout).toMatch(/^drwxr-xr-x \d+ student +student .* \/home\/student$/m);
    expect(ls.stdout).toMatch(/^-rw-r--r-- \d+ root +root .* \/root\/box-minirootfs\.tar\.gz$/m);
    // The installed applets run by path, as the shell runs them.
    const sh = await api.runProgram({
      program: { url: 'box' },
      argv: ['sh', '-c', 'cd /root && pwd && /bin/echo via-path'],
    });
    expect(sh).toEqual({ stdout: '/root\nvia-path\n', stderr: '', status: 0 });
  });

  it('runs a typed line on the console shell, echoes it, and starts a new shell after exit', async () => {
    const api = service();
    api.startSystem({ url: 'box' });
    const system = await api.booted();
    const shown = await screen(api);
    // The login shell itself, not a child it forked for a pipeline (those keep argv[0] too, but not ppid 1).
    const shellPid = async () =>
      (await api.ps()).find((p) => p.argv[0] === system.shell[0] && p.ppid === 1)?.pid;
    await expect.poll(shellPid).toBeDefined();
    const first = await shellPid();
    await api.consoleInput(bytes('echo typed line | wc -w\r'));
    // Typed ahead of the prompt, a line's echo may come before the prompt.
    await api.consoleInput(bytes('exit 3\r'));
    await expect.poll(shown, { timeout: 10_000 }).toMatch(/echo typed line \| wc -w\r\n/);
    await expect.poll(shown, { timeout: 10_000 }).toMatch(/(^|\n|[$#] )2\r\n/);
    // The shell exited; a new one answers.
    await expect.poll(shellPid, { timeout: 10_000 }).not.toBe(first);
    await expect.poll(shellPid, { timeout: 10_000 }).toBeDefined();
    await api.consoleInput(bytes('echo again\r'));
    await expect.poll(shown, { timeout: 10_000 }).toMatch(/(^|\n|[$#] )again\r\n/);
  });

  it('runs the course chroot example typed on the console: the shell inside sees only the tarball tree', async () => {
    const api = service();
    api.startSystem({ url: 'box' });
    await api.booted();
    const shown = await screen(api);
    // The login shell's prompt, from /etc/profile.
    await expect.poll(shown, { timeout: 15_000 }).toMatch(/root@bocal:~# $/);
    await api.consoleInput(
      bytes(
        'mkdir -p /tmp/ctr-image && tar xf box-minirootfs.tar.gz -C /tmp/ctr-image && chroot /tmp/ctr-image /bin/sh\r',
      ),
    );
    await api.consoleInput(bytes('cd ..; echo in:$(ls / | tr "\\n" " "); cat /etc/hostname\r'));
    await expect
      .poll(shown, { timeout: 20_000 })
      .toMatch(/in:bin dev etc proc root tmp\r\nminirootfs\r\n/);
    // Leaving the chroot's shell returns to the host's, which still sees the host.
    await api.consoleInput(bytes('exit\r'));
    await api.consoleInput(bytes('echo back:$(cat /etc/hostname)\r'));
    await expect.poll(shown, { timeout: 15_000 }).toMatch(/back:bocal\r\n/);
  });

  it('takes the console size from the page', async () => {
    const api = service();
    expect(await api.consoleSize()).toEqual({ rows: 24, columns: 80 });
    await api.consoleResize(40, 132);
    expect(await api.consoleSize()).toEqual({ rows: 40, columns: 132 });
    await expect(api.consoleResize(-1, 10)).rejects.toThrow(/bad size/);
  });

  it('reports a box it cannot fetch as the boot failure', async () => {
    const api = service();
    await expect(api.booted()).rejects.toThrow(/no system/);
    api.startSystem({ url: 'no-such-program' });
    await expect(api.booted()).rejects.toThrow(/no-such-program/);
  });
});
