// The bocal side of the isolation scenarios: a kernel with box installed in
// /bin under every applet's name, the WASI nsprobe as /bin/nsprobe, root
// and a uid 1000 user in /etc/passwd, and the scenario's scratch directory
// at the same absolute path as on the host. box's sh runs the scenario as
// root, as dash does on the real side.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Kernel } from '../../src/kernel/kernel.ts';
import { makeDirectories, writeFile } from '../../src/kernel/boot/kernel-files.ts';
import { shellExitCode } from '../../src/kernel/abi/wait-status.ts';
import { sendSignal } from '../../src/kernel/proc/signals.ts';
import { Signal } from '../../src/kernel/abi/signals.ts';
import * as vfs from '../../src/kernel/fs/vfs/create.ts';
import { vfsContext } from '../../src/kernel/syscalls/fs-context.ts';
import { createNodeProcessHost } from '../../src/platform/node/process-host.ts';
import { capturedStdio } from '../support/captured-stdio.ts';
import { nativePath, wasmPath } from '../support/programs.ts';
import type { RunResult } from './normalise.ts';
import { wrapped } from './real-linux.ts';

const encoder = new TextEncoder();
const passwd = 'root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000::/home/user:/bin/sh\n';
const group = 'root:x:0:\nuser:x:1000:\n';

/** Every applet of box (the native build has the same table). */
function appletNames(): string[] {
  const out = spawnSync(nativePath('box'), ['--list'], { encoding: 'utf8' });
  return out.stdout.split('\n').filter(Boolean);
}

export class BocalSide {
  readonly kernel = new Kernel(createNodeProcessHost(2));
  private readonly box = readFileSync(wasmPath('box'));
  private readonly probe = readFileSync(wasmPath('nsprobe'));

  async install(): Promise<void> {
    const init = this.kernel.init;
    makeDirectories(init, '/etc');
    makeDirectories(init, '/bin');
    await writeFile(init, '/bin/box', this.box, 0o755);
    for (const name of appletNames()) {
      vfs.symlink(vfsContext(init), 'box', init.root, `/bin/${name}`);
    }
    await writeFile(init, '/bin/nsprobe', this.probe, 0o755);
    await writeFile(init, '/etc/passwd', encoder.encode(passwd));
    await writeFile(init, '/etc/group', encoder.encode(group));
  }

  /** $S/root: box as /bin/sh and the WASI nsprobe, the same shape as the real side's. */
  private async chrootTree(scratch: string): Promise<void> {
    const init = this.kernel.init;
    const tree = `${scratch}/root`;
    for (const dir of ['bin', 'lib', 'lib64']) makeDirectories(init, `${tree}/${dir}`);
    await writeFile(init, `${tree}/bin/sh`, this.box, 0o755);
    await writeFile(init, `${tree}/bin/nsprobe`, this.probe, 0o755);
    vfs.symlink(vfsContext(init), '/../..', init.root, `${tree}/escape`);
    vfs.symlink(vfsContext(init), '/proc/1/root', init.root, `${tree}/procroot`);
  }

  async run(script: string, scratch: string, chrootTree: boolean): Promise<RunResult> {
    makeDirectories(this.kernel.init, scratch);
    if (chrootTree) await this.chrootTree(scratch);
    const stdio = capturedStdio();
    const env = ['PATH=/bin:/usr/bin', `S=${scratch}`, 'LC_ALL=C', 'HOME=/root'];
    const { process, exited } = await this.kernel.spawn({
      program: { path: '/bin/sh' },
      argv: ['sh', '-c', wrapped(script)],
      env,
      fds: stdio.fds,
      cwd: scratch,
    });
    const timer = setTimeout(
      () => sendSignal(this.kernel.processes, process, Signal.SIGKILL),
      60_000,
    );
    const status = await exited;
    clearTimeout(timer);
    return { stdout: stdio.stdout(), stderr: stdio.stderr(), status: shellExitCode(status) };
  }

  shutdown(): Promise<void> {
    return this.kernel.shutdown();
  }
}
