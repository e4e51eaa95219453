/* bocal-fd.c: pipe(2), pipe2(2), dup(2), dup2(2) and dup3(2) over the
 * extension. O_CLOEXEC is the extension's own bit (wasi-libc's is 0). */
#ifdef __wasi__
#include "bocal.h"

#define BOCAL_O_CLOEXEC 0x40000000

int pipe2(int fds[2], int flags) {
    int64_t results[4];
    if (__bocal_call(BOCAL_PIPE2, flags, 0, 0, 0, results) < 0) return -1;
    fds[0] = (int)results[0];
    fds[1] = (int)results[1];
    return 0;
}

int pipe(int fds[2]) { return pipe2(fds, 0); }

int dup(int fd) { return (int)__bocal_call(BOCAL_DUP, fd, 0, 0, 0, 0); }

/* dup2 with an equal pair only checks that fd is open, as Linux does. */
int dup2(int fd, int new_fd) {
    if (fd == new_fd) {
        int64_t results[4];
        if (__bocal_call(BOCAL_GET_CLOEXEC, fd, 0, 0, 0, results) < 0) return -1;
        return fd;
    }
    return (int)__bocal_call(BOCAL_DUP3, fd, new_fd, 0, 0, 0);
}

int dup3(int fd, int new_fd, int flags) {
    if (fd == new_fd || (flags & ~BOCAL_O_CLOEXEC) != 0) {
        errno = EINVAL;
        return -1;
    }
    return (int)__bocal_call(BOCAL_DUP3, fd, new_fd, (flags & BOCAL_O_CLOEXEC) != 0, 0, 0);
}
#endif
