/* tty.c: tty [-s]: the name of the terminal on standard input, as GNU
 * coreutils: "not a tty" and status 1 when it is none, -s (--silent,
 * --quiet) only sets the status, 2 for bad usage. */
#include "bocal.h"

#include <stdio.h>
#include <string.h>

#include "applets.h"
#include "util.h"

/* The path of the terminal open on `fd` (ttyname(3)), or NULL. */
static const char *terminal_name(int fd) {
    static char path[256];
    char link[64];
    if (!isatty(fd)) return NULL;
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t length = readlink(link, path, sizeof path - 1);
    if (length <= 0) return NULL;
    path[length] = '\0';
    return path;
}

int tty_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"silent", 's', 0}, {"quiet", 's', 0}, {NULL, 0, 0}};
    struct option_parser parser;
    int silent = 0, key;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        if (key == 's') silent = 1;
        else if (key == OPT_HELP)
            return print_help("[OPTION]...",
                              "Print the file name of the terminal connected to standard "
                              "input.\n\n"
                              "  -s, --silent, --quiet   print nothing, only return an exit "
                              "status\n"
                              "      --help     display this help and exit\n");
        else return 2;
    }
    if (parser.operand_count > 0) {
        warnx_("extra operand %s", quote(parser.operands[0]));
        try_help();
        return 2;
    }
    if (silent) return isatty(0) ? 0 : 1;
    const char *name = terminal_name(0);
    puts(name ? name : "not a tty");
    return name ? 0 : 1;
}
