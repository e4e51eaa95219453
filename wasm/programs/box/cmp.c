/* cmp.c: cmp [-b] [-l] [-s] [-n LIMIT] FILE1 [FILE2]: compares two files
 * byte by byte, GNU diffutils' way: the first difference (`differ: char N,
 * line L`, or `byte` with -b), every difference with -l, nothing with -s;
 * `EOF on NAME after byte N, line L` when one is a prefix of the other.
 * Exit status 0 same, 1 different, 2 trouble. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "applets.h"
#include "util.h"

static FILE *open_operand(const char *name) {
    FILE *file = strcmp(name, "-") == 0 ? stdin : fopen(name, "rb");
    if (!file) {
        warn_errno(errno, "%s", name);
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(file), &st) == 0 && S_ISDIR(st.st_mode)) {
        warn_errno(EISDIR, "%s", name);
        return NULL;
    }
    return file;
}

static long long file_size(FILE *file) {
    struct stat st;
    if (fstat(fileno(file), &st) == 0 && S_ISREG(st.st_mode)) return st.st_size;
    return 0;
}

/* `c` as -b shows it: printable as itself, else ^X, M-x forms (GNU's). */
static const char *show_byte(int c, char *buffer) {
    char *p = buffer;
    if (c >= 128) *p++ = 'M', *p++ = '-', c -= 128;
    if (c < 32) *p++ = '^', *p++ = (char)(c + 64);
    else if (c == 127) *p++ = '^', *p++ = '?';
    else *p++ = (char)c;
    *p = '\0';
    return buffer;
}

int cmp_main(int argc, char **argv) {
    static const struct option_spec specs[] = {{"print-bytes", 'b', 0}, {"verbose", 'l', 0},
                                               {"quiet", 's', 0},       {"silent", 's', 0},
                                               {"bytes", 'n', 1},       {NULL, 0, 0}};
    struct option_parser parser;
    int bytes = 0, verbose = 0, silent = 0, key;
    long long limit = -1;
    try_help_named = 1;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 2;
        case OPT_HELP:
            return print_help("[OPTION]... FILE1 [FILE2]",
                              "Compare two files byte by byte.\n\n"
                              "  -b, --print-bytes    print differing bytes\n"
                              "  -l, --verbose        output byte numbers and differing byte "
                              "values\n"
                              "  -n, --bytes=LIMIT    compare at most LIMIT bytes\n"
                              "  -s, --quiet, --silent  suppress all normal output\n\n"
                              "Exit status is 0 if inputs are the same, 1 if different, 2 if "
                              "trouble.\n");
        case 'b': bytes = 1; break;
        case 'l': verbose = 1; break;
        case 's': silent = 1; break;
        case 'n': {
            unsigned long long value;
            if (parse_count(parser.arg, &value) != 0) {
                warnx_("invalid --bytes value %s", quote(parser.arg));
                return try_help(), 2;
            }
            limit = (long long)value;
            break;
        }
        }
    }
    if (verbose && silent) {
        warnx_("options -l and -s are incompatible");
        return try_help(), 2;
    }
    if (parser.operand_count == 0) {
        warnx_("missing operand after %s", quote(argv[0]));
        return try_help(), 2;
    }
    if (parser.operand_count > 2) {
        warnx_("invalid --ignore-initial value %s", quote(parser.operands[2]));
        return try_help(), 2;
    }
    const char *names[2] = {parser.operands[0], parser.operand_count > 1 ? parser.operands[1] : "-"};
    FILE *files[2];
    for (int i = 0; i < 2; i++)
        if (!(files[i] = open_operand(names[i]))) return 2;
    /* -l's offsets are as wide as the last one can be: the smaller size */
    long long size = file_size(files[0]) < file_size(files[1]) ? file_size(files[0])
                                                               : file_size(files[1]);
    if (limit >= 0 && limit < size) size = limit;
    int width = snprintf(NULL, 0, "%lld", size);
    long long offset = 0, line = 1;
    int differ = 0, last = -1;
    for (;;) {
        if (limit >= 0 && offset >= limit) break;
        int a = getc(files[0]), b = getc(files[1]);
        if (a == EOF || b == EOF) {
            if (a == b) break;
            if (!silent) {
                const char *shorter = names[a == EOF ? 0 : 1];
                fflush(stdout);
                if (offset == 0) fprintf(stderr, "cmp: EOF on %s which is empty\n", shorter);
                else if (verbose) fprintf(stderr, "cmp: EOF on %s after byte %lld\n", shorter, offset);
                else /* the line of the last byte: a final newline starts none */
                    fprintf(stderr, "cmp: EOF on %s after byte %lld, line %lld\n", shorter, offset,
                            line - (last == '\n'));
            }
            differ = 1;
            break;
        }
        offset++;
        if (a != b) {
            differ = 1;
            if (silent) break;
            char one[8], two[8];
            if (verbose) {
                if (bytes)
                    printf("%*lld %3o %-4s %3o %s\n", width, offset, a, show_byte(a, one), b,
                           show_byte(b, two));
                else printf("%*lld %3o %3o\n", width, offset, a, b);
                if (a == '\n') line++;
                continue;
            }
            if (bytes)
                printf("%s %s differ: byte %lld, line %lld is %3o %s %3o %s\n", names[0], names[1],
                       offset, line, a, show_byte(a, one), b, show_byte(b, two));
            else printf("%s %s differ: char %lld, line %lld\n", names[0], names[1], offset, line);
            break;
        }
        if (a == '\n') line++;
        last = a;
    }
    return differ;
}
