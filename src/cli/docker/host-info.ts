// The machine `docker info` describes (dockerd reads it from its host's
// /proc and uname): inside the emulated host, that host's /proc; for
// `bocal` in Node, the Node host's numbers. Without either, what the
// kernel would say by default.
import { KERNEL_RELEASE } from '../../kernel/boot/system-info.ts';
import type { DockerFiles } from './files.ts';

export interface HostInfo {
  name: string;
  cpus: number;
  memoryBytes: number;
  kernelVersion: string;
}

const FALLBACK_MEMORY = 2 * 1024 ** 3;

export function defaultHostInfo(): HostInfo {
  const cpus = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
    ?.hardwareConcurrency;
  return {
    name: 'bocal',
    cpus: cpus ?? 1,
    memoryBytes: FALLBACK_MEMORY,
    kernelVersion: KERNEL_RELEASE,
  };
}

async function readText(files: DockerFiles, path: string): Promise<string | undefined> {
  try {
    return await new Response(await files.read(path)).text();
  } catch {
    return undefined;
  }
}

/** From /proc/meminfo and /proc/cpuinfo as a process of the host reads them. */
export async function procHostInfo(files: DockerFiles, name: string): Promise<HostInfo> {
  const info = { ...defaultHostInfo(), name };
  const meminfo = await readText(files, '/proc/meminfo');
  const total = /^MemTotal:\s+(\d+) kB$/m.exec(meminfo ?? '')?.[1];
  if (total) info.memoryBytes = Number(total) * 1024;
  const cpuinfo = await readText(files, '/proc/cpuinfo');
  const processors = (cpuinfo ?? '').match(/^processor\s*:/gm)?.length;
  if (processors) info.cpus = processors;
  const release = (await readText(files, '/proc/sys/kernel/osrelease'))?.trim();
  if (release) info.kernelVersion = release;
  return info;
}
