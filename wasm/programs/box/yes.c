/* yes.c: yes [STRING]...: writes the operands (or "y") and a newline again
 * and again. A reader that goes away ends it quietly: SIGPIPE kills it as
 * on Linux, and if SIGPIPE is ignored, EPIPE makes it exit 1 without a
 * message (GNU prints "standard output: Broken pipe" then; we stay quiet,
 * as the shell's `yes | head` wants). */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "applets.h"
#include "util.h"

int yes_main(int argc, char **argv) {
    static char buffer[8192];
    size_t used = 0, line = 0;
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "--help") == 0)
        return print_help("[STRING]...", "Repeatedly output a line with STRING(s), or 'y'.\n");
    int start = argc > 1 && strcmp(argv[1], "--") == 0 ? 2 : 1;
    for (int i = start; i < argc || (first && i == argc); i++) {
        const char *word = i < argc ? argv[i] : "y";
        size_t length = strlen(word);
        if (line + length + 1 > sizeof buffer / 2) return warnx_("argument too long"), 1;
        if (!first) buffer[line++] = ' ';
        memcpy(buffer + line, word, length);
        line += length, first = 0;
    }
    buffer[line++] = '\n';
    for (used = line; used + line <= sizeof buffer; used += line) memcpy(buffer + used, buffer, line);
    for (;;) {
        if (write_all(1, buffer, used) == 0) continue;
        if (errno == EPIPE) return 1;
        warn_errno(errno, "standard output");
        return 1;
    }
}
