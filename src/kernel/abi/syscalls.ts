// Syscall numbers on the wire between a process's worker and the kernel, with
// the contract of each: its arguments (args[i], 64-bit integers), what the
// worker puts in the input bytes, and what the kernel returns (results[i] and
// output bytes). The worker reads and writes the program's memory; the
// kernel only sees these values.
//
// Conventions: `fd` arguments are the program's fd numbers; a `path` is
// UTF-8 in the input; two paths are separated by one NUL byte. Structs in the
// output use the WASI layouts of abi/wasi.ts, so the worker copies them as is.
// Calls that WASI answers without a kernel (args_*, environ_*, clock_*,
// random_get) are done in the worker.

export const enum Sys {
  // ---- wasi_snapshot_preview1 --------------------------------------------
  /** args: fd, offset, len, advice */
  FD_ADVISE = 1,
  /** args: fd, offset, len */
  FD_ALLOCATE,
  /** args: fd */
  FD_CLOSE,
  /** args: fd */
  FD_DATASYNC,
  /** args: fd → results: filetype, fdflags, rights_base, rights_inheriting */
  FD_FDSTAT_GET,
  /** args: fd, fdflags */
  FD_FDSTAT_SET_FLAGS,
  /** args: fd, rights_base, rights_inheriting */
  FD_FDSTAT_SET_RIGHTS,
  /** args: fd → output: filestat (64 bytes) */
  FD_FILESTAT_GET,
  /** args: fd, size */
  FD_FILESTAT_SET_SIZE,
  /** args: fd, atim, mtim, fstflags */
  FD_FILESTAT_SET_TIMES,
  /** args: fd, len, offset → output: the bytes read (length ≤ len; 0 at end of file) */
  FD_PREAD,
  /** args: fd → results: preopentype, name length */
  FD_PRESTAT_GET,
  /** args: fd → output: the preopen's name */
  FD_PRESTAT_DIR_NAME,
  /** args: fd, offset; input: bytes → results: bytes written */
  FD_PWRITE,
  /** args: fd, len → output: the bytes read (length ≤ len; 0 at end of file) */
  FD_READ,
  /** args: fd, cookie, buffer length → output: dirents, cut at buffer length as WASI says */
  FD_READDIR,
  /** args: from, to */
  FD_RENUMBER,
  /** args: fd, offset (signed), whence → results: new offset */
  FD_SEEK,
  /** args: fd */
  FD_SYNC,
  /** args: fd → results: offset */
  FD_TELL,
  /** args: fd; input: bytes → results: bytes written */
  FD_WRITE,
  /** args: dirfd; input: path */
  PATH_CREATE_DIRECTORY,
  /** args: dirfd, lookupflags; input: path → output: filestat */
  PATH_FILESTAT_GET,
  /** args: dirfd, lookupflags, atim, mtim, fstflags; input: path */
  PATH_FILESTAT_SET_TIMES,
  /** args: old dirfd, old lookupflags, new dirfd; input: old path, NUL, new path */
  PATH_LINK,
  /** args: dirfd, lookupflags, oflags, rights_base, rights_inheriting, fdflags; input: path → results: fd */
  PATH_OPEN,
  /** args: dirfd, buffer length; input: path → output: target (cut at buffer length) */
  PATH_READLINK,
  /** args: dirfd; input: path */
  PATH_REMOVE_DIRECTORY,
  /** args: old dirfd, new dirfd; input: old path, NUL, new path */
  PATH_RENAME,
  /** args: dirfd; input: target, NUL, link path */
  PATH_SYMLINK,
  /** args: dirfd; input: path */
  PATH_UNLINK_FILE,
  /** args: number of subscriptions; input: subscriptions → output: events; results: count */
  POLL_ONEOFF,
  /** args: exit code. Does not return to the program. */
  PROC_EXIT,
  /** args: WASI signal number */
  PROC_RAISE,
  SCHED_YIELD,
  /** args: fd, fdflags → results: new fd */
  SOCK_ACCEPT,
  /** args: fd, len, riflags → output: bytes; results: roflags */
  SOCK_RECV,
  /** args: fd, siflags; input: bytes → results: bytes sent */
  SOCK_SEND,
  /** args: fd, sdflags */
  SOCK_SHUTDOWN,

  // ---- bocal_v1: the extension (see docs/abi.md) -------------------------
  /** The process's program trapped; args: none; input: the trap message. Does not return. */
  TRAP = 100,

  // Processes (syscalls/process.ts). pid_t arguments are signed 32-bit; ids
  // (uid_t, gid_t) unsigned 32-bit, where 0xffffffff means "unchanged".
  /** args: pid selector, options (WNOHANG, WUNTRACED, WCONTINUED, WNOWAIT) → results: pid, wait status */
  WAIT4 = 101,
  /** → results: pid */
  GETPID = 102,
  /** → results: parent's pid (0 for init) */
  GETPPID = 103,
  /** args: pid (0 = self) → results: process group id */
  GETPGID = 104,
  /** args: pid (0 = self), pgid (0 = that pid) */
  SETPGID = 105,
  /** args: pid (0 = self) → results: session id */
  GETSID = 106,
  /** → results: the new session id */
  SETSID = 107,
  /** → results: real uid */
  GETUID = 108,
  /** → results: effective uid */
  GETEUID = 109,
  /** → results: real gid */
  GETGID = 110,
  /** → results: effective gid */
  GETEGID = 111,
  /** args: uid */
  SETUID = 112,
  /** args: gid */
  SETGID = 113,
  /** args: ruid, euid */
  SETREUID = 114,
  /** args: rgid, egid */
  SETREGID = 115,
  /** args: ruid, euid, suid */
  SETRESUID = 116,
  /** args: rgid, egid, sgid */
  SETRESGID = 117,
  /** → results: ruid, euid, suid */
  GETRESUID = 118,
  /** → results: rgid, egid, sgid */
  GETRESGID = 119,
  /** args: size (entries) → results: count; output: the gids, u32 little-endian (none when size is 0) */
  GETGROUPS = 120,
  /** args: count; input: the gids, u32 little-endian */
  SETGROUPS = 121,
  /** args: new mask → results: old mask */
  UMASK = 122,

  // Signals (syscalls/signal.ts). Signal numbers are Linux's; a sigset is a
  // u64 whose bit (n - 1) stands for signal n.
  /** args: pid selector (> 0, 0, -1, < -1), signal (0 = check only) */
  KILL = 130,
  /**
   * args: signal, install (0 = query only), handler (0 = SIG_DFL, 1 = SIG_IGN,
   * ≥ 2 = the C side's function-table index), sa_mask, sa_flags → results:
   * old handler, old sa_mask, old sa_flags
   */
  SIGACTION = 131,
  /** args: how (SIG_BLOCK 0, SIG_UNBLOCK 1, SIG_SETMASK 2), change (0 = query only), set → results: old mask */
  SIGPROCMASK = 132,
  /** → results: pending signals that are blocked */
  SIGPENDING = 133,
  /** args: temporary mask. Always fails with EINTR once a handled signal is deliverable. */
  SIGSUSPEND = 134,
  /** Ends a handler: restores the mask saved when it was entered. */
  SIGRETURN = 135,
  /**
   * Asked by the worker after a reply with NOTICE_SIGNAL: takes the next
   * deliverable signal that has a handler and enters it (its sa_mask applied).
   * → results: signal (0 = none), handler index, sa_flags, restart (1 if SA_RESTART)
   */
  SIGTAKE = 136,

  // Programs (exec/). The request format is in abi/spawn.ts.
  /** args: search PATH (1) or not (0); input: spawn request → results: the child's pid */
  SPAWN = 140,
  /** input: path, argv, envp (abi/spawn.ts). Returns only on failure; on success the program is replaced. */
  EXECVE = 141,

  // Files beyond WASI (syscalls/fs-ext.ts). Paths are relative to a dirfd
  // (AT_FDCWD = -100 for the cwd; fd 3 is the root preopen).
  /** args: flags (O_NONBLOCK, O_CLOEXEC of abi/open-flags.ts) → results: read fd, write fd */
  PIPE2 = 150,
  /** args: fd, minimum fd, close-on-exec (0/1) → results: new fd (dup(2), fcntl F_DUPFD[_CLOEXEC]) */
  DUP = 151,
  /** args: fd, new fd, close-on-exec (0/1) → results: new fd (dup2/dup3; dup3 rejects fd == new fd with EINVAL: the C side checks) */
  DUP3 = 152,
  /** args: fd → results: FD_CLOEXEC (1) or 0 */
  GET_CLOEXEC = 153,
  /** args: fd, FD_CLOEXEC (1) or 0 */
  SET_CLOEXEC = 154,
  /** args: dirfd; input: path. The cwd is kernel state, inherited by children. */
  CHDIR = 155,
  /** args: fd */
  FCHDIR = 156,
  /** → output: the cwd's absolute path (as seen from the process root) */
  GETCWD = 157,
  /** args: dirfd, mode, follow (1/0); input: path */
  CHMOD = 158,
  /** args: fd, mode */
  FCHMOD = 159,
  /** args: dirfd, uid, gid (0xffffffff = unchanged), follow (1/0); input: path */
  CHOWN = 160,
  /** args: fd, uid, gid (0xffffffff = unchanged) */
  FCHOWN = 161,
  /** args: dirfd, mode (with S_IFIFO, S_IFCHR, S_IFBLK, S_IFREG or S_IFSOCK), device; input: path */
  MKNOD = 162,
  /** args: dirfd, oflags (abi/open-flags.ts), mode; input: path → results: fd. open(2) with Linux semantics and a mode, which path_open lacks. */
  OPENAT = 163,
  /** args: fd, request, argument length; input: the argument → output: the argument after the call; results: return value */
  IOCTL = 164,
  /** args: fd → output: the description's absolute path if it has one (for /proc/self/fd and getcwd-like uses) */
  FD_PATH = 165,
  /**
   * args: dirfd, follow (1/0), empty path (1/0: AT_EMPTY_PATH, stat dirfd itself: fstat); input: path
   * → output: struct stat, 16 little-endian 64-bit fields (syscalls/fs-stat.ts): dev, ino, mode, nlink,
   * uid, gid, rdev, size, blksize, blocks, atime s, ns, mtime s, ns, ctime s, ns
   */
  STAT = 166,
  /**
   * args: fd → results: 1 if `fd` holds the root preopen after the call, else 0. When fd 3
   * holds it, it is moved to `fd` (not close-on-exec) and fd 3 closed: the C library's
   * start-up (wasm/lib/bocal-root.c) in one call (syscalls/root-preopen.ts).
   */
  ROOT_PREOPEN = 167,
  /**
   * args: out fd, in fd, has offset (1/0), offset, count → results: bytes copied, the offset after
   * (when given). sendfile(2) (syscalls/sendfile.ts): the kernel copies from the file itself.
   */
  SENDFILE = 168,

  // The system (syscalls/system.ts).
  /** → output: struct utsname as six NUL-terminated fields of 65 bytes (sysname, nodename, release, version, machine, domainname) */
  UNAME = 200,
  /** input: the new host name (≤ 64 bytes) */
  SETHOSTNAME = 201,
  /** input: the new NIS domain name (≤ 64 bytes) */
  SETDOMAINNAME = 202,
  /** → results: uptime s, total RAM bytes, free RAM bytes, process count */
  SYSINFO = 203,
  /** args: clock, flags (TIMER_ABSTIME = 1), seconds, nanoseconds → results: remaining s, ns when interrupted (EINTR) */
  NANOSLEEP = 204,
  /** args: resource, set (0/1), soft, hard → results: old soft, old hard (getrlimit/setrlimit; RLIM_INFINITY = -1) */
  PRLIMIT = 205,
  /** args: who (RUSAGE_SELF 0, RUSAGE_CHILDREN -1, RUSAGE_THREAD 1) → results: user µs, system µs (getrusage, times, CPU clocks) */
  GETRUSAGE = 206,

  // Mounts and namespaces (syscalls/mount.ts). Paths are resolved from the
  // cwd (the C side syncs it first) and the process root. Flags are Linux's
  // values (MS_*, MNT_*, CLONE_NEW*; docs/abi.md lists them).
  /** input: path. Changes the caller's root; children inherit it. */
  CHROOT = 220,
  /** args: MS_* flags (u64); input: source, NUL, target, NUL, filesystem type, NUL, data (each may be empty, as NULL in C) */
  MOUNT = 221,
  /** args: flags (MNT_FORCE 1, MNT_DETACH 2, MNT_EXPIRE 4, UMOUNT_NOFOLLOW 8); input: target */
  UMOUNT2 = 222,
  /** input: new root, NUL, put old */
  PIVOT_ROOT = 223,
  /** args: CLONE_* flags */
  UNSHARE = 224,
  /** args: fd, nstype (0 or one CLONE_NEW* flag) */
  SETNS = 225,

  // Resource accounting (syscalls/cgroup.ts); made by the worker, not by programs.
  /** args: bytes of linear memory the program has now (sent after it grew) */
  MEMORY_REPORT = 240,

  // System V IPC in the caller's IPC namespace (syscalls/ipc.ts). Flags and
  // commands are Linux's values (IPC_*, MSG_*). A stat output is a list of
  // little-endian 64-bit fields, in the order docs/abi.md gives.
  /** args: key, msgflg → results: id */
  MSGGET = 250,
  /** args: id, mtype, msgflg; input: mtext */
  MSGSND = 251,
  /** args: id, msgsz, msgtyp, msgflg → output: mtext; results: length, mtype */
  MSGRCV = 252,
  /** args: id, cmd, uid, gid, mode, qbytes (IPC_SET) → output: msqid_ds or msginfo fields; results: the call's value */
  MSGCTL = 253,
  /** args: key, nsems, semflg → results: id */
  SEMGET = 254,
  /** args: id, nsops, has timeout (1/0), timeout s, ns; input: struct sembuf[nsops] (u16 num, s16 op, s16 flg) */
  SEMOP = 255,
  /** args: id, semnum, cmd, val (SETVAL), uid, gid, mode (IPC_SET); input: SETALL's u16 values → output: GETALL's u16 values, semid_ds or seminfo fields; results: the call's value */
  SEMCTL = 256,
  /** args: key, size, shmflg → results: id */
  SHMGET = 257,
  /** args: id, cmd, uid, gid, mode (IPC_SET) → output: shmid_ds, shminfo or shm_info fields; results: the call's value */
  SHMCTL = 258,
  /** args: op (0 attach, 1 detach, 2 read, 3 write), then the op's (syscalls/ipc-shm.ts): shmat, shmdt and a copy-based segment's exchanges */
  SHM_ATTACHMENT = 259,

  // Network configuration of the caller's network namespace (syscalls/net-config.ts),
  // bocal's stand-in for rtnetlink; 260-289 are the networking range.
  /** args: buffer length → output: links, addresses and routes as text lines; results[1]: full length */
  NET_CONFIG = 260,
  /** args: IFF_* mask, IFF_* flags; input: device name */
  NET_LINK_SET = 261,

  // Sockets (syscalls/socket.ts). Families, types, levels, options and MSG_*
  // flags are Linux's values (abi/socket.ts); a sockaddr is Linux's layout.
  /** args: family, type (| SOCK_NONBLOCK, SOCK_CLOEXEC), protocol → results: fd */
  SOCKET = 262,
  /** args: family, type (| SOCK_NONBLOCK, SOCK_CLOEXEC), protocol → results: fd, second fd */
  SOCKETPAIR = 263,
  /** args: fd; input: sockaddr */
  BIND = 264,
  /** args: fd, backlog */
  LISTEN = 265,
  /** args: fd, flags (SOCK_NONBLOCK, SOCK_CLOEXEC) → results: fd; output: the peer's sockaddr */
  ACCEPT4 = 266,
  /** args: fd; input: sockaddr (a family of AF_UNSPEC dissolves a datagram socket's association) */
  CONNECT = 267,
  /** args: fd → output: sockaddr */
  GETSOCKNAME = 268,
  /** args: fd → output: sockaddr */
  GETPEERNAME = 269,
  /** args: fd, MSG_* flags, address length; input: the address (that many bytes), then the data → results: bytes sent */
  SENDTO = 270,
  /**
   * args: fd, length, MSG_* flags, want address (1/0) → output: with an address, 128 bytes
   * holding it then the data, else the data; results: the call's value (the datagram's full
   * length with MSG_TRUNC), address length, msg_flags (MSG_TRUNC)
   */
  RECVFROM = 271,
  /** args: fd, how (SHUT_RD 0, SHUT_WR 1, SHUT_RDWR 2) */
  SHUTDOWN = 272,
  /** args: fd, level, name; input: the value */
  SETSOCKOPT = 273,
  /** args: fd, level, name → output: the value (an int, 4 bytes) */
  GETSOCKOPT = 274,
}
