/* sh-getopts.c: the getopts builtin (XCU getopts). OPTIND names the next
 * argument not yet started, as dash keeps it: while the letters of a group
 * such as -ca are being read, OPTIND already points past it, and the
 * position inside the group is private state, forgotten when a script sets
 * OPTIND itself (OPTIND=1 restarts the parse). */
#define _GNU_SOURCE
#include "bocal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

static int group_arg = -1;   /* index of the argument being read, or -1 */
static int group_pos;        /* next letter inside it */
static long optind_set;      /* the OPTIND this builtin last stored */

static void set_optind(long value) {
    char text[24];
    snprintf(text, sizeof text, "%ld", value);
    var_set("OPTIND", text, 0);
    optind_set = value;
}

static void set_result(const char *name, char letter, const char *optarg) {
    char text[2] = {letter, 0};
    var_set(name, text, 0);
    if (optarg) var_set("OPTARG", optarg, 0);
    else var_unset("OPTARG");
}

int bi_getopts(int argc, char **argv) {
    if (argc < 3) {
        sh_error("Usage: getopts optstring var [arg...]");
        return 2;
    }
    const char *spec = argv[1], *name = argv[2];
    char **args = argc > 3 ? argv + 3 : sh.params;
    int nargs = argc > 3 ? argc - 3 : sh.nparams;
    const char *optind_text = var_get("OPTIND");
    long ind = optind_text ? atol(optind_text) : 1;
    if (ind < 1) ind = 1;
    if (ind != optind_set) group_arg = -1;
    int silent = spec[0] == ':';

    if (group_arg < 0 || group_arg >= nargs || !args[group_arg][group_pos]) {
        const char *arg = ind <= nargs ? args[ind - 1] : NULL;
        if (!arg || arg[0] != '-' || !arg[1]) {
            set_optind(ind);
            set_result(name, '?', NULL);
            group_arg = -1;
            return 1;
        }
        if (strcmp(arg, "--") == 0) {
            set_optind(ind + 1);
            set_result(name, '?', NULL);
            group_arg = -1;
            return 1;
        }
        group_arg = (int)ind - 1;
        group_pos = 1;
        ind++;
    }
    const char *arg = args[group_arg];
    char letter = arg[group_pos++];
    const char *found = letter == ':' ? NULL : strchr(spec, letter);
    if (!found) {
        char text[2] = {letter, 0};
        if (!silent) {
            fflush(stdout);
            fprintf(stderr, "Illegal option -%c\n", letter);
        }
        set_optind(ind);
        set_result(name, '?', silent ? text : NULL);
        return 0;
    }
    if (found[1] != ':') {
        set_optind(ind);
        set_result(name, letter, NULL);
        return 0;
    }
    const char *value = NULL;
    if (arg[group_pos]) value = arg + group_pos;
    else if (ind <= nargs) value = args[ind++ - 1];
    group_arg = -1;
    set_optind(ind);
    if (!value) {
        char text[2] = {letter, 0};
        if (!silent) {
            fflush(stdout);
            fprintf(stderr, "No arg for -%c option\n", letter);
        }
        set_result(name, silent ? ':' : '?', silent ? text : NULL);
        return 0;
    }
    set_result(name, letter, value);
    return 0;
}
