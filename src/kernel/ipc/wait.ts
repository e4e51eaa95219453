// Blocking on an IPC object as Linux's interruptible sleeps do: until the
// object changes (then the caller checks again), EINTR when a handled
// signal comes, and an optional deadline (semtimedop) after which the
// wait ends with EAGAIN.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import { interruptible } from '../proc/interruptible.ts';
import type { Process } from '../proc/process.ts';
import type { IpcObject } from './ipc-object.ts';

/** Starts a timer of `delay` ns; returns its canceller. */
export type SetTimer = (delay: bigint, callback: () => void) => () => void;

export interface Deadline {
  /** Nanoseconds left, measured when asked. */
  left(): bigint;
  setTimer: SetTimer;
}

/** Waits for the next change of `object`; EIDRM if it is removed meanwhile. */
export async function waitForChange(
  process: Process,
  object: IpcObject,
  deadline?: Deadline,
): Promise<void> {
  const next = object.changed.next();
  let cancelTimer = (): void => {};
  let timedOut = false;
  const wake = deadline
    ? Promise.race([
        next.done,
        new Promise<void>((resolve) => {
          const left = deadline.left();
          cancelTimer = deadline.setTimer(left > 0n ? left : 0n, () => {
            timedOut = true;
            resolve();
          });
        }),
      ])
    : next.done;
  try {
    await interruptible(process, wake, () => {
      next.cancel();
      cancelTimer();
    });
  } finally {
    next.cancel();
    cancelTimer();
  }
  if (object.removed) fail(Errno.EIDRM);
  if (timedOut) fail(Errno.EAGAIN);
}
