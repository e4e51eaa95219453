/* headtail.c: head and tail with -n N and -c N (K/M/G suffixes), head's
 * -n -N / -c -N (all but the last N) and tail's -n +N / -c +N (from the
 * Nth on), -q/-v and the `==> NAME <==` headers between several files.
 * head's plain -n N / -c N stream: they stop reading once they have what
 * they print, so `yes | head` ends. The "from the end" forms read the
 * input whole into memory (no seeking: pipes work the same). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "applets.h"
#include "util.h"

struct span {
    int lines;    /* count lines (else bytes) */
    int relative; /* head: -N (all but last N); tail: +N (from Nth) */
    unsigned long long count;
};

/* The whole input of fd in a malloc'd buffer; -1 on a read error. */
static ssize_t slurp(int fd, char **out) {
    size_t capacity = 65536, length = 0;
    char *data = xmalloc(capacity);
    for (;;) {
        if (length == capacity) {
            char *bigger = realloc(data, capacity *= 2);
            if (!bigger) return free(data), errno = ENOMEM, -1;
            data = bigger;
        }
        ssize_t got = read(fd, data + length, capacity - length);
        if (got == 0) break;
        if (got < 0) {
            if (errno == EINTR) continue;
            return free(data), -1;
        }
        length += (size_t)got;
    }
    *out = data;
    return (ssize_t)length;
}

/* Offset just after the n-th newline from the start (or the end of data). */
static size_t after_lines(const char *data, size_t length, unsigned long long n) {
    size_t at = 0;
    while (n > 0 && at < length) {
        const char *newline = memchr(data + at, '\n', length - at);
        if (!newline) return length;
        at = (size_t)(newline - data) + 1, n--;
    }
    return at;
}

/* Offset of the start of the last n lines (a last line without newline counts). */
static size_t last_lines(const char *data, size_t length, unsigned long long n) {
    size_t at = length;
    if (n == 0) return length;
    if (at > 0 && data[at - 1] == '\n') at--;
    while (at > 0) {
        if (data[at - 1] == '\n' && --n == 0) return at;
        at--;
    }
    return 0;
}

static int select_range(const char *data, size_t length, const struct span *span, int head,
                        size_t *from, size_t *to) {
    unsigned long long n = span->count;
    *from = 0, *to = length;
    if (head && !span->relative)
        *to = span->lines ? after_lines(data, length, n) : (n < length ? n : length);
    else if (head)
        *to = span->lines ? last_lines(data, length, n) : (n < length ? length - n : 0);
    else if (span->relative) {
        if (n > 0) n--;
        *from = span->lines ? after_lines(data, length, n) : (n < length ? n : length);
    } else
        *from = span->lines ? last_lines(data, length, n) : (n < length ? length - n : 0);
    return 0;
}

/* head -n N / -c N: copies the first N lines or bytes of fd to stdout as
 * they arrive, reading no more than it must. 0, or -1 with errno and which
 * side failed in *reading. */
static int head_stream(int fd, const struct span *span, int *reading) {
    static char buffer[65536]; /* static: WebAssembly stacks are 64 KiB */
    unsigned long long left = span->count;
    while (left > 0) {
        ssize_t got = read(fd, buffer, sizeof buffer);
        if (got == 0) return 0;
        if (got < 0) {
            if (errno == EINTR) continue;
            return *reading = 1, -1;
        }
        size_t take = (size_t)got;
        if (span->lines) {
            size_t at = 0;
            while (left > 0 && at < (size_t)got) {
                const char *newline = memchr(buffer + at, '\n', (size_t)got - at);
                if (!newline) {
                    at = (size_t)got;
                    break;
                }
                at = (size_t)(newline - buffer) + 1, left--;
            }
            take = at;
        } else {
            if (take > left) take = (size_t)left;
            left -= take;
        }
        if (write_all(1, buffer, take) < 0) return *reading = 0, -1;
    }
    return 0;
}

