// The VFS behaviour suite (the one tmpfs and Linux pass) on a hostfs whose
// root is a host temp directory, through the kernel's syscall handlers.
import { afterAll, describe, it } from 'vitest';
import { scenarios } from '../../kernel/fs/support/behaviour.ts';
import { KernelAdapter } from '../../kernel/fs/support/kernel-adapter.ts';
import { makeHostSystem, removeScratch } from './host-system.ts';

const isRoot = process.getuid?.() === 0;
afterAll(removeScratch);

describe('VFS behaviour on hostfs (a host directory via syscalls)', () => {
  for (const scenario of scenarios) {
    const usesUser = scenario.run.toString().includes('asUser');
    it(scenario.name, () => {
      if (usesUser && !isRoot) {
        throw new Error(
          'this scenario creates files as another user, which the host allows only to root: run the tests as root',
        );
      }
      process.umask(0o022);
      return scenario.run(new KernelAdapter(makeHostSystem()));
    });
  }
});
