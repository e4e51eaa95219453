/* sh-times.c: the times builtin (XCU 2.14): the user and system CPU time
 * of the shell, then of its children that ended, as dash prints them
 * ("0m0.010000s 0m0.002000s" twice). On WASI no CPU time is known (the
 * kernel keeps no such account and wasi-libc hides the process CPU clock):
 * every figure is 0, in the same format. */
#define _GNU_SOURCE
#include <stdio.h>
#include <unistd.h>
#ifndef __wasi__
#include <sys/times.h>
#endif

#include "sh.h"

static void print_pair(double user, double system) {
    printf("%dm%fs %dm%fs\n", (int)(user / 60), user - 60 * (int)(user / 60), (int)(system / 60),
           system - 60 * (int)(system / 60));
}

int bi_times(int argc, char **argv) {
    (void)argc, (void)argv;
#ifdef __wasi__
    print_pair(0, 0);
    print_pair(0, 0);
#else
    struct tms t;
    times(&t);
    double tick = (double)sysconf(_SC_CLK_TCK);
    print_pair((double)t.tms_utime / tick, (double)t.tms_stime / tick);
    print_pair((double)t.tms_cutime / tick, (double)t.tms_cstime / tick);
#endif
    return 0;
}
