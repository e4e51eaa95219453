// The system calls about the machine rather than one file or process:
// uname, sethostname, setdomainname, sysinfo, clock_nanosleep, prlimit and
// getrusage.
// Built by `systemSyscalls` from what they need of the kernel (its names,
// clocks and timers), as poll_oneoff is.
//
// sethostname and setdomainname need CAP_SYS_ADMIN in the user namespace
// owning the caller's UTS namespace (ns/capability.ts).
//
// Where we differ from Linux: raising a hard limit needs privilege in the
// initial user namespace (Linux's CAP_SYS_RESOURCE); memory limits apply from the next
// execve, because a running WebAssembly memory's maximum is fixed when the
// module is compiled; sysinfo's free memory is not accounted yet.
import { Errno } from '../abi/errno.ts';
import { Resource, RLIM_INFINITY, RLIM_NLIMITS } from '../abi/resource.ts';
import { Sys } from '../abi/syscalls.ts';
import { ClockId } from '../abi/wasi.ts';
import { fail } from '../errors.ts';
import { capableIn, capableInInitial } from '../ns/capability.ts';
import { interruptible } from '../proc/interruptible.ts';
import type { Process } from '../proc/process.ts';
import { tableOf } from '../proc/process-table.ts';
import type { Limit } from '../proc/resource-limits.ts';
import { encodeUtf8 } from '../utf8.ts';
import { UTS_NAME_MAX, type Uts } from '../uts.ts';
import type { Call, SyscallEntry } from './call.ts';

/** What the system calls need of the kernel. */
export interface SystemContext {
  /** The names a process sees: its UTS namespace's. */
  utsOf(process: Process): Uts;
  /** The current time of a clock, in ns; CLOCK_MONOTONIC counts from boot. */
  now(clock: ClockId): bigint;
  /** Calls `callback` once after `delay` ns, never early; returns a canceller. */
  setTimer(delay: bigint, callback: () => void): () => void;
  /** The machine's memory in bytes, for sysinfo. */
  totalMemory: number;
}

/** The memory sysinfo reports when the host does not say: what one wasm32 process can address. */
export const DEFAULT_TOTAL_MEMORY = 4 * 2 ** 30;

/** Linux's sysctl fs.nr_open: the ceiling of RLIMIT_NOFILE. */
export const NR_OPEN = 1_048_576;

const NS_PER_S = 1_000_000_000n;
/** clock_nanosleep's flag for a deadline rather than a duration. */
const TIMER_ABSTIME = 1;
/** Longest single timer: hosts' setTimeout fires at once past 2^31 - 1 ms. */
const MAX_TIMER_NS = 86_400n * NS_PER_S;
/** struct utsname: six fields of 65 bytes. */
const UTS_FIELD = UTS_NAME_MAX + 1;

function privileged(process: Process): boolean {
  return capableInInitial(process);
}

/** Implements uname(2). */
function uname(context: SystemContext, call: Call): void {
  const uts = context.utsOf(call.process);
  const fields = [uts.nodename, '6.1.0-bocal', '#1 SMP bocal', 'wasm32', uts.domainname];
  const output = new Uint8Array(UTS_FIELD * 6);
  ['Linux', ...fields].forEach((text, i) => {
    output.set(encodeUtf8(text).subarray(0, UTS_NAME_MAX), i * UTS_FIELD);
  });
  call.output(output);
}

/** The new name of sethostname(2)/setdomainname(2), after their checks. */
function newName(call: Call): string {
  const uts = call.process.namespaces.uts;
  if (!capableIn(call.process, uts.owner ?? call.process.namespaces.user)) fail(Errno.EPERM);
  if (call.input.length > UTS_NAME_MAX) fail(Errno.EINVAL);
  return call.string();
}

/** Implements sysinfo(2): uptime, memory and the number of processes. */
function sysinfo(context: SystemContext, call: Call): bigint {
  const uptime = context.now(ClockId.MONOTONIC) / NS_PER_S;
  call.results[1] = BigInt(context.totalMemory);
  call.results[2] = BigInt(context.totalMemory);
  call.results[3] = BigInt(tableOf(call.process).list().length);
  return uptime;
}

