// Signal syscalls: kill, sigaction, sigprocmask, sigpending, sigsuspend,
// sigreturn, and WASI's proc_raise. Handlers are opaque function-table
// indices owned by the C side; the worker runs them (see proc/delivery.ts).
import { Errno } from '../abi/errno.ts';
import { signalFromWasi, sigsetFromWire } from '../abi/signals.ts';
import { Sys } from '../abi/syscalls.ts';
import { fail } from '../errors.ts';
import {
  sigaction,
  sigpending,
  sigprocmask,
  sigreturn,
  sigsuspend,
  takeDeliverable,
} from '../proc/delivery.ts';
import { tableOf } from '../proc/process-table.ts';
import { kill, sendSignal } from '../proc/signals.ts';
import type { Call, SyscallEntry } from './call.ts';
import { pidArg } from './process.ts';

function sysKill(call: Call): void {
  kill(tableOf(call.process), call.process, pidArg(call, 0), call.arg(1));
}

function sysSigaction(call: Call): number {
  const install = call.arg(1) !== 0;
  const handler = Number(BigInt.asUintN(32, call.bigArg(2)));
  const action = install
    ? {
        handler,
        mask: sigsetFromWire(call.bigArg(3)),
        flags: Number(BigInt.asUintN(32, call.bigArg(4))),
      }
    : undefined;
  const old = sigaction(tableOf(call.process), call.process, call.arg(0), action);
  call.results[1] = BigInt(old.mask);
  call.results[2] = BigInt(old.flags >>> 0);
  return old.handler;
}

function sysSigprocmask(call: Call): number {
  const set = call.arg(1) !== 0 ? sigsetFromWire(call.bigArg(2)) : undefined;
  return sigprocmask(tableOf(call.process), call.process, call.arg(0), set);
}

/**
 * The worker asks for the next signal to hand to the program's handler
 * (after a reply with NOTICE_SIGNAL). Entering the handler happens here;
 * the worker ends it with SIGRETURN. Returns 0 when nothing is deliverable.
 */
function sysSigtake(call: Call): number {
  const delivery = takeDeliverable(call.process);
  if (!delivery) return 0;
  call.results[1] = BigInt(delivery.handler);
  call.results[2] = BigInt(delivery.flags >>> 0);
  call.results[3] = delivery.restart ? 1n : 0n;
  return delivery.signal;
}

function procRaise(call: Call): void {
  const sig = signalFromWasi(call.arg(0)) ?? fail(Errno.EINVAL);
  sendSignal(tableOf(call.process), call.process, sig, call.process);
}

export const signalSyscalls: SyscallEntry[] = [
  { number: Sys.KILL, name: 'kill', handler: sysKill, support: 'full' },
  {
    number: Sys.SIGACTION,
    name: 'sigaction',
    handler: sysSigaction,
    support: 'partial',
    note: 'signals 1..31 only (no real-time signals); no siginfo, no alternate stack',
  },
  { number: Sys.SIGPROCMASK, name: 'sigprocmask', handler: sysSigprocmask, support: 'full' },
  {
    number: Sys.SIGPENDING,
    name: 'sigpending',
    handler: (call) => sigpending(call.process),
    support: 'full',
  },
  {
    number: Sys.SIGSUSPEND,
    name: 'sigsuspend',
    handler: (call) =>
      sigsuspend(tableOf(call.process), call.process, sigsetFromWire(call.bigArg(0))),
    support: 'full',
  },
  {
    number: Sys.SIGRETURN,
    name: 'sigreturn',
    handler: (call) => sigreturn(tableOf(call.process), call.process),
    support: 'full',
  },
  {
    number: Sys.SIGTAKE,
    name: 'sigtake',
    handler: sysSigtake,
    support: 'full',
    note: 'bocal only: the worker takes a signal for the C library to run its handler',
  },
  {
    number: Sys.PROC_RAISE,
    name: 'proc_raise',
    handler: procRaise,
    support: 'full',
    note: 'WASI signal numbers are mapped to Linux ones',
  },
];
