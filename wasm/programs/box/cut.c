/* cut.c: cut -b/-c LIST or -f LIST [-d DELIM] [-s] [--complement]
 * [--output-delimiter=S]: LIST is N, N-, N-M, -M separated by commas
 * (1-based, any order, overlaps merged). Characters are bytes: no
 * multibyte locale here, as with GNU cut today. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "input.h"
#include "util.h"

#define CUT_MAX_INDEX ((size_t)-1)

struct range {
    size_t first, last;
};

struct cut {
    struct range *ranges;
    size_t range_count;
    int fields, complement, only_delimited;
    char delimiter;
    const char *output_delimiter;
};

static int parse_number(const char **p, size_t *value) {
    char *end;
    if (!isdigit((unsigned char)**p)) return -1;
    *value = strtoul(*p, &end, 10);
    *p = end;
    return 0;
}

/* Parses LIST; prints GNU's message and returns -1 when it is malformed. */
static int parse_list(struct cut *cut, const char *list) {
    const char *p = list;
    for (;;) {
        struct range range = {1, CUT_MAX_INDEX};
        int has_first = isdigit((unsigned char)*p);
        if (has_first && parse_number(&p, &range.first) != 0) return -1;
        if (*p == '-') {
            p++;
            if (isdigit((unsigned char)*p)) parse_number(&p, &range.last);
            else if (!has_first) return warnx_("invalid range with no endpoint: -"), -1;
        } else if (has_first) {
            range.last = range.first;
        } else {
            return warnx_("invalid field value %s", quote(list)), -1;
        }
        if (range.first == 0 || range.last == 0)
            return warnx_(cut->fields ? "fields are numbered from 1"
                                      : "byte/character positions are numbered from 1"),
                   -1;
        if (range.last < range.first) return warnx_("invalid decreasing range"), -1;
        cut->ranges = realloc(cut->ranges, (cut->range_count + 1) * sizeof *cut->ranges);
        cut->ranges[cut->range_count++] = range;
        if (*p == '\0') return 0;
        if (*p != ',') return warnx_("invalid field value %s", quote(list)), -1;
        p++;
    }
}

static int selected(const struct cut *cut, size_t index) {
    int in = 0;
    for (size_t i = 0; i < cut->range_count && !in; i++)
        in = index >= cut->ranges[i].first && index <= cut->ranges[i].last;
    return in != cut->complement;
}

static void cut_bytes(const struct cut *cut, const char *line, size_t length) {
    int previous = 0;
    for (size_t i = 0; i < length; i++) {
        if (!selected(cut, i + 1)) {
            previous = 0;
            continue;
        }
        if (!previous && cut->output_delimiter && i > 0) {
            int earlier = 0;
            for (size_t j = 0; j < i && !earlier; j++) earlier = selected(cut, j + 1);
            if (earlier) fputs(cut->output_delimiter, stdout);
        }
        putchar(line[i]);
        previous = 1;
    }
    putchar('\n');
}

static void cut_fields(const struct cut *cut, const char *line, size_t length) {
    if (!memchr(line, cut->delimiter, length)) {
        if (cut->only_delimited) return;
        fwrite(line, 1, length, stdout);
        putchar('\n');
        return;
    }
    size_t field = 1, start = 0;
    int printed = 0;
    for (size_t i = 0; i <= length; i++) {
        if (i < length && line[i] != cut->delimiter) continue;
        if (selected(cut, field)) {
            if (printed) {
                if (cut->output_delimiter) fputs(cut->output_delimiter, stdout);
                else putchar(cut->delimiter);
            }
            fwrite(line + start, 1, i - start, stdout);
            printed = 1;
        }
        field++, start = i + 1;
    }
    putchar('\n');
}

static int cut_help(void) {
    return print_help("OPTION... [FILE]...",
                      "Print selected parts of lines from each FILE to standard output.\n\n"
                      "  -b, --bytes=LIST, -c, --characters=LIST   select these bytes\n"
                      "  -d, --delimiter=DELIM   use DELIM instead of TAB for fields\n"
                      "  -f, --fields=LIST       select only these fields\n"
                      "  -s, --only-delimited    do not print lines without delimiters\n"
                      "      --complement        complement the set of selected bytes or fields\n"
                      "      --output-delimiter=STRING   use STRING as the output delimiter\n");
}

int cut_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"bytes", 'b', 1},          {"characters", 'c', 1},      {"delimiter", 'd', 1},
        {"fields", 'f', 1},         {"only-delimited", 's', 0},  {"complement", 256, 0},
        {"output-delimiter", 257, 1}, {NULL, 'n', 0},            {NULL, 0, 0}};
    struct cut cut = {.delimiter = '\t'};
    const char *list = NULL;
    int mode = 0, delimiter_given = 0, key;
    struct option_parser parser;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP: return cut_help();
        case 'b': case 'c': case 'f':
            if (mode) return warnx_("only one list may be specified"), try_help();
            mode = key, list = parser.arg;
            break;
        case 'd':
            if (strlen(parser.arg) > 1)
                return warnx_("the delimiter must be a single character"), try_help();
            cut.delimiter = parser.arg[0], delimiter_given = 1;
            break;
        case 's': cut.only_delimited = 1; break;
        case 256: cut.complement = 1; break;
        case 257: cut.output_delimiter = parser.arg; break;
        }
    }
    if (!mode) return warnx_("you must specify a list of bytes, characters, or fields"), try_help();
    cut.fields = mode == 'f';
    if (!cut.fields && delimiter_given)
        return warnx_("an input delimiter may be specified only when operating on fields"),
               try_help();
    if (!cut.fields && cut.only_delimited)
        return warnx_("suppressing non-delimited lines makes sense\n"
                      "\tonly when operating on fields"),
               try_help();
    if (parse_list(&cut, list) != 0) return try_help();
    char *stdin_name[] = {"-"};
    char **names = parser.operand_count ? parser.operands : stdin_name;
    int count = parser.operand_count ? parser.operand_count : 1, status = 0;
    for (int i = 0; i < count; i++) {
        FILE *file = open_input(names[i]);
        if (!file) {
            status = 1;
            continue;
        }
        char *line = NULL;
        size_t size = 0;
        ssize_t got;
        while ((got = getline(&line, &size, file)) >= 0) {
            size_t length = (size_t)got;
            if (length > 0 && line[length - 1] == '\n') length--;
            if (cut.fields) cut_fields(&cut, line, length);
            else cut_bytes(&cut, line, length);
        }
        free(line);
        close_input(file);
    }
    return status;
}
