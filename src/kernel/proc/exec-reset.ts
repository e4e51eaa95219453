// What execve(2) changes in a process once the new program is loaded (the
// loading itself is the exec machinery's): close-on-exec fds are closed,
// caught signals go back to SIG_DFL while ignored ones stay ignored, the
// mask and pending signals are kept, and setpgid(2) from the parent now
// fails with EACCES.
import type { Process } from './process.ts';

export function resetOnExec(
  process: Process,
  argv: string[],
  env: string[],
  executable: string,
): void {
  process.fds.closeOnExec();
  process.signals.resetForExec();
  process.argv = [...argv];
  process.env = [...env];
  process.executable = executable;
  process.executed = true;
}
