// The read window: a part of each process's syscall channel through which
// its worker reads a regular tmpfs file without a syscall per read. When a
// program reads such a file with fd_read, the kernel answers the call as
// usual and then lends the file description's offset to the window: while
// it watches the channel, it copies the bytes that follow into the window,
// and the worker's next reads of that fd copy them out and advance the
// window's cursor themselves. The kernel takes the offset back (the cursor
// tells it how far the program read) before anything else uses it: a seek,
// another read through a syscall, a write or truncation of the file, the
// fd closed or replaced, the program ending (docs/design/file-reads.md).
//
//   word 0  FD       the fd whose reads the window serves, or -1 (kernel-written)
//   word 1  CURSOR   bytes the program has read through the window since it
//                    was lent; -1 once the kernel has taken the offset back.
//                    The worker moves it with compareExchange after copying,
//                    so a copy made while the kernel took the offset back
//                    counts for nothing and the read goes to the kernel.
//   word 2  FILLED   bytes since the lending that the window holds (kernel-written)
//   word 3  END      bytes since the lending the kernel will fill up to: the
//                    end of the file when it was lent, at most READ_WINDOW_SPAN.
//                    Below it, an empty window is one the kernel has not
//                    filled yet: the worker waits a little, and wakes the
//                    kernel if it sleeps, instead of making the syscall.
//   word 4  WAITING  1 while the worker sleeps on FILLED for the kernel to
//                    fill (worker-written); the kernel notifies FILLED then.
//   byte 64 the bytes: byte n since the lending at n mod READ_WINDOW_SIZE
//
// The words live in memory the program's worker can write, so the kernel
// treats CURSOR as untrusted: it clamps it to what it has filled, which
// lets a hostile program move its own offset only within bytes it could
// read anyway.

export const WINDOW_I32_FD = 0;
export const WINDOW_I32_CURSOR = 1;
export const WINDOW_I32_FILLED = 2;
export const WINDOW_I32_END = 3;
export const WINDOW_I32_WAITING = 4;

export const READ_WINDOW_HEADER_SIZE = 64;
/**
 * Bytes the window holds: a power of two, so positions wrap with a mask.
 * 1 MiB lets the kernel run 16 reads of 64 KiB ahead of a program; the
 * memory is only touched (and, on Linux and in Chromium, only committed)
 * by processes that read files.
 */
export const READ_WINDOW_SIZE = 1024 * 1024;
/**
 * The kernel stops filling a window this far past its lending; the next
 * read is then a syscall, which lends it again. It bounds how long a
 * program reading a large file goes without a syscall, where handled
 * signals and SIGSTOP take effect (8 MiB: a few milliseconds).
 */
export const READ_WINDOW_SPAN = 8 * 1024 * 1024;
