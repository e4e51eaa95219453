/* paste.c: paste [-s] [-d LIST] [-z] [FILE]...: joins corresponding lines
 * of the files (or, with -s, all lines of each file) with the delimiters of
 * LIST used in turn (\n \t \\ and \0 for none are understood). "-" is
 * standard input, and may be named more than once. Every file is opened
 * before any output, so a missing one fails the whole command, as GNU. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "util.h"

/* Decodes LIST; an empty item (\0) is stored as '\0'. Returns its length,
 * or -1 after GNU's message when it ends with a lone backslash. */
static int parse_delimiters(const char *list, char *out) {
    int count = 0;
    for (const char *p = list; *p; p++) {
        if (*p != '\\') {
            out[count++] = *p;
            continue;
        }
        p++;
        switch (*p) {
        case '\0':
            warnx_("delimiter list ends with an unescaped backslash: %s", list);
            return -1;
        case 'n': out[count++] = '\n'; break;
        case 't': out[count++] = '\t'; break;
        case '0': out[count++] = '\0'; break;
        case 'b': out[count++] = '\b'; break;
        case 'f': out[count++] = '\f'; break;
        case 'r': out[count++] = '\r'; break;
        case 'v': out[count++] = '\v'; break;
        default: out[count++] = *p;
        }
    }
    return count;
}

static void put_delimiter(const char *delimiters, int count, int index) {
    char c = delimiters[index % count];
    if (c) putchar(c);
}

/* One line of `file` without its terminator, in *line; 0 at the end. */
static int next_line(FILE *file, char **line, size_t *size, char end) {
    if (!file) return 0;
    ssize_t got = getdelim(line, size, end, file);
    if (got < 0) return 0;
    if (got > 0 && (*line)[got - 1] == end) (*line)[got - 1] = '\0';
    return 1;
}

static int paste_serial(FILE **files, int count, const char *delimiters, int delimiter_count,
                        char end) {
    char *line = NULL;
    size_t size = 0;
    for (int i = 0; i < count; i++) {
        int index = 0, first = 1;
        while (next_line(files[i], &line, &size, end)) {
            if (!first) put_delimiter(delimiters, delimiter_count, index++);
            fputs(line, stdout);
            first = 0;
        }
        putchar(end);
    }
    free(line);
    return 0;
}

/* A row is built whole and written only if some file still had a line. */
static int paste_parallel(FILE **files, int count, const char *delimiters, int delimiter_count,
                          char end) {
    char *line = NULL, *row = NULL;
    size_t size = 0, row_length = 0;
    FILE *out = NULL;
    for (;;) {
        int any = 0;
        out = open_memstream(&row, &row_length);
        for (int i = 0; i < count; i++) {
            if (next_line(files[i], &line, &size, end)) {
                fputs(line, out);
                any = 1;
            } else if (files[i] && files[i] != stdin) {
                fclose(files[i]);
                files[i] = NULL;
            }
            if (i < count - 1) {
                char c = delimiters[i % delimiter_count];
                if (c) putc(c, out);
            }
        }
        fclose(out);
        if (any) fwrite(row, 1, row_length, stdout), putchar(end);
        free(row);
        row = NULL;
        if (!any) break;
    }
    free(line);
    return 0;
}

int paste_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"delimiters", 'd', 1}, {"serial", 's', 0}, {"zero-terminated", 'z', 0}, {NULL, 0, 0}};
    struct option_parser parser;
    const char *list = "\t";
    int serial = 0, key;
    char end = '\n';
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... [FILE]...",
                              "Write lines of each FILE side by side, separated by TABs.\n\n"
                              "  -d, --delimiters=LIST   use the characters of LIST in turn\n"
                              "  -s, --serial            one file at a time, all its lines "
                              "on one line\n"
                              "  -z, --zero-terminated   lines end with NUL, not newline\n");
        case 'd': list = parser.arg; break;
        case 's': serial = 1; break;
        case 'z': end = '\0'; break;
        }
    }
    char *delimiters = xmalloc(strlen(list) + 1);
    int delimiter_count = parse_delimiters(list, delimiters);
    if (delimiter_count < 0) return 1;
    if (delimiter_count == 0) delimiters[0] = '\0', delimiter_count = 1;
    static char *standard_input[] = {"-"};
    char **names = parser.operand_count ? parser.operands : standard_input;
    int count = parser.operand_count ? parser.operand_count : 1;
    FILE **files = xmalloc(sizeof(FILE *) * (size_t)count);
    for (int i = 0; i < count; i++) {
        files[i] = strcmp(names[i], "-") == 0 ? stdin : fopen(names[i], "r");
        if (!files[i]) {
            warn_errno(errno, "%s", names[i]);
            return 1;
        }
    }
    return serial ? paste_serial(files, count, delimiters, delimiter_count, end)
                  : paste_parallel(files, count, delimiters, delimiter_count, end);
}
