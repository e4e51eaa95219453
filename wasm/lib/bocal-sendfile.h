/* bocal-sendfile.h: <sys/sendfile.h>. On WASI, sendfile(2) over the
 * extension's sendfile call (src/kernel/syscalls/sendfile.ts, docs/abi.md):
 * the kernel copies from a regular file to another descriptor itself.
 * Natively, the system's. */
#ifndef BOCAL_SENDFILE_H
#define BOCAL_SENDFILE_H

#ifdef __wasi__
#include <sys/types.h>

/* Syscall number (src/kernel/abi/syscalls.ts). */
enum { BOCAL_SENDFILE = 168 };

/* Copies up to `count` bytes of `in_fd` (a regular file) to `out_fd`, from
 * *offset (advanced; in_fd's own offset untouched) or, when offset is NULL,
 * from in_fd's offset (advanced). Returns the count copied (0 at the end of
 * the file), or -1 with errno (EBADF, EINVAL, ESPIPE, EAGAIN, EINTR, EPIPE;
 * ENOSYS on a WASI host without the extension). */
ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count);
#else
#include <sys/sendfile.h>
#endif

#endif
