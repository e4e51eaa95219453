// A booted kernel (no program runs: processes are forked from init in the
// test) and file access as a given process, through the VFS as syscalls
// use it: the errno of a failed write or read, or the text.
import { errnoName } from '../../../src/platform/node/hostfs/host-errors.ts';
import { KernelError } from '../../../src/kernel/errors.ts';
import * as vfs from '../../../src/kernel/fs/vfs/create.ts';
import { open } from '../../../src/kernel/fs/vfs/open.ts';
import { lookup } from '../../../src/kernel/fs/path-walk.ts';
import * as remove from '../../../src/kernel/fs/vfs/remove.ts';
import { Kernel } from '../../../src/kernel/kernel.ts';
import { forkProcess } from '../../../src/kernel/proc/fork.ts';
import type { Process } from '../../../src/kernel/proc/process.ts';
import { vfsContext } from '../../../src/kernel/syscalls/fs-context.ts';
import { createNodeProcessHost } from '../../../src/platform/node/process-host.ts';

export const ROOT = '/sys/fs/cgroup';

export function bootKernel(): Kernel {
  return new Kernel(createNodeProcessHost(1));
}

/** The errno name of a KernelError thrown by `action`, or 'ok'. */
export function errnoOf(action: () => unknown): string {
  try {
    action();
    return 'ok';
  } catch (error) {
    if (error instanceof KernelError) return errnoName(error.errno);
    throw error;
  }
}

/** Writes `text` to `path` as `as` does with `echo text > path` (one write, O_TRUNC). */
export function write(as: Process, path: string, text: string): string {
  return errnoOf(() => {
    const file = open(vfsContext(as), as.root, path, {
      readable: false,
      writable: true,
      truncate: true,
      follow: true,
    });
    if (file instanceof Promise) throw new Error('cgroupfs opens synchronously');
    try {
      const written = file.write(new TextEncoder().encode(`${text}\n`));
      if (written instanceof Promise) throw new Error('cgroupfs writes synchronously');
    } finally {
      file.release();
    }
  });
}

/** The text of `path` as `as` reads it. */
export function read(as: Process, path: string): string {
  const file = open(vfsContext(as), as.root, path, {
    readable: true,
    writable: false,
    follow: true,
  });
  if (file instanceof Promise) throw new Error('cgroupfs opens synchronously');
  try {
    const chunk = file.read(1 << 16);
    if (chunk instanceof Promise) throw new Error('cgroupfs reads synchronously');
    return new TextDecoder().decode(chunk);
  } finally {
    file.release();
  }
}

/** open(path, O_CREAT|O_WRONLY) as `as`. */
export function create(as: Process, path: string): string {
  return errnoOf(() => {
    const file = open(vfsContext(as), as.root, path, {
      readable: false,
      writable: true,
      create: true,
      follow: true,
    });
    if (!(file instanceof Promise)) file.release();
  });
}

export function mkdir(as: Process, path: string): string {
  return errnoOf(() => vfs.mkdir(vfsContext(as), as.root, path, 0o755));
}

export function rmdir(as: Process, path: string): string {
  return errnoOf(() => remove.rmdir(vfsContext(as), as.root, path));
}

/** The names in a directory, sorted, as `ls -A` lists them. */
export function readdir(as: Process, path: string): string[] {
  const dentry = lookup(vfsContext(as), as.root, path, true);
  return [...dentry.inode.entries(0n)].map((entry) => entry.name).sort();
}

/** A new process, child of `parent` (fork without a program). */
export function fork(kernel: Kernel, parent: Process = kernel.init): Process {
  return forkProcess(kernel.processes, parent);
}
