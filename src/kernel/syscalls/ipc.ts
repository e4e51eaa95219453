// System V IPC calls (msgget, msgsnd, msgrcv, msgctl) on the caller's IPC
// namespace; the objects and their rules are in ipc/. Built by
// `ipcSyscalls` with the kernel's clock, for the objects' times.
import { Sys } from '../abi/syscalls.ts';
import { msgctl } from '../ipc/msg-ctl.ts';
import { msgget, msgrcv, msgsnd } from '../ipc/msg-queue.ts';
import type { Call, SyscallEntry } from './call.ts';

export interface IpcContext {
  /** Seconds since the epoch (the objects' stime, rtime, ctime). */
  now(): number;
}

/** Argument `i` as a C int (the wire carries 64 bits; keys and ids are 32-bit). */
function int(call: Call, i: number): number {
  return Number(BigInt.asIntN(32, call.bigArg(i)));
}

async function receive(context: IpcContext, call: Call): Promise<number> {
  const process = call.process;
  const message = await msgrcv(
    process.namespaces.ipc,
    process,
    int(call, 0),
    call.arg(1),
    call.arg(2),
    int(call, 3),
    context.now,
  );
  call.output(message.text);
  call.results[1] = BigInt(message.type);
  return message.text.length;
}

export function ipcSyscalls(context: IpcContext): SyscallEntry[] {
  return [
    {
      number: Sys.MSGGET,
      name: 'msgget',
      handler: (call) =>
        msgget(
          call.process.namespaces.ipc,
          call.process,
          int(call, 0),
          int(call, 1),
          context.now(),
        ),
      support: 'full',
    },
    {
      number: Sys.MSGSND,
      name: 'msgsnd',
      handler: (call) =>
        msgsnd(
          call.process.namespaces.ipc,
          call.process,
          int(call, 0),
          { type: call.arg(1), text: call.input },
          int(call, 2),
          context.now,
        ),
      support: 'full',
    },
    {
      number: Sys.MSGRCV,
      name: 'msgrcv',
      handler: (call) => receive(context, call),
      support: 'full',
    },
    {
      number: Sys.MSGCTL,
      name: 'msgctl',
      handler: (call) => {
        const change = {
          uid: call.arg(2),
          gid: call.arg(3),
          mode: call.arg(4),
          qbytes: call.arg(5),
        };
        const ns = call.process.namespaces.ipc;
        const result = msgctl(ns, call.process, int(call, 0), int(call, 1), change, context.now());
        if (result.output) call.output(result.output);
        return result.value;
      },
      support: 'full',
    },
  ];
}
