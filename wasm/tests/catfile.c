/* catfile: the file-read workload of the benchmarks.
 *
 *   catfile FILE...      copies each FILE to stdout, in turn
 *   catfile -c FILE...   reads each FILE and prints the total byte count
 *
 * Both modes read with read(2) in 64 KiB chunks, so the work is one read
 * syscall per 64 KiB whatever runs the program (node:wasi, bocal, Linux).
 * Naming a file several times reads it several times: a benchmark can
 * amortise the start of the process over more bytes. Exits 1 on any error,
 * with a message on stderr in the style of cat(1). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define CHUNK (64 * 1024)

static char buffer[CHUNK];

/* Writes all of buffer[0..length) to stdout; returns 0, or -1 with errno. */
static int write_all(const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t written = write(STDOUT_FILENO, bytes, length);
        if (written < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        bytes += written;
        length -= (size_t)written;
    }
    return 0;
}

/* Reads one file to its end, copying it to stdout unless count_only; adds
 * the bytes read to *total. Returns 0, or 1 after printing an error. */
static int read_file(const char *path, int count_only, unsigned long long *total) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "catfile: %s: %s\n", path, strerror(errno));
        return 1;
    }
    for (;;) {
        ssize_t got = read(fd, buffer, CHUNK);
        if (got == 0) break;
        if (got < 0) {
            if (errno == EINTR) continue;
            fprintf(stderr, "catfile: %s: %s\n", path, strerror(errno));
            close(fd);
            return 1;
        }
        *total += (unsigned long long)got;
        if (!count_only && write_all(buffer, (size_t)got) < 0) {
            fprintf(stderr, "catfile: write error: %s\n", strerror(errno));
            close(fd);
            return 1;
        }
    }
    close(fd);
    return 0;
}

int main(int argc, char **argv) {
    int count_only = 0;
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "-c") == 0) {
        count_only = 1;
        first = 2;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: catfile [-c] FILE...\n");
        return 2;
    }
    unsigned long long total = 0;
    int status = 0;
    for (int i = first; i < argc; i++) status |= read_file(argv[i], count_only, &total);
    if (count_only) printf("%llu\n", total);
    return status;
}
