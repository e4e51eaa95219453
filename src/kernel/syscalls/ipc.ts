// System V IPC calls (msgget, msgsnd, msgrcv, msgctl, semget, semop,
// semtimedop, semctl) on the caller's IPC namespace; the objects and their
// rules are in ipc/. Built by `ipcSyscalls` with the kernel's clocks and
// timers, for the objects' times and semtimedop's timeout.
import { Errno } from '../abi/errno.ts';
import { Sys } from '../abi/syscalls.ts';
import { fail } from '../errors.ts';
import { semctl } from '../ipc/sem-ctl.ts';
import { type SemOp, semget, semop } from '../ipc/sem-set.ts';
import type { Deadline, SetTimer } from '../ipc/wait.ts';
import { msgctl } from '../ipc/msg-ctl.ts';
import { msgget, msgrcv, msgsnd } from '../ipc/msg-queue.ts';
import type { Call, SyscallEntry } from './call.ts';
import { shmSyscalls } from './ipc-shm.ts';

export interface IpcContext {
  /** Seconds since the epoch (the objects' stime, rtime, ctime). */
  now(): number;
  /** CLOCK_MONOTONIC in ns. */
  monotonic(): bigint;
  setTimer: SetTimer;
}

const NS_PER_S = 1_000_000_000n;

/** struct sembuf[] from the input: u16 sem_num, s16 sem_op, s16 sem_flg each. */
function semOps(call: Call): SemOp[] {
  const count = call.arg(1);
  if (count < 1) fail(Errno.EINVAL);
  if (call.input.length < count * 6) fail(Errno.EFAULT);
  const view = new DataView(call.input.buffer, call.input.byteOffset, call.input.byteLength);
  return Array.from({ length: count }, (_, i) => ({
    num: view.getUint16(i * 6, true),
    op: view.getInt16(i * 6 + 2, true),
    flags: view.getInt16(i * 6 + 4, true),
  }));
}

/** semtimedop's timeout as a deadline; EINVAL for a negative or unnormalised one. */
function semDeadline(context: IpcContext, call: Call): Deadline | undefined {
  if (call.bigArg(2) === 0n) return undefined;
  const seconds = call.bigArg(3);
  const nanoseconds = call.bigArg(4);
  if (seconds < 0n || nanoseconds < 0n || nanoseconds >= NS_PER_S) fail(Errno.EINVAL);
  const end = context.monotonic() + seconds * NS_PER_S + nanoseconds;
  return { left: () => end - context.monotonic(), setTimer: context.setTimer };
}

async function semaphoreOp(context: IpcContext, call: Call): Promise<void> {
  const process = call.process;
  if (call.arg(1) > process.namespaces.ipc.limits.semopm) fail(Errno.E2BIG);
  const ops = semOps(call);
  const deadline = semDeadline(context, call);
  await semop(process.namespaces.ipc, process, int(call, 0), ops, context.now, deadline);
}

function semaphoreCtl(context: IpcContext, call: Call): number {
  const view = new DataView(call.input.buffer, call.input.byteOffset, call.input.byteLength);
  const values = Array.from({ length: call.input.length >> 1 }, (_, i) =>
    view.getUint16(i * 2, true),
  );
  const args = {
    semnum: int(call, 1),
    value: int(call, 3),
    values,
    uid: call.arg(4),
    gid: call.arg(5),
    mode: call.arg(6),
  };
  const ns = call.process.namespaces.ipc;
  const result = semctl(ns, call.process, int(call, 0), int(call, 2), args, context.now());
  if (result.output) call.output(result.output);
  return result.value;
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
    {
      number: Sys.SEMGET,
      name: 'semget',
      handler: (call) =>
        semget(
          call.process.namespaces.ipc,
          call.process,
          int(call, 0),
          int(call, 1),
          int(call, 2),
          context.now(),
        ),
      support: 'full',
    },
    {
      number: Sys.SEMOP,
      name: 'semtimedop',
      handler: (call) => semaphoreOp(context, call),
      support: 'full',
      note: 'semop is semtimedop without a timeout',
    },
    {
      number: Sys.SEMCTL,
      name: 'semctl',
      handler: (call) => semaphoreCtl(context, call),
      support: 'full',
    },
    ...shmSyscalls(context.now),
  ];
}
