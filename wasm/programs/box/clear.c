/* clear.c: clear [-x] [-T TYPE]: clears the terminal with the sequences of
 * xterm-like terminals (cursor home, erase display, and erase the
 * scrollback unless -x), as ncurses' clear does for TERM=xterm; TERM unset
 * or empty is an error, as there. No terminfo database: every named TERM
 * gets the ANSI sequences (what bocal's terminal, xterm.js, understands). */
#include "bocal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "util.h"

int clear_main(int argc, char **argv) {
    static const struct option_spec specs[] = {{NULL, 'x', 0}, {NULL, 'T', 1},
                                               {NULL, 'V', 0}, {NULL, 0, 0}};
    struct option_parser parser;
    int keep_scrollback = 0, key;
    const char *type = getenv("TERM");
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case 'x': keep_scrollback = 1; break;
        case 'T': type = parser.arg; break;
        case 'V': puts("ncurses 6.4 (bocal box)"); return 0;
        case OPT_HELP:
            printf("Usage: clear [options]\n\nOptions:\n"
                   "  -T TERM     use this instead of $TERM\n"
                   "  -V          print curses-version\n"
                   "  -x          do not try to clear scrollback\n");
            return 0;
        default: return 1;
        }
    }
    if (parser.operand_count > 0) {
        fprintf(stderr, "Usage: clear [options]\n");
        return 1;
    }
    if (!type) {
        fputs("TERM environment variable not set.\n", stderr);
        return 1;
    }
    if (!*type) {
        fprintf(stderr, "'%s': unknown terminal type.\n", type);
        return 1;
    }
    if (strcmp(type, "dumb") == 0) return 0; /* it has no way to clear */
    fputs(keep_scrollback ? "\033[H\033[2J" : "\033[H\033[2J\033[3J", stdout);
    return 0;
}
