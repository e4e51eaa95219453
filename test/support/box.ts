// Runs the multi-call userland binary (wasm/programs/box) three ways for the
// userland tests: on the bocal kernel, where build/wasm/box.wasm is
// installed as /bin/box with one symlink per applet (/bin/cat -> box, ...)
// and spawned by path; natively as `build/native/box APPLET`; and as the
// reference, Debian's own /usr/bin/APPLET. Each run gets a scratch directory
// made the same way on both sides (same files, same absolute path), the C
// locale and UTC.
import { capturedStdio } from './captured-stdio.ts';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { Kernel } from '../../src/kernel/kernel.ts';
import { makeDirectories, writeFile } from '../../src/kernel/boot/kernel-files.ts';
import { shellExitCode } from '../../src/kernel/abi/wait-status.ts';
import { sendSignal } from '../../src/kernel/proc/signals.ts';
import { Signal } from '../../src/kernel/abi/signals.ts';
import * as vfs from '../../src/kernel/fs/vfs/create.ts';
import { vfsContext } from '../../src/kernel/syscalls/fs-context.ts';
import { createNodeProcessHost } from '../../src/platform/node/process-host.ts';
import { nativePath, wasmPath } from './programs.ts';

/** One thing in a scratch directory, by path relative to it. */
export type ScratchEntry =
  | { file: string; content?: string; mode?: number }
  | { dir: string }
  | { symlink: string; target: string };

export interface BoxResult {
  stdout: string;
  stderr: string;
  status: number;
}

const encoder = new TextEncoder();
/** The user database on the kernel: the same root entries as Debian's. */
const passwd = 'root:x:0:0:root:/root:/bin/bash\n';
const group = 'root:x:0:\n';
// TERM: GNU ls colours only for a terminal type it knows (ls --color cases).
export const ENV = { LC_ALL: 'C', TZ: 'UTC', PATH: '/bin:/usr/bin', TERM: 'xterm' };

/**
 * A new empty directory on the host; its path is reused inside the kernel.
 * Not under /tmp: the kernel's /tmp is a mount of its own, which spawn's
 * `cwd` does not cross.
 */
export function hostScratch(): string {
  const parent = join(fileURLToPath(new URL('../..', import.meta.url)), 'build', 'scratch');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, 'box-'));
}

export function prepareHost(dir: string, entries: ScratchEntry[]): void {
  for (const entry of entries) {
    if ('dir' in entry) mkdirSync(join(dir, entry.dir), { recursive: true });
    else if ('symlink' in entry) symlinkSync(entry.target, join(dir, entry.symlink));
    else {
      mkdirSync(dirname(join(dir, entry.file)), { recursive: true });
      writeFileSync(join(dir, entry.file), entry.content ?? '', { mode: entry.mode ?? 0o644 });
    }
  }
}

/** Runs `argv` natively: the reference (/usr/bin/NAME) or our build/native/box. */
export function runHost(which: 'reference' | 'native', argv: string[], cwd: string): BoxResult {
  const [name, ...args] = argv;
  const result =
    which === 'reference'
      ? spawnSync(`/usr/bin/${name}`, args, { cwd, env: ENV, argv0: name, encoding: 'utf8' })
      : spawnSync(nativePath('box'), argv, { cwd, env: ENV, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status ?? 128 };
}

/** A kernel with box installed in /bin under every applet's name, and /etc/passwd. */
export class BoxKernel {
  readonly kernel = new Kernel(createNodeProcessHost(1));

  async install(applets: string[]): Promise<void> {
    const init = this.kernel.init;
    makeDirectories(init, '/bin');
    makeDirectories(init, '/etc');
    await writeFile(init, '/bin/box', readFileSync(wasmPath('box')), 0o755);
    for (const name of applets) vfs.symlink(vfsContext(init), 'box', init.root, `/bin/${name}`);
    await writeFile(init, '/etc/passwd', encoder.encode(passwd));
    await writeFile(init, '/etc/group', encoder.encode(group));
  }

  /** Makes `dir` (an absolute path) in the kernel with the same entries as on the host. */
  async prepare(dir: string, entries: ScratchEntry[]): Promise<void> {
    const init = this.kernel.init;
    makeDirectories(init, dir);
    for (const entry of entries) {
      if ('dir' in entry) makeDirectories(init, `${dir}/${entry.dir}`);
      else if ('symlink' in entry)
        vfs.symlink(vfsContext(init), entry.target, init.root, `${dir}/${entry.symlink}`);
      else {
        makeDirectories(init, dirname(`${dir}/${entry.file}`));
        await writeFile(
          init,
          `${dir}/${entry.file}`,
          encoder.encode(entry.content ?? ''),
          entry.mode ?? 0o644,
        );
      }
    }
  }

  /** Spawns /bin/NAME with `argv` in `cwd` and collects what it writes. */
  async run(argv: string[], cwd: string, stdin = ''): Promise<BoxResult> {
    const stdio = capturedStdio(stdin);
    const fds = stdio.fds;
    const env = Object.entries(ENV).map(([k, v]) => `${k}=${v}`);
    const { process, exited } = await this.kernel.spawn({
      program: { path: `/bin/${argv[0]}` },
      argv,
      env,
      fds,
      cwd,
    });
    const timer = setTimeout(
      () => sendSignal(this.kernel.processes, process, Signal.SIGKILL),
      10_000,
    );
    const status = await exited;
    clearTimeout(timer);
    return { stdout: stdio.stdout(), stderr: stdio.stderr(), status: shellExitCode(status) };
  }

  shutdown(): Promise<void> {
    return this.kernel.shutdown();
  }
}
