/* nice.c: nice [-n N] [COMMAND [ARG]...]: runs COMMAND with its niceness
 * adjusted by N (default 10), or prints the current niceness, as GNU
 * coreutils. The niceness is field 19 of /proc/self/stat. bocal's kernel
 * has no setpriority: there, as when Linux refuses the change, nice says
 * "cannot set niceness" and runs the command all the same. */
#include "bocal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef __wasi__
#include <sys/resource.h>
#endif

#include "applets.h"
#include "util.h"

/* The niceness from /proc/self/stat (0 if it cannot be read). */
static int current_niceness(void) {
    FILE *file = fopen("/proc/self/stat", "r");
    char line[1024];
    int nice = 0;
    if (!file) return 0;
    if (fgets(line, sizeof line, file)) {
        /* Fields after the command name, which ends at the last ')'. */
        char *p = strrchr(line, ')');
        long fields[20];
        if (p && sscanf(p + 2, "%*c %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld",
                        &fields[0], &fields[1], &fields[2], &fields[3], &fields[4], &fields[5],
                        &fields[6], &fields[7], &fields[8], &fields[9], &fields[10], &fields[11],
                        &fields[12], &fields[13], &fields[14], &fields[15]) == 16)
            nice = (int)fields[15];
    }
    fclose(file);
    return nice;
}

static int set_niceness(int value) {
#ifdef __wasi__
    (void)value;
    errno = ENOSYS;
    return -1;
#else
    return setpriority(PRIO_PROCESS, 0, value);
#endif
}

int nice_main(int argc, char **argv) {
    static const struct option_spec specs[] = {{"adjustment", 'n', 1}, {NULL, 0, 0}};
    struct option_parser parser;
    const char *adjustment = NULL;
    int key;
    /* The old form -N (or --N) is an adjustment when it is the first word. */
    if (argc > 1 && argv[1][0] == '-' &&
        (isdigit((unsigned char)argv[1][1]) ||
         ((argv[1][1] == '-' || argv[1][1] == '+') && isdigit((unsigned char)argv[1][2])))) {
        adjustment = argv[1] + 1;
        argv[1] = argv[0];
        argv++, argc--;
    }
    options_init(&parser, argc, argv);
    parser.in_order = 1;
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case 'n': adjustment = parser.arg; break;
        case OPT_HELP:
            return print_help(
                "[OPTION] [COMMAND [ARG]...]",
                "Run COMMAND with an adjusted niceness, which affects process scheduling.\n"
                "With no COMMAND, print the current niceness.  Niceness values range from\n"
                "-20 (most favorable to the process) to 19 (least favorable to the process).\n\n"
                "  -n, --adjustment=N   add integer N to the niceness (default 10)\n"
                "      --help     display this help and exit\n");
        default: return 125;
        }
    }
    long adjust = 10;
    if (adjustment) {
        char *end;
        adjust = strtol(adjustment, &end, 10);
        if (!*adjustment || *end) {
            warnx_("invalid adjustment %s", quote(adjustment));
            return 125;
        }
    }
    if (parser.operand_count == 0) {
        if (adjustment) {
            warnx_("a command must be given with an adjustment");
            return try_help(), 125;
        }
        printf("%d\n", current_niceness());
        return 0;
    }
    long next = current_niceness() + adjust;
    if (next < -20) next = -20;
    if (next > 19) next = 19;
    if (set_niceness((int)next) < 0) warn_errno(errno, "cannot set niceness");
    fflush(stdout);
    execvp(parser.operands[0], parser.operands);
    int error = errno;
    warn_errno(error, "%s", quote(parser.operands[0]));
    return error == ENOENT ? 127 : 126;
}
