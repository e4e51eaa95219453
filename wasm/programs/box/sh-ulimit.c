/* sh-ulimit.c: the ulimit builtin over getrlimit/setrlimit, with dash's
 * letters, units and listing. A new limit applies to the shell and so to
 * every program it starts afterwards. */
#define _GNU_SOURCE
#include "bocal.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "sh.h"

/* Linux's numbers, for the resources wasi-libc's headers do not name. */
#ifndef RLIMIT_LOCKS
#define RLIMIT_LOCKS 10
#endif
#ifndef RLIMIT_RTPRIO
#define RLIMIT_RTPRIO 14
#endif

static const struct limit {
    char letter;
    int resource;
    unsigned factor; /* bytes per unit shown */
    const char *label;
} limits[] = {
    {'t', RLIMIT_CPU, 1, "time(seconds)"},
    {'f', RLIMIT_FSIZE, 512, "file(blocks)"},
    {'d', RLIMIT_DATA, 1024, "data(kbytes)"},
    {'s', RLIMIT_STACK, 1024, "stack(kbytes)"},
    {'c', RLIMIT_CORE, 512, "coredump(blocks)"},
    {'m', RLIMIT_RSS, 1024, "memory(kbytes)"},
    {'l', RLIMIT_MEMLOCK, 1024, "locked memory(kbytes)"},
    {'p', RLIMIT_NPROC, 1, "process"},
    {'n', RLIMIT_NOFILE, 1, "nofiles"},
    {'v', RLIMIT_AS, 1024, "vmemory(kbytes)"},
    {'w', RLIMIT_LOCKS, 1, "locks"},
    {'r', RLIMIT_RTPRIO, 1, "rtprio"},
};
#define NLIMITS (sizeof limits / sizeof limits[0])

static void show(const struct limit *l, int hard, int labelled) {
    struct rlimit r;
    if (labelled) printf("%-20s ", l->label);
    if (getrlimit(l->resource, &r) < 0) {
        puts("unknown");
        return;
    }
    rlim_t v = hard ? r.rlim_max : r.rlim_cur;
    if (v == RLIM_INFINITY) puts("unlimited");
    else printf("%llu\n", (unsigned long long)(v / l->factor));
}

/* ulimit [-H|-S] [-a | -LETTER [VALUE]] */
int bi_ulimit(int argc, char **argv) {
    int hard = 0, soft = 0, all = 0, i = 1;
    const struct limit *which = &limits[1]; /* -f, as POSIX says */
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'H') hard = 1;
            else if (*o == 'S') soft = 1;
            else if (*o == 'a') all = 1;
            else {
                size_t k = 0;
                while (k < NLIMITS && limits[k].letter != *o) k++;
                if (k == NLIMITS) {
                    sh_error("ulimit: Illegal option -%c", *o);
                    return 2;
                }
                which = &limits[k];
            }
        }
    }
    if (all) {
        for (size_t k = 0; k < NLIMITS; k++) show(&limits[k], hard && !soft, 1);
        return 0;
    }
    if (i >= argc) {
        show(which, hard && !soft, 0);
        return 0;
    }
    rlim_t value;
    if (strcmp(argv[i], "unlimited") == 0) value = RLIM_INFINITY;
    else {
        char *end;
        errno = 0;
        unsigned long long n = strtoull(argv[i], &end, 10);
        if (!*argv[i] || *end || argv[i][0] == '-' || errno) {
            sh_error("ulimit: bad number");
            return 2;
        }
        value = (rlim_t)(n * which->factor);
    }
    struct rlimit r;
    if (getrlimit(which->resource, &r) < 0) r.rlim_cur = r.rlim_max = RLIM_INFINITY;
    if (hard || !soft) r.rlim_max = value;
    if (soft || !hard) r.rlim_cur = value;
    if (setrlimit(which->resource, &r) < 0) {
        sh_error("ulimit: error setting limit (%s)", strerror(errno));
        return 2;
    }
    return 0;
}
