/* bocal-fcntl.c: fcntl(2). The descriptor flags (F_GETFD, F_SETFD) and the
 * duplications (F_DUPFD, F_DUPFD_CLOEXEC) go to the kernel, which keeps
 * close-on-exec per descriptor; the file status flags (F_GETFL, F_SETFL)
 * stay with wasi-libc, over fd_fdstat_get/set_flags. On another WASI host
 * (the extension answers ENOSYS) everything is wasi-libc's. */
#ifdef __wasi__
#include "bocal.h"
#include <stdarg.h>

int __real_fcntl(int, int, ...);

static int descriptor_call(int fd, int cmd, int arg) {
    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        if (arg < 0) {
            errno = EINVAL;
            return -1;
        }
        return (int)__bocal_call(BOCAL_DUP, fd, arg, cmd == F_DUPFD_CLOEXEC, 0, 0);
    case F_GETFD:
        return (int)__bocal_call(BOCAL_GET_CLOEXEC, fd, 0, 0, 0, 0);
    default: /* F_SETFD: only FD_CLOEXEC exists */
        return (int)__bocal_call(BOCAL_SET_CLOEXEC, fd, (arg & FD_CLOEXEC) != 0, 0, 0, 0);
    }
}

int __wrap_fcntl(int fd, int cmd, ...) {
    va_list ap;
    va_start(ap, cmd);
    int arg = va_arg(ap, int);
    va_end(ap);
    if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC || cmd == F_GETFD || cmd == F_SETFD) {
        int result = descriptor_call(fd, cmd, arg);
        if (result >= 0 || errno != ENOSYS) return result;
    }
    return __real_fcntl(fd, cmd, arg);
}
#endif
