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
}
