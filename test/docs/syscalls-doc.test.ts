// docs/syscalls.md must say what the kernel really implements.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Kernel } from '../../src/kernel/kernel.ts';
import { compatibilityTable } from '../../src/kernel/syscalls/compatibility.ts';
import { createNodeProcessHost } from '../../src/platform/node/process-host.ts';

describe('docs/syscalls.md', () => {
  it('is the current syscall table (run `npm run docs:syscalls` after changing it)', async () => {
    const kernel = new Kernel(createNodeProcessHost(0));
    const expected = compatibilityTable(kernel.syscalls);
    await kernel.shutdown();
    const written = readFileSync(new URL('../../docs/syscalls.md', import.meta.url), 'utf8');
    expect(written).toBe(expected);
  });

  it('lists every WASI preview 1 function that reaches the kernel', async () => {
    const kernel = new Kernel(createNodeProcessHost(0));
    const names = new Set(kernel.syscalls.all().map((e) => e.name));
    await kernel.shutdown();
    // The worker answers args_*, environ_*, clock_* and random_get itself.
    for (const name of [
      'fd_read',
      'fd_write',
      'path_open',
      'poll_oneoff',
      'proc_exit',
      'sock_recv',
    ]) {
      expect(names.has(name)).toBe(true);
    }
  });
});
