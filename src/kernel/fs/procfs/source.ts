// What procfs needs to know of processes: the small view of the process
// table it reads (the process table implements it). Pids here are as the
// caller sees them in its pid namespace; `caller` is the calling process's
// kernel-wide pid (Process.pid).
import type { Dentry } from '../dentry.ts';
import type { OpenFile } from '../open-file.ts';
import type { NamespaceSet } from '../../ns/namespace-set.ts';
import type { Credentials } from '../../proc/credentials.ts';
import type { Process } from '../../proc/process.ts';

export interface ProcfsProcess {
  /** The pid as the caller sees it. */
  pid: number;
  /** The parent's pid as the caller sees it (0 if outside its namespace). */
  ppid: number;
  argv: readonly string[];
  env: readonly string[];
  /** The state letter of /proc/<pid>/stat (R, S, T, Z). */
  state: string;
  uid: number;
  gid: number;
  cwd: Dentry;
  root: Dentry;
  /** The executable's path, for /proc/<pid>/exe. */
  executable: string;
  /** The command name exec gave it (empty: derive it from the executable). */
  comm?: string;
  /** Open fds in ascending order with their descriptions. */
  fds(): { fd: number; file: OpenFile; closeOnExec: boolean }[];
  /** Process group and session, as the caller sees them. */
  pgid: number;
  sid: number;
  /**
   * Its pid, pgid and sid in each pid namespace from the procfs's own down
   * to the process's (status's NSpid, NSpgid, NSsid lines; 0 where none).
   */
  nspid: number[];
  nspgid: number[];
  nssid: number[];
  /** Its namespaces (/proc/<pid>/ns, uid_map). */
  namespaces: NamespaceSet;
  /** The process itself, for the files that act on it (uid_map, setgroups). */
  process: Process;
  /** Whether the process `caller` (kernel pid) may inspect it as ptrace's read mode allows. */
  mayInspect(caller: number): boolean;
  umask: number;
  credentials: Readonly<Credentials>;
  /** Signal sets (bit n-1 for signal n): pending, blocked, ignored, caught (with a handler). */
  signals: { pending: number; blocked: number; ignored: number; caught: number };
  /** The fd table's size limit (RLIMIT_NOFILE), for FDSize. */
  fdLimit: number;
  /** CPU times and the start time, in clock ticks (USER_HZ, 100 a second); undefined: all 0. */
  times?:
    { utime: number; stime: number; cutime: number; cstime: number; start: number } | undefined;
}

export interface ProcfsSource {
  /** The calling process of kernel pid `caller`, if any. */
  caller(caller: number): Process | undefined;
  /** The pids the caller can see, ascending. */
  pids(caller: number): number[];
  /** Process `pid` as numbered in the caller's namespace, if the caller sees it. */
  process(caller: number, pid: number): ProcfsProcess | undefined;
  /** The caller's own pid in its namespace (the target of /proc/self). */
  self(caller: number): number | undefined;
}
