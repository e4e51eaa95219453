/* uniq.c: uniq [-c] [-d] [-u] [-i] [INPUT [OUTPUT]]: adjacent equal lines
 * once; -c prefixes counts as GNU does ("%7lu "), -d prints only repeated
 * lines, -u only lines seen once. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "applets.h"
#include "input.h"
#include "util.h"

struct uniq_flags {
    int count, repeated, unique, ignore_case;
};

static int same(const struct uniq_flags *flags, const char *a, const char *b) {
    return flags->ignore_case ? strcasecmp(a, b) == 0 : strcmp(a, b) == 0;
}

static void emit(FILE *out, const struct uniq_flags *flags, const char *line, size_t length,
                 unsigned long times) {
    if (flags->repeated && times < 2) return;
    if (flags->unique && times > 1) return;
    if (flags->count) fprintf(out, "%7lu ", times);
    fwrite(line, 1, length, out);
    fputc('\n', out);
}

int uniq_main(int argc, char **argv) {
    static const struct option_spec specs[] = {{"count", 'c', 0},
                                               {"repeated", 'd', 0},
                                               {"unique", 'u', 0},
                                               {"ignore-case", 'i', 0},
                                               {NULL, 0, 0}};
    struct uniq_flags flags = {0};
    struct option_parser parser;
    int key;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... [INPUT [OUTPUT]]",
                              "Filter adjacent matching lines from INPUT, writing to OUTPUT.\n\n"
                              "  -c, --count        prefix lines by the number of occurrences\n"
                              "  -d, --repeated     only print duplicate lines, one per group\n"
                              "  -i, --ignore-case  ignore differences in case\n"
                              "  -u, --unique       only print unique lines\n");
        case 'c': flags.count = 1; break;
        case 'd': flags.repeated = 1; break;
        case 'u': flags.unique = 1; break;
        case 'i': flags.ignore_case = 1; break;
        }
    }
    if (parser.operand_count > 2) {
        warnx_("extra operand %s", quote(parser.operands[2]));
        return try_help();
    }
    FILE *in = open_input(parser.operand_count > 0 ? parser.operands[0] : "-");
    if (!in) return 1;
    FILE *out = stdout;
    if (parser.operand_count == 2 && strcmp(parser.operands[1], "-") != 0) {
        out = fopen(parser.operands[1], "w");
        if (!out) return warn_errno(errno, "%s", quotef(parser.operands[1])), 1;
    }
    struct lines lines = {0};
    if (read_lines(in, &lines) != 0) {
        warn_errno(errno, "%s", quotef(parser.operand_count ? parser.operands[0] : "-"));
        return 1;
    }
    close_input(in);
    for (size_t i = 0; i < lines.count;) {
        size_t j = i + 1;
        while (j < lines.count && same(&flags, lines.text[i], lines.text[j])) j++;
        emit(out, &flags, lines.text[i], lines.length[i], (unsigned long)(j - i));
        i = j;
    }
    if (out != stdout && fclose(out) != 0) return warn_errno(errno, "%s", "close failed"), 1;
    return 0;
}
