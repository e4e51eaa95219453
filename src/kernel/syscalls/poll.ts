// poll_oneoff: wait for the first of a set of events — a clock reaching a
// time, an fd becoming readable or writable — and report every one that is
// ready, in WASI's encoding. Built with the platform's clocks and timers
// (the kernel has no setTimeout of its own), by createPollSyscall.
//
// Where we differ from Linux's poll(2): WASI's clock subscriptions replace
// the timeout argument; a regular file or device is always ready, as on
// Linux; an fd that is not open gives an event with error EBADF rather than
// POLLNVAL. A wait is ended by readiness, a timer, or (EINTR) a handled
// signal or the process's death.
import { Errno } from '../abi/errno.ts';
import { Sys } from '../abi/syscalls.ts';
import {
  EVENT_SIZE,
  EVENTRWFLAGS_FD_READWRITE_HANGUP,
  EventType,
  SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME,
  SUBSCRIPTION_SIZE,
  type ClockId,
} from '../abi/wasi.ts';
import { fail } from '../errors.ts';
import type { OpenFile } from '../fs/open-file.ts';
import { RegularFile } from '../fs/regular-file.ts';
import type { Process } from '../proc/process.ts';
import { interruptible } from '../proc/interruptible.ts';
import type { Call, SyscallEntry } from './call.ts';

/** The platform's clocks and timers, for poll_oneoff. */
export interface PollTimers {
  /** The current time of a WASI clock, in ns; throws KernelError(EINVAL) for a clock it lacks. */
  now(clock: ClockId): bigint;
  /** Calls `callback` once after `delay` ns; returns a canceller. */
  setTimer(delay: bigint, callback: () => void): () => void;
}

interface Subscription {
  userdata: bigint;
  type: EventType;
  /** For clocks: when it fires, as a delay from the time of the call. */
  delay: bigint;
  fd: number;
}

interface Event {
  userdata: bigint;
  error: Errno;
  type: EventType;
  nbytes: bigint;
  flags: number;
}

function decode(input: Uint8Array, count: number, timers: PollTimers): Subscription[] {
  if (count === 0) fail(Errno.EINVAL);
  if (input.length < count * SUBSCRIPTION_SIZE) fail(Errno.EFAULT);
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const subscriptions: Subscription[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * SUBSCRIPTION_SIZE;
    const userdata = view.getBigUint64(at, true);
    const type = view.getUint8(at + 8) as EventType;
    if (type === EventType.CLOCK) {
      const clock = view.getUint32(at + 16, true) as ClockId;
      const timeout = view.getBigUint64(at + 24, true);
      const absolute =
        (view.getUint16(at + 40, true) & SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME) !== 0;
      const delay = absolute ? timeout - timers.now(clock) : timeout;
      subscriptions.push({ userdata, type, delay: delay > 0n ? delay : 0n, fd: -1 });
    } else if (type === EventType.FD_READ || type === EventType.FD_WRITE) {
      subscriptions.push({ userdata, type, delay: 0n, fd: view.getUint32(at + 16, true) });
    } else {
      fail(Errno.EINVAL);
    }
  }
  return subscriptions;
}

function fileOf(process: Process, fd: number): OpenFile | undefined {
  return process.fds.has(fd) ? process.fds.get(fd) : undefined;
}

/** The event of an fd subscription if ready now. */
function fdEvent(process: Process, subscription: Subscription): Event | undefined {
  const base = { userdata: subscription.userdata, type: subscription.type, nbytes: 0n, flags: 0 };
  const file = fileOf(process, subscription.fd);
  if (!file) return { ...base, error: Errno.EBADF };
  const readiness = file.readiness();
  const reading = subscription.type === EventType.FD_READ;
  const ready = (reading ? readiness.readable : readiness.writable) || readiness.hangup;
  if (!ready) return undefined;
  let nbytes = readiness.nbytes;
  if (nbytes === undefined && reading && file instanceof RegularFile) {
    nbytes = Math.max(0, file.inode.size - file.offset);
  }
  const flags = readiness.hangup ? EVENTRWFLAGS_FD_READWRITE_HANGUP : 0;
  return { ...base, error: Errno.SUCCESS, nbytes: BigInt(nbytes ?? 0), flags };
}

function encode(events: Event[]): Uint8Array {
  const bytes = new Uint8Array(events.length * EVENT_SIZE);
  const view = new DataView(bytes.buffer);
  events.forEach((event, i) => {
    const at = i * EVENT_SIZE;
    view.setBigUint64(at, event.userdata, true);
    view.setUint16(at + 8, event.error, true);
    view.setUint8(at + 10, event.type);
    view.setBigUint64(at + 16, event.nbytes, true);
    view.setUint16(at + 24, event.flags, true);
  });
  return bytes;
}

/** Implements poll_oneoff: returns the number of events; the events are the output. */
function pollOneoff(timers: PollTimers, call: Call): number | Promise<number> {
  const subscriptions = decode(call.input, call.arg(0), timers);
  const fired = new Set<Subscription>(
    subscriptions.filter((s) => s.type === EventType.CLOCK && s.delay === 0n),
  );
  const collect = (): number | undefined => {
    const events: Event[] = [];
    for (const subscription of subscriptions) {
      if (subscription.type === EventType.CLOCK) {
        if (fired.has(subscription)) {
          events.push({ ...subscription, error: Errno.SUCCESS, nbytes: 0n, flags: 0 });
        }
        continue;
      }
      const event = fdEvent(call.process, subscription);
      if (event) events.push(event);
    }
    if (events.length === 0) return undefined;
    call.output(encode(events));
    return events.length;
  };
  const now = collect();
  if (now !== undefined) return now;
  // The wait ends with EINTR when a handled signal arrives or the process
  // dies (interruptible), as Linux's poll does; `finish` then drops the waits.
  const waits: (() => void)[] = [];
  const timerCancels: (() => void)[] = [];
  let done = false;
  const finish = (): void => {
    done = true;
    waits.splice(0).forEach((cancel) => cancel());
    timerCancels.splice(0).forEach((cancel) => cancel());
  };
  const ready = new Promise<number>((resolve, reject) => {
    const check = (): void => {
      if (done) return;
      waits.splice(0).forEach((cancel) => cancel());
      try {
        const count = collect();
        if (count === undefined) return arm();
        finish();
        resolve(count);
      } catch (error) {
        finish();
        reject(error);
      }
    };
    const arm = (): void => {
      for (const subscription of subscriptions) {
        if (subscription.type === EventType.CLOCK) continue;
        const file = fileOf(call.process, subscription.fd);
        if (file) waits.push(file.waitReadiness(check));
      }
    };
    for (const subscription of subscriptions) {
      if (subscription.type !== EventType.CLOCK) continue;
      const fire = (): void => {
        fired.add(subscription);
        check();
      };
      timerCancels.push(timers.setTimer(subscription.delay, fire));
    }
    arm();
  });
  return interruptible(call.process, ready, finish);
}

export function createPollSyscall(timers: PollTimers): SyscallEntry {
  return {
    number: Sys.POLL_ONEOFF,
    name: 'poll_oneoff',
    handler: (call) => pollOneoff(timers, call),
    support: 'full',
    note: 'Regular files are always ready; a closed fd gives an EBADF event. A handled signal ends the wait with EINTR.',
  };
}
