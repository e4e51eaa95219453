// /proc/sysvipc's lines in Linux's column formats (the expected lines are
// Linux 6.18's, with this test's values), and /proc/sys/kernel's tunables:
// per IPC namespace, refused to a user without the capability over it.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { CLONE_NEWIPC } from '../../../src/kernel/abi/mount-flags.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import {
  ipcSysctls,
  sysvipcMsgText,
  sysvipcSemText,
  sysvipcShmText,
  writeIpcSysctl,
} from '../../../src/kernel/ipc/proc-files.ts';
import { KernelError } from '../../../src/kernel/errors.ts';
import { child, user, world } from '../proc/support.ts';
import { IPC_CREAT, ipcTable, sys } from './support.ts';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function errnoOf(action: () => void): Errno | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (error instanceof KernelError) return error.errno;
    throw error;
  }
}

describe('/proc/sysvipc', () => {
  it('lists queues, sets and segments in Linux columns', async () => {
    const table = ipcTable();
    const { init } = world();
    await sys(table, init, Sys.MSGGET, [-398515578, IPC_CREAT | 0o644]);
    await sys(table, init, Sys.SEMGET, [0x51, 3, IPC_CREAT | 0o600]);
    await sys(table, init, Sys.SHMGET, [265429554, 5000, IPC_CREAT | 0o644]);
    const ipc = init.namespaces.ipc;
    for (const object of [...ipc.msg.list(), ...ipc.sem.list(), ...ipc.shm.list()]) {
      object.ctime = 1795820344;
    }
    expect(sysvipcMsgText(init).split('\n')).toEqual([
      '       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime',
      '-398515578          0   644           0          0     0     0     0     0     0     0          0          0 1795820344',
      '',
    ]);
    expect(sysvipcSemText(init).split('\n')).toEqual([
      '       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime',
      '        81          0   600          3     0     0     0     0          0 1795820344',
      '',
    ]);
    const shm = sysvipcShmText(init).split('\n');
    expect(shm[0]).toBe(
      '       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap',
    );
    expect(shm[1]).toBe(
      ` 265429554          0   644                  5000 ${String(init.pid).padStart(5)}     0      0     0     0     0     0          0          0 1795820344                     0                     0`,
    );
  });
});

describe('/proc/sys/kernel', () => {
  it('has limits per IPC namespace, written by root as proc_dointvec parses them', async () => {
    const table = ipcTable();
    const { table: processes, init } = world();
    const msgmax = ipcSysctls.msgmax;
    if (!msgmax) throw new Error('no msgmax');
    writeIpcSysctl(init, init.namespaces.ipc, msgmax, encode('4096\n'), 0);
    expect(msgmax.read(init.namespaces.ipc.limits)).toBe('4096\n');
    const ns = init.namespaces.ipc;
    expect(errnoOf(() => writeIpcSysctl(init, ns, msgmax, encode('x'), 0))).toBe(Errno.EINVAL);
    expect(errnoOf(() => writeIpcSysctl(init, ns, msgmax, encode('-1'), 0))).toBe(Errno.EINVAL);
    const other = child(processes, init, user(1000));
    expect(errnoOf(() => writeIpcSysctl(other, ns, msgmax, encode('1'), 0))).toBe(Errno.EPERM);
    const inside = child(processes, init);
    await sys(table, inside, Sys.UNSHARE, [CLONE_NEWIPC]);
    expect(msgmax.read(inside.namespaces.ipc.limits)).toBe('8192\n');
  });
});
