// The VFS behaviour suite on our tmpfs through the syscall handlers, and on
// the real Linux filesystem through node:fs, so that the suite itself is
// shown to describe Linux.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { scenarios } from './support/behaviour.ts';
import { KernelAdapter } from './support/kernel-adapter.ts';
import { makeSystem } from './support/kernel.ts';
import { NodeAdapter } from './support/node-adapter.ts';

describe('VFS behaviour on the kernel (tmpfs via syscalls)', () => {
  for (const scenario of scenarios) {
    it(scenario.name, () => scenario.run(new KernelAdapter(makeSystem())));
  }
});

const isRoot = process.getuid?.() === 0 && typeof process.seteuid === 'function';
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bocal-vfs-'));
fs.chmodSync(scratch, 0o755);
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

describe('VFS behaviour on Linux (node:fs)', () => {
  // node:fs has no lseek, so the scenarios that seek run on the kernel only.
  for (const scenario of scenarios.filter((s) => s.seeks !== true)) {
    const usesUser = scenario.run.toString().includes('asUser');
    it(scenario.name, () => {
      if (usesUser && !isRoot) {
        throw new Error(
          'this scenario switches to another user with seteuid: run the tests as root',
        );
      }
      const base = path.join(scratch, String(counter++));
      fs.mkdirSync(base, 0o755);
      process.umask(0o022);
      return scenario.run(new NodeAdapter(base));
    });
  }
});
