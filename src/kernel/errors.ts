// The one error type of the kernel. Deep code throws it; the syscall
// dispatcher turns it into the errno the program sees, once.
import type { Errno } from './abi/errno.ts';

/** V8's (Node's and Chromium's) limit on captured stack frames; other engines ignore it. */
const errorClass = Error as { stackTraceLimit?: number };

export class KernelError extends Error {
  constructor(
    readonly errno: Errno,
    message?: string,
  ) {
    // An errno is an answer, not a bug: no stack is captured for it. A
    // failed lookup is common (exec's PATH search, a shell's stat of each
    // PATH entry), and capturing the stack was most of its cost.
    const limit = errorClass.stackTraceLimit;
    errorClass.stackTraceLimit = 0;
    super(message ?? `errno ${errno}`);
    errorClass.stackTraceLimit = limit;
    this.name = 'KernelError';
  }
}

/** Throws KernelError(errno) — for guard clauses: `if (!dir) fail(Errno.ENOTDIR)`. */
export function fail(errno: Errno, message?: string): never {
  throw new KernelError(errno, message);
}
