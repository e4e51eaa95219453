/* uname.c: uname [-asnrvmpio] and hostname [NAME]: the system's names from
 * uname(2), in GNU's order; -p and -i print "unknown" (and are left out of
 * -a then), as Debian's coreutils do. hostname NAME sets the name in the
 * process's UTS namespace (sethostname: EPERM without CAP_SYS_ADMIN). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bocal.h"

#include "applets.h"
#include "util.h"

enum {
    UNAME_SYSTEM = 1,
    UNAME_NODE = 2,
    UNAME_RELEASE = 4,
    UNAME_VERSION = 8,
    UNAME_MACHINE = 16,
    UNAME_PROCESSOR = 32,
    UNAME_PLATFORM = 64,
    UNAME_OS = 128,
};

static void field(int *first, const char *text) {
    if (!*first) putchar(' ');
    fputs(text, stdout);
    *first = 0;
}

int uname_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"all", 'a', 0},     {"kernel-name", 's', 0},       {"nodename", 'n', 0},
        {"kernel-release", 'r', 0}, {"kernel-version", 'v', 0}, {"machine", 'm', 0},
        {"processor", 'p', 0}, {"hardware-platform", 'i', 0}, {"operating-system", 'o', 0},
        {NULL, 0, 0}};
    static const char letters[] = "snrvmpio";
    int wanted = 0, all = 0, key;
    struct option_parser parser;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        if (key == OPT_ERROR) return 1;
        if (key == OPT_HELP)
            return print_help("[OPTION]...",
                              "Print certain system information.  With no OPTION, same as -s.\n\n"
                              "  -a  all   -s  kernel name   -n  node name   -r  kernel release\n"
                              "  -v  kernel version   -m  machine   -p  processor\n"
                              "  -i  hardware platform   -o  operating system\n");
        if (key == 'a') all = 1, wanted |= 0xff;
        else wanted |= 1 << (strchr(letters, key) - letters);
    }
    if (parser.operand_count > 0)
        return warnx_("extra operand %s", quote(parser.operands[0])), try_help();
    if (!wanted) wanted = UNAME_SYSTEM;
    struct utsname names;
    if (uname(&names) != 0) return warn_errno(errno, "cannot get system name"), 1;
    int first = 1;
    if (wanted & UNAME_SYSTEM) field(&first, names.sysname);
    if (wanted & UNAME_NODE) field(&first, names.nodename);
    if (wanted & UNAME_RELEASE) field(&first, names.release);
    if (wanted & UNAME_VERSION) field(&first, names.version);
    if (wanted & UNAME_MACHINE) field(&first, names.machine);
    if ((wanted & UNAME_PROCESSOR) && !all) field(&first, "unknown");
    if ((wanted & UNAME_PLATFORM) && !all) field(&first, "unknown");
    if (wanted & UNAME_OS) field(&first, "GNU/Linux");
    putchar('\n');
    return 0;
}

int hostname_main(int argc, char **argv) {
    struct option_parser parser;
    int done =
        parse_help_only(&parser, argc, argv, "[NAME]", "Print or set the system's host name.\n");
    if (done >= 0) return done;
    if (parser.operand_count > 1)
        return warnx_("extra operand %s", quote(parser.operands[1])), try_help();
    if (parser.operand_count == 1) {
        const char *name = parser.operands[0];
        if (sethostname(name, strlen(name)) != 0)
            return warn_errno(errno, "you must be root to change the host name"), 1;
        return 0;
    }
    char name[256];
    if (gethostname(name, sizeof name) != 0) return warn_errno(errno, "gethostname"), 1;
    name[sizeof name - 1] = '\0';
    puts(name);
    return 0;
}
