// Boots the emulated host on a kernel: its root filesystem from
// rootfs/host/ (files and manifest, handed over by the platform), the box
// multi-call binary as /bin/box with one symlink per applet (/bin/sh,
// /bin/ls, ... as BusyBox installs itself), the host name from
// /etc/hostname as Linux's init scripts set it, the course's minimal root
// filesystem tarball in /root, and — for the page — a login shell kept on
// the console (console-shell.ts). The kernel's init is pid 1 and adopts
// what the shells leave behind. Platform-neutral: it needs a Kernel, the
// bytes of box.wasm and the tree, so Node (`bocal shell`, tests) boots the
// same host as the page.
import * as vfs from '../../kernel/fs/vfs/create.ts';
import { makeDirectories, readFile, writeFile } from '../../kernel/boot/kernel-files.ts';
import { populateHostTree, type HostTree } from '../../kernel/boot/host/host-tree.ts';
import { MINIROOTFS_PATH, minirootfsTar } from '../../kernel/boot/host/minirootfs.ts';
import { loginOf, type Login } from '../../kernel/boot/host/users.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { vfsContext } from '../../kernel/syscalls/fs-context.ts';
import { decodeUtf8 } from '../../kernel/utf8.ts';
import { ConsoleShell } from './console-shell.ts';
import { runCaptured } from './run-captured.ts';

export type { HostTree } from '../../kernel/boot/host/host-tree.ts';

/**
 * The argv of a login shell, as login(1) starts one: "-sh" (a leading '-'
 * makes sh a login shell). It shows the message of the day and reads
 * /etc/profile (PATH, PS1) and the user's ~/.profile itself.
 */
export const LOGIN_SHELL = ['-sh'];

export interface BootedHost {
  /** The applets installed in /bin, as `box --list` printed them. */
  applets: string[];
  hostname: string;
}

export interface BootedSystem extends BootedHost {
  shell: ConsoleShell;
  /** The shell the user gets once logged in: an interactive sh (started as LOGIN_SHELL). */
  loginShell: string[];
}

/**
 * Boots the host on `kernel` from `tree` and `box` (its bytes and a cache
 * key), without a shell. Rejects when box cannot be installed or listed.
 */
export async function bootHost(
  kernel: Kernel,
  box: { bytes: Uint8Array; key: string },
  tree: HostTree,
): Promise<BootedHost> {
  await populateHostTree(kernel.init, tree);
  const applets = await installBox(kernel, box);
  const hostname = (await readText(kernel, '/etc/hostname')).trim() || 'localhost';
  kernel.uts.nodename = hostname;
  await writeFile(kernel.init, MINIROOTFS_PATH, await gzip(minirootfsTar(box.bytes, applets)));
  return { applets, hostname };
}

/** The login of `user` (a name or uid) on the booted host; rejects for an unknown user. */
export async function hostLogin(kernel: Kernel, user: string, term?: string): Promise<Login> {
  const passwd = await readText(kernel, '/etc/passwd');
  const group = await readText(kernel, '/etc/group');
  const login = loginOf(passwd, group, user, term);
  if (!login) throw new Error(`user ${user} does not exist in /etc/passwd`);
  return login;
}

/** Boots the host and keeps a login shell of `user` (root by default) on the console. */
export async function bootSystem(
  kernel: Kernel,
  box: { bytes: Uint8Array; key: string },
  tree: HostTree,
  user = 'root',
): Promise<BootedSystem> {
  const host = await bootHost(kernel, box, tree);
  const login = await hostLogin(kernel, user);
  const shell = new ConsoleShell(kernel, LOGIN_SHELL, login.env, {
    cwd: login.user.home,
    credentials: login.credentials,
  });
  shell.start();
  return { ...host, shell, loginShell: LOGIN_SHELL };
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

async function readText(kernel: Kernel, path: string): Promise<string> {
  return decodeUtf8(await readFile(kernel.init, path));
}

/** gzip through the platform's CompressionStream (browsers and Node have it). */
async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
