// Shared memory segments through the dispatcher: the copy exchanges a C
// library makes (runs written, reads skipped when nothing changed),
// attachments ending with the process, removal deferred to the last
// detach, permissions, and segments per IPC namespace.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { CLONE_NEWIPC } from '../../../src/kernel/abi/mount-flags.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { detachAll } from '../../../src/kernel/ipc/shm-attach.ts';
import type { Process } from '../../../src/kernel/proc/process.ts';
import type { SyscallTable } from '../../../src/kernel/syscalls/table.ts';
import { child, user, world } from '../proc/support.ts';
import { fields, IPC_CREAT, IPC_RMID, IPC_STAT, ipcTable, sys } from './support.ts';

const SHM_RDONLY = 0o10000;
const SHM_DEST = 0o1000;
const [ATTACH, DETACH, READ, WRITE] = [0, 1, 2, 3];

/** (u32 offset, u32 length, bytes) records, as the C library sends changed runs. */
function runs(...list: [number, string][]): Uint8Array<ArrayBuffer> {
  const parts = list.map(([offset, text]) => {
    const bytes = new TextEncoder().encode(text);
    const record = new Uint8Array(8 + bytes.length);
    const view = new DataView(record.buffer);
    view.setUint32(0, offset, true);
    view.setUint32(4, bytes.length, true);
    record.set(bytes, 8);
    return record;
  });
  const all = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

async function attach(table: SyscallTable, who: Process, id: number, flags = 0): Promise<number> {
  const reply = await sys(table, who, Sys.SHM_ATTACHMENT, [ATTACH, id, flags]);
  expect(reply.errno).toBe(Errno.SUCCESS);
  return Number(reply.results?.[0]);
}

async function read(table: SyscallTable, who: Process, handle: number, known = -1) {
  return sys(table, who, Sys.SHM_ATTACHMENT, [READ, handle, 0, 16, known]);
}

async function nattch(table: SyscallTable, who: Process, id: number): Promise<bigint | undefined> {
  return fields((await sys(table, who, Sys.SHMCTL, [id, IPC_STAT])).output)[13];
}

describe('copy exchanges', () => {
  it('merges the runs two attachments wrote, and skips a read when nothing changed', async () => {
    const table = ipcTable();
    const { table: processes, init } = world();
    const id = Number(
      (await sys(table, init, Sys.SHMGET, [0, 16, IPC_CREAT | 0o600])).results?.[0],
    );
    const other = child(processes, init);
    const a = await attach(table, init, id);
    const b = await attach(table, other, id);
    const first = await sys(table, init, Sys.SHM_ATTACHMENT, [WRITE, a], runs([0, 'ab']));
    expect(first.results?.slice(0, 2)).toEqual([0n, 1n]);
    const second = await sys(table, other, Sys.SHM_ATTACHMENT, [WRITE, b], runs([4, 'cd']));
    // Someone else wrote between: version 1 before, not the 0 `other` last saw.
    expect(second.results?.slice(0, 2)).toEqual([1n, 2n]);
    const seen = await read(table, init, a);
    expect(new TextDecoder().decode(seen.output)).toBe('ab\0\0cd' + '\0'.repeat(10));
    expect(seen.results?.slice(0, 2)).toEqual([2n, 0n]);
    const unchanged = await read(table, init, a, 2);
    expect(unchanged.results?.[1]).toBe(1n);
    expect(unchanged.output).toBeUndefined();
  });

  it('refuses a write past the end (changing nothing) and any write to a read-only attachment', async () => {
    const table = ipcTable();
    const { init } = world();
    const id = Number((await sys(table, init, Sys.SHMGET, [0, 8, IPC_CREAT | 0o600])).results?.[0]);
    const handle = await attach(table, init, id);
    const bad = await sys(
      table,
      init,
      Sys.SHM_ATTACHMENT,
      [WRITE, handle],
      runs([0, 'x'], [6, 'yyy']),
    );
    expect(bad.errno).toBe(Errno.EINVAL);
    expect((await read(table, init, handle)).output?.[0]).toBe(0);
    const readonly = await attach(table, init, id, SHM_RDONLY);
    const refused = await sys(table, init, Sys.SHM_ATTACHMENT, [WRITE, readonly], runs([0, 'x']));
    expect(refused.errno).toBe(Errno.EACCES);
    expect((await sys(table, init, Sys.SHM_ATTACHMENT, [DETACH, 99])).errno).toBe(Errno.EINVAL);
  });
});

describe('attachments', () => {
  it('keeps a removed segment until its last detach, then it is gone', async () => {
    const table = ipcTable();
    const { table: processes, init } = world();
    const id = Number(
      (await sys(table, init, Sys.SHMGET, [0x77, 100, IPC_CREAT | 0o600])).results?.[0],
    );
    const other = child(processes, init);
    const handle = await attach(table, init, id);
    await attach(table, other, id);
    expect(await nattch(table, init, id)).toBe(2n);
    expect((await sys(table, init, Sys.SHMCTL, [id, IPC_RMID])).errno).toBe(Errno.SUCCESS);
    const stat = fields((await sys(table, init, Sys.SHMCTL, [id, IPC_STAT])).output);
    expect(stat[0]).toBe(0n);
    expect(Number(stat[5]) & SHM_DEST).toBe(SHM_DEST);
    expect((await sys(table, init, Sys.SHMGET, [0x77, 100, 0])).errno).toBe(Errno.ENOENT);
    // The other process ends: its attachment goes with it.
    detachAll(other, 0);
    expect(await nattch(table, init, id)).toBe(1n);
    expect((await sys(table, init, Sys.SHM_ATTACHMENT, [DETACH, handle])).errno).toBe(
      Errno.SUCCESS,
    );
    expect((await sys(table, init, Sys.SHMCTL, [id, IPC_STAT])).errno).toBe(Errno.EINVAL);
  });

  it('checks read, or read and write, against the mode', async () => {
    const table = ipcTable();
    const { table: processes, init } = world();
    const id = Number(
      (await sys(table, init, Sys.SHMGET, [0, 100, IPC_CREAT | 0o644])).results?.[0],
    );
    const other = child(processes, init, user(1000));
    const rw = await sys(table, other, Sys.SHM_ATTACHMENT, [ATTACH, id, 0]);
    expect(rw.errno).toBe(Errno.EACCES);
    await attach(table, other, id, SHM_RDONLY);
    expect((await sys(table, other, Sys.SHMCTL, [id, IPC_RMID])).errno).toBe(Errno.EPERM);
  });
});

describe('shmget', () => {
  it('checks size against SHMMIN, shmmax and an existing segment', async () => {
    const table = ipcTable();
    const { init } = world();
    expect((await sys(table, init, Sys.SHMGET, [0, 0, IPC_CREAT])).errno).toBe(Errno.EINVAL);
    init.namespaces.ipc.limits.shmmax = 1000n;
    expect((await sys(table, init, Sys.SHMGET, [0, 1001, IPC_CREAT])).errno).toBe(Errno.EINVAL);
    expect((await sys(table, init, Sys.SHMGET, [9, 1000, IPC_CREAT | 0o600])).errno).toBe(
      Errno.SUCCESS,
    );
    expect((await sys(table, init, Sys.SHMGET, [9, 999, 0])).errno).toBe(Errno.SUCCESS);
    init.namespaces.ipc.limits.shmall = 1n;
    expect((await sys(table, init, Sys.SHMGET, [0, 10, IPC_CREAT])).errno).toBe(Errno.ENOSPC);
  });

  it('gives a new IPC namespace its own segments', async () => {
    const table = ipcTable();
    const { table: processes, init } = world();
    await sys(table, init, Sys.SHMGET, [0x42, 100, IPC_CREAT | 0o600]);
    const inside = child(processes, init);
    expect((await sys(table, inside, Sys.UNSHARE, [CLONE_NEWIPC])).errno).toBe(Errno.SUCCESS);
    expect((await sys(table, inside, Sys.SHMGET, [0x42, 100, 0])).errno).toBe(Errno.ENOENT);
    expect((await sys(table, inside, Sys.SHMCTL, [0, IPC_STAT])).errno).toBe(Errno.EINVAL);
  });
});
