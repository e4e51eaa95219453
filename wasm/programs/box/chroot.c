/* chroot.c: chroot [OPTION]... NEWROOT [COMMAND [ARG]...], as GNU
 * coreutils' chroot: changes the root directory, then the working
 * directory to the new `/` (unless --skip-chdir), and runs COMMAND, by
 * default `$SHELL -i` (or /bin/sh -i). Its own failures exit 125; a command
 * that cannot run exits 127 when it is not found and 126 otherwise. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bocal.h"
#include "bocal-mount.h"

#include "applets.h"
#include "util.h"

static int chroot_help(void) {
    return print_help("[OPTION]... NEWROOT [COMMAND [ARG]...]",
                      "Run COMMAND with root directory set to NEWROOT.\n\n"
                      "      --skip-chdir       do not change working directory to '/'\n"
                      "      --help        display this help and exit\n\n"
                      "If no command is given, run '\"$SHELL\" -i' (default: '/bin/sh -i').\n");
}

int chroot_main(int argc, char **argv) {
    int first = 1, skip_chdir = 0;
    /* Options end at NEWROOT: what follows belongs to COMMAND. */
    for (; first < argc && argv[first][0] == '-' && argv[first][1]; first++) {
        const char *arg = argv[first];
        if (strcmp(arg, "--") == 0) {
            first++;
            break;
        }
        if (strcmp(arg, "--help") == 0) return chroot_help();
        if (strcmp(arg, "--skip-chdir") == 0) {
            skip_chdir = 1;
            continue;
        }
        if (arg[1] == '-') warnx_("unrecognized option %s", quote(arg));
        else warnx_("invalid option -- '%c'", arg[1]);
        try_help();
        return 125;
    }
    if (first >= argc) {
        warnx_("missing operand");
        try_help();
        return 125;
    }
    const char *root = argv[first];
    if (skip_chdir && strcmp(root, "/") != 0) {
        warnx_("option --skip-chdir only permitted if NEWROOT is old %s", quote("/"));
        try_help();
        return 125;
    }
    if (chroot(root) != 0) {
        warn_errno(errno, "cannot change root directory to %s", quote(root));
        return 125;
    }
    if (!skip_chdir && chdir("/") != 0) {
        warn_errno(errno, "cannot chdir to root directory");
        return 125;
    }
    char *shell_argv[3];
    char **command = argv + first + 1;
    if (first + 1 >= argc) {
        const char *shell = getenv("SHELL");
        shell_argv[0] = (char *)(shell && *shell ? shell : "/bin/sh");
        shell_argv[1] = "-i";
        shell_argv[2] = NULL;
        command = shell_argv;
    }
    fflush(stdout);
    execvp(command[0], command);
    int error = errno;
    warn_errno(error, "failed to run command %s", quote(command[0]));
    return error == ENOENT ? 127 : 126;
}
