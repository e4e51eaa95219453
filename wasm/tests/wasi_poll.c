/* wasi_poll: conformance checks for poll_oneoff as programs reach it:
 * poll() with a timeout and no descriptors (a lone clock subscription),
 * poll() on regular files (always ready), negative and closed descriptors,
 * select(), and under WASI raw poll_oneoff calls with several
 * subscriptions. Usage: wasi_poll SCRATCH_DIR. One line per check; exits 0
 * when every observation matches Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>
#ifdef __wasi__
#include <wasi/api.h>
#endif

#include "check.h"

static long long now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void timeouts(void) {
    long long t0 = now();
    check_int("poll no fds 30ms", poll(NULL, 0, 30), 0);
    check_yes("poll waited at least 30ms", now() - t0 >= 30000000LL);
    t0 = now();
    check_int("poll no fds 0ms", poll(NULL, 0, 0), 0);
    check_yes("poll 0ms returns at once", now() - t0 < 1000000000LL);

    struct timeval tv = {0, 20000};
    t0 = now();
    check_int("select no fds 20ms", select(0, NULL, NULL, NULL, &tv), 0);
    check_yes("select waited at least 20ms", now() - t0 >= 20000000LL);
}

static void files(void) {
    int fd = open("pollme", O_RDWR | O_CREAT | O_TRUNC, 0644);
    must("create pollme", fd);
    write(fd, "data", 4);
    struct pollfd p[3] = {{fd, POLLIN, 0}, {fd, POLLOUT, 0}, {fd, POLLIN | POLLOUT, 0}};
    check_int("poll a regular file", poll(p, 3, 1000), 3);
    check_yes("regular file is readable", p[0].revents == POLLIN);
    check_yes("regular file is writable", p[1].revents == POLLOUT);
    check_yes("regular file is both", p[2].revents == (POLLIN | POLLOUT));

    int ro = open("pollme", O_RDONLY);
    struct pollfd q = {ro, POLLIN, 0};
    lseek(ro, 0, SEEK_END);
    check_int("poll a regular file at EOF", poll(&q, 1, 1000), 1);
    check_yes("file at EOF is still readable", q.revents == POLLIN);
    close(ro);

    struct pollfd neg[2] = {{-1, POLLIN, 0}, {fd, POLLIN, 0}};
    neg[0].revents = 123;
    check_int("poll ignores a negative fd", poll(neg, 2, 1000), 1);
    check_yes("negative fd gets revents 0", neg[0].revents == 0);

    struct pollfd none = {-1, POLLIN, 0};
    long long t0 = now();
    check_int("poll only negative fds times out", poll(&none, 1, 20), 0);
    check_yes("it waited for the timeout", now() - t0 >= 20000000LL);

    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(fd, &rd);
    FD_SET(fd, &wr);
    struct timeval tv = {1, 0};
    int ready = select(fd + 1, &rd, &wr, NULL, &tv);
    check_int("select a regular file", ready, 2);
    check_yes("select marks it readable and writable",
              ready == 2 && FD_ISSET(fd, &rd) && FD_ISSET(fd, &wr));
    close(fd);

    struct pollfd closed = {fd, POLLIN, 0};
    check_int("poll a closed fd", poll(&closed, 1, 0), 1);
    check_yes("closed fd gets POLLNVAL", closed.revents == POLLNVAL);
}

/* Raw poll_oneoff: two clocks and a file, the nearest deadline wins. No
 * POSIX call asks exactly this, so these lines are WASI-only. */
#ifdef __wasi__
static void oneoff(void) {
    int fd = open("pollme", O_RDONLY);
    must("open pollme", fd);
    __wasi_subscription_t subs[2];
    __wasi_event_t events[2];
    __wasi_size_t n = 0;
    memset(subs, 0, sizeof subs);
    subs[0].userdata = 10;
    subs[0].u.tag = __WASI_EVENTTYPE_CLOCK;
    subs[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    subs[0].u.u.clock.timeout = 10000000;
    subs[1].userdata = 50;
    subs[1].u.tag = __WASI_EVENTTYPE_CLOCK;
    subs[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    subs[1].u.u.clock.timeout = 5000000000ULL;
    long long t0 = now();
    check_code("wasi-only poll_oneoff two clocks", __wasi_poll_oneoff(subs, events, 2, &n), 0);
    check_yes("wasi-only nearest clock fires alone",
              n == 1 && events[0].userdata == 10 && events[0].type == __WASI_EVENTTYPE_CLOCK);
    check_yes("wasi-only after its timeout", now() - t0 >= 10000000LL && now() - t0 < 5000000000LL);

    /* An absolute deadline 15ms away, with a relative 2s clock as a guard so
     * a host that reads the deadline as relative reports it, not hangs. */
    __wasi_timestamp_t at = 0, after = 0;
    __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &at);
    subs[0].u.u.clock.timeout = at + 15000000;
    subs[0].u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
    subs[1].u.u.clock.timeout = 2000000000ULL;
    check_code("wasi-only poll_oneoff absolute clock", __wasi_poll_oneoff(subs, events, 2, &n),
               0);
    __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &after);
    check_yes("wasi-only absolute deadline fires first", n == 1 && events[0].userdata == 10);
    check_yes("wasi-only absolute deadline reached", after >= at + 15000000);

    subs[1].userdata = 7;
    subs[1].u.tag = __WASI_EVENTTYPE_FD_READ;
    subs[1].u.u.fd_read.file_descriptor = fd;
    subs[0].u.u.clock.flags = 0;
    subs[0].u.u.clock.timeout = 5000000000ULL;
    check_code("wasi-only poll_oneoff clock and readable file",
               __wasi_poll_oneoff(subs, events, 2, &n), 0);
    check_yes("wasi-only file event comes first",
              n == 1 && events[0].userdata == 7 && events[0].type == __WASI_EVENTTYPE_FD_READ &&
                  events[0].error == 0);
    check_code("wasi-only poll_oneoff with no subscriptions",
               __wasi_poll_oneoff(subs, events, 0, &n), EINVAL);
    close(fd);
}
#else
static void oneoff(void) {}
#endif

int main(int argc, char **argv) {
    enter_scratch(argc, argv);
    timeouts();
    files();
    oneoff();
    return finish();
}
