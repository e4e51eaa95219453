// `bocal info`'s machine: the Node host's processors and memory, the
// emulated kernel's host name and release.
import { availableParallelism, totalmem } from 'node:os';
import { KERNEL_RELEASE } from '../../kernel/boot/system-info.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import type { HostInfo } from '../../cli/docker/host-info.ts';

export function nodeHostInfo(kernel: Kernel): HostInfo {
  return {
    name: kernel.init.namespaces.uts.names.nodename,
    cpus: availableParallelism(),
    memoryBytes: totalmem(),
    kernelVersion: KERNEL_RELEASE,
  };
}
