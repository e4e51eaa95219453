// The machine-wide files of /proc in Linux's formats: meminfo, cpuinfo,
// uptime, loadavg, version, filesystems and stat, from the SystemInfo the
// kernel was given and the process table. Where we differ: no load is
// measured (loadavg's averages are 0.00) and cpu times are 0.
import type { ProcfsSource } from './source.ts';
import type { SystemInfo } from './system-info.ts';

const kB = (bytes: number): number => Math.floor(bytes / 1024);

export function meminfoText(system: SystemInfo): string {
  const memory = system.memory();
  const rows: [string, number][] = [
    ['MemTotal', kB(memory.total)],
    ['MemFree', kB(memory.free)],
    ['MemAvailable', kB(memory.available)],
    ['Buffers', 0],
    ['Cached', 0],
    ['SwapCached', 0],
    ['Active', 0],
    ['Inactive', 0],
    ['SwapTotal', 0],
    ['SwapFree', 0],
    ['Shmem', 0],
  ];
  return rows
    .map(([key, value]) => `${`${key}:`.padEnd(15)}${String(value).padStart(9)} kB\n`)
    .join('');
}

export function cpuinfoText(system: SystemInfo): string {
  let text = '';
  for (let cpu = 0; cpu < system.cpuCount; cpu++) {
    text += `processor\t: ${cpu}\nvendor_id\t: bocal\nmodel name\t: ${system.cpuModel}\n`;
    text += `siblings\t: ${system.cpuCount}\ncore id\t\t: ${cpu}\ncpu cores\t: ${system.cpuCount}\n`;
    text += 'flags\t\t: wasm32\nbogomips\t: 0.00\n\n';
  }
  return text;
}

export function uptimeText(system: SystemInfo): string {
  const up = system.uptime();
  // Idle time (summed over processors) is not measured: 0.00.
  return `${up.toFixed(2)} 0.00\n`;
}

/** loadavg: averages not measured; running/total tasks and the last pid from the table. */
export function loadavgText(source: ProcfsSource, caller: number | undefined): string {
  const pids = caller === undefined ? [] : source.pids(caller);
  const running = pids.filter((pid) => source.process(caller ?? 0, pid)?.state === 'R').length;
  const last = pids.length > 0 ? Math.max(...pids) : 0;
  return `0.00 0.00 0.00 ${running}/${pids.length} ${last}\n`;
}

export const filesystemsText = (): string =>
  [
    'nodev\tsysfs',
    'nodev\ttmpfs',
    'nodev\tproc',
    'nodev\tdevtmpfs',
    'nodev\tpipefs',
    'nodev\toverlay',
  ]
    .map((line) => `${line}\n`)
    .join('');

export function statText(
  system: SystemInfo,
  source: ProcfsSource,
  caller: number | undefined,
): string {
  const zeros = ' 0 0 0 0 0 0 0 0 0 0';
  let text = `cpu ${zeros}\n`;
  for (let cpu = 0; cpu < system.cpuCount; cpu++) text += `cpu${cpu}${zeros}\n`;
  const pids = caller === undefined ? [] : source.pids(caller);
  const running = pids.filter((pid) => source.process(caller ?? 0, pid)?.state === 'R').length;
  text += `intr 0\nctxt 0\nbtime ${system.bootTime}\nprocesses ${pids.length}\n`;
  text += `procs_running ${running}\nprocs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n`;
  return text;
}
