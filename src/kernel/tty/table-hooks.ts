// TtyHooks carried out on a process table: signals to process groups and
// session leaders, the session of a group, and kernel timers. The output
// hook is the terminal's, so the caller passes it in.
import type { Signal } from '../abi/signals.ts';
import { KernelError } from '../errors.ts';
import type { ProcessTable } from '../proc/process-table.ts';
import { sendSignal, signalGroup } from '../proc/signals.ts';
import { setKernelTimer } from '../timers.ts';
import type { TtyHooks } from './tty.ts';

/**
 * Hooks for a tty of `table`. Signals come from the kernel (always allowed);
 * a group or leader that is gone by then is skipped, as Linux's kill_pgrp on
 * an empty group does nothing.
 */
export function ttyHooksOf(table: ProcessTable, output: (bytes: Uint8Array) => void): TtyHooks {
  return {
    output,
    signalGroup: (pgid: number, signal: Signal) => {
      try {
        signalGroup(table, pgid, signal);
      } catch (error) {
        if (!(error instanceof KernelError)) throw error;
      }
    },
    signalProcess: (pid: number, signal: Signal) => {
      const process = table.get(pid);
      if (process) sendSignal(table, process, signal);
    },
    sessionOfGroup: (pgid: number) => table.groupMembers(pgid)[0]?.sid,
    setTimer: (wake: () => void, milliseconds: number) => setKernelTimer(wake, milliseconds),
  };
}