static int one_file(const char *name, const struct span *span, int head, int header,
                    int *first) {
    int is_stdin = strcmp(name, "-") == 0;
    const char *shown = is_stdin ? "standard input" : name;
    int fd = is_stdin ? 0 : open(name, O_RDONLY);
    if (fd < 0) {
        warn_errno(errno, "cannot open %s for reading", quote(name));
        return 1;
    }
    if (head && !span->relative) {
        if (header) printf("%s==> %s <==\n", *first ? "" : "\n", shown);
        *first = 0;
        fflush(stdout);
        int reading = 0;
        int failed = head_stream(fd, span, &reading) < 0;
        if (!is_stdin) close(fd);
        if (failed && reading) warn_errno(errno, "error reading %s", quote(shown));
        else if (failed) warn_errno(errno, "error writing 'standard output'");
        return failed;
    }
    char *data;
    ssize_t length = slurp(fd, &data);
    if (!is_stdin) close(fd);
    if (length < 0) return warn_errno(errno, "error reading %s", quote(shown)), 1;
    if (header) printf("%s==> %s <==\n", *first ? "" : "\n", shown);
    *first = 0;
    size_t from, to;
    select_range(data, (size_t)length, span, head, &from, &to);
    fflush(stdout);
    int status = from < to && write_all(1, data + from, to - from) < 0;
    if (status) warn_errno(errno, "error writing 'standard output'");
    free(data);
    return status;
}

static int parse_span(const char *text, struct span *span, int lines, int head) {
    span->lines = lines;
    span->relative = 0;
    if (*text == (head ? '-' : '+')) span->relative = 1, text++;
    else if (*text == '-' && !head) text++;
    else if (*text == '+' && head) text++;
    if (parse_count(text, &span->count) == 0) return 0;
    if (head)
        warnx_("invalid number of %s: %s", lines ? "lines" : "bytes", quote(text));
    else
        warnx_("invalid number of %s: %s", lines ? "lines" : "bytes", quote(text));
    return -1;
}

static int head_or_tail(int argc, char **argv, int head) {
    static const struct option_spec specs[] = {
        {"bytes", 'c', 1}, {"lines", 'n', 1},   {"quiet", 'q', 0},
        {"silent", 'q', 0}, {"verbose", 'v', 0}, {NULL, 0, 0}};
    struct span span = {1, 0, 10};
    struct option_parser parser;
    int key, verbose = 0, quiet = 0;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help(
                "[OPTION]... [FILE]...",
                head ? "Print the first 10 lines of each FILE to standard output.\n\n"
                       "  -c, --bytes=[-]NUM   print the first NUM bytes; with -NUM, all but "
                       "the last NUM\n  -n, --lines=[-]NUM   print the first NUM lines; with "
                       "-NUM, all but the last NUM\n  -q, --quiet          never print "
                       "headers\n  -v, --verbose        always print headers\n"
                     : "Print the last 10 lines of each FILE to standard output.\n\n"
                       "  -c, --bytes=[+]NUM   output the last NUM bytes; +NUM from byte "
                       "NUM on\n  -n, --lines=[+]NUM   output the last NUM lines; +NUM from "
                       "line NUM on\n  -q, --quiet          never print headers\n"
                       "  -v, --verbose        always print headers\n");
        case 'c':
        case 'n':
            if (parse_span(parser.arg, &span, key == 'n', head) < 0) return 1;
            break;
        case 'q': quiet = 1, verbose = 0; break;
        case 'v': verbose = 1, quiet = 0; break;
        }
    }
    int count = parser.operand_count, status = 0, first = 1;
    if (count == 0) return one_file("-", &span, head, verbose, &first);
    int header = verbose || (count > 1 && !quiet);
    for (int i = 0; i < count; i++)
        status |= one_file(parser.operands[i], &span, head, header, &first);
    return status;
}

/* The obsolete `head -5` / `tail -5` form, which coreutils still accepts as
 * the first argument: rewritten to `-n 5` before ordinary option parsing.
 * (coreutils' tail refuses it before several files, with another message.) */
static int obsolete_count(int argc, char **argv, int head) {
    const char *first = argc > 1 ? argv[1] : NULL;
    /* tail takes it only before a single file, as coreutils does. */
    if (!first || first[0] != '-' || first[1] < '0' || first[1] > '9' || (!head && argc > 3))
        return head_or_tail(argc, argv, head);
    for (const char *c = first + 1; *c; c++)
        if (*c < '0' || *c > '9') return head_or_tail(argc, argv, head);
    char *rewritten[argc + 2];
    rewritten[0] = argv[0];
    rewritten[1] = "-n";
    rewritten[2] = (char *)first + 1;
    for (int i = 2; i <= argc; i++) rewritten[i + 1] = argv[i];
    return head_or_tail(argc + 1, rewritten, head);
}

int head_main(int argc, char **argv) { return obsolete_count(argc, argv, 1); }

int tail_main(int argc, char **argv) { return obsolete_count(argc, argv, 0); }
