/* names.c: basename, dirname and pwd: names of files and of the working
 * directory, without touching the filesystem (pwd asks getcwd). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>

#include "applets.h"
#include "util.h"

enum { OPT_ZERO = 'z', OPT_MULTIPLE = 'a', OPT_SUFFIX = 's' };

static void put_name(const char *name, const char *suffix, int zero) {
    char *base = path_basename(name);
    size_t length = strlen(base), cut = suffix ? strlen(suffix) : 0;
    if (cut && cut < length && strcmp(base + length - cut, suffix) == 0) base[length - cut] = '\0';
    printf("%s%c", base, zero ? '\0' : '\n');
    free(base);
}

int basename_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"multiple", 'a', 0}, {"suffix", 's', 1}, {"zero", 'z', 0}, {NULL, 0, 0}};
    struct option_parser parser;
    int multiple = 0, zero = 0, key;
    const char *suffix = NULL;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        if (key == OPT_ERROR) return 1;
        if (key == OPT_HELP)
            return print_help("NAME [SUFFIX]\n  or:  basename OPTION... NAME...",
                              "Print NAME with any leading directory components removed.\n");
        if (key == 'a') multiple = 1;
        if (key == 's') suffix = parser.arg, multiple = 1;
        if (key == 'z') zero = 1;
    }
    char **names = parser.operands;
    int count = parser.operand_count;
    if (count == 0) return warnx_("missing operand"), try_help();
    if (!multiple && count > 2) return warnx_("extra operand %s", quote(names[2])), try_help();
    if (!multiple) {
        put_name(names[0], count == 2 ? names[1] : NULL, zero);
        return 0;
    }
    for (int i = 0; i < count; i++) put_name(names[i], suffix, zero);
    return 0;
}

static void put_dirname(const char *path, int zero) {
    size_t end = strlen(path);
    while (end > 1 && path[end - 1] == '/') end--;
    while (end > 0 && path[end - 1] != '/') end--;
    while (end > 1 && path[end - 1] == '/') end--;
    if (end == 0) printf(".%c", zero ? '\0' : '\n');
    else printf("%.*s%c", (int)end, path, zero ? '\0' : '\n');
}

int dirname_main(int argc, char **argv) {
    static const struct option_spec specs[] = {{"zero", 'z', 0}, {NULL, 0, 0}};
    struct option_parser parser;
    int zero = 0, key;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        if (key == OPT_ERROR) return 1;
        if (key == OPT_HELP)
            return print_help("[OPTION] NAME...",
                              "Output each NAME with its last non-slash component and trailing "
                              "slashes\nremoved.\n");
        zero = 1;
    }
    if (parser.operand_count == 0) return warnx_("missing operand"), try_help();
    for (int i = 0; i < parser.operand_count; i++) put_dirname(parser.operands[i], zero);
    return 0;
}

int pwd_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"logical", 'L', 0}, {"physical", 'P', 0}, {NULL, 0, 0}};
    struct option_parser parser;
    int key;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        if (key == OPT_ERROR) return 1;
        if (key == OPT_HELP)
            return print_help("[OPTION]...",
                              "Print the full filename of the current working directory.\n\n"
                              "  -L, --logical   use PWD from environment, even if it contains "
                              "symlinks\n  -P, --physical  resolve all symlinks (default)\n");
    }
    if (parser.operand_count > 0) warnx_("ignoring non-option arguments");
    char buffer[4096];
    if (!getcwd(buffer, sizeof buffer)) return warn_errno(errno, "couldn't get cwd"), 1;
    puts(buffer);
    return 0;
}
