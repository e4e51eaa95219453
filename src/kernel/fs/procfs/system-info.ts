// What /proc shows of the machine that the kernel itself does not know:
// uptime, memory, processors, the version string. The kernel's host passes
// one in (boot/system-info.ts makes it); procfs only formats it.

export interface MemoryInfo {
  /** Bytes. */
  total: number;
  free: number;
  available: number;
}

export interface SystemInfo {
  /** Seconds since boot. */
  uptime(): number;
  /** Seconds since the epoch at boot (btime of /proc/stat). */
  bootTime: number;
  memory(): MemoryInfo;
  /** Online processors. */
  cpuCount: number;
  /** The "model name" of /proc/cpuinfo. */
  cpuModel: string;
  /** The whole line of /proc/version: "Linux version 6.1.0-bocal (...) #1 ...". */
  version: string;
}
