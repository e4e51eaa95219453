/* env.c: env [-i] [-u NAME]... [-0] [NAME=VALUE]... [COMMAND [ARG]...] and
 * printenv [-0] [NAME]...: print or change the environment and run a
 * command. As GNU env, options end at the first NAME=VALUE or COMMAND;
 * a command that cannot run exits 127 (not found) or 126 (other errors). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bocal.h"

#include "applets.h"
#include "util.h"

extern char **environ;

static void print_environment(int nul) {
    for (char **entry = environ; entry && *entry; entry++) printf("%s%c", *entry, nul ? 0 : '\n');
}

static int env_help(void) {
    return print_help("[OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]",
                      "Set each NAME to VALUE in the environment and run COMMAND.\n\n"
                      "  -i, --ignore-environment  start with an empty environment\n"
                      "  -0, --null           end each output line with NUL, not newline\n"
                      "  -u, --unset=NAME     remove variable from the environment\n");
}

/* Options before the first operand only ('+' in getopt terms). */
static int env_options(int argc, char **argv, int *index, int *nul) {
    while (*index < argc) {
        const char *word = argv[*index];
        if (strcmp(word, "-") == 0 || strcmp(word, "-i") == 0 ||
            strcmp(word, "--ignore-environment") == 0) {
            environ = NULL, (*index)++;
            static char *empty[1];
            environ = empty;
        } else if (strcmp(word, "-0") == 0 || strcmp(word, "--null") == 0) {
            *nul = 1, (*index)++;
        } else if (strcmp(word, "-u") == 0 || strcmp(word, "--unset") == 0) {
            if (*index + 1 >= argc) {
                warnx_("option requires an argument -- 'u'");
                return try_help(), 125;
            }
            unsetenv(argv[*index + 1]);
            *index += 2;
        } else if (strncmp(word, "-u", 2) == 0) {
            unsetenv(word + 2), (*index)++;
        } else if (strncmp(word, "--unset=", 8) == 0) {
            unsetenv(word + 8), (*index)++;
        } else if (strcmp(word, "--help") == 0) {
            return env_help(), 0;
        } else if (strcmp(word, "--") == 0) {
            (*index)++;
            return -1;
        } else if (word[0] == '-') {
            if (word[1] == '-') warnx_("unrecognized option %s", quote(word));
            else warnx_("invalid option -- '%c'", word[1]);
            return try_help(), 125;
        } else {
            return -1;
        }
    }
    return -1;
}

int env_main(int argc, char **argv) {
    int index = 1, nul = 0;
    int early = env_options(argc, argv, &index, &nul);
    if (early >= 0) return early;
    for (; index < argc && strchr(argv[index], '='); index++) {
        char *equals = strchr(argv[index], '=');
        *equals = '\0';
        setenv(argv[index], equals + 1, 1);
        *equals = '=';
    }
    if (index >= argc) {
        print_environment(nul);
        return 0;
    }
    if (nul) return warnx_("cannot specify --null (-0) with command"), try_help(), 125;
    fflush(stdout);
    execvp(argv[index], argv + index);
    int error = errno;
    warn_errno(error, "%s", quote(argv[index]));
    return error == ENOENT ? 127 : 126;
}

int printenv_main(int argc, char **argv) {
    static const struct option_spec specs[] = {{"null", '0', 0}, {NULL, 0, 0}};
    int nul = 0, key;
    struct option_parser parser;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 2;
        case OPT_HELP:
            return print_help("[OPTION]... [VARIABLE]...",
                              "Print the values of the specified environment VARIABLE(s).\n"
                              "If no VARIABLE is specified, print name and value pairs for them "
                              "all.\n\n  -0, --null     end each output line with NUL\n");
        case '0': nul = 1; break;
        }
    }
    if (parser.operand_count == 0) {
        print_environment(nul);
        return 0;
    }
    int missing = 0;
    for (int i = 0; i < parser.operand_count; i++) {
        const char *value = strchr(parser.operands[i], '=') ? NULL : getenv(parser.operands[i]);
        if (value) printf("%s%c", value, nul ? 0 : '\n');
        else missing = 1;
    }
    return missing;
}
