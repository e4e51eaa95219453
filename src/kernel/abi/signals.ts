// Signal numbers, names and default actions as Linux defines them
// (signal(7)), the sigaction flags and sigprocmask verbs, and the map from
// WASI's `signal` numbering (proc_raise) to Linux's. Only the classic
// signals 1..31 exist: real-time signals (32..64) are not supported.
import { WasiSignal } from './wasi.ts';

export const enum Signal {
  SIGHUP = 1,
  SIGINT = 2,
  SIGQUIT = 3,
  SIGILL = 4,
  SIGTRAP = 5,
  SIGABRT = 6,
  SIGBUS = 7,
  SIGFPE = 8,
  SIGKILL = 9,
  SIGUSR1 = 10,
  SIGSEGV = 11,
  SIGUSR2 = 12,
  SIGPIPE = 13,
  SIGALRM = 14,
  SIGTERM = 15,
  SIGSTKFLT = 16,
  SIGCHLD = 17,
  SIGCONT = 18,
  SIGSTOP = 19,
  SIGTSTP = 20,
  SIGTTIN = 21,
  SIGTTOU = 22,
  SIGURG = 23,
  SIGXCPU = 24,
  SIGXFSZ = 25,
  SIGVTALRM = 26,
  SIGPROF = 27,
  SIGWINCH = 28,
  SIGIO = 29,
  SIGPWR = 30,
  SIGSYS = 31,
}

/** One more than the highest signal number, as <signal.h>'s _NSIG for the classic set. */
export const NSIG = 32;

/** True for 1..31. Signal 0 ("check only") is not a signal. */
export function isValidSignal(sig: number): boolean {
  return Number.isInteger(sig) && sig >= 1 && sig < NSIG;
}

/** Names, with the SIG prefix; index = signal number. */
export const SIGNAL_NAMES: readonly string[] = [
  '',
  'SIGHUP',
  'SIGINT',
  'SIGQUIT',
  'SIGILL',
  'SIGTRAP',
  'SIGABRT',
  'SIGBUS',
  'SIGFPE',
  'SIGKILL',
  'SIGUSR1',
  'SIGSEGV',
  'SIGUSR2',
  'SIGPIPE',
  'SIGALRM',
  'SIGTERM',
  'SIGSTKFLT',
  'SIGCHLD',
  'SIGCONT',
  'SIGSTOP',
  'SIGTSTP',
  'SIGTTIN',
  'SIGTTOU',
  'SIGURG',
  'SIGXCPU',
  'SIGXFSZ',
  'SIGVTALRM',
  'SIGPROF',
  'SIGWINCH',
  'SIGIO',
  'SIGPWR',
  'SIGSYS',
];

/** What SIG_DFL does (signal(7) "Action"). */
export const enum DefaultAction {
  Terminate = 'Term',
  Core = 'Core',
  Stop = 'Stop',
  Continue = 'Cont',
  Ignore = 'Ign',
}

const CORE = new Set<number>([
  Signal.SIGQUIT,
  Signal.SIGILL,
  Signal.SIGTRAP,
  Signal.SIGABRT,
  Signal.SIGBUS,
  Signal.SIGFPE,
  Signal.SIGSEGV,
  Signal.SIGXCPU,
  Signal.SIGXFSZ,
  Signal.SIGSYS,
]);
const STOP = new Set<number>([Signal.SIGSTOP, Signal.SIGTSTP, Signal.SIGTTIN, Signal.SIGTTOU]);
const IGNORE = new Set<number>([Signal.SIGCHLD, Signal.SIGURG, Signal.SIGWINCH]);

export function defaultAction(sig: number): DefaultAction {
  if (sig === Signal.SIGCONT) return DefaultAction.Continue;
  if (CORE.has(sig)) return DefaultAction.Core;
  if (STOP.has(sig)) return DefaultAction.Stop;
  if (IGNORE.has(sig)) return DefaultAction.Ignore;
  return DefaultAction.Terminate;
}

/** Signals whose default action is to stop; they discard a pending SIGCONT and vice versa. */
export function isStopSignal(sig: number): boolean {
  return STOP.has(sig);
}

