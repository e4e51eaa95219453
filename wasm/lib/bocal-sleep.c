/* bocal-sleep.c: clock_nanosleep(2), nanosleep(2), sleep(3) and usleep(3)
 * over the kernel's NANOSLEEP, so that a handled signal ends them with
 * EINTR and the time left, as on Linux (wasi-libc's sleep on poll_oneoff
 * cannot be interrupted). Where the extension answers ENOSYS, wasi-libc's
 * versions run. */
#ifdef __wasi__
#include "bocal.h"

#define NS_PER_S 1000000000L

int __real_clock_nanosleep(clockid_t, int, const struct timespec *, struct timespec *);
int __real_nanosleep(const struct timespec *, struct timespec *);

/* wasi-libc's clockid_t is a pointer; the wire has Linux's (= WASI's) numbers. */
static int clock_number(clockid_t clock) {
    if (clock == CLOCK_REALTIME) return 0;
    if (clock == CLOCK_MONOTONIC) return 1;
    return -1;
}

/* Returns an errno value (0 on success), as clock_nanosleep does. */
int __wrap_clock_nanosleep(clockid_t clock, int flags, const struct timespec *request,
                           struct timespec *remain) {
    int number = clock_number(clock);
    if (number < 0) return EINVAL;
    int64_t results[4] = {0, 0, 0, 0};
    int saved = errno;
    /* A sleep is where a polling program expects others' writes to shared memory. */
    if (__bocal_shm_sync_hook) __bocal_shm_sync_hook();
    int64_t slept = __bocal_call(BOCAL_NANOSLEEP, number, flags & TIMER_ABSTIME, request->tv_sec,
                                 request->tv_nsec, results);
    int error = errno;
    if (__bocal_shm_sync_hook) __bocal_shm_sync_hook();
    if (slept >= 0) {
        errno = saved;
        return 0;
    }
    errno = saved;
    if (error == ENOSYS) return __real_clock_nanosleep(clock, flags, request, remain);
    if (error == EINTR && remain && !(flags & TIMER_ABSTIME)) {
        remain->tv_sec = (time_t)results[1];
        remain->tv_nsec = (long)results[2];
    }
    return error;
}

int __wrap_nanosleep(const struct timespec *request, struct timespec *remain) {
    int error = __wrap_clock_nanosleep(CLOCK_MONOTONIC, 0, request, remain);
    if (error == 0) return 0;
    errno = error;
    return -1;
}

/* sleep(3): the whole seconds left when a signal ended it (as glibc and musl). */
unsigned __wrap_sleep(unsigned seconds) {
    struct timespec request = {seconds, 0}, remain = {0, 0};
    if (__wrap_nanosleep(&request, &remain) == 0) return 0;
    return (unsigned)remain.tv_sec;
}

int __wrap_usleep(unsigned microseconds) {
    struct timespec request = {microseconds / 1000000, (long)(microseconds % 1000000) * 1000};
    return __wrap_nanosleep(&request, 0);
}
#endif
