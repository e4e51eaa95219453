/* cat.c: cat with -n -b -s -E -T -v -A, and `-` for standard input. Without
 * options it copies bytes through a buffer, or, from a regular file into a
 * pipe, has the kernel copy them with sendfile(2) as BusyBox's cat does
 * (one copy instead of a read and a write through this program's memory);
 * with options it goes line by line. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "applets.h"
#include "bocal-sendfile.h"
#include "util.h"

struct cat_options {
    int number, number_nonblank, squeeze, show_ends, show_tabs, show_nonprinting;
    /* Kept across files, as GNU's cat numbers and squeezes the whole stream. */
    unsigned long line;
    int at_line_start, blank_run;
};

static void put_visible(int c, const struct cat_options *options) {
    if (c == '\t' && !options->show_tabs) return (void)putchar(c);
    if (c == '\t') return (void)fputs("^I", stdout);
    if (!options->show_nonprinting || c == '\n') return (void)putchar(c);
    if (c >= 128) fputs("M-", stdout), c -= 128;
    if (c < 32) printf("^%c", c + 64);
    else if (c == 127) fputs("^?", stdout);
    else putchar(c);
}

static void cat_formatted(FILE *in, struct cat_options *options) {
    int c;
    while ((c = getc(in)) != EOF) {
        if (options->at_line_start) {
            int blank = c == '\n';
            if (blank && options->squeeze && options->blank_run) continue;
            options->blank_run = blank;
            if (options->number_nonblank ? !blank : options->number)
                printf("%6lu\t", ++options->line);
        }
        options->at_line_start = c == '\n';
        if (c == '\n' && options->show_ends) putchar('$');
        put_visible(c, options);
    }
}

/* Copies a regular file into a pipe on stdout with sendfile(2): 0 at the
 * file's end, -2 on a write error (errno set), 1 when sendfile cannot do it
 * (EINVAL, ENOSYS: another kernel or file kind) and nothing was copied yet,
 * so read and write take over. */
static int cat_sendfile(int fd) {
    struct stat in, out;
    if (fstat(fd, &in) < 0 || !S_ISREG(in.st_mode)) return 1;
    if (fstat(1, &out) < 0 || !S_ISFIFO(out.st_mode)) return 1;
    int copied_any = 0;
    for (;;) {
        ssize_t sent = sendfile(1, fd, NULL, 1 << 30);
        if (sent == 0) return 0;
        if (sent > 0) {
            copied_any = 1;
            continue;
        }
        if (errno == EINTR) continue;
        if (!copied_any && (errno == EINVAL || errno == ENOSYS)) return 1;
        return -2;
    }
}

static int cat_raw(int fd) {
    static char buffer[65536];
    ssize_t got;
    fflush(stdout);
    int sent = cat_sendfile(fd);
    if (sent <= 0) return sent;
    while ((got = read(fd, buffer, sizeof buffer)) != 0) {
        if (got < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (write_all(1, buffer, (size_t)got) < 0) return -2;
    }
    return 0;
}

static int cat_one(const char *name, struct cat_options *options, int formatted) {
    int stdin_ = strcmp(name, "-") == 0;
    int fd = stdin_ ? 0 : open(name, O_RDONLY);
    if (fd < 0) return warn_errno(errno, "%s", quotef(name)), 1;
    int status = 0;
    if (formatted) {
        FILE *in = stdin_ ? stdin : fdopen(fd, "r");
        cat_formatted(in, options);
        if (ferror(in)) status = 1, warn_errno(errno, "%s", quotef(name));
        if (!stdin_) fclose(in);
        return status;
    }
    int result = cat_raw(fd);
    if (result == -1) status = 1, warn_errno(errno, "%s", quotef(name));
    if (result == -2) status = 1, warn_errno(errno, "write error");
    if (!stdin_) close(fd);
    return status;
}

int cat_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"show-all", 'A', 0},         {"number-nonblank", 'b', 0}, {NULL, 'e', 0},
        {"show-ends", 'E', 0},        {"number", 'n', 0},          {"squeeze-blank", 's', 0},
        {NULL, 't', 0},               {"show-tabs", 'T', 0},       {NULL, 'u', 0},
        {"show-nonprinting", 'v', 0}, {NULL, 0, 0}};
    struct cat_options options = {0};
    struct option_parser parser;
    int key;
    options.at_line_start = 1;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... [FILE]...",
                              "Concatenate FILE(s) to standard output.\n\n"
                              "With no FILE, or when FILE is -, read standard input.\n\n"
                              "  -A, --show-all           equivalent to -vET\n"
                              "  -b, --number-nonblank    number nonempty output lines\n"
                              "  -e                       equivalent to -vE\n"
                              "  -E, --show-ends          display $ at end of each line\n"
                              "  -n, --number             number all output lines\n"
                              "  -s, --squeeze-blank      suppress repeated empty output lines\n"
                              "  -t                       equivalent to -vT\n"
                              "  -T, --show-tabs          display TAB characters as ^I\n"
                              "  -u                       (ignored)\n"
                              "  -v, --show-nonprinting   use ^ and M- notation\n");
        case 'A': options.show_nonprinting = options.show_ends = options.show_tabs = 1; break;
        case 'b': options.number_nonblank = 1; break;
        case 'e': options.show_nonprinting = options.show_ends = 1; break;
        case 'E': options.show_ends = 1; break;
        case 'n': options.number = 1; break;
        case 's': options.squeeze = 1; break;
        case 't': options.show_nonprinting = options.show_tabs = 1; break;
        case 'T': options.show_tabs = 1; break;
        case 'v': options.show_nonprinting = 1; break;
        }
    }
    int formatted = options.number || options.number_nonblank || options.squeeze ||
                    options.show_ends || options.show_tabs || options.show_nonprinting;
    int status = 0;
    if (parser.operand_count == 0) return cat_one("-", &options, formatted);
    for (int i = 0; i < parser.operand_count; i++)
        status |= cat_one(parser.operands[i], &options, formatted);
    return status;
}
