/* bocal-times.c: getrusage(2) and times(2) over the extension's
 * getrusage call, which gives the kernel's account of CPU time (user and
 * system microseconds of the caller, or of the children it waited for).
 * wasi-libc's versions (its emulated process clocks) count wall-clock time
 * since the program started and no children; these replace them through
 * the linker's --wrap (scripts/build-wasm.ts). clock(3) stays wasi-libc's:
 * its nanoseconds in a 32-bit clock_t would wrap after two seconds of CPU
 * time counted from the spawn. */
#ifdef __wasi__
#include "bocal.h"

#include <errno.h>
#include <string.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

/* The caller's (RUSAGE_SELF) or its waited-for children's (RUSAGE_CHILDREN) times, in µs.
 * wasi-libc numbers `who` its own way (RUSAGE_SELF 1, RUSAGE_CHILDREN 2);
 * the extension takes Linux's (0 and -1). */
static int cpu_times(int who, int64_t *user, int64_t *system) {
    int64_t results[4];
    int64_t wire;
    if (who == RUSAGE_SELF) wire = 0;
    else if (who == RUSAGE_CHILDREN) wire = -1;
    else {
        errno = EINVAL;
        return -1;
    }
    if (__bocal_call(BOCAL_GETRUSAGE, wire, 0, 0, 0, results) < 0) return -1;
    *user = results[0], *system = results[1];
    return 0;
}

static struct timeval timeval_of(int64_t microseconds) {
    return (struct timeval){.tv_sec = (time_t)(microseconds / 1000000),
                            .tv_usec = (suseconds_t)(microseconds % 1000000)};
}

int __wrap_getrusage(int who, struct rusage *usage) {
    int64_t user, system;
    if (cpu_times(who, &user, &system) < 0) return -1;
    memset(usage, 0, sizeof *usage);
    usage->ru_utime = timeval_of(user);
    usage->ru_stime = timeval_of(system);
    return 0;
}

/* Clock ticks (sysconf(_SC_CLK_TCK), Linux's USER_HZ) in `microseconds`. */
static clock_t ticks_of(int64_t microseconds, long hz) {
    return (clock_t)(microseconds * hz / 1000000);
}

clock_t __wrap_times(struct tms *buffer) {
    long hz = sysconf(_SC_CLK_TCK);
    if (hz <= 0) hz = 100;
    int64_t user = 0, system = 0, child_user = 0, child_system = 0;
    if (cpu_times(RUSAGE_SELF, &user, &system) < 0) return (clock_t)-1;
    if (cpu_times(RUSAGE_CHILDREN, &child_user, &child_system) < 0) return (clock_t)-1;
    buffer->tms_utime = ticks_of(user, hz);
    buffer->tms_stime = ticks_of(system, hz);
    buffer->tms_cutime = ticks_of(child_user, hz);
    buffer->tms_cstime = ticks_of(child_system, hz);
    /* Elapsed real time in ticks from an arbitrary point (boot), as Linux. */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (clock_t)((int64_t)now.tv_sec * hz + (int64_t)now.tv_nsec / (1000000000 / hz));
}

#endif
