/* bocal-tty.c: terminals: ioctl(2) for the requests of bocal-termios.h,
 * isatty(3), tcgetattr(3), tcsetattr(3), tcflush(3), tcgetpgrp(3),
 * tcsetpgrp(3), tcgetsid(3), cfmakeraw(3) and the speed getters.
 *
 * The kernel's IOCTL carries the argument's bytes both ways, so the C side
 * gives each request's size: a struct termios or winsize, or an int, for
 * TIOCSCTTY and TCFLSH by value. Requests it does not know, and wasi-libc's
 * own FIONREAD (1) and FIONBIO (2), go to wasi-libc's ioctl. isatty is
 * TCGETS succeeding, as in musl; where the extension answers ENOSYS it is
 * wasi-libc's (a character device without seek rights). */
#ifdef __wasi__
#include "bocal.h"
#include <stdarg.h>
#include <string.h>

int __real_ioctl(int, int, ...);
int __real_isatty(int);

/* The argument's size of a request, 0 for one passed by value, -1 if unknown. */
static int argument_size(int request) {
    switch (request) {
    case TCGETS:
    case TCSETS:
    case TCSETSW:
    case TCSETSF:
        return sizeof(struct termios);
    case TIOCGWINSZ:
    case TIOCSWINSZ:
        return sizeof(struct winsize);
    case TIOCGPGRP:
    case TIOCSPGRP:
    case TIOCGSID:
    case TIOCOUTQ:
    case FIONREAD:
        return sizeof(int);
    case TIOCSCTTY:
    case TCFLSH:
    case TIOCNOTTY:
        return 0;
    default:
        return -1;
    }
}

static int kernel_ioctl(int fd, int request, void *argument, size_t size) {
    int64_t args[8] = {fd, (uint32_t)request, (int64_t)size};
    return (int)__bocal_call_io(BOCAL_IOCTL, args, argument, size, argument, size, 0, 0);
}

int __wrap_ioctl(int fd, int request, ...) {
    va_list ap;
    va_start(ap, request);
    void *pointer = va_arg(ap, void *);
    va_end(ap);
    int size = argument_size(request);
    if (size < 0) return __real_ioctl(fd, request, pointer);
    if (size > 0) return kernel_ioctl(fd, request, pointer, (size_t)size);
    int value = (int)(intptr_t)pointer;
    return kernel_ioctl(fd, request, &value, request == TIOCNOTTY ? 0 : sizeof value);
}

int __wrap_isatty(int fd) {
    struct termios t;
    if (kernel_ioctl(fd, TCGETS, &t, sizeof t) == 0) return 1;
    if (errno == ENOSYS) return __real_isatty(fd);
    if (errno != EBADF) errno = ENOTTY;
    return 0;
}

int tcgetattr(int fd, struct termios *t) { return kernel_ioctl(fd, TCGETS, t, sizeof *t); }

int tcsetattr(int fd, int action, const struct termios *t) {
    static const int requests[3] = {TCSETS, TCSETSW, TCSETSF};
    if (action < TCSANOW || action > TCSAFLUSH) {
        errno = EINVAL;
        return -1;
    }
    struct termios copy = *t;
    return kernel_ioctl(fd, requests[action], &copy, sizeof copy);
}

int tcflush(int fd, int queue) {
    int value = queue;
    return kernel_ioctl(fd, TCFLSH, &value, sizeof value);
}

pid_t tcgetpgrp(int fd) {
    int pgrp = 0;
    if (kernel_ioctl(fd, TIOCGPGRP, &pgrp, sizeof pgrp) < 0) return -1;
    return pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp) {
    int value = pgrp;
    return kernel_ioctl(fd, TIOCSPGRP, &value, sizeof value);
}

pid_t tcgetsid(int fd) {
    int sid = 0;
    if (kernel_ioctl(fd, TIOCGSID, &sid, sizeof sid) < 0) return -1;
    return sid;
}

/* cfmakeraw(3): the flags glibc and musl clear and set. */
void cfmakeraw(struct termios *t) {
    t->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t->c_oflag &= ~OPOST;
    t->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    t->c_cflag &= ~(CSIZE | PARENB);
    t->c_cflag |= CS8;
    t->c_cc[VMIN] = 1;
    t->c_cc[VTIME] = 0;
}

speed_t cfgetospeed(const struct termios *t) { return t->c_cflag & CBAUD; }
speed_t cfgetispeed(const struct termios *t) { return cfgetospeed(t); }
#endif
