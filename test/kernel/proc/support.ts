// Test support for the process logic: a table with a recording set of
// hooks, an init, and children made by fork. Dentries come from one helper
// (rootDentry) so the VFS can change under it without touching the tests.
import { MountTable } from '../../../src/kernel/fs/mount.ts';
import type { Dentry } from '../../../src/kernel/fs/dentry.ts';
import { Tmpfs } from '../../../src/kernel/fs/tmpfs/tmpfs.ts';
import { initialNamespaces } from '../../../src/kernel/ns/namespace-set.ts';
import { Uts } from '../../../src/kernel/uts.ts';
import { rootCredentials } from '../../../src/kernel/proc/credentials.ts';
import type { Credentials } from '../../../src/kernel/proc/credentials.ts';
import { FdTable } from '../../../src/kernel/proc/fd-table.ts';
import { createInit, forkProcess } from '../../../src/kernel/proc/fork.ts';
import type { ProcessHooks } from '../../../src/kernel/proc/hooks.ts';
import type { Process } from '../../../src/kernel/proc/process.ts';
import { ProcessTable } from '../../../src/kernel/proc/process-table.ts';
import type { ProcessTableOptions } from '../../../src/kernel/proc/process-table.ts';

/** The root dentry of a fresh tmpfs: the one place tests make a dentry. */
export function rootDentry(): Dentry {
  const fs = new Tmpfs();
  return new MountTable(fs, fs.root).root.root;
}

export type HookEvent =
  | { hook: 'terminate'; pid: number; signal: number }
  | { hook: 'stop' | 'resume' | 'interrupt' | 'initExited'; pid: number };

/** Hooks that record what the kernel asked for, in order. */
export class RecordingHooks implements ProcessHooks {
  readonly events: HookEvent[] = [];

  terminate(process: Process, signal: number): void {
    this.events.push({ hook: 'terminate', pid: process.pid, signal });
  }
  stop(process: Process): void {
    this.events.push({ hook: 'stop', pid: process.pid });
  }
  resume(process: Process): void {
    this.events.push({ hook: 'resume', pid: process.pid });
  }
  interrupt(process: Process): void {
    this.events.push({ hook: 'interrupt', pid: process.pid });
  }
  initExited(init: Process): void {
    this.events.push({ hook: 'initExited', pid: init.pid });
  }

  of(hook: HookEvent['hook']): HookEvent[] {
    return this.events.filter((e) => e.hook === hook);
  }
}

export interface World {
  table: ProcessTable;
  hooks: RecordingHooks;
  init: Process;
}

/** A table with an init (pid 1, root) and recording hooks. */
export function world(options: ProcessTableOptions = {}): World {
  const hooks = new RecordingHooks();
  const table = new ProcessTable(hooks, options);
  const fs = new Tmpfs();
  const mounts = new MountTable(fs, fs.root);
  const root = mounts.root.root;
  const init = createInit(table, {
    namespaces: initialNamespaces(mounts, new Uts()),
    argv: ['/sbin/init'],
    env: [],
    fds: new FdTable(),
    root,
    cwd: root,
    credentials: rootCredentials(),
  });
  return { table, hooks, init };
}

/** A child of `parent`, optionally with other credentials. */
export function child(
  table: ProcessTable,
  parent: Process,
  credentials?: Partial<Credentials>,
): Process {
  const process = forkProcess(table, parent);
  Object.assign(process.credentials, credentials ?? {});
  return process;
}

/** Credentials of an ordinary user: all ids `id`. */
export function user(id: number): Partial<Credentials> {
  return { uid: id, euid: id, suid: id, gid: id, egid: id, sgid: id };
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
