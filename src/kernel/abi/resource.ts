// Resource limits as getrlimit(2)/setrlimit(2) number them on Linux, and
// the wire's "no limit". Constants only: the behaviour is in
// proc/resource-limits.ts and syscalls/system.ts.

export const enum Resource {
  RLIMIT_CPU = 0,
  RLIMIT_FSIZE = 1,
  RLIMIT_DATA = 2,
  RLIMIT_STACK = 3,
  RLIMIT_CORE = 4,
  RLIMIT_RSS = 5,
  RLIMIT_NPROC = 6,
  RLIMIT_NOFILE = 7,
  RLIMIT_MEMLOCK = 8,
  RLIMIT_AS = 9,
  RLIMIT_LOCKS = 10,
  RLIMIT_SIGPENDING = 11,
  RLIMIT_MSGQUEUE = 12,
  RLIMIT_NICE = 13,
  RLIMIT_RTPRIO = 14,
  RLIMIT_RTTIME = 15,
}

/** How many resources Linux numbers (RLIM_NLIMITS). */
export const RLIM_NLIMITS = 16;

/** "No limit" on the wire: -1 as a signed 64-bit integer, as RLIM_INFINITY is all ones. */
export const RLIM_INFINITY = -1n;
