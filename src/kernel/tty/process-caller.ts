// The TtyCaller of a kernel process: how a tty sees a Process of the process
// table (its ids, signal dispositions, orphaned group, pending signals), for
// the accessor a TtyFile is opened with.
import { SIG_IGN, sigmask, type Signal } from '../abi/signals.ts';
import { isOrphanedGroup } from '../proc/groups.ts';
import { ProcessState, type Process } from '../proc/process.ts';
import type { ProcessTable } from '../proc/process-table.ts';
import { controllingTtyOf } from './controlling.ts';
import type { TtyCaller } from './job-control.ts';
import type { Tty } from './tty.ts';

/** What the process layer keeps about controlling terminals, which this adapter passes through. */
export interface ControllingTtyState {
  /** Whether the process has CAP_SYS_ADMIN. */
  privileged: boolean;
  /** Whether the process has a controlling terminal now. */
  hasControllingTty: boolean;
  /** Records the process's new controlling terminal (TIOCSCTTY) or its loss (TIOCNOTTY). */
  setControllingTty(tty: Tty | undefined): void;
}

/**
 * Describes `process` to a tty. Linux keeps the controlling terminal per
 * process (inherited on fork, cleared by setsid and TIOCNOTTY); the process
 * layer keeps it and says so through `state`. A signal counts as pending,
 * and wakes a blocked read, when it has a handler to run or the process is
 * dying, as the process layer's interruptible waits do.
 */
export function ttyCallerOf(
  table: ProcessTable,
  process: Process,
  state: ControllingTtyState,
): TtyCaller {
  const signals = process.signals;
  return {
    pid: process.pid,
    pgid: process.pgid,
    sid: process.sid,
    pidView: {
      toCaller: (id) => table.pidIn(process.namespaces.pid, id),
      fromCaller: (id) => table.globalIn(process.namespaces.pid, id),
    },
    hasControllingTty: state.hasControllingTty,
    privileged: state.privileged,
    blocksOrIgnores: (signal: Signal) =>
      (signals.blocked & sigmask(signal)) !== 0 || signals.action(signal).handler === SIG_IGN,
    isGroupOrphaned: () => isOrphanedGroup(table, process.pgid),
    signalPending: () =>
      signals.handlerDeliverable() !== 0 || process.state === ProcessState.Zombie,
    waitSignal: (wake) => {
      const once = (): void => {
        signals.listeners.delete(once);
        wake();
      };
      signals.listeners.add(once);
      return () => signals.listeners.delete(once);
    },
    setControllingTty: (tty) => state.setControllingTty(tty),
  };
}

/**
 * Describes `process` to a tty with the controlling terminal the process
 * layer keeps (Process.controllingTty). Privileged means euid 0: there are
 * no capability sets yet, and root has CAP_SYS_ADMIN.
 */
export function ttyCallerOfProcess(table: ProcessTable, process: Process): TtyCaller {
  return ttyCallerOf(table, process, {
    privileged: process.credentials.euid === 0,
    hasControllingTty: controllingTtyOf(process) !== undefined,
    setControllingTty: (tty) => {
      process.controllingTty = tty;
    },
  });
}
