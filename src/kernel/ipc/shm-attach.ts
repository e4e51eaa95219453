// shmat(2) and shmdt(2) for copy-based segments: the kernel keeps, per
// process, the attachments it made (a handle for each, since the program's
// copy lives at an address only its C library knows), counts them in
// shm_nattch, and serves the reads and writes that keep the copies in step.
// A process's attachments end with it and with execve, as Linux unmaps them;
// the last one to go destroys a segment removed with IPC_RMID meanwhile.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { IpcNamespace } from '../ns/ipc.ts';
import type { Process } from '../proc/process.ts';
import { READ, WRITE } from './ipc-object.ts';
import { SHM_DEST, SHM_RDONLY } from './limits.ts';
import type { ShmSegment } from './shm-segment.ts';

export interface Attachment {
  segment: ShmSegment;
  readonly: boolean;
}

/** Each process's attachments by handle (handles count from 1 per process). */
const attachments = new WeakMap<Process, Map<number, Attachment>>();

function attachmentsOf(process: Process): Map<number, Attachment> {
  let map = attachments.get(process);
  if (!map) {
    map = new Map();
    attachments.set(process, map);
  }
  return map;
}

/** The attachment `handle` of `process`; EINVAL if it has none such (shmdt's error). */
export function attachment(process: Process, handle: number): Attachment {
  return attachments.get(process)?.get(handle) ?? fail(Errno.EINVAL);
}

/** Implements shmat(2)'s kernel half: the new attachment's handle. */
export function shmat(
  ns: IpcNamespace,
  process: Process,
  id: number,
  flags: number,
  now: number,
): { handle: number; segment: ShmSegment } {
  const segment = ns.shm.get(id);
  const readonly = (flags & SHM_RDONLY) !== 0;
  if (!segment.permits(process, readonly ? READ : READ | WRITE)) fail(Errno.EACCES);
  const map = attachmentsOf(process);
  const handle = Math.max(0, ...map.keys()) + 1;
  map.set(handle, { segment, readonly });
  segment.nattch++;
  segment.atime = now;
  segment.lpid = process.pid;
  return { handle, segment };
}

function release(process: Process, segment: ShmSegment, now: number): void {
  segment.nattch--;
  segment.dtime = now;
  segment.lpid = process.pid;
  if (segment.nattch === 0 && segment.mode & SHM_DEST) segment.ns.shm.remove(segment);
}

/** Implements shmdt(2)'s kernel half. */
export function shmdt(process: Process, handle: number, now: number): void {
  const { segment } = attachment(process, handle);
  attachments.get(process)?.delete(handle);
  release(process, segment, now);
}

/** Every attachment of `process` ends (exit, execve). */
export function detachAll(process: Process, now: number): void {
  const map = attachments.get(process);
  if (!map) return;
  attachments.delete(process);
  for (const { segment } of map.values()) release(process, segment, now);
}

/**
 * Writes the runs a program changed in its copy: `runs` is a list of
 * (u32 offset, u32 length, bytes) records. The version before and after,
 * so the caller knows whether anyone else wrote in between.
 */
export function writeRuns(
  process: Process,
  handle: number,
  runs: Uint8Array,
): { before: number; after: number } {
  const { segment, readonly } = attachment(process, handle);
  if (readonly) fail(Errno.EACCES);
  const view = new DataView(runs.buffer, runs.byteOffset, runs.byteLength);
  // Checked whole before any is applied: a bad list changes nothing.
  const parsed: { offset: number; bytes: Uint8Array }[] = [];
  for (let at = 0; at < runs.length;) {
    if (at + 8 > runs.length) fail(Errno.EINVAL);
    const offset = view.getUint32(at, true);
    const length = view.getUint32(at + 4, true);
    if (at + 8 + length > runs.length || offset + length > segment.size) fail(Errno.EINVAL);
    parsed.push({ offset, bytes: runs.subarray(at + 8, at + 8 + length) });
    at += 8 + length;
  }
  const before = segment.version;
  for (const run of parsed) segment.write(run.offset, run.bytes);
  if (runs.length > 0) segment.version++;
  return { before, after: segment.version };
}
