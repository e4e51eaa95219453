// A System V message queue (Linux's msg_queue) and msgget, msgsnd, msgrcv
// and msgctl on the queues of an IPC namespace, with Linux's checks and
// errors in Linux's order (ipc/msg.c).
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { IpcNamespace } from '../ns/ipc.ts';
import type { Process } from '../proc/process.ts';
import { IpcObject, READ, WRITE } from './ipc-object.ts';
import { IPC_NOWAIT, MSG_COPY, MSG_EXCEPT, MSG_NOERROR } from './limits.ts';
import { waitForChange } from './wait.ts';

export interface Message {
  type: number;
  text: Uint8Array;
}

export class MsgQueue extends IpcObject {
  readonly messages: Message[] = [];
  qbytes = 0;
  /** Global pids of the last sender and receiver (0: none yet). */
  lspid = 0;
  lrpid = 0;
  stime = 0;
  rtime = 0;

  get cbytes(): number {
    return this.messages.reduce((sum, message) => sum + message.text.length, 0);
  }

  fits(size: number): boolean {
    return size + this.cbytes <= this.qbytes && this.messages.length + 1 <= this.qbytes;
  }
}

/** Implements msgget(2). */
export function msgget(
  ns: IpcNamespace,
  process: Process,
  key: number,
  flags: number,
  now: number,
): number {
  return ns.msg.getOrCreate(
    process,
    key,
    flags,
    (id) => {
      const queue = new MsgQueue(ns, key, id, process, flags, now);
      queue.qbytes = ns.limits.msgmnb;
      return queue;
    },
    () => {},
  );
}

/** Implements msgsnd(2): blocks while the queue is full unless IPC_NOWAIT. */
export async function msgsnd(
  ns: IpcNamespace,
  process: Process,
  id: number,
  message: Message,
  flags: number,
  now: () => number,
): Promise<void> {
  if (message.text.length > ns.limits.msgmax) fail(Errno.EINVAL);
  if (message.type < 1) fail(Errno.EINVAL);
  const queue = ns.msg.get(id);
  if (!queue.permits(process, WRITE)) fail(Errno.EACCES);
  for (;;) {
    if (queue.removed) fail(Errno.EIDRM);
    if (queue.fits(message.text.length)) break;
    if (flags & IPC_NOWAIT) fail(Errno.EAGAIN);
    await waitForChange(process, queue);
  }
  queue.messages.push({ type: message.type, text: message.text.slice() });
  queue.lspid = process.pid;
  queue.stime = now();
  queue.changed.notify();
}

/** Where the message msgrcv takes is in the queue, for its `type` argument and flags. */
function findMessage(queue: MsgQueue, type: number, flags: number): number {
  const messages = queue.messages;
  if (type === 0) return messages.length > 0 ? 0 : -1;
  if (type > 0) {
    const except = (flags & MSG_EXCEPT) !== 0;
    return messages.findIndex((message) => (message.type === type) !== except);
  }
  // The first of the lowest type not above |type|.
  let best = -1;
  messages.forEach((message, i) => {
    if (message.type > -type) return;
    if (best < 0 || message.type < (messages[best]?.type ?? 0)) best = i;
  });
  return best;
}

/**
 * Implements msgrcv(2): the message's text, cut to `size` with MSG_NOERROR
 * (E2BIG without, the message staying queued); blocks while none matches
 * unless IPC_NOWAIT (ENOMSG). MSG_COPY takes a copy of the message at
 * index `type` and needs IPC_NOWAIT, as Linux with CONFIG_CHECKPOINT_RESTORE.
 */
export async function msgrcv(
  ns: IpcNamespace,
  process: Process,
  id: number,
  size: number,
  type: number,
  flags: number,
  now: () => number,
): Promise<Message> {
  if (size < 0) fail(Errno.EINVAL);
  const copy = (flags & MSG_COPY) !== 0;
  if (copy && ((flags & MSG_EXCEPT) !== 0 || (flags & IPC_NOWAIT) === 0)) fail(Errno.EINVAL);
  const queue = ns.msg.get(id);
  for (;;) {
    if (!queue.permits(process, READ)) fail(Errno.EACCES);
    if (queue.removed) fail(Errno.EIDRM);
    const index = copy
      ? type < queue.messages.length
        ? type
        : -1
      : findMessage(queue, type, flags);
    const found = index >= 0 ? queue.messages[index] : undefined;
    if (found) {
      if (found.text.length > size && (flags & MSG_NOERROR) === 0) fail(Errno.E2BIG);
      const text = found.text.slice(0, size);
      if (copy) return { type: found.type, text };
      queue.messages.splice(index, 1);
      queue.lrpid = process.pid;
      queue.rtime = now();
      queue.changed.notify();
      return { type: found.type, text };
    }
    if (flags & IPC_NOWAIT) fail(Errno.ENOMSG);
    await waitForChange(process, queue);
  }
}
