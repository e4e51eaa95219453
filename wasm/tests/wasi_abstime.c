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

/* ---- check helpers (the same block opens every wasi_*.c: the build
 * compiles each test as one file, so they cannot share a header) ----
 * Each check prints one line "name: observed". When the observation is not
 * what Linux does, the line ends with " -- expected X" and the program
 * exits 1 at the end. A broken setup step exits 2 at once. */
static int failures;

static const char *errno_name(int e) {
    static char other[32];
    switch (e) {
    case 0: return "ok";
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case ENOTEMPTY: return "ENOTEMPTY";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case ELOOP: return "ELOOP";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case EPERM: return "EPERM";
    case EACCES: return "EACCES";
    case EXDEV: return "EXDEV";
    case ESPIPE: return "ESPIPE";
    case ENOTSOCK: return "ENOTSOCK";
    case ENOSYS: return "ENOSYS";
    case ENOTSUP: return "ENOTSUP";
    case EFAULT: return "EFAULT";
    case EAGAIN: return "EAGAIN";
    case EBUSY: return "EBUSY";
    case EMLINK: return "EMLINK";
    case ENOSPC: return "ENOSPC";
    case EFBIG: return "EFBIG";
    case ERANGE: return "ERANGE";
    case ENOBUFS: return "ENOBUFS";
    case EIO: return "EIO";
#ifdef ENOTCAPABLE
    case ENOTCAPABLE: return "ENOTCAPABLE";
#endif
    default: snprintf(other, sizeof other, "errno %d", e); return other;
    }
}

static void report(const char *name, const char *observed, const char *expected) {
    if (strcmp(observed, expected) == 0) {
        printf("%s: %s\n", name, observed);
    } else {
        printf("%s: %s -- expected %s\n", name, observed, expected);
        failures++;
    }
}

/* A call returning -1/errno on failure must succeed. */
static void check_ok(const char *name, long ret) {
    report(name, errno_name(ret < 0 ? errno : 0), "ok");
}

/* A call returning -1/errno must fail with `expected`. */
static void check_err(const char *name, long ret, int expected) {
    report(name, errno_name(ret < 0 ? errno : 0), errno_name(expected));
}

/* A call returning an error number (posix_fadvise, posix_fallocate). */
static void check_code(const char *name, int code, int expected) {
    report(name, errno_name(code), errno_name(expected));
}

/* A count or offset; a -1 where a count was expected shows the errno. */
static void check_int(const char *name, long long got, long long want) {
    char a[32], b[32];
    if (got == -1 && want != -1)
        snprintf(a, sizeof a, "%s", errno_name(errno));
    else
        snprintf(a, sizeof a, "%lld", got);
    snprintf(b, sizeof b, "%lld", want);
    report(name, a, b);
}

static void check_yes(const char *name, int cond) {
    report(name, cond ? "yes" : "no", "yes");
}

static void check_str(const char *name, const char *got, const char *want) {
    report(name, got, want);
}

/* A setup step that must work for the remaining checks to mean anything. */
static void must(const char *what, long ret) {
    if (ret >= 0) return;
    printf("setup %s: %s\n", what, errno_name(errno));
    exit(2);
}

static int finish(void) {
    fflush(stdout);
    return failures ? 1 : 0;
}

/* Enters the scratch directory given as argv[1]; stdout is line-buffered. */
static void enter_scratch(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0); /* a hang still shows the last check */
    if (argc < 2) {
        fprintf(stderr, "usage: %s SCRATCH_DIR\n", argv[0]);
        exit(2);
    }
    must("chdir scratch", chdir(argv[1]));
}
/* ---- end of check helpers ---- */

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
