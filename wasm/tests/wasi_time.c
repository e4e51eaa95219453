/* wasi_time: conformance checks for clocks and sleeping: clock_res_get and
 * clock_time_get for REALTIME, MONOTONIC and PROCESS_CPUTIME, nanosleep and
 * clock_nanosleep (poll_oneoff with one clock subscription; the
 * absolute sleeps are in wasi_abstime), and file times that follow the clock. Prints relations, never
 * values. Usage: wasi_time SCRATCH_DIR. One line per check; exits 0 when
 * every observation matches Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#ifdef __wasi__
#include <wasi/api.h>
#endif

#include "check.h"

static long long ns(struct timespec t) {
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

enum which { REALTIME, MONOTONIC, CPUTIME };

/* wasi-libc's clock_gettime knows only REALTIME and MONOTONIC, so the
 * process CPU clock is read through clock_time_get/clock_res_get under WASI:
 * the same WASI calls clock_gettime would make. */
#ifdef __wasi__
static int wasi_clock(__wasi_clockid_t id, int res, struct timespec *ts) {
    __wasi_timestamp_t t = 0;
    __wasi_errno_t e = res ? __wasi_clock_res_get(id, &t) : __wasi_clock_time_get(id, 1, &t);
    if (e != 0) {
        errno = e;
        return -1;
    }
    ts->tv_sec = (time_t)(t / 1000000000ULL);
    ts->tv_nsec = (long)(t % 1000000000ULL);
    return 0;
}
#endif

static int get_clock(enum which which, int res, struct timespec *ts) {
#ifdef __wasi__
    if (which == CPUTIME) return wasi_clock(__WASI_CLOCKID_PROCESS_CPUTIME_ID, res, ts);
#endif
    clockid_t id = which == REALTIME    ? CLOCK_REALTIME
                   : which == MONOTONIC ? CLOCK_MONOTONIC
#ifndef __wasi__
                                        : CLOCK_PROCESS_CPUTIME_ID;
#else
                                        : CLOCK_MONOTONIC;
#endif
    return res ? clock_getres(id, ts) : clock_gettime(id, ts);
}

static long long now_of(enum which which) {
    struct timespec t;
    if (get_clock(which, 0, &t) < 0) return -1;
    return ns(t);
}

static long long now(clockid_t clock) {
    struct timespec t;
    if (clock_gettime(clock, &t) < 0) return -1;
    return ns(t);
}

static void clock_checks(const char *label, enum which which) {
    char name[96];
    struct timespec res, a, b;
    snprintf(name, sizeof name, "clock_getres %s", label);
    check_ok(name, get_clock(which, 1, &res));
    snprintf(name, sizeof name, "clock_getres %s is between 1ns and 10ms", label);
    check_yes(name, ns(res) >= 1 && ns(res) <= 10000000);
    snprintf(name, sizeof name, "clock_gettime %s", label);
    check_ok(name, get_clock(which, 0, &a));
    get_clock(which, 0, &b);
    snprintf(name, sizeof name, "%s nsec in range", label);
    check_yes(name, a.tv_nsec >= 0 && a.tv_nsec < 1000000000 && b.tv_nsec < 1000000000);
    snprintf(name, sizeof name, "%s does not go backwards", label);
    check_yes(name, ns(b) >= ns(a));
}

static void clocks(void) {
    clock_checks("REALTIME", REALTIME);
    clock_checks("MONOTONIC", MONOTONIC);
    clock_checks("PROCESS_CPUTIME_ID", CPUTIME);
    check_yes("clock_getres accepts NULL", clock_getres(CLOCK_MONOTONIC, NULL) == 0);

    long long real = now(CLOCK_REALTIME);
    check_yes("REALTIME is after 2020", real > 1577836800LL * 1000000000LL);
    time_t t = time(NULL);
    check_yes("time() agrees with REALTIME", t >= real / 1000000000LL - 1 &&
                                                  t <= real / 1000000000LL + 1);
    struct timeval tv;
    check_ok("gettimeofday", gettimeofday(&tv, NULL));
    check_yes("gettimeofday agrees with REALTIME",
              tv.tv_sec >= real / 1000000000LL - 1 && tv.tv_sec <= real / 1000000000LL + 1);
    check_yes("gettimeofday usec in range", tv.tv_usec >= 0 && tv.tv_usec < 1000000);

    long long cpu0 = now_of(CPUTIME);
    long long wall0 = now(CLOCK_MONOTONIC);
    volatile unsigned long spin = 0;
    while (now(CLOCK_MONOTONIC) - wall0 < 30000000LL) spin++;
    check_yes("PROCESS_CPUTIME advances while computing", now_of(CPUTIME) > cpu0);
    check_yes("clock() is not negative", clock() >= 0);
}

static void sleeping(void) {
    long long t0 = now(CLOCK_MONOTONIC);
    struct timespec d = {0, 20000000};
    check_ok("nanosleep 20ms", nanosleep(&d, NULL));
    check_yes("nanosleep slept at least 20ms", now(CLOCK_MONOTONIC) - t0 >= 20000000LL);

    struct timespec zero = {0, 0};
    check_ok("nanosleep 0", nanosleep(&zero, NULL));
    struct timespec bad = {0, 1000000000};
    check_err("nanosleep nsec out of range", nanosleep(&bad, NULL), EINVAL);
    struct timespec neg = {-1, 0};
    check_err("nanosleep negative", nanosleep(&neg, NULL), EINVAL);

    t0 = now(CLOCK_MONOTONIC);
    d.tv_nsec = 15000000;
    check_code("clock_nanosleep relative MONOTONIC", clock_nanosleep(CLOCK_MONOTONIC, 0, &d, NULL),
               0);
    check_yes("relative clock_nanosleep slept", now(CLOCK_MONOTONIC) - t0 >= 15000000LL);

    check_ok("usleep 1000", usleep(1000));
    check_int("sleep 0", sleep(0), 0);
}

static void file_times(void) {
    struct stat a, b;
    int fd = open("stamped", O_RDWR | O_CREAT | O_TRUNC, 0644);
    must("create stamped", fd);
    long long before = now(CLOCK_REALTIME);
    fstat(fd, &a);
    check_yes("new file mtime is about now",
              ns(a.st_mtim) / 1000000000LL >= before / 1000000000LL - 2 &&
                  ns(a.st_mtim) / 1000000000LL <= before / 1000000000LL + 2);
    struct timespec past[2] = {{1000000000, 0}, {1000000000, 0}};
    futimens(fd, past);
    write(fd, "x", 1);
    fstat(fd, &b);
    check_yes("write advances mtime", ns(b.st_mtim) > 1000000000LL * 1000000000LL);
    futimens(fd, past);
    ftruncate(fd, 0);
    fstat(fd, &b);
    check_yes("ftruncate advances mtime", ns(b.st_mtim) > 1000000000LL * 1000000000LL);
    close(fd);

    mkdir("stampdir", 0755);
    utimensat(AT_FDCWD, "stampdir", past, 0);
    close(open("stampdir/child", O_WRONLY | O_CREAT, 0644));
    stat("stampdir", &b);
    check_yes("creating an entry advances the directory mtime",
              ns(b.st_mtim) > 1000000000LL * 1000000000LL);
}

int main(int argc, char **argv) {
    enter_scratch(argc, argv);
    clocks();
    sleeping();
    file_times();
    return finish();
}