/** SIGKILL and SIGSTOP: cannot be caught, blocked or ignored. */
export function isUncatchable(sig: number): boolean {
  return sig === Signal.SIGKILL || sig === Signal.SIGSTOP;
}

// ---- signal sets: bit (sig - 1), as Linux's first sigset word --------------

/** The set of every signal 1..31. */
export const FULL_SIGSET = 0x7fffffff;

export function sigmask(sig: number): number {
  return 1 << (sig - 1);
}

export function sigismember(set: number, sig: number): boolean {
  return (set & sigmask(sig)) !== 0;
}

/** A set from the wire (a 64-bit sigset word); bits above signal 31 are dropped. */
export function sigsetFromWire(value: bigint): number {
  return Number(BigInt.asUintN(31, value));
}

/** The set minus SIGKILL and SIGSTOP, which can never be blocked. */
export function blockable(set: number): number {
  return set & ~(sigmask(Signal.SIGKILL) | sigmask(Signal.SIGSTOP));
}

// ---- sigaction(2) ------------------------------------------------------------

/** Handler values: an opaque function-table index owned by the C side, or one of these. */
export const SIG_DFL = 0;
export const SIG_IGN = 1;

/** sa_flags, Linux's values. */
export const SA_NOCLDSTOP = 0x00000001;
export const SA_NOCLDWAIT = 0x00000002;
export const SA_SIGINFO = 0x00000004;
export const SA_ONSTACK = 0x08000000;
export const SA_RESTART = 0x10000000;
export const SA_NODEFER = 0x40000000;
export const SA_RESETHAND = 0x80000000;

/** sigprocmask(2) `how`, Linux's values. */
export const SIG_BLOCK = 0;
export const SIG_UNBLOCK = 1;
export const SIG_SETMASK = 2;

// ---- WASI -------------------------------------------------------------------

/** WASI `signal` → Linux number. WASI has no SIGSTKFLT, so from SIGCHLD on its numbers are one lower. */
const FROM_WASI: ReadonlyMap<WasiSignal, Signal> = new Map([
  [WasiSignal.HUP, Signal.SIGHUP],
  [WasiSignal.INT, Signal.SIGINT],
  [WasiSignal.QUIT, Signal.SIGQUIT],
  [WasiSignal.ILL, Signal.SIGILL],
  [WasiSignal.TRAP, Signal.SIGTRAP],
  [WasiSignal.ABRT, Signal.SIGABRT],
  [WasiSignal.BUS, Signal.SIGBUS],
  [WasiSignal.FPE, Signal.SIGFPE],
  [WasiSignal.KILL, Signal.SIGKILL],
  [WasiSignal.USR1, Signal.SIGUSR1],
  [WasiSignal.SEGV, Signal.SIGSEGV],
  [WasiSignal.USR2, Signal.SIGUSR2],
  [WasiSignal.PIPE, Signal.SIGPIPE],
  [WasiSignal.ALRM, Signal.SIGALRM],
  [WasiSignal.TERM, Signal.SIGTERM],
  [WasiSignal.CHLD, Signal.SIGCHLD],
  [WasiSignal.CONT, Signal.SIGCONT],
  [WasiSignal.STOP, Signal.SIGSTOP],
  [WasiSignal.TSTP, Signal.SIGTSTP],
  [WasiSignal.TTIN, Signal.SIGTTIN],
  [WasiSignal.TTOU, Signal.SIGTTOU],
  [WasiSignal.URG, Signal.SIGURG],
  [WasiSignal.XCPU, Signal.SIGXCPU],
  [WasiSignal.XFSZ, Signal.SIGXFSZ],
  [WasiSignal.VTALRM, Signal.SIGVTALRM],
  [WasiSignal.PROF, Signal.SIGPROF],
  [WasiSignal.WINCH, Signal.SIGWINCH],
  [WasiSignal.POLL, Signal.SIGIO],
  [WasiSignal.PWR, Signal.SIGPWR],
  [WasiSignal.SYS, Signal.SIGSYS],
]);

/** The Linux signal for a WASI one; 0 for WASI's NONE; undefined if not a WASI signal. */
export function signalFromWasi(wasi: number): number | undefined {
  if (wasi === WasiSignal.NONE) return 0;
  return FROM_WASI.get(wasi as WasiSignal);
}
