/* wasi_abstime: sleeping until an absolute deadline, clock_nanosleep with
 * TIMER_ABSTIME on MONOTONIC and REALTIME (poll_oneoff with one absolute
 * clock subscription). Apart from wasi_time because a host that reads the
 * deadline as a relative timeout sleeps for decades instead of failing.
 * Usage: wasi_abstime SCRATCH_DIR. One line per check; exits 0 when every
 * observation matches Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static long long ns(struct timespec t) {
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static long long now(clockid_t clock) {
    struct timespec t;
    if (clock_gettime(clock, &t) < 0) return -1;
    return ns(t);
}

int main(int argc, char **argv) {
    enter_scratch(argc, argv);
    long long t0, target;
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    target = ns(until) + 25000000LL;
    until.tv_sec = target / 1000000000LL;
    until.tv_nsec = target % 1000000000LL;
    check_code("clock_nanosleep TIMER_ABSTIME MONOTONIC",
               clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL), 0);
    check_yes("absolute sleep reached its deadline", now(CLOCK_MONOTONIC) >= target);

    struct timespec past = {0, 1};
    t0 = now(CLOCK_MONOTONIC);
    check_code("clock_nanosleep to a past deadline",
               clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &past, NULL), 0);
    check_yes("past deadline returns at once", now(CLOCK_MONOTONIC) - t0 < 1000000000LL);

    clock_gettime(CLOCK_REALTIME, &until);
    target = ns(until) + 10000000LL;
    until.tv_sec = target / 1000000000LL;
    until.tv_nsec = target % 1000000000LL;
    check_code("clock_nanosleep TIMER_ABSTIME REALTIME",
               clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &until, NULL), 0);
    check_yes("REALTIME deadline reached", now(CLOCK_REALTIME) >= target);
    return finish();
}
