/* sock_check.h: what the socket test programs (sock_*.c) share: errno
 * names for the network errors, addresses, running this program again as
 * a helper process, and waiting for a fd with poll. */
#ifndef BOCAL_TESTS_SOCK_CHECK_H
#define BOCAL_TESTS_SOCK_CHECK_H

#include "bocal.h"
#include "bocal-socket.h"
#include "check.h"

#ifndef __wasi__
#include <spawn.h>
#include <sys/wait.h>
extern char **environ;
#endif

static const char *self_path;
static const char *scratch_dir;

static const char *net_errno(int e) {
    switch (e) {
    case ECONNREFUSED: return "ECONNREFUSED";
    case ECONNRESET: return "ECONNRESET";
    case ECONNABORTED: return "ECONNABORTED";
    case EADDRINUSE: return "EADDRINUSE";
    case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case EINPROGRESS: return "EINPROGRESS";
    case EISCONN: return "EISCONN";
    case ENOTCONN: return "ENOTCONN";
    case EPIPE: return "EPIPE";
    case EDESTADDRREQ: return "EDESTADDRREQ";
    case ENETUNREACH: return "ENETUNREACH";
    case EMSGSIZE: return "EMSGSIZE";
    case ENOPROTOOPT: return "ENOPROTOOPT";
    case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
    case EINTR: return "EINTR";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    default: return errno_name(e);
    }
}

static void net_ok(const char *name, long ret) {
    report(name, net_errno(ret < 0 ? errno : 0), "ok");
}

static void net_err(const char *name, long ret, int expected) {
    report(name, net_errno(ret < 0 ? errno : 0), net_errno(expected));
}

static struct sockaddr_in in_addr4(const char *ip, int port) {
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    inet_pton(AF_INET, ip, &a.sin_addr);
    return a;
}

#define SA(a) ((struct sockaddr *)&(a))

/* "ip:port" of a socket's own (or peer's) IPv4 address. */
static const char *name_of(int fd, int peer) {
    static char text[64];
    struct sockaddr_in a;
    socklen_t length = sizeof a;
    memset(&a, 0, sizeof a);
    if ((peer ? getpeername(fd, SA(a), &length) : getsockname(fd, SA(a), &length)) < 0) {
        return net_errno(errno);
    }
    char ip[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &a.sin_addr, ip, sizeof ip);
    snprintf(text, sizeof text, "%s:%u", ip, (unsigned)ntohs(a.sin_port));
    return text;
}

static int port_of(int fd, int peer) {
    struct sockaddr_in a;
    socklen_t length = sizeof a;
    if ((peer ? getpeername(fd, SA(a), &length) : getsockname(fd, SA(a), &length)) < 0) return -1;
    return ntohs(a.sin_port);
}

/* Starts this program again as `mode` with `arg`; returns its pid. */
static pid_t spawn_self(const char *mode, const char *arg) {
    char *argv[] = {(char *)self_path, (char *)scratch_dir, (char *)self_path, (char *)mode,
                    (char *)arg, 0};
    pid_t pid = -1;
    int error = posix_spawn(&pid, self_path, 0, 0, argv, environ);
    if (error) {
        printf("setup spawn %s: %s\n", mode, errno_name(error));
        exit(2);
    }
    return pid;
}

/* Waits for `pid`; its exit code, or 128 + the signal that killed it. */
static int wait_for(pid_t pid) {
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Waits (without a time limit) until `fd` has one of `events`; returns revents. */
static int wait_fd(int fd, int events) {
    struct pollfd p = {fd, (short)events, 0};
    while (poll(&p, 1, -1) < 0 && errno == EINTR) {
    }
    return p.revents;
}

/* Reads exactly `length` bytes (or until end of file); returns the count. */
static ssize_t read_full(int fd, char *buffer, size_t length) {
    size_t done = 0;
    while (done < length) {
        ssize_t n = read(fd, buffer + done, length - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return done > 0 ? (ssize_t)done : n;
        done += (size_t)n;
    }
    return (ssize_t)done;
}

#endif
