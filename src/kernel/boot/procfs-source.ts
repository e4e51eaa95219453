// procfs's view of the process table. Until pid namespaces exist every
// process sees every other, with the table's own pids.
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
    fds: () => process.fds.fds().map((fd) => ({ fd, file: process.fds.get(fd) })),
  };
}
