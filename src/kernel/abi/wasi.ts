// Constants and struct layouts of WASI preview 1 (wasi_snapshot_preview1.witx).
// Names follow the spec. Nothing here has behaviour.

/** `filetype` */
export const enum Filetype {
  UNKNOWN = 0,
  BLOCK_DEVICE = 1,
  CHARACTER_DEVICE = 2,
  DIRECTORY = 3,
  REGULAR_FILE = 4,
  SOCKET_DGRAM = 5,
  SOCKET_STREAM = 6,
  SYMBOLIC_LINK = 7,
}

/** `fdflags` */
export const FDFLAGS_APPEND = 1 << 0;
export const FDFLAGS_DSYNC = 1 << 1;
export const FDFLAGS_NONBLOCK = 1 << 2;
export const FDFLAGS_RSYNC = 1 << 3;
export const FDFLAGS_SYNC = 1 << 4;

/** `oflags` */
export const OFLAGS_CREAT = 1 << 0;
export const OFLAGS_DIRECTORY = 1 << 1;
export const OFLAGS_EXCL = 1 << 2;
export const OFLAGS_TRUNC = 1 << 3;

/** `lookupflags` */
export const LOOKUPFLAGS_SYMLINK_FOLLOW = 1 << 0;

/** `fstflags` */
export const FSTFLAGS_ATIM = 1 << 0;
export const FSTFLAGS_ATIM_NOW = 1 << 1;
export const FSTFLAGS_MTIM = 1 << 2;
export const FSTFLAGS_MTIM_NOW = 1 << 3;

/** `whence` */
export const enum Whence {
  SET = 0,
  CUR = 1,
  END = 2,
}

/** `clockid` */
export const enum ClockId {
  REALTIME = 0,
  MONOTONIC = 1,
  PROCESS_CPUTIME_ID = 2,
  THREAD_CPUTIME_ID = 3,
}

/** `advice` */
export const enum Advice {
  NORMAL = 0,
  SEQUENTIAL = 1,
  RANDOM = 2,
  WILLNEED = 3,
  DONTNEED = 4,
  NOREUSE = 5,
}

/** `eventtype` */
export const enum EventType {
  CLOCK = 0,
  FD_READ = 1,
  FD_WRITE = 2,
}

/** `subclockflags` */
export const SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME = 1 << 0;
/** `eventrwflags` */
export const EVENTRWFLAGS_FD_READWRITE_HANGUP = 1 << 0;

/** `riflags`, `roflags`, `siflags`, `sdflags` */
export const RIFLAGS_RECV_PEEK = 1 << 0;
export const RIFLAGS_RECV_WAITALL = 1 << 1;
export const ROFLAGS_RECV_DATA_TRUNCATED = 1 << 0;
export const SDFLAGS_RD = 1 << 0;
export const SDFLAGS_WR = 1 << 1;

/** `preopentype` */
export const PREOPENTYPE_DIR = 0;

/**
 * `rights`: bit per operation. We grant every right on every fd and check
 * access with Unix permissions instead, as Linux does; the bits are kept so
 * fd_fdstat_get reports something wasi-libc accepts.
 */
export const RIGHTS_ALL = (1n << 30n) - 1n;
/** `rights.fd_read` and `rights.fd_write`: wasi-libc's F_GETFL derives O_RDONLY/O_WRONLY/O_RDWR from them. */
export const RIGHTS_FD_READ = 1n << 1n;
export const RIGHTS_FD_WRITE = 1n << 6n;
/** `rights.fd_seek` and `rights.fd_tell`: wasi-libc's isatty() wants a character device without them. */
export const RIGHTS_FD_SEEK = 1n << 2n;
export const RIGHTS_FD_TELL = 1n << 5n;
export const RIGHTS_FD_READDIR = 1n << 14n;

/** WASI `signal` numbering (proc_raise), which differs from Linux's. */
export const enum WasiSignal {
  NONE = 0,
  HUP = 1,
  INT = 2,
  QUIT = 3,
  ILL = 4,
  TRAP = 5,
  ABRT = 6,
  BUS = 7,
  FPE = 8,
  KILL = 9,
  USR1 = 10,
  SEGV = 11,
  USR2 = 12,
  PIPE = 13,
  ALRM = 14,
  TERM = 15,
  CHLD = 16,
  CONT = 17,
  STOP = 18,
  TSTP = 19,
  TTIN = 20,
  TTOU = 21,
  URG = 22,
  XCPU = 23,
  XFSZ = 24,
  VTALRM = 25,
  PROF = 26,
  WINCH = 27,
  POLL = 28,
  PWR = 29,
  SYS = 30,
}

/** Sizes and field offsets of the structs the kernel encodes. */
export const FILESTAT_SIZE = 64; // dev u64 @0, ino u64 @8, filetype u8 @16, nlink u64 @24, size u64 @32, atim @40, mtim @48, ctim @56
export const DIRENT_SIZE = 24; // d_next u64 @0, d_ino u64 @8, d_namlen u32 @16, d_type u8 @20, then the name
export const SUBSCRIPTION_SIZE = 48; // userdata u64 @0, tag u8 @8, union @16
export const EVENT_SIZE = 32; // userdata u64 @0, error u16 @8, type u8 @10, nbytes u64 @16, flags u16 @24