/** The deadline clock_nanosleep waits for, as a delay from now in ns. */
function sleepDelay(context: SystemContext, call: Call): bigint {
  const clock = call.bigArg(0);
  if (clock === BigInt(ClockId.PROCESS_CPUTIME_ID)) fail(Errno.ENOTSUP);
  if (clock !== BigInt(ClockId.REALTIME) && clock !== BigInt(ClockId.MONOTONIC)) {
    fail(Errno.EINVAL);
  }
  const seconds = call.bigArg(2);
  const nanoseconds = call.bigArg(3);
  if (seconds < 0n || nanoseconds < 0n || nanoseconds >= NS_PER_S) fail(Errno.EINVAL);
  const time = seconds * NS_PER_S + nanoseconds;
  if ((call.bigArg(1) & BigInt(TIMER_ABSTIME)) === 0n) return time;
  return time - context.now(Number(clock) as ClockId);
}

/**
 * Waits until `deadline` on the monotonic clock, in timers no longer than
 * a host can keep. `cancel` stops it.
 */
function sleepUntil(
  context: SystemContext,
  deadline: bigint,
): { done: Promise<void>; cancel(): void } {
  let cancelTimer = (): void => {};
  let cancelled = false;
  const done = new Promise<void>((resolve) => {
    const arm = (): void => {
      if (cancelled) return;
      const left = deadline - context.now(ClockId.MONOTONIC);
      if (left <= 0n) {
        resolve();
        return;
      }
      cancelTimer = context.setTimer(left < MAX_TIMER_NS ? left : MAX_TIMER_NS, arm);
    };
    arm();
  });
  return {
    done,
    cancel: () => {
      cancelled = true;
      cancelTimer();
    },
  };
}

/**
 * Implements clock_nanosleep(2) (nanosleep(2) is the relative one on
 * CLOCK_MONOTONIC). A handled signal ends it with EINTR; a relative sleep
 * then reports the time left in results[1] (s) and results[2] (ns).
 */
async function nanosleep(context: SystemContext, call: Call): Promise<void> {
  const delay = sleepDelay(context, call);
  if (delay <= 0n) return;
  const deadline = context.now(ClockId.MONOTONIC) + delay;
  const sleep = sleepUntil(context, deadline);
  try {
    await interruptible(call.process, sleep.done, sleep.cancel);
  } catch (error) {
    if ((call.bigArg(1) & BigInt(TIMER_ABSTIME)) === 0n) {
      const left = deadline - context.now(ClockId.MONOTONIC);
      const remaining = left > 0n ? left : 0n;
      call.results[1] = remaining / NS_PER_S;
      call.results[2] = remaining % NS_PER_S;
    }
    throw error;
  }
}

/** A limit from the wire: any negative value is RLIM_INFINITY (Linux's rlim_t is unsigned). */
function wireLimit(value: bigint): bigint {
  return value < 0n ? RLIM_INFINITY : value;
}

/** a ≤ b, where RLIM_INFINITY is above every number. */
function atMost(a: bigint, b: bigint): boolean {
  if (b === RLIM_INFINITY) return true;
  return a !== RLIM_INFINITY && a <= b;
}

function currentLimit(process: Process, resource: Resource): Limit {
  const limit = process.limits.get(resource);
  if (resource === Resource.RLIMIT_NOFILE) limit.soft = BigInt(process.fds.limit);
  return limit;
}

function checkNewLimit(process: Process, resource: Resource, old: Limit, next: Limit): void {
  if (!atMost(next.soft, next.hard)) fail(Errno.EINVAL);
  if (!atMost(next.hard, old.hard) && !privileged(process)) fail(Errno.EPERM);
  if (resource === Resource.RLIMIT_NOFILE && !atMost(next.hard, BigInt(NR_OPEN))) {
    fail(Errno.EPERM);
  }
}

