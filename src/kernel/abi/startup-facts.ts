// What the kernel tells a program's worker when it starts it, so that the
// calls the C library makes before main (wasm/lib/bocal-root.c and
// bocal-cwd.c: ROOT_PREOPEN, wasi-libc's look for a preopen at fd 3,
// GETCWD) are answered in the worker instead of each being a round trip to
// the kernel's thread (worker/startup-answers.ts). The answers are the ones
// the kernel would give to calls made at once: they hold until the
// program's first call that goes to the kernel, after which every call does.
export interface StartupFacts {
  /**
   * ROOT_PREOPEN with this fd answers 1 and leaves fd 3 without a preopen
   * (fd_prestat_get(3) EBADF); the kernel makes its move, if any, before it
   * serves the next call (SIDE_I32_ROOT_PREOPEN). Absent: no such answer.
   */
  rootPreopenFd?: number;
  /** What GETCWD outputs; absent when it fails (a removed cwd). */
  cwd?: Uint8Array;
}

/** The fd the C library keeps the root preopen at (BOCAL_ROOT_FD in wasm/lib/bocal-root.c). */
export const LIBRARY_ROOT_FD = 1023;
