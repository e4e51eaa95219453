/* seq.c: seq [-s SEP] [-w] [-f FORMAT] [FIRST [INCREMENT]] LAST. Integers
 * print exactly; with fractions, numbers print with as many decimals as
 * FIRST or INCREMENT has (GNU's rule). A negative number is an operand, not
 * an option, as in GNU seq. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "util.h"

static int decimals(const char *text) {
    const char *dot = strchr(text, '.');
    if (!dot || strpbrk(text, "eE")) return 0;
    return (int)strspn(dot + 1, "0123456789");
}

static int parse_number(const char *text, double *value) {
    char *end;
    *value = strtod(text, &end);
    if (end == text || *end || isspace((unsigned char)*text) || *value != *value) {
        warnx_("invalid floating point argument: %s", quote(text));
        return -1;
    }
    return 0;
}

static int looks_negative(const char *word) {
    return word[0] == '-' && (isdigit((unsigned char)word[1]) || word[1] == '.');
}

int seq_main(int argc, char **argv) {
    const char *separator = "\n", *format = NULL;
    int equal_width = 0, i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] && !looks_negative(argv[i]); i++) {
        const char *word = argv[i];
        if (strcmp(word, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(word, "--help") == 0)
            return print_help("[OPTION]... [FIRST [INCREMENT]] LAST",
                              "Print numbers from FIRST to LAST, in steps of INCREMENT.\n\n"
                              "  -f, --format=FORMAT      use printf style floating-point FORMAT\n"
                              "  -s, --separator=STRING   use STRING to separate numbers\n"
                              "  -w, --equal-width        equalize width by padding with zeroes\n");
        if (strcmp(word, "-w") == 0 || strcmp(word, "--equal-width") == 0) {
            equal_width = 1;
        } else if ((strcmp(word, "-s") == 0 || strcmp(word, "-f") == 0) && i + 1 < argc) {
            *(word[1] == 's' ? &separator : &format) = argv[++i];
        } else if (strncmp(word, "-s", 2) == 0 && word[2]) {
            separator = word + 2;
        } else if (strncmp(word, "--separator=", 12) == 0) {
            separator = word + 12;
        } else if (strncmp(word, "-f", 2) == 0 && word[2]) {
            format = word + 2;
        } else if (strncmp(word, "--format=", 9) == 0) {
            format = word + 9;
        } else {
            if (word[1] == '-') warnx_("unrecognized option %s", quote(word));
            else if (strchr("sf", word[1])) warnx_("option requires an argument -- '%c'", word[1]);
            else warnx_("invalid option -- '%c'", word[1]);
            return try_help();
        }
    }
    int count = argc - i;
    if (count == 0) return warnx_("missing operand"), try_help();
    if (count > 3) return warnx_("extra operand %s", quote(argv[i + 3])), try_help();
    if (format && equal_width)
        return warnx_("format string may not be specified when printing equal width strings"),
               try_help();
    double first = 1, step = 1, last;
    const char *first_text = "1", *step_text = "1";
    if (count >= 2 && parse_number(first_text = argv[i], &first) != 0) return try_help();
    if (count == 3 && parse_number(step_text = argv[i + 1], &step) != 0) return try_help();
    if (parse_number(argv[argc - 1], &last) != 0) return try_help();
    if (step == 0) return warnx_("invalid Zero increment value: %s", quote(step_text)), try_help();
    int precision = decimals(first_text) > decimals(step_text) ? decimals(first_text)
                                                                : decimals(step_text);
    int width = 0;
    if (equal_width) {
        char a[64], b[64];
        int wa = snprintf(a, sizeof a, "%.*f", precision, first);
        int wb = snprintf(b, sizeof b, "%.*f", precision, last);
        width = wa > wb ? wa : wb;
    }
    for (long n = 0;; n++) {
        double value = first + (double)n * step;
        if (step > 0 ? value > last : value < last) break;
        if (n) fputs(separator, stdout);
        if (format) printf(format, value);
        else if (equal_width) printf("%0*.*f", width, precision, value);
        else printf("%.*f", precision, value);
    }
    if (!((step > 0 && first > last) || (step < 0 && first < last))) putchar('\n');
    return 0;
}
