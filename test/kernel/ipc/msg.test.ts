// Message queues through the dispatcher: blocking and its ends (a message,
// room, a signal, removal), permissions against credentials, and queues
// per IPC namespace.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { CLONE_NEWIPC } from '../../../src/kernel/abi/mount-flags.ts';
import { Signal } from '../../../src/kernel/abi/signals.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { sendSignal } from '../../../src/kernel/proc/signals.ts';
import { child, settle, user, world } from '../proc/support.ts';
import {
  fields,
  IPC_CREAT,
  IPC_NOWAIT,
  IPC_RMID,
  IPC_SET,
  IPC_STAT,
  ipcTable,
  receive,
  send,
  sys,
} from './support.ts';

const decode = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

async function newQueue(mode = 0o600, key = 0): Promise<{ id: number } & ReturnType<typeof world>> {
  const w = world();
  const reply = await sys(ipcTable(), w.init, Sys.MSGGET, [key, IPC_CREAT | mode]);
  expect(reply.errno).toBe(Errno.SUCCESS);
  return { ...w, id: Number(reply.results?.[0]) };
}

describe('msgrcv blocking', () => {
  it('waits for a matching message and takes it', async () => {
    const table = ipcTable();
    const { init, id } = await newQueue();
    let done = false;
    const pending = receive(table, init, id, 5).then((reply) => ((done = true), reply));
    await send(table, init, id, 4, 'other type');
    await settle();
    expect(done).toBe(false);
    await send(table, init, id, 5, 'five');
    const reply = await pending;
    expect(reply.errno).toBe(Errno.SUCCESS);
    expect(decode(reply.output)).toBe('five');
    expect(reply.results?.[1]).toBe(5n);
  });

  it('ends with EINTR when a handled signal arrives', async () => {
    const table = ipcTable();
    const { table: processes, init, id } = await newQueue();
    const waiter = child(processes, init);
    waiter.signals.setAction(Signal.SIGUSR1, { handler: 7, mask: 0, flags: 0 });
    const pending = receive(table, waiter, id);
    await settle();
    sendSignal(processes, waiter, Signal.SIGUSR1);
    expect((await pending).errno).toBe(Errno.EINTR);
    // The interrupted receiver took nothing: a later message stays for others.
    await send(table, init, id, 1, 'kept');
    expect(decode((await receive(table, init, id, 0, IPC_NOWAIT)).output)).toBe('kept');
  });

  it('ends with EIDRM when the queue is removed', async () => {
    const table = ipcTable();
    const { init, id } = await newQueue();
    const pending = receive(table, init, id);
    await settle();
    expect((await sys(table, init, Sys.MSGCTL, [id, IPC_RMID])).errno).toBe(Errno.SUCCESS);
    expect((await pending).errno).toBe(Errno.EIDRM);
  });
});

describe('msgsnd blocking', () => {
  it('waits for room in a full queue, or EAGAIN with IPC_NOWAIT', async () => {
    const table = ipcTable();
    const { init, id } = await newQueue();
    const stat = await sys(table, init, Sys.MSGCTL, [id, IPC_STAT]);
    const [, uid, gid, , , mode] = fields(stat.output);
    const set = [id, IPC_SET, uid ?? 0n, gid ?? 0n, mode ?? 0n, 4n];
    expect((await sys(table, init, Sys.MSGCTL, set)).errno).toBe(Errno.SUCCESS);
    expect((await send(table, init, id, 1, 'abcd')).errno).toBe(Errno.SUCCESS);
    expect((await send(table, init, id, 1, 'e', IPC_NOWAIT)).errno).toBe(Errno.EAGAIN);
    let sent = false;
    const pending = send(table, init, id, 2, 'e').then((reply) => ((sent = true), reply));
    await settle();
    expect(sent).toBe(false);
    expect(decode((await receive(table, init, id)).output)).toBe('abcd');
    expect((await pending).errno).toBe(Errno.SUCCESS);
    expect(decode((await receive(table, init, id, 2, IPC_NOWAIT)).output)).toBe('e');
  });
});

describe('permissions', () => {
  it('refuses another user a 0600 queue (EACCES) and its IPC_SET or IPC_RMID (EPERM)', async () => {
    const table = ipcTable();
    const { table: processes, init, id } = await newQueue(0o600, 77);
    const other = child(processes, init, user(1000));
    expect((await sys(table, other, Sys.MSGGET, [77, 0o400])).errno).toBe(Errno.EACCES);
    expect((await sys(table, other, Sys.MSGGET, [77, 0])).results?.[0]).toBe(BigInt(id));
    expect((await send(table, other, id, 1, 'x')).errno).toBe(Errno.EACCES);
    expect((await receive(table, other, id, 0, IPC_NOWAIT)).errno).toBe(Errno.EACCES);
    expect((await sys(table, other, Sys.MSGCTL, [id, IPC_STAT])).errno).toBe(Errno.EACCES);
    expect((await sys(table, other, Sys.MSGCTL, [id, IPC_RMID])).errno).toBe(Errno.EPERM);
  });

  it('lets the group in through 0660, and refuses a user raising qbytes past msgmnb', async () => {
    const table = ipcTable();
    const { table: processes, init } = world();
    const owner = child(processes, init, user(1000));
    const id = Number((await sys(table, owner, Sys.MSGGET, [0, IPC_CREAT | 0o660])).results?.[0]);
    const member = child(processes, init, { ...user(1001), groups: [1000] });
    expect((await send(table, member, id, 1, 'hi')).errno).toBe(Errno.SUCCESS);
    const set = [id, IPC_SET, 1000, 1000, 0o660, 16385];
    expect((await sys(table, owner, Sys.MSGCTL, set)).errno).toBe(Errno.EPERM);
    expect((await sys(table, init, Sys.MSGCTL, set)).errno).toBe(Errno.SUCCESS);
  });
});

describe('IPC namespaces', () => {
  it('gives unshare(CLONE_NEWIPC) an empty set of queues, ids from 0 again', async () => {
    const table = ipcTable();
    const { table: processes, init, id } = await newQueue(0o600, 5);
    const inside = child(processes, init);
    expect((await sys(table, inside, Sys.UNSHARE, [CLONE_NEWIPC])).errno).toBe(Errno.SUCCESS);
    expect((await sys(table, inside, Sys.MSGGET, [5, 0])).errno).toBe(Errno.ENOENT);
    expect((await send(table, inside, id, 1, 'x')).errno).toBe(Errno.EINVAL);
    const mine = await sys(table, inside, Sys.MSGGET, [5, IPC_CREAT | 0o600]);
    expect(mine.results?.[0]).toBe(0n);
    await send(table, inside, 0, 1, 'inside');
    await send(table, init, id, 1, 'outside');
    expect(decode((await receive(table, inside, 0, 0, IPC_NOWAIT)).output)).toBe('inside');
    expect(decode((await receive(table, init, id, 0, IPC_NOWAIT)).output)).toBe('outside');
  });
});
