// The SystemInfo the kernel boots with: uptime from the host's clock, memory
// from the host when it tells (Node's os.totalmem/freemem), otherwise a fixed
// 2 GiB of which the kernel claims nothing (a browser does not say how much
// memory a page may use), and the processor count the host gives (1 if not).
import type { SystemInfo } from '../fs/procfs/system-info.ts';

/** The release uname(2) and /proc/version report. */
export const KERNEL_RELEASE = '6.1.0-bocal';
/** Memory shown when the host does not say: 2 GiB, all free. */
export const DEFAULT_MEMORY_BYTES = 2 * 1024 * 1024 * 1024;

export interface SystemInfoOptions {
  /** Milliseconds since the epoch, now. */
  now: () => number;
  /** Milliseconds since the epoch when the kernel booted. */
  bootTime: number;
  /** The host's memory, when it knows (bytes). */
  memory?: () => { total: number; free: number };
  cpuCount?: number;
  cpuModel?: string;
}

export function createSystemInfo(options: SystemInfoOptions): SystemInfo {
  return {
    uptime: () => Math.max(0, (options.now() - options.bootTime) / 1000),
    bootTime: Math.floor(options.bootTime / 1000),
    memory: () => {
      const host = options.memory?.();
      if (!host) {
        const total = DEFAULT_MEMORY_BYTES;
        return { total, free: total, available: total };
      }
      return { total: host.total, free: host.free, available: host.free };
    },
    cpuCount: Math.max(1, options.cpuCount ?? 1),
    cpuModel: options.cpuModel ?? 'WebAssembly virtual processor',
    version: `Linux version ${KERNEL_RELEASE} (bocal@bocal) (TypeScript kernel, WebAssembly userland) #1 SMP PREEMPT_DYNAMIC bocal\n`,
  };
}