/**
 * Implements prlimit(2) on the caller (getrlimit, setrlimit): returns the
 * old soft limit, results[1] the old hard one.
 */
function prlimit(call: Call): bigint {
  const process = call.process;
  const number = call.bigArg(0);
  if (number < 0n || number >= BigInt(RLIM_NLIMITS)) fail(Errno.EINVAL);
  const resource = Number(number) as Resource;
  const old = currentLimit(process, resource);
  if (call.bigArg(1) !== 0n) {
    const next = { soft: wireLimit(call.bigArg(2)), hard: wireLimit(call.bigArg(3)) };
    checkNewLimit(process, resource, old, next);
    process.limits.set(resource, next);
    if (resource === Resource.RLIMIT_NOFILE) process.fds.limit = Number(next.soft);
  }
  call.results[1] = old.hard;
  return old.soft;
}

/** getrusage(2)'s `who`. */
const RUSAGE_SELF = 0n;
const RUSAGE_CHILDREN = -1n;
const RUSAGE_THREAD = 1n;

/** Implements getrusage(2)'s times: the caller's own, or those of the children it waited for. */
function getrusage(context: SystemContext, call: Call): void {
  // A C int: the worker may send -1 sign-extended or not.
  const who = BigInt.asIntN(32, call.bigArg(0));
  const usage = call.process.usage;
  let times;
  if (who === RUSAGE_SELF || who === RUSAGE_THREAD) {
    times = usage.times(Number(context.now(ClockId.REALTIME)) / 1e6);
  } else if (who === RUSAGE_CHILDREN) {
    times = usage.children;
  } else {
    fail(Errno.EINVAL);
  }
  call.results[0] = BigInt(Math.round(times.userMs * 1000));
  call.results[1] = BigInt(Math.round(times.systemMs * 1000));
}

/** The system calls' table entries, bound to the kernel's `context`. */
export function systemSyscalls(context: SystemContext): SyscallEntry[] {
  return [
    {
      number: Sys.UNAME,
      name: 'uname',
      handler: (call) => uname(context, call),
      support: 'full',
      note: 'machine is wasm32; release 6.1.0-bocal',
    },
    {
      number: Sys.SETHOSTNAME,
      name: 'sethostname',
      handler: (call) => void (context.utsOf(call.process).nodename = newName(call)),
      support: 'full',
      note: "CAP_SYS_ADMIN in the user namespace owning the caller's UTS namespace",
    },
    {
      number: Sys.SETDOMAINNAME,
      name: 'setdomainname',
      handler: (call) => void (context.utsOf(call.process).domainname = newName(call)),
      support: 'full',
      note: "CAP_SYS_ADMIN in the user namespace owning the caller's UTS namespace",
    },
    {
      number: Sys.SYSINFO,
      name: 'sysinfo',
      handler: (call) => sysinfo(context, call),
      support: 'partial',
      note: 'free memory is reported as the total: memory use is not accounted yet',
    },
    {
      number: Sys.NANOSLEEP,
      name: 'clock_nanosleep',
      handler: (call) => nanosleep(context, call),
      support: 'partial',
      note: 'CLOCK_REALTIME and CLOCK_MONOTONIC only; CLOCK_PROCESS_CPUTIME_ID answers ENOTSUP',
    },
    {
      number: Sys.GETRUSAGE,
      name: 'getrusage',
      handler: (call) => getrusage(context, call),
      support: 'partial',
      note: 'user and system time only (the rest of struct rusage is 0); CPU time is time alive minus time blocked, its system part an estimate per syscall (docs/abi.md)',
    },
    {
      number: Sys.PRLIMIT,
      name: 'prlimit',
      handler: prlimit,
      support: 'partial',
      note: 'the caller only; RLIMIT_NOFILE, RLIMIT_AS and RLIMIT_DATA are enforced (memory from the next execve), the others recorded',
    },
  ];
}
