// Every syscall a program makes (WASI or bocal_v1) goes through here: the
// call itself, then what its reply's notices ask for. NOTICE_EXIT and
// NOTICE_EXEC unwind the program; NOTICE_SIGNAL runs the program's handlers
// (SIGTAKE, the C library's exported `__bocal_signal_deliver`, SIGRETURN),
// and when the call was interrupted (EINTR) and every handler run had
// SA_RESTART, the call is made again, as Linux restarts it.
//
// Out of scope: proc_exit or exec inside a handler (the ProcessExit unwinds
// the whole program, which is what Linux does too, but the handler's saved
// mask is not restored), longjmp out of a handler (the saved mask is never
// restored: siglongjmp does not exist in WASI), and handlers interrupted by
// other handlers beyond what the kernel's mask allows.
import { NOTICE_EXEC, NOTICE_EXIT, NOTICE_SIGNAL } from '../kernel/abi/channel.ts';
import {
  I32_ERRNO,
  I32_OUTPUT_LENGTH,
  I64_RESULTS,
  INLINE_INPUT_SIZE,
  INPUT_INLINE,
} from '../kernel/abi/channel.ts';
import { Errno } from '../kernel/abi/errno.ts';
import { Sys } from '../kernel/abi/syscalls.ts';
import { ProcessExit } from './process-exit.ts';
import type { SyscallClient } from './syscall-client.ts';

/** The program's `__bocal_signal_deliver(signal, handler_index)`, if it exports one. */
export type SignalDeliverer = (signal: number, handler: number) => void;

/**
 * Calls Linux restarts after a handler with SA_RESTART (signal(7), "Interruption
 * of system calls"). poll, nanosleep, sigsuspend and pause are never restarted.
 */
const RESTARTABLE = new Set<number>([
  Sys.FD_READ,
  Sys.FD_PREAD,
  Sys.FD_WRITE,
  Sys.FD_PWRITE,
  Sys.FD_READDIR,
  Sys.PATH_OPEN,
  Sys.OPENAT,
  Sys.WAIT4,
  Sys.IOCTL,
  Sys.SOCK_ACCEPT,
  Sys.SOCK_RECV,
  Sys.SOCK_SEND,
  Sys.ACCEPT4,
  Sys.RECVFROM,
  Sys.SENDTO,
]);

/** What a call answered, kept while handlers make calls of their own. */
interface Reply {
  errno: number;
  results: bigint[];
  output: Uint8Array;
}

export class SignalingCaller {
  constructor(
    private readonly client: SyscallClient,
    private readonly deliverer: () => SignalDeliverer | undefined,
  ) {}

  /**
   * Makes syscall `number` (input already in the channel, `inputLength`
   * bytes), acts on its notices, and returns its errno; results and output
   * are in the channel as the call left them.
   */
  call(number: number, callerArgs: ArrayLike<number | bigint>, inputLength: number): number {
    let args = callerArgs;
    // An inline input (INPUT_INLINE) is overwritten by the reply: kept
    // here first, without allocating, in case the call must be restarted.
    const inline = (inputLength & INPUT_INLINE) !== 0;
    if (inline) this.keepInline(inputLength & (INPUT_INLINE - 1));
    for (;;) {
      const errno = this.client.call(number, args, inputLength);
      const notices = this.client.notices;
      if (notices === 0) return errno;
      if (notices & NOTICE_EXIT) throw new ProcessExit('killed');
      if (notices & NOTICE_EXEC) throw new ProcessExit('exec');
      if ((notices & NOTICE_SIGNAL) === 0) return errno;
      const input = inline
        ? this.inlineKept.slice(0, inputLength & (INPUT_INLINE - 1))
        : this.client.copyInput(inputLength);
      // Callers reuse their argument arrays, and handlers make calls of their own.
      args = Array.from(args);
      const reply = this.save(errno);
      const restart = this.runHandlers();
      if (errno === Errno.EINTR && restart === true && RESTARTABLE.has(number)) {
        this.client.putInput(inputLength, input);
        continue;
      }
      this.restore(reply);
      return errno;
    }
  }

  /** The inline input of the call in progress (handlers' calls may replace it: copied before they run). */
  private readonly inlineKept = new Uint8Array(INLINE_INPUT_SIZE);

  private keepInline(length: number): void {
    const inline = this.client.views.inlineInput;
    const kept = this.inlineKept;
    for (let i = 0; i < length && i < INLINE_INPUT_SIZE; i++) kept[i] = inline[i]!;
  }

  /**
   * Runs a handler for every deliverable signal. Returns true if at least one
   * ran and all had SA_RESTART, false if one had not, undefined if none ran.
   */
  private runHandlers(): boolean | undefined {
    let restart: boolean | undefined;
    for (;;) {
      // SIGTAKE and SIGRETURN are made bare: their own notices are seen by the next loop turn.
      const errno = this.client.call(Sys.SIGTAKE, []);
      if (errno !== Errno.SUCCESS) return restart;
      const signal = Number(this.client.result(0));
      if (signal === 0) return restart;
      const handler = Number(this.client.result(1));
      const restarts = this.client.result(3) !== 0n;
      restart = (restart ?? true) && restarts;
      // A program without the C library's deliverer has installed a handler
      // through the raw call: the signal is taken and dropped.
      this.deliverer()?.(signal, handler);
      this.client.call(Sys.SIGRETURN, []);
      if (this.client.notices & NOTICE_EXIT) throw new ProcessExit('killed');
    }
  }

  private save(errno: number): Reply {
    return {
      errno,
      results: [0, 1, 2, 3].map((i) => this.client.result(i)),
      output: this.client.output().slice(),
    };
  }

  /** Puts a reply back in the channel, as if no handler had made calls since. */
  private restore(reply: Reply): void {
    const { i32, i64, data } = this.client.views;
    i32[I32_ERRNO] = reply.errno;
    i32[I32_OUTPUT_LENGTH] = reply.output.length;
    reply.results.forEach((value, i) => (i64[I64_RESULTS + i] = value));
    data.set(reply.output);
  }
}
