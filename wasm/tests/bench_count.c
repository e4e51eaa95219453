/* bench_count: the reading end of the kernel's pipe benchmark, a `wc -c`.
 *
 *   bench_count
 *
 * Reads standard input to its end with read(2) in 64 KiB chunks and prints
 * the number of bytes read, followed by a newline. Exits 1 with a message
 * on stderr if a read fails, 2 if given arguments. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define CHUNK (64 * 1024)

static char buffer[CHUNK];

int main(int argc, char **argv) {
    (void)argv;
    if (argc > 1) {
        fprintf(stderr, "usage: bench_count < FILE\n");
        return 2;
    }
    unsigned long long total = 0;
    for (;;) {
        ssize_t got = read(STDIN_FILENO, buffer, CHUNK);
        if (got == 0) break;
        if (got < 0) {
            if (errno == EINTR) continue;
            fprintf(stderr, "bench_count: read error: %s\n", strerror(errno));
            return 1;
        }
        total += (unsigned long long)got;
    }
    printf("%llu\n", total);
    return 0;
}
