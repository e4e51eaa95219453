/* sh-times.c: the times builtin (XCU 2.14): the user and system CPU time
 * of the shell, then of its children that ended, as dash prints them
 * ("0m0.010000s 0m0.002000s" twice), from times(2). On bocal the figures
 * are the kernel's account (time alive minus time blocked, docs/abi.md's
 * getrusage), so they are coarser than Linux's. */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/times.h>
#include <unistd.h>

#include "sh.h"

static void print_pair(double user, double system) {
    printf("%dm%fs %dm%fs\n", (int)(user / 60), user - 60 * (int)(user / 60), (int)(system / 60),
           system - 60 * (int)(system / 60));
}

int bi_times(int argc, char **argv) {
    (void)argc, (void)argv;
    struct tms t;
    times(&t);
    double tick = (double)sysconf(_SC_CLK_TCK);
    if (tick <= 0) tick = 100;
    print_pair((double)t.tms_utime / tick, (double)t.tms_stime / tick);
    print_pair((double)t.tms_cutime / tick, (double)t.tms_cstime / tick);
    return 0;
}
