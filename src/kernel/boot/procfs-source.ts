// procfs's view of the process table from one pid namespace (the one that
// was active for the process that mounted it, as Linux's proc belongs to a
// pid namespace): the processes visible there, numbered as it numbers them.
import { NSIG, SIG_IGN, sigmask } from '../abi/signals.ts';
import type { ProcfsProcess, ProcfsSource } from '../fs/procfs/source.ts';
import { capableIn } from '../ns/capability.ts';
import { OVERFLOW_ID } from '../ns/id-map.ts';
import type { PidNamespace } from '../ns/pid.ts';
import type { Credentials } from '../proc/credentials.ts';
import type { Process } from '../proc/process.ts';
import type { ProcessTable } from '../proc/process-table.ts';

/** The clock CPU times and start times are read against (the kernel's host). */
export interface ProcfsClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** now() at boot. */
  readonly bootTime: number;
}

export function procfsSourceOf(
  table: ProcessTable,
  ns?: PidNamespace,
  clock?: ProcfsClock,
): ProcfsSource {
  const view = (): PidNamespace => ns ?? table.init?.namespaces.pid ?? ns!;
  return {
    caller: (caller) => table.get(caller),
    pids: () => {
      const at = view();
      return table.listIn(at).map((p) => table.pidIn(at, p.pid));
    },
    process: (caller, pid) => {
      const process = table.processIn(view(), pid);
      return process ? describe(table, view(), process, table.get(caller), clock) : undefined;
    },
    self: (caller) => {
      const process = table.get(caller);
      const pid = process ? table.pidIn(view(), process.pid) : 0;
      return pid === 0 ? undefined : pid;
    },
  };
}

/** The numbers of global id `id` in each namespace from `view` down to `own`. */
function numbers(table: ProcessTable, view: PidNamespace, own: PidNamespace, id: number): number[] {
  const chain = own.chain();
  const index = chain.indexOf(view);
  const levels = index < 0 ? [own] : chain.slice(0, index + 1).reverse();
  return levels.map((ns) => table.pidIn(ns, id));
}

/**
 * Linux's ptrace_may_access(PTRACE_MODE_READ_FSCREDS), simplified: the
 * same real, effective and saved uid as the caller's euid, or privilege
 * over the target's user namespace.
 */
function mayInspect(table: ProcessTable, target: Process, callerPid: number): boolean {
  const caller = table.get(callerPid);
  if (!caller) return false;
  if (caller === target) return true;
  const from = caller.credentials;
  const to = target.credentials;
  const sameUser = [to.uid, to.euid, to.suid].every((id) => id === from.euid);
  const sameGroup = [to.gid, to.egid, to.sgid].every((id) => id === from.egid);
  if (sameUser && sameGroup) return true;
  return capableIn(caller, target.namespaces.user);
}

/** Credentials as `reader`'s user namespace shows them (65534 for ids without a mapping). */
function credentialsSeenBy(process: Process, reader: Process | undefined): Credentials {
  const c = process.credentials;
  const ns = reader?.namespaces.user;
  if (!ns) return c;
  const uid = (id: number): number => ns.uidFromKernel(id) ?? OVERFLOW_ID;
  const gid = (id: number): number => ns.gidFromKernel(id) ?? OVERFLOW_ID;
  return {
    uid: uid(c.uid),
    euid: uid(c.euid),
    suid: uid(c.suid),
    gid: gid(c.gid),
    egid: gid(c.egid),
    sgid: gid(c.sgid),
    groups: c.groups.map(gid),
  };
}

function describe(
  table: ProcessTable,
  view: PidNamespace,
  process: Process,
  reader: Process | undefined,
  clock: ProcfsClock | undefined,
): ProcfsProcess {
  const own = process.namespaces.pid;
  const at = (id: number): number => table.pidIn(view, id);
  return {
    pid: at(process.pid),
    ppid: process.parent ? at(process.parent.pid) : 0,
    argv: process.argv,
    env: process.env,
    state: process.state,
    uid: process.credentials.uid,
    gid: process.credentials.gid,
    cwd: process.cwd,
    root: process.root,
    executable: process.executable,
    comm: process.comm,
    fds: () =>
      process.fds.fds().map((fd) => {
        const entry = process.fds.entry(fd);
        return { fd, file: entry.file, closeOnExec: entry.closeOnExec };
      }),
    pgid: at(process.pgid),
    sid: at(process.sid),
    nspid: numbers(table, view, own, process.pid),
    nspgid: numbers(table, view, own, process.pgid),
    nssid: numbers(table, view, own, process.sid),
    namespaces: process.namespaces,
    process,
    mayInspect: (caller) => mayInspect(table, process, caller),
    umask: process.umask,
    credentials: credentialsSeenBy(process, reader),
    signals: signalSets(process),
    fdLimit: process.fds.limit,
    times: clock ? timesOf(process, clock) : undefined,
  };
}

/** Linux's USER_HZ: /proc counts times in these ticks. */
const TICKS_PER_SECOND = 100;
const ticks = (ms: number): number => Math.floor((ms * TICKS_PER_SECOND) / 1000);

/** utime, stime, cutime, cstime and starttime of /proc/<pid>/stat, in ticks. */
function timesOf(process: Process, clock: ProcfsClock): NonNullable<ProcfsProcess['times']> {
  const usage = process.usage;
  const own = usage.times(clock.now());
  return {
    utime: ticks(own.userMs),
    stime: ticks(own.systemMs),
    cutime: ticks(usage.children.userMs),
    cstime: ticks(usage.children.systemMs),
    start: ticks(Math.max(0, usage.startedAt - clock.bootTime)),
  };
}

/** Pending, blocked, ignored and caught signal sets, as /proc/<pid>/status shows them. */
function signalSets(process: Process): ProcfsProcess['signals'] {
  const state = process.signals;
  let ignored = 0;
  let caught = 0;
  for (let sig = 1; sig < NSIG; sig++) {
    const handler = state.action(sig).handler;
    if (handler === SIG_IGN) ignored |= sigmask(sig);
    else if (handler > SIG_IGN) caught |= sigmask(sig);
  }
  return { pending: state.pending, blocked: state.blocked, ignored, caught };
}
