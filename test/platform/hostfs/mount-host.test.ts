// Mounting host directories into a kernel before programs start: at a guest
// path (created if missing), or as the root with the kernel's /dev and /tmp
// on top only where the host directory has those directories.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/kernel/kernel.ts';
import { lookup } from '../../../src/kernel/fs/path-walk.ts';
import { vfsContext } from '../../../src/kernel/syscalls/fs-context.ts';
import {
  mountHostDirectory,
  useHostDirectoryAsRoot,
} from '../../../src/platform/node/hostfs/mount-host.ts';
import { createNodeProcessHost } from '../../../src/platform/node/process-host.ts';
import { makeScratch, removeScratch } from './host-system.ts';

afterAll(removeScratch);

async function withKernel(use: (kernel: Kernel) => void): Promise<void> {
  const kernel = new Kernel(createNodeProcessHost(0));
  try {
    use(kernel);
  } finally {
    await kernel.shutdown();
  }
}

const typeAt = (kernel: Kernel, guest: string): string => {
  const context = vfsContext(kernel.init);
  return lookup(context, kernel.init.root, guest, true).inode.fs.type;
};

describe('mounting host directories', () => {
  it('mounts at a guest path made with mkdir -p', () =>
    withKernel((kernel) => {
      const dir = makeScratch();
      fs.writeFileSync(path.join(dir, 'f'), '');
      mountHostDirectory(kernel, dir, '/srv/data');
      expect(typeAt(kernel, '/srv/data/f')).toBe('hostfs');
      expect(kernel.mounts.list().at(-1)?.source).toBe(fs.realpathSync(dir));
    }));

  it('a host root gets /dev and /tmp where it has them, and no /proc where it has none', () =>
    withKernel((kernel) => {
      const dir = makeScratch();
      fs.mkdirSync(path.join(dir, 'dev'));
      fs.mkdirSync(path.join(dir, 'tmp'));
      useHostDirectoryAsRoot(kernel, dir);
      expect(typeAt(kernel, '/')).toBe('hostfs');
      expect(typeAt(kernel, '/dev/null')).toBe('devtmpfs');
      expect(typeAt(kernel, '/tmp')).toBe('tmpfs');
      expect(() => typeAt(kernel, '/proc')).toThrow();
      expect(fs.readdirSync(dir).sort()).toEqual(['dev', 'tmp']);
    }));

  it('a missing host directory is ENOENT', () =>
    withKernel((kernel) => {
      const missing = path.join(makeScratch(), 'missing');
      expect(() => mountHostDirectory(kernel, missing, '/x')).toThrow(
        expect.objectContaining({ name: 'KernelError' }),
      );
    }));
});
