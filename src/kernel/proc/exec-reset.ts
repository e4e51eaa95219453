// What execve(2) changes in a process once the new program is loaded (the
// loading itself is the exec machinery's): close-on-exec fds are closed,
// caught signals go back to SIG_DFL while ignored ones stay ignored, the
// mask and pending signals are kept, and setpgid(2) from the parent now
// fails with EACCES. A new image whose fd 3 is free gets the root preopen
// there, as every WASI program needs one to resolve paths (wasm/lib moves
// it away from fd 3 in programs that link it: see bocal-root.c).
import { PREOPEN_FD, PreopenDirectory } from '../fs/preopen.ts';
import type { Process } from './process.ts';

export function resetOnExec(
  process: Process,
  argv: string[],
  env: string[],
  executable: string,
): void {
  process.fds.closeOnExec();
  if (!process.fds.has(PREOPEN_FD)) process.fds.set(PREOPEN_FD, new PreopenDirectory(process.root));
  process.signals.resetForExec();
  // Capabilities are recomputed from the euid, as execve(2) does for a non-set-uid file.
  process.capabilities = undefined;
  process.argv = [...argv];
  process.env = [...env];
  process.executable = executable;
  process.executed = true;
}
