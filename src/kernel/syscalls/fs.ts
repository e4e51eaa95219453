// The filesystem syscalls, for the syscall table: fd_* (fs-fd.ts) and
// path_* (fs-path.ts). poll_oneoff needs the platform's clock and timers and
// is made by createPollSyscall (poll.ts).
import type { SyscallEntry } from './call.ts';
import { fdSyscalls } from './fs-fd.ts';
import { pathSyscalls } from './fs-path.ts';

export const fsSyscalls: SyscallEntry[] = [...fdSyscalls, ...pathSyscalls];
