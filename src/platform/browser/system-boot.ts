// What the kernel's worker does at boot to give the page a system to type
// into: installs the box multi-call binary as /bin/box with one symlink per
// applet (/bin/sh, /bin/ls, ... as BusyBox installs itself), writes the
// minimal /etc a shell and `ls -l` expect, takes the host name from
// /etc/hostname as Linux's init scripts do, and keeps a shell on the
// console (console-shell.ts). Platform-neutral: it needs a Kernel and the
// bytes of box.wasm, so Node tests boot the same system.
import * as vfs from '../../kernel/fs/vfs/create.ts';
import { makeDirectories, writeFile } from '../../kernel/boot/kernel-files.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { vfsContext } from '../../kernel/syscalls/fs-context.ts';
import { encodeUtf8 } from '../../kernel/utf8.ts';
import { ConsoleShell } from './console-shell.ts';
import { runCaptured } from './run-captured.ts';

export const HOSTNAME = 'bocal';

/** The user and group databases: root, and nobody as Debian has it. */
const ETC: Record<string, string> = {
  '/etc/passwd':
    'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
  '/etc/group': 'root:x:0:\nnogroup:x:65534:\n',
  '/etc/hostname': `${HOSTNAME}\n`,
};

/** The environment of the console's shell, as login(1) would set it for root. */
export const CONSOLE_ENV = [
  'HOME=/root',
  'PATH=/bin:/usr/bin',
  'SHELL=/bin/sh',
  'USER=root',
  'LOGNAME=root',
  'TERM=xterm-256color',
];

export interface BootedSystem {
  /** The applets installed in /bin, as `box --list` printed them. */
  applets: string[];
  shell: ConsoleShell;
}

/**
 * Boots the system on `kernel`: box from `box` (its bytes and a cache key),
 * /etc, the host name, then the console's shell. Rejects when box cannot be
 * installed or listed (the shell is then not started).
 */
export async function bootSystem(
  kernel: Kernel,
  box: { bytes: Uint8Array; key: string },
): Promise<BootedSystem> {
  const applets = await installBox(kernel, box);
  await writeEtc(kernel);
  const shell = new ConsoleShell(kernel, await shellArgv(kernel), CONSOLE_ENV);
  shell.start();
  return { applets, shell };
}

/** Installs /bin/box and a symlink to it per applet; returns the applets. */
export async function installBox(
  kernel: Kernel,
  box: { bytes: Uint8Array; key: string },
): Promise<string[]> {
  const init = kernel.init;
  makeDirectories(init, '/bin');
  await writeFile(init, '/bin/box', box.bytes, 0o755);
  const listed = await runCaptured(kernel, { path: '/bin/box' }, ['box', '--list']);
  if (listed.status !== 0) {
    throw new Error(`box --list failed with status ${listed.status}: ${listed.stderr}`);
  }
  const applets = listed.stdout.split('\n').filter((name) => /^[\w.[-]+$/.test(name));
  if (!applets.includes('sh')) throw new Error('box has no sh applet');
  const context = vfsContext(init);
  for (const name of applets) vfs.symlink(context, 'box', init.root, `/bin/${name}`);
  return applets;
}

/** Writes /etc's user database and host name, makes /root, and sets the host name. */
export async function writeEtc(kernel: Kernel): Promise<void> {
  const init = kernel.init;
  makeDirectories(init, '/etc');
  makeDirectories(init, '/root', 0o700);
  for (const [path, text] of Object.entries(ETC)) await writeFile(init, path, encodeUtf8(text));
  kernel.uts.nodename = HOSTNAME;
}

/**
 * The shell's argv: `sh -i` (interactive: prompts, runs each line as it is
 * typed). A box whose sh does not know -i yet (issue 4's interactive mode
 * is being written) refuses it with status 2; then the shell is a plain
 * `sh` reading the terminal, which runs what was typed at end of file (^D).
 */
async function shellArgv(kernel: Kernel): Promise<string[]> {
  const probe = await runCaptured(kernel, { path: '/bin/sh' }, ['sh', '-i', '-c', ':']);
  return probe.status === 0 ? ['sh', '-i'] : ['sh'];
}
