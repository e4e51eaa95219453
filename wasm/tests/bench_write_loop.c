/* bench_write_loop: the syscall round-trip workload of the kernel benchmarks.
 *
 *   bench_write_loop [BATCHES [WRITES]]
 *
 * Opens /dev/null and makes WRITES one-byte write(2) calls to it, BATCHES
 * times (200 and 100 by default), after one untimed batch that warms up
 * both sides. Each batch is timed with clock_gettime(CLOCK_MONOTONIC) and
 * divided by WRITES; the program prints the median of these per-write
 * times, in nanoseconds, followed by a newline.
 *
 * Why batches: reading the clock is not free everywhere (under node:wasi it
 * is an import call, on Linux a vDSO call), so timing every write would add
 * the clock to each sample. A batch of a hundred writes makes the clock a
 * small fraction, and the median over batches drops the batches that lost
 * the CPU to another process. On bocal the clock is answered in the
 * process's worker without a syscall, so only the writes cross the channel.
 *
 * Exits 1 with a message on stderr if a write fails or writes nothing, 2 on
 * bad arguments. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_BATCHES 100000

static long long batch_ns[MAX_BATCHES];

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Parses a positive count no larger than `max`; returns -1 if it is not one. */
static long parse_count(const char *text, long max) {
    char *end = NULL;
    long value = strtol(text, &end, 10);
    if (end == text || *end != '\0' || value <= 0 || value > max) return -1;
    return value;
}

/* Makes `writes` one-byte writes to fd; returns 0, or -1 after printing an error. */
static int write_bytes(int fd, long writes) {
    static const char byte = 'x';
    for (long i = 0; i < writes; i++) {
        ssize_t written = write(fd, &byte, 1);
        if (written != 1) {
            fprintf(stderr, "bench_write_loop: write: %s\n",
                    written < 0 ? strerror(errno) : "wrote nothing");
            return -1;
        }
    }
    return 0;
}

static int compare_ns(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    long batches = argc > 1 ? parse_count(argv[1], MAX_BATCHES) : 200;
    long writes = argc > 2 ? parse_count(argv[2], 1000000) : 100;
    if (argc > 3 || batches < 0 || writes < 0) {
        fprintf(stderr, "usage: bench_write_loop [BATCHES [WRITES]]\n");
        return 2;
    }
    int fd = open("/dev/null", O_WRONLY);
    if (fd < 0) {
        fprintf(stderr, "bench_write_loop: /dev/null: %s\n", strerror(errno));
        return 1;
    }
    if (write_bytes(fd, writes) < 0) return 1;
    for (long b = 0; b < batches; b++) {
        long long start = now_ns();
        if (write_bytes(fd, writes) < 0) return 1;
        batch_ns[b] = now_ns() - start;
    }
    close(fd);
    qsort(batch_ns, (size_t)batches, sizeof batch_ns[0], compare_ns);
    printf("%lld\n", batch_ns[batches / 2] / writes);
    return 0;
}
