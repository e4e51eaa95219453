// Waiting inside a syscall the way Linux's interruptible sleep does: the
// wait ends with EINTR as soon as a signal with a handler is deliverable to
// the waiting process (or the process dies), so the handler can run. Any
// blocking syscall of the kernel can wrap its wait in this.
import { Errno } from '../abi/errno.ts';
import { KernelError } from '../errors.ts';
import { ProcessState } from './process.ts';
import type { Process } from './process.ts';

/**
 * Resolves as `wait` does, or rejects with EINTR when a handled signal
 * arrives first; `cancel` undoes the wait's registration in that case.
 * While waiting, a running process shows as Sleeping (ps's S).
 */
export function interruptible<T>(
  process: Process,
  wait: Promise<T>,
  cancel: () => void,
): Promise<T> {
  const signals = process.signals;
  if (signals.handlerDeliverable() !== 0 || process.state === ProcessState.Zombie) {
    cancel();
    return Promise.reject(new KernelError(Errno.EINTR));
  }
  if (process.state === ProcessState.Running) process.state = ProcessState.Sleeping;
  return new Promise<T>((resolve, reject) => {
    const finish = (): void => {
      signals.listeners.delete(onSignal);
      if (process.state === ProcessState.Sleeping) process.state = ProcessState.Running;
    };
    const onSignal = (): void => {
      finish();
      cancel();
      reject(new KernelError(Errno.EINTR));
    };
    signals.listeners.add(onSignal);
    wait.then(
      (value) => {
        finish();
        resolve(value);
      },
      (error: unknown) => {
        finish();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
