// Test support for System V IPC: a syscall table with the IPC calls and
// unshare/setns, called through the dispatcher as a program's worker does,
// and helpers for the message calls' wire forms.
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import type { Process } from '../../../src/kernel/proc/process.ts';
import type { Reply } from '../../../src/kernel/syscalls/channel-server.ts';
import { dispatch } from '../../../src/kernel/syscalls/dispatch.ts';
import { ipcSyscalls } from '../../../src/kernel/syscalls/ipc.ts';
import { nsSyscalls } from '../../../src/kernel/syscalls/ns.ts';
import { SyscallTable } from '../../../src/kernel/syscalls/table.ts';

export const IPC_CREAT = 0o1000;
export const IPC_NOWAIT = 0o4000;
export const IPC_RMID = 0;
export const IPC_SET = 1;
export const IPC_STAT = 2;

export function ipcTable(): SyscallTable {
  return new SyscallTable(
    ipcSyscalls({
      now: () => Math.floor(Date.now() / 1000),
      monotonic: () => process.hrtime.bigint(),
      setTimer: (delay, callback) => {
        const timer = setTimeout(callback, Math.ceil(Number(delay) / 1e6) + 1);
        return () => clearTimeout(timer);
      },
    }),
    nsSyscalls,
  );
}

export async function sys(
  table: SyscallTable,
  caller: Process,
  number: Sys,
  args: (number | bigint)[] = [],
  input = new Uint8Array(),
): Promise<Reply> {
  const wire = BigInt64Array.from(args, (a) => BigInt.asIntN(64, BigInt(a)));
  return dispatch(table, caller, { number, args: wire, input });
}

export async function send(
  table: SyscallTable,
  caller: Process,
  id: number,
  type: number,
  text: string,
  flags = 0,
): Promise<Reply> {
  return sys(table, caller, Sys.MSGSND, [id, type, flags], new TextEncoder().encode(text));
}

export async function receive(
  table: SyscallTable,
  caller: Process,
  id: number,
  type = 0,
  flags = 0,
  size = 100,
): Promise<Reply> {
  return sys(table, caller, Sys.MSGRCV, [id, size, type, flags]);
}

/** The 64-bit fields of a stat output. */
export function fields(output: Uint8Array | undefined): bigint[] {
  const bytes = output ?? new Uint8Array();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 8 }, (_, i) => view.getBigInt64(i * 8, true));
}
