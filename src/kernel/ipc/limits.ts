// System V IPC constants and the per-namespace limits of /proc/sys/kernel
// (msgmax, msgmnb, msgmni, sem, shmmax, shmall, shmmni), with the default
// values of Linux 6.x (include/uapi/linux/msg.h, sem.h, shm.h).

export const IPC_PRIVATE = 0;
export const IPC_CREAT = 0o1000;
export const IPC_EXCL = 0o2000;
export const IPC_NOWAIT = 0o4000;

export const IPC_RMID = 0;
export const IPC_SET = 1;
export const IPC_STAT = 2;
export const IPC_INFO = 3;

export const MSG_STAT = 11;
export const MSG_INFO = 12;
export const MSG_STAT_ANY = 13;
export const MSG_NOERROR = 0o10000;
export const MSG_EXCEPT = 0o20000;
export const MSG_COPY = 0o40000;

export const GETPID = 11;
export const GETVAL = 12;
export const GETALL = 13;
export const GETNCNT = 14;
export const GETZCNT = 15;
export const SETVAL = 16;
export const SETALL = 17;
export const SEM_STAT = 18;
export const SEM_INFO = 19;
export const SEM_STAT_ANY = 20;
export const SEM_UNDO = 0x1000;

/** Largest semaphore value (and largest undo adjustment, SEMAEM). */
export const SEMVMX = 32767;

/** An id is index + seq * SEQ_MULTIPLIER (Linux's IPCMNI, 1 << 15). */
export const SEQ_MULTIPLIER = 32768;
/** Sequence numbers wrap below INT_MAX / SEQ_MULTIPLIER, as ipcid_seq_max. */
export const SEQ_MAX = Math.floor(0x7fffffff / SEQ_MULTIPLIER);

/** The tunables of one IPC namespace; a new namespace starts from the defaults. */
export class IpcLimits {
  msgmax = 8192;
  msgmnb = 16384;
  msgmni = 32000;
  semmsl = 32000;
  semmns = 1_024_000_000;
  semopm = 500;
  semmni = 32000;
  shmmax = 18446744073692774399n;
  shmall = 18446744073692774399n;
  shmmni = 4096;
}

export const SHM_RDONLY = 0o10000;
export const SHM_RND = 0o20000;
export const SHM_REMAP = 0o40000;
export const SHM_EXEC = 0o100000;
export const SHM_LOCK = 11;
export const SHM_UNLOCK = 12;
export const SHM_STAT = 13;
export const SHM_INFO = 14;
export const SHM_STAT_ANY = 15;
/** Mode bits a segment's ipc_perm shows: removed while attached, locked in memory. */
export const SHM_DEST = 0o1000;
export const SHM_LOCKED = 0o2000;
/** Linux's SHMMIN and the page size segments are counted in (shm_tot, shmall). */
export const SHMMIN = 1;
export const PAGE_SIZE = 4096;
