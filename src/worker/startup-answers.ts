// The C library's calls before main, answered in the worker from what the
// kernel said when it started the program (abi/startup-facts.ts):
// ROOT_PREOPEN to the library's fd, wasi-libc's fd_prestat_get(3) after it,
// GETCWD. Each was a round trip to the kernel's thread, and at a program's
// start the kernel has gone back to its event loop between them, so each
// cost a wake-up (about 0.1 ms) where the work is a microsecond. The
// answers are the kernel's for calls made at once; they are given only
// until the first call that goes to the kernel (which also makes the
// preopen's move, SIDE_I32_ROOT_PREOPEN), after which every call does.
import {
  I32_ERRNO,
  I32_NOTICES,
  I32_OUTPUT_LENGTH,
  I64_RESULTS,
  RESULT_COUNT,
  SIDE_I32_ROOT_PREOPEN,
  type ChannelViews,
} from '../kernel/abi/channel.ts';
import { Errno } from '../kernel/abi/errno.ts';
import type { StartupFacts } from '../kernel/abi/startup-facts.ts';
import { Sys } from '../kernel/abi/syscalls.ts';

/** WASI's preopen fd (fs/preopen.ts PREOPEN_FD). */
const PREOPEN_FD = 3;

/** answer()'s value for a call the kernel must make. */
export const NOT_ANSWERED = -1;

export class StartupAnswers {
  /** False once a call went to the kernel. */
  private open: boolean;
  private rootMoved = false;

  constructor(
    private readonly facts: StartupFacts | undefined,
    private readonly views: ChannelViews,
  ) {
    this.open = facts !== undefined;
  }

  /**
   * The errno of syscall `number`, with its results and output in the
   * channel as the kernel would have put them, if it can be answered here;
   * else NOT_ANSWERED, and from then on always.
   */
  answer(number: number, args: ArrayLike<number | bigint>): number {
    if (!this.open) return NOT_ANSWERED;
    const facts = this.facts!;
    switch (number) {
      case Sys.ROOT_PREOPEN:
        if (facts.rootPreopenFd !== undefined && Number(args[0]) === facts.rootPreopenFd) {
          this.views.side[SIDE_I32_ROOT_PREOPEN] = facts.rootPreopenFd + 1;
          this.rootMoved = true;
          return this.reply(Errno.SUCCESS, 1, 0);
        }
        break;
      case Sys.FD_PRESTAT_GET:
        if (this.rootMoved && Number(args[0]) === PREOPEN_FD) return this.reply(Errno.EBADF, 0, 0);
        break;
      case Sys.GETCWD:
        if (facts.cwd && facts.cwd.length <= this.views.data.length) {
          this.views.data.set(facts.cwd);
          return this.reply(Errno.SUCCESS, 0, facts.cwd.length);
        }
        break;
    }
    this.open = false;
    return NOT_ANSWERED;
  }

  private reply(errno: number, result: number, outputLength: number): number {
    const { i32, i64 } = this.views;
    i64[I64_RESULTS] = BigInt(result);
    for (let i = 1; i < RESULT_COUNT; i++) i64[I64_RESULTS + i] = 0n;
    i32[I32_OUTPUT_LENGTH] = outputLength;
    i32[I32_ERRNO] = errno;
    i32[I32_NOTICES] = 0;
    return errno;
  }
}
