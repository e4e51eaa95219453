/* tee.c: tee [-a] [-i] [FILE]...: copies standard input to standard output
 * and to each FILE. A FILE that cannot be opened or written is reported and
 * dropped; the others go on, and the exit status is 1. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "applets.h"
#include "util.h"

int tee_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"append", 'a', 0}, {"ignore-interrupts", 'i', 0}, {NULL, 0, 0}};
    int append = 0, key, status = 0;
    struct option_parser parser;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... [FILE]...",
                              "Copy standard input to each FILE, and also to standard output.\n\n"
                              "  -a, --append              append to the given FILEs\n"
                              "  -i, --ignore-interrupts   ignore interrupt signals\n");
        case 'a': append = 1; break;
        case 'i': signal(SIGINT, SIG_IGN); break;
        }
    }
    int count = parser.operand_count;
    int fds[count + 1];
    const char *names[count + 1];
    fds[0] = 1, names[0] = "standard output";
    for (int i = 0; i < count; i++) {
        int flags = O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC);
        names[i + 1] = parser.operands[i];
        fds[i + 1] = open(parser.operands[i], flags, 0666);
        if (fds[i + 1] < 0) warn_errno(errno, "%s", quotef(parser.operands[i])), status = 1;
    }
    static char buffer[65536];
    ssize_t got;
    while ((got = read(0, buffer, sizeof buffer)) != 0) {
        if (got < 0) {
            if (errno == EINTR) continue;
            warn_errno(errno, "read error");
            return 1;
        }
        for (int i = 0; i <= count; i++) {
            if (fds[i] < 0 || write_all(fds[i], buffer, (size_t)got) == 0) continue;
            warn_errno(errno, "%s", quotef(names[i]));
            fds[i] = -1, status = 1;
        }
    }
    for (int i = 1; i <= count; i++)
        if (fds[i] >= 0 && close(fds[i]) != 0) warn_errno(errno, "%s", quotef(names[i])), status = 1;
    return status;
}
