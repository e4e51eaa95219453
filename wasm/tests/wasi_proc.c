/* wasi_proc: conformance checks for the rest of WASI preview 1: random_get
 * (getrandom, getentropy, arc4random), sched_yield, raise() with a handler
 * (wasi-libc emulates signals inside the process; proc_raise itself has no
 * portable meaning and is not called), the sock_* calls on descriptors that
 * are not sockets, and under WASI fd_prestat_get/fd_prestat_dir_name,
 * fd_fdstat_get and fd_fdstat_set_rights. Usage: wasi_proc SCRATCH_DIR.
 * One line per check; exits 0 when every observation matches Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef __wasi__
#include <sys/random.h>
#endif
#include <sys/socket.h>
#include <unistd.h>
#ifdef __wasi__
#include <wasi/api.h>
#endif

#include "check.h"

/* getrandom(2) with flags 0; wasi-libc declares no getrandom, so under WASI
 * call random_get, which is what it would do. */
static ssize_t draw(void *buf, size_t len) {
#ifdef __wasi__
    __wasi_errno_t e = __wasi_random_get(buf, len);
    if (e != 0) {
        errno = e;
        return -1;
    }
    return (ssize_t)len;
#else
    return getrandom(buf, len, 0);
#endif
}

static void randomness(void) {
    unsigned char a[32], b[32], zero[32] = {0};
    check_int("random draw 32 bytes", draw(a, sizeof a), 32);
    check_int("random draw again", draw(b, sizeof b), 32);
    check_yes("two draws differ", memcmp(a, b, sizeof a) != 0);
    check_yes("draw is not all zeros", memcmp(a, zero, sizeof a) != 0);
    check_int("random draw 0 bytes", draw(a, 0), 0);
    static unsigned char big[65536];
    check_int("random draw 64 KiB", draw(big, sizeof big), (long long)sizeof big);
    check_yes("64 KiB draw has a non-zero tail", memcmp(big + sizeof big - 32, zero, 32) != 0);
    check_ok("getentropy 256 bytes", getentropy(big, 256));
    check_err("getentropy 257 bytes", getentropy(big, 257), EIO);
    uint32_t r1 = arc4random(), r2 = arc4random(), r3 = arc4random();
    check_yes("arc4random varies", r1 != r2 || r2 != r3);
    int in_range = 1;
    for (int i = 0; i < 1000; i++)
        if (arc4random_uniform(10) >= 10) in_range = 0;
    check_yes("arc4random_uniform(10) stays below 10", in_range);
    memset(a, 0, sizeof a);
    arc4random_buf(a, sizeof a);
    check_yes("arc4random_buf fills", memcmp(a, zero, sizeof a) != 0);
}

static volatile sig_atomic_t caught;

static void on_signal(int sig) {
    caught = sig;
}

static void signals(void) {
    check_ok("sched_yield", sched_yield());
    check_yes("signal() installs a handler", signal(SIGUSR1, on_signal) != SIG_ERR);
    check_ok("raise SIGUSR1 with a handler", raise(SIGUSR1));
    check_yes("handler ran before raise returned", caught == SIGUSR1);
    caught = 0;
    check_yes("SIG_IGN installs", signal(SIGUSR2, SIG_IGN) != SIG_ERR);
    check_ok("raise an ignored signal", raise(SIGUSR2));
    check_yes("ignored signal did nothing", caught == 0);
    check_ok("raise SIGCHLD (default: ignore)", raise(SIGCHLD));
    check_yes("signal() returns the previous handler",
              signal(SIGUSR1, SIG_DFL) == on_signal);
    check_yes("signal() rejects SIGKILL", signal(SIGKILL, on_signal) == SIG_ERR && errno == EINVAL);
}

static void sockets(void) {
    char buf[8];
    int fd = open("not-a-socket", O_RDWR | O_CREAT | O_TRUNC, 0644);
    must("create not-a-socket", fd);
    check_err("recv on a regular file", recv(fd, buf, sizeof buf, 0), ENOTSOCK);
    check_err("send on a regular file", send(fd, "x", 1, 0), ENOTSOCK);
    check_err("shutdown a regular file", shutdown(fd, SHUT_RDWR), ENOTSOCK);
    check_err("accept on a regular file", accept(fd, NULL, NULL), ENOTSOCK);
    check_err("recv on a closed fd", recv(99, buf, sizeof buf, 0), EBADF);
    check_err("shutdown a closed fd", shutdown(99, SHUT_RDWR), EBADF);
    close(fd);
}

/* What only WASI has: preopens and rights. */
#ifdef __wasi__
static void wasi_only(const char *scratch) {
    __wasi_prestat_t pre;
    int found = -1;
    for (int fd = 3; fd < 64; fd++) {
        if (__wasi_fd_prestat_get(fd, &pre) != 0) continue;
        char name[512];
        if (pre.u.dir.pr_name_len >= sizeof name) continue;
        if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)name, pre.u.dir.pr_name_len) != 0) continue;
        name[pre.u.dir.pr_name_len] = '\0';
        size_t n = strlen(name);
        if (strncmp(scratch, name, n) == 0 && (scratch[n] == '/' || scratch[n] == '\0' ||
                                               (n > 0 && name[n - 1] == '/'))) {
            found = fd;
            break;
        }
    }
    check_yes("wasi-only a preopen contains the scratch dir", found >= 0);
    check_code("wasi-only fd_prestat_get on stdout", __wasi_fd_prestat_get(1, &pre), EBADF);

    int fd = open("rights", O_RDWR | O_CREAT | O_TRUNC, 0644);
    __wasi_fdstat_t st;
    check_code("wasi-only fd_fdstat_get", __wasi_fd_fdstat_get(fd, &st), 0);
    check_yes("wasi-only regular file type", st.fs_filetype == __WASI_FILETYPE_REGULAR_FILE);
    check_yes("wasi-only has FD_WRITE", (st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) != 0);
    check_code("wasi-only fd_fdstat_set_rights drops FD_WRITE",
               __wasi_fd_fdstat_set_rights(fd, st.fs_rights_base & ~__WASI_RIGHTS_FD_WRITE,
                                           st.fs_rights_inheriting),
               0);
    check_yes("wasi-only write without FD_WRITE fails", write(fd, "x", 1) == -1);
    check_code("wasi-only rights cannot grow back",
               __wasi_fd_fdstat_set_rights(fd, st.fs_rights_base, st.fs_rights_inheriting),
               ENOTCAPABLE);
    close(fd);
}
#else
static void wasi_only(const char *scratch) {
    (void)scratch;
}
#endif

int main(int argc, char **argv) {
    enter_scratch(argc, argv);
    randomness();
    signals();
    sockets();
    wasi_only(argv[1]);
    return finish();
}
