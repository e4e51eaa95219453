// Runs one request through its handler and encodes the outcome: results,
// output, or the errno of a KernelError. This is the only place where a
// thrown KernelError becomes a return value.
import { Errno } from '../abi/errno.ts';
import { KernelError } from '../errors.ts';
import type { Process } from '../proc/process.ts';
import { Call } from './call.ts';
import { ValueReply, type Reply, type Request } from './channel-server.ts';
import type { SyscallTable } from './table.ts';

/** Told of every failed call, for errno side effects (EPIPE raises SIGPIPE). */
export type ErrnoObserver = (process: Process, number: number, errno: Errno) => void;

export function dispatch(
  table: SyscallTable,
  process: Process,
  request: Request,
  observe?: ErrnoObserver,
): Reply | Promise<Reply> {
  const entry = table.get(request.number);
  if (!entry) return { errno: Errno.ENOSYS };
  const call = new Call(process, request.number, request.args, request.input, request.argHalves);
  // No closures on the synchronous path: this runs for every syscall.
  let value: ReturnType<typeof entry.handler>;
  try {
    value = entry.handler(call);
  } catch (error) {
    return failure(call, error, observe);
  }
  if (value instanceof Promise) {
    return value.then(
      (v) => success(call, v),
      (error: unknown) => failure(call, error, observe),
    );
  }
  return success(call, value);
}

function failure(call: Call, error: unknown, observe: ErrnoObserver | undefined): Reply {
  if (!(error instanceof KernelError)) throw error;
  observe?.(call.process, call.number, error.errno);
  // Results go back with the errno: a few calls report state on failure
  // (clock_nanosleep's time left on EINTR).
  return { errno: error.errno, results: call.results };
}

function success(call: Call, value: number | bigint | void): Reply {
  if (!call.hasResults && typeof value !== 'bigint') {
    // The common case (one number, or nothing): no BigInt and no array made.
    return new ValueReply(value ?? 0, call.outputBytes);
  }
  if (value !== undefined) call.results[0] = BigInt(value);
  return { errno: Errno.SUCCESS, results: call.results, output: call.outputBytes };
}
