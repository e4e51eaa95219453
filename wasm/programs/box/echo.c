/* echo.c: echo with GNU's -n, -e and -E. As GNU's, it takes options only
 * while each leading word is made of those letters, and --help only alone. */
#include <stdio.h>
#include <string.h>

#include "applets.h"
#include "escape.h"
#include "util.h"

static int is_option_word(const char *word) {
    if (word[0] != '-' || word[1] == '\0') return 0;
    return strspn(word + 1, "neE") == strlen(word + 1);
}

int echo_main(int argc, char **argv) {
    int newline = 1, escapes = 0, i = 1;
    if (argc == 2 && strcmp(argv[1], "--help") == 0)
        return print_help("[SHORT-OPTION]... [STRING]...",
                          "Echo the STRING(s) to standard output.\n\n"
                          "  -n    do not output the trailing newline\n"
                          "  -e    enable interpretation of backslash escapes\n"
                          "  -E    disable interpretation of backslash escapes (default)\n");
    for (; i < argc && is_option_word(argv[i]); i++) {
        for (const char *p = argv[i] + 1; *p; p++) {
            if (*p == 'n') newline = 0;
            else escapes = *p == 'e';
        }
    }
    for (int first = i; i < argc; i++) {
        if (i > first) putchar(' ');
        if (!escapes) {
            fputs(argv[i], stdout);
            continue;
        }
        int stop = 0;
        for (const char *p = argv[i]; *p && !stop;) {
            if (*p != '\\') putchar(*p++);
            else p += 1 + put_escape(p + 1, ESCAPE_ECHO, stdout, &stop);
        }
        if (stop) return 0;
    }
    if (newline) putchar('\n');
    return 0;
}
