// Programs written in TypeScript (the docker command, init) run as
// processes too: a pid, fds, credentials and namespaces like any other, but
// their code runs in the kernel's own thread as an async function, making
// the same syscalls through an async door instead of a worker's channel.
import { Errno } from '../abi/errno.ts';
import { Sys } from '../abi/syscalls.ts';
import type { Process } from '../proc/process.ts';
import { ProcessState } from '../proc/process.ts';
import type { Reply, Request } from '../syscalls/channel-server.ts';
import { encodeUtf8 } from '../utf8.ts';

export interface BuiltinContext {
  readonly argv: readonly string[];
  readonly env: readonly string[];
  readonly process: Process;
  /** Makes a syscall as this process. Throws ProcessGone once the process has ended. */
  syscall(number: Sys, args?: readonly (number | bigint)[], input?: Uint8Array): Promise<Reply>;
  /** Writes all of `data` to `fd`; returns the errno of the first failure, or 0. */
  write(fd: number, data: string | Uint8Array): Promise<number>;
  /** Reads up to `length` bytes from `fd` (empty at end of file); throws on an errno. */
  read(fd: number, length: number): Promise<Uint8Array>;
}

/** Runs until it returns its exit code. */
export type BuiltinProgram = (context: BuiltinContext) => Promise<number>;

/** Thrown out of a builtin's syscalls once its process has been killed. */
export class ProcessGone extends Error {
  constructor() {
    super('the process has ended');
  }
}

const isGone = (process: Process): boolean => process.state === ProcessState.Zombie;

export type SyscallRoute = (process: Process, request: Request) => Reply | Promise<Reply>;

/**
 * The context of one builtin's run in `process`. `current` says whether this
 * run still owns the process: after an execve, or once it has ended, its
 * syscalls throw ProcessGone so its code stops where it is.
 */
export function builtinContext(
  process: Process,
  route: SyscallRoute,
  current: () => boolean,
): BuiltinContext {
  const syscall = async (
    number: Sys,
    args: readonly (number | bigint)[] = [],
    input: Uint8Array = new Uint8Array(0),
  ): Promise<Reply> => {
    if (isGone(process) || !current()) throw new ProcessGone();
    const wire = new BigInt64Array(8);
    args.forEach((value, i) => (wire[i] = BigInt(value)));
    const reply = await route(process, { number, args: wire, input });
    // The call may have ended the process (exit, a signal while it waited) or replaced its program.
    if (isGone(process) || !current()) throw new ProcessGone();
    return reply;
  };
  return {
    argv: process.argv,
    env: process.env,
    process,
    syscall,
    async write(fd, data) {
      let bytes: Uint8Array = typeof data === 'string' ? encodeUtf8(data) : data;
      while (bytes.length > 0) {
        const reply = await syscall(Sys.FD_WRITE, [fd], bytes);
        if (reply.errno !== Errno.SUCCESS) return reply.errno;
        bytes = bytes.subarray(Number(reply.results?.[0] ?? 0n));
      }
      return Errno.SUCCESS;
    },
    async read(fd, length) {
      const reply = await syscall(Sys.FD_READ, [fd, length]);
      if (reply.errno !== Errno.SUCCESS)
        throw new Error(`read from fd ${fd}: errno ${reply.errno}`);
      return reply.output ?? new Uint8Array(0);
    },
  };
}
