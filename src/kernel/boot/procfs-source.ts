// procfs's view of the process table. Until pid namespaces exist every
// process sees every other, with the table's own pids.
import { NSIG, SIG_IGN, sigmask } from '../abi/signals.ts';
import type { ProcfsProcess, ProcfsSource } from '../fs/procfs/source.ts';
import type { Process } from '../proc/process.ts';
import type { ProcessTable } from '../proc/process-table.ts';

export function procfsSourceOf(table: ProcessTable): ProcfsSource {
  return {
    pids: () => table.list().map((p) => p.pid),
    process: (_caller, pid) => {
      const process = table.get(pid);
      return process ? describe(process) : undefined;
    },
    self: (caller) => (table.get(caller) ? caller : undefined),
  };
}

function describe(process: Process): ProcfsProcess {
  return {
    pid: process.pid,
    ppid: process.parent?.pid ?? 0,
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
    pgid: process.pgid,
    sid: process.sid,
    umask: process.umask,
    credentials: process.credentials,
    signals: signalSets(process),
    fdLimit: process.fds.limit,
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
