// msgctl(2): IPC_STAT, MSG_STAT, MSG_STAT_ANY, IPC_SET, IPC_RMID, IPC_INFO
// and MSG_INFO on the caller's IPC namespace, as Linux's ipc/msg.c.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import { capableInInitial } from '../ns/capability.ts';
import type { IpcNamespace } from '../ns/ipc.ts';
import type { Process } from '../proc/process.ts';
import { encodeFields, permFields, pidSeenBy, setPerm } from './ctl.ts';
import { READ } from './ipc-object.ts';
import {
  IPC_INFO,
  IPC_RMID,
  IPC_SET,
  IPC_STAT,
  MSG_INFO,
  MSG_STAT,
  MSG_STAT_ANY,
} from './limits.ts';
import type { MsgQueue } from './msg-queue.ts';

export interface MsgSet {
  uid: number;
  gid: number;
  mode: number;
  qbytes: number;
}

export interface CtlResult {
  value: number;
  output?: Uint8Array;
}

/** struct msqid_ds as wire fields: ipc_perm, then stime, rtime, ctime, cbytes, qnum, qbytes, lspid, lrpid. */
function statFields(process: Process, queue: MsgQueue): Uint8Array {
  return encodeFields([
    ...permFields(process, queue),
    queue.stime,
    queue.rtime,
    queue.ctime,
    queue.cbytes,
    queue.messages.length,
    queue.qbytes,
    pidSeenBy(process, queue.lspid),
    pidSeenBy(process, queue.lrpid),
  ]);
}

/** struct msginfo: msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql, msgseg. */
function infoFields(ns: IpcNamespace, cmd: number): Uint8Array {
  const limits = ns.limits;
  const queues = ns.msg.list();
  const messages = queues.reduce((sum, queue) => sum + queue.messages.length, 0);
  const bytes = queues.reduce((sum, queue) => sum + queue.cbytes, 0);
  const usage = cmd === MSG_INFO;
  return encodeFields([
    usage ? queues.length : Math.floor((limits.msgmni * limits.msgmnb) / 1024),
    usage ? messages : limits.msgmnb,
    limits.msgmax,
    limits.msgmnb,
    limits.msgmni,
    16,
    usage ? bytes : limits.msgmnb,
    0xffff,
  ]);
}

export function msgctl(
  ns: IpcNamespace,
  process: Process,
  id: number,
  cmd: number,
  change: MsgSet,
  now: number,
): CtlResult {
  switch (cmd) {
    case IPC_INFO:
    case MSG_INFO:
      return { value: Math.max(0, ns.msg.highestIndex()), output: infoFields(ns, cmd) };
    case IPC_STAT:
    case MSG_STAT:
    case MSG_STAT_ANY: {
      const queue = cmd === IPC_STAT ? ns.msg.get(id) : ns.msg.atIndex(id);
      if (cmd !== MSG_STAT_ANY && !queue.permits(process, READ)) fail(Errno.EACCES);
      return { value: cmd === IPC_STAT ? 0 : queue.id, output: statFields(process, queue) };
    }
    case IPC_SET:
    case IPC_RMID: {
      const queue = ns.msg.get(id);
      if (!queue.ownedBy(process)) fail(Errno.EPERM);
      if (cmd === IPC_RMID) {
        ns.msg.remove(queue);
        return { value: 0 };
      }
      if (change.qbytes > ns.limits.msgmnb && !capableInInitial(process)) {
        fail(Errno.EPERM);
      }
      setPerm(process, queue, change.uid, change.gid, change.mode, now);
      queue.qbytes = change.qbytes;
      queue.changed.notify();
      return { value: 0 };
    }
    default:
      return fail(Errno.EINVAL);
  }
}
