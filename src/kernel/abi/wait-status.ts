// The wait(2) status word, encoded as Linux does, with the <sys/wait.h>
// macros to read it, the waitpid options, and the shell's 128+n convention.
//
//   exited:    (code & 0xff) << 8
//   signaled:  sig | 0x80 if a core was dumped
//   stopped:   sig << 8 | 0x7f
//   continued: 0xffff

export const WNOHANG = 0x00000001;
export const WUNTRACED = 0x00000002;
export const WCONTINUED = 0x00000008;
/** Linux accepts WNOWAIT only in waitid(2); our wait4 accepts it too (there is no waitid). */
export const WNOWAIT = 0x01000000;

export const CONTINUED_STATUS = 0xffff;
const CORE_FLAG = 0x80;

export function exitedStatus(code: number): number {
  return (code & 0xff) << 8;
}

export function signaledStatus(sig: number, core = false): number {
  return (sig & 0x7f) | (core ? CORE_FLAG : 0);
}

export function stoppedStatus(sig: number): number {
  return ((sig & 0xff) << 8) | 0x7f;
}

export function WIFEXITED(status: number): boolean {
  return (status & 0x7f) === 0;
}

export function WEXITSTATUS(status: number): number {
  return (status >> 8) & 0xff;
}

export function WIFSIGNALED(status: number): boolean {
  const sig = status & 0x7f;
  return sig !== 0 && sig !== 0x7f;
}

export function WTERMSIG(status: number): number {
  return status & 0x7f;
}

export function WCOREDUMP(status: number): boolean {
  return WIFSIGNALED(status) && (status & CORE_FLAG) !== 0;
}

export function WIFSTOPPED(status: number): boolean {
  return (status & 0xff) === 0x7f;
}

export function WSTOPSIG(status: number): number {
  return WEXITSTATUS(status);
}

export function WIFCONTINUED(status: number): boolean {
  return status === CONTINUED_STATUS;
}

/** What `$?` shows in a POSIX shell: the exit code, or 128 + the signal that killed it. */
export function shellExitCode(status: number): number {
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  if (WIFSTOPPED(status)) return 128 + WSTOPSIG(status);
  return WEXITSTATUS(status);
}
