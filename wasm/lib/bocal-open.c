/* bocal-open.c: open(2) and openat(2) with what wasi-libc's lack: O_CLOEXEC
 * (the extension's bit, bocal.h) and the mode of a created file. A call
 * with O_CREAT or O_CLOEXEC goes to the kernel's OPENAT, with Linux's
 * semantics; any other call is wasi-libc's (path_open), as before. Where
 * the extension answers ENOSYS (another WASI host), wasi-libc's open runs
 * without O_CLOEXEC, which such a host could not honour anyway. */
#ifdef __wasi__
#include "bocal.h"
#include <stdarg.h>
#include <string.h>

#define BOCAL_AT_FDCWD (-100)

int __real_open(const char *, int, ...);
int __real_openat(int, const char *, int, ...);

/* The kernel's open, or -1 with errno ENOSYS where there is none. */
static int kernel_openat(int dirfd, const char *path, int flags, mode_t mode) {
    int64_t args[8] = {dirfd == AT_FDCWD ? BOCAL_AT_FDCWD : dirfd, flags, mode};
    if (dirfd == AT_FDCWD && __bocal_sync_cwd() < 0) return -1;
    return (int)__bocal_call_io(BOCAL_OPENAT, args, path, strlen(path), 0, 0, 0, 0);
}

static mode_t mode_argument(int flags, va_list ap) {
    return (flags & O_CREAT) ? (mode_t)va_arg(ap, int) : 0;
}

int __wrap_openat(int dirfd, const char *path, int flags, ...) {
    va_list ap;
    va_start(ap, flags);
    mode_t mode = mode_argument(flags, ap);
    va_end(ap);
    if (flags & (O_CREAT | O_CLOEXEC)) {
        int fd = kernel_openat(dirfd, path, flags, mode);
        if (fd >= 0 || errno != ENOSYS) return fd;
    }
    return __real_openat(dirfd, path, flags & ~O_CLOEXEC, mode);
}

int __wrap_open(const char *path, int flags, ...) {
    va_list ap;
    va_start(ap, flags);
    mode_t mode = mode_argument(flags, ap);
    va_end(ap);
    if (flags & (O_CREAT | O_CLOEXEC)) {
        int fd = kernel_openat(AT_FDCWD, path, flags, mode);
        if (fd >= 0 || errno != ENOSYS) return fd;
    }
    return __real_open(path, flags & ~O_CLOEXEC, mode);
}
#endif
