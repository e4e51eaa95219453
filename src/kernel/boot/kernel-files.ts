// File access for the kernel's host (the engine, the CLI, tests): make
// directories and read or write files in the kernel's filesystem as init
// (root), through the same VFS operations syscalls use.
import { Errno } from '../abi/errno.ts';
import { KernelError } from '../errors.ts';
import * as vfs from '../fs/vfs/create.ts';
import { open } from '../fs/vfs/open.ts';
import type { Process } from '../proc/process.ts';
import { vfsContext } from '../syscalls/fs-context.ts';

/** Implements `mkdir -p`. */
export function makeDirectories(as: Process, path: string, mode = 0o755): void {
  const context = vfsContext(as);
  let prefix = '';
  for (const name of path.split('/').filter(Boolean)) {
    prefix += `/${name}`;
    try {
      vfs.mkdir(context, as.root, prefix, mode);
    } catch (error) {
      if (!(error instanceof KernelError) || error.errno !== Errno.EEXIST) throw error;
    }
  }
}

/** Creates or replaces the file at `path` with `bytes`. */
export async function writeFile(
  as: Process,
  path: string,
  bytes: Uint8Array,
  mode = 0o644,
): Promise<void> {
  const file = await open(vfsContext(as), as.root, path, {
    readable: false,
    writable: true,
    create: true,
    truncate: true,
    follow: true,
    mode,
  });
  try {
    for (let at = 0; at < bytes.length;) at += await file.write(bytes.subarray(at));
  } finally {
    file.release();
  }
}

/** The whole content of the file at `path`. */
export async function readFile(as: Process, path: string): Promise<Uint8Array> {
  const file = await open(vfsContext(as), as.root, path, {
    readable: true,
    writable: false,
    follow: true,
  });
  try {
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = await file.read(1 << 20);
      if (chunk.length === 0) break;
      chunks.push(chunk.slice());
      total += chunk.length;
    }
    const result = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      result.set(chunk, at);
      at += chunk.length;
    }
    return result;
  } finally {
    file.release();
  }
}
