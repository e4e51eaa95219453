// The one error type of the kernel. Deep code throws it; the syscall
// dispatcher turns it into the errno the program sees, once.
import type { Errno } from './abi/errno.ts';

export class KernelError extends Error {
  constructor(
    readonly errno: Errno,
    message?: string,
  ) {
    super(message ?? `errno ${errno}`);
    this.name = 'KernelError';
  }
}

/** Throws KernelError(errno) — for guard clauses: `if (!dir) fail(Errno.ENOTDIR)`. */
export function fail(errno: Errno, message?: string): never {
  throw new KernelError(errno, message);
}
