/* wc.c: wc with -l -w -c -m (bytes: no multibyte locale here) -L, totals
 * for several files, and GNU's column width: the width of the largest count
 * among the files (at least 1), or 7 when an input is not a regular file. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "applets.h"
#include "util.h"

struct counts {
    unsigned long long lines, words, bytes, longest;
};

/* The byte count alone, as GNU's wc -c: a regular file's size from fstat
 * (less where its offset already is; reading on past that size, in case it
 * grew or reports none, as /proc files do), anything else read in big
 * blocks without looking at the bytes. */
static int count_bytes(int fd, unsigned long long *bytes) {
    static unsigned char buffer[65536];
    struct stat st;
    ssize_t got;
    *bytes = 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        off_t at = lseek(fd, 0, SEEK_CUR);
        if (at >= 0 && lseek(fd, st.st_size, SEEK_SET) == st.st_size && at < st.st_size)
            *bytes = (unsigned long long)(st.st_size - at);
    }
    while ((got = read(fd, buffer, sizeof buffer)) != 0) {
        if (got < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        *bytes += (unsigned long long)got;
    }
    return 0;
}

static int count_fd(int fd, struct counts *counts, int bytes_only) {
    static unsigned char buffer[65536];
    int in_word = 0;
    unsigned long long column = 0;
    ssize_t got;
    memset(counts, 0, sizeof *counts);
    if (bytes_only) return count_bytes(fd, &counts->bytes);
    while ((got = read(fd, buffer, sizeof buffer)) != 0) {
        if (got < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        counts->bytes += (unsigned long long)got;
        for (ssize_t i = 0; i < got; i++) {
            unsigned char c = buffer[i];
            if (c == '\n') counts->lines++;
            if (c == '\n' || c == '\r' || c == '\f') column = 0;
            else if (c == '\t') column = (column + 8) & ~7ULL;
            else if (isprint(c)) column++;
            if (column > counts->longest) counts->longest = column;
            int space = isspace(c) != 0;
            if (!space && !in_word && isprint(c)) counts->words++;
            if (space) in_word = 0;
            else if (isprint(c)) in_word = 1;
        }
    }
    return 0;
}

static int digits(unsigned long long n) {
    int d = 1;
    while (n >= 10) n /= 10, d++;
    return d;
}

struct wc_flags {
    int lines, words, bytes, longest;
};

static void print_counts(const struct counts *c, const struct wc_flags *f, int width,
                         const char *name) {
    const char *sep = "";
    if (f->lines) printf("%s%*llu", sep, width, c->lines), sep = " ";
    if (f->words) printf("%s%*llu", sep, width, c->words), sep = " ";
    if (f->bytes) printf("%s%*llu", sep, width, c->bytes), sep = " ";
    if (f->longest) printf("%s%*llu", sep, width, c->longest), sep = " ";
    if (name) printf(" %s", name);
    putchar('\n');
}

int wc_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"bytes", 'c', 0}, {"chars", 'm', 0},           {"lines", 'l', 0},
        {"words", 'w', 0}, {"max-line-length", 'L', 0}, {NULL, 0, 0}};
    struct wc_flags flags = {0};
    struct option_parser parser;
    int key;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... [FILE]...",
                              "Print newline, word, and byte counts for each FILE.\n\n"
                              "  -c, --bytes            print the byte counts\n"
                              "  -m, --chars            print the character counts\n"
                              "  -l, --lines            print the newline counts\n"
                              "  -L, --max-line-length  print the maximum display width\n"
                              "  -w, --words            print the word counts\n");
        case 'c': case 'm': flags.bytes = 1; break;
        case 'l': flags.lines = 1; break;
        case 'w': flags.words = 1; break;
        case 'L': flags.longest = 1; break;
        }
    }
    if (!flags.lines && !flags.words && !flags.bytes && !flags.longest)
        flags.lines = flags.words = flags.bytes = 1;
    int bytes_only = flags.bytes && !flags.lines && !flags.words && !flags.longest;
    int count = parser.operand_count;
    char *stdin_name[] = {"-"};
    char **names = count ? parser.operands : stdin_name;
    if (count == 0) count = 1;
    struct counts all[count], total = {0};
    int ok[count], status = 0, width = 1, not_regular = 0;
    unsigned long long size_sum = 0;
    for (int i = 0; i < count; i++) {
        int is_stdin = strcmp(names[i], "-") == 0;
        int fd = is_stdin ? 0 : open(names[i], O_RDONLY);
        struct stat st;
        /* GNU's test is the input's type, not its name: a regular file on
         * standard input counts toward the width like a named one. */
        if (is_stdin && (fstat(0, &st) != 0 || !S_ISREG(st.st_mode))) not_regular = 1;
        ok[i] = fd >= 0 && count_fd(fd, &all[i], bytes_only) == 0;
        if (!ok[i]) warn_errno(errno, "%s", quotef(names[i])), status = 1;
        if (fd >= 0 && !is_stdin) close(fd);
        if (!ok[i]) continue;
        if (!is_stdin && stat(names[i], &st) == 0 && !S_ISREG(st.st_mode)) not_regular = 1;
        size_sum += all[i].bytes;
        total.lines += all[i].lines, total.words += all[i].words, total.bytes += all[i].bytes;
        if (all[i].longest > total.longest) total.longest = all[i].longest;
    }
    int fields = flags.lines + flags.words + flags.bytes + flags.longest;
    width = digits(size_sum);
    if (not_regular && width < 7) width = 7;
    if (fields == 1 && count == 1) width = 1;
    for (int i = 0; i < count; i++)
        if (ok[i]) print_counts(&all[i], &flags, width, parser.operand_count ? names[i] : NULL);
    if (count > 1) print_counts(&total, &flags, width, "total");
    return status;
}
