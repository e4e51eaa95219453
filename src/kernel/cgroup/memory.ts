// The memory controller over what the kernel can see of a process's memory:
// its wasm linear memory, as its worker reports it at each syscall after a
// memory.grow. When a cgroup's memory.current passes its memory.max, the
// OOM killer ends the process with the most memory in that cgroup's subtree
// (SIGKILL, as Linux's memcg OOM killer chooses the largest task), one at a
// time until the cgroup is back under its limit. memory.events: `max` and
// `oom` are counted where the limit was hit, `oom_kill` where the victim
// was, each in that cgroup and its ancestors (and in `.local` alone).
// memory.high is recorded and its passing counted as a `high` event; it
// does not throttle.
import type { Process } from '../proc/process.ts';
import type { Cgroup, MemoryEvents } from './cgroup.ts';

/** Bytes in one WebAssembly page, the unit a linear memory grows by. */
export const WASM_PAGE = 65_536;
/** The page size memory.max and memory.high are rounded down to, as Linux's. */
export const PAGE_SIZE = 4096;

export interface OomEvent {
  /** The cgroup whose memory.max was passed. */
  cgroup: Cgroup;
  victim: Process;
}

export interface OomHost {
  kill(process: Process): void;
  report(event: OomEvent): void;
}

export function memoryEvent(cgroup: Cgroup, key: keyof MemoryEvents): void {
  cgroup.memory.eventsLocal[key]++;
  for (const at of cgroup.upward()) at.memory.events[key]++;
}

/** Updates peaks and enforces memory.max (and counts memory.high) from `cgroup` up. */
export function checkMemory(cgroup: Cgroup, host: OomHost): void {
  for (const at of cgroup.upward()) {
    const current = at.memoryCurrent();
    at.memory.peak = Math.max(at.memory.peak, current);
    if (current > at.memory.high) memoryEvent(at, 'high');
    if (current > at.memory.max) outOfMemory(at, host);
  }
}

function outOfMemory(cgroup: Cgroup, host: OomHost): void {
  memoryEvent(cgroup, 'max');
  while (cgroup.memoryCurrent() > cgroup.memory.max) {
    const victim = largest(cgroup);
    if (!victim) return;
    memoryEvent(cgroup, 'oom');
    memoryEvent(victim.cgroup ?? cgroup, 'oom_kill');
    // Its memory goes with its worker, whatever the exit path does next.
    host.kill(victim);
    victim.usage.memoryBytes = 0;
    host.report({ cgroup, victim });
  }
}

function largest(cgroup: Cgroup): Process | undefined {
  let best: Process | undefined;
  for (const each of cgroup.subtree()) {
    for (const process of each.liveMembers()) {
      if (process.usage.memoryBytes === 0) continue;
      if (!best || process.usage.memoryBytes > best.usage.memoryBytes) best = process;
    }
  }
  return best;
}

/**
 * How far a program in `cgroup` may grow its linear memory (the host lowers
 * the module's maximum to it at load). Twice the smallest memory.max above
 * it, and at least 16 MiB more: growth past the limit has to succeed for the
 * kernel to see it at the next syscall and OOM-kill, as Linux kills rather
 * than failing allocations; the ceiling bounds what a program that makes no
 * syscall can take meanwhile. Infinity when no limit applies.
 */
export function memoryCeiling(cgroup: Cgroup | undefined): number {
  let limit = Infinity;
  for (let at = cgroup; at; at = at.parent) limit = Math.min(limit, at.memory.max);
  if (limit === Infinity) return Infinity;
  const slack = Math.max(limit, 16 * 1024 * 1024);
  return Math.ceil((limit + slack) / WASM_PAGE) * WASM_PAGE;
}
