// Test support for the system calls: a table with systemSyscalls bound to a
// fresh Uts and the real clocks and timers, and a helper calling through the
// dispatcher as a program's worker does.
import { Errno } from '../../../src/kernel/abi/errno.ts';
import type { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { ClockId } from '../../../src/kernel/abi/wasi.ts';
import type { Process } from '../../../src/kernel/proc/process.ts';
import type { Reply } from '../../../src/kernel/syscalls/channel-server.ts';
import { dispatch } from '../../../src/kernel/syscalls/dispatch.ts';
import { systemSyscalls } from '../../../src/kernel/syscalls/system.ts';
import { SyscallTable } from '../../../src/kernel/syscalls/table.ts';
import { Uts } from '../../../src/kernel/uts.ts';

export const TOTAL_MEMORY = 2 * 2 ** 30;

const boot = process.hrtime.bigint();

export function systemTable(uts = new Uts()): SyscallTable {
  return new SyscallTable(
    systemSyscalls({
      utsOf: () => uts,
      now: (clock) => {
        if (clock === ClockId.MONOTONIC) return process.hrtime.bigint() - boot;
        if (clock === ClockId.REALTIME) return BigInt(Date.now()) * 1_000_000n;
        throw new Error(`clock ${clock} asked`);
      },
      setTimer: (delay, callback) => {
        const timer = setTimeout(callback, Math.ceil(Number(delay) / 1e6) + 1);
        return () => clearTimeout(timer);
      },
      totalMemory: TOTAL_MEMORY,
    }),
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

/** The errno's name for messages, as Linux's strerror names it in tests. */
export const errnoName: Partial<Record<number, string>> = {
  [Errno.SUCCESS]: 'OK',
  [Errno.EPERM]: 'EPERM',
  [Errno.EINVAL]: 'EINVAL',
  [Errno.EINTR]: 'EINTR',
  [Errno.ENOTSUP]: 'ENOTSUP',
};
