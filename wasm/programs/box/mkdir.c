/* mkdir.c: mkdir (-p, -m MODE in octal, -v) and rmdir (-p, -v,
 * --ignore-fail-on-non-empty), with GNU's messages. */
#include "bocal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "applets.h"
#include "util.h"

static int make_one(const char *path, mode_t mode, int verbose) {
    if (mkdir(path, mode) != 0) return -1;
    if (verbose) printf("mkdir: created directory %s\n", quote(path));
    return 0;
}

/* mkdir -p: each missing ancestor with the default mode, the last with `mode`. */
static int make_parents(const char *path, mode_t mode, int verbose) {
    char *copy = xmalloc(strlen(path) + 1);
    strcpy(copy, path);
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/' || p[-1] == '/') continue;
        *p = '\0';
        struct stat st;
        if (stat(copy, &st) != 0 && make_one(copy, 0777, verbose) != 0 && errno != EEXIST) {
            warn_errno(errno, "cannot create directory %s", quote(copy));
            return free(copy), 1;
        }
        *p = '/';
    }
    free(copy);
    struct stat st;
    if (make_one(path, mode, verbose) == 0) return 0;
    if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return 0;
    return warn_errno(errno, "cannot create directory %s", quote(path)), 1;
}

int mkdir_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"mode", 'm', 1}, {"parents", 'p', 0}, {"verbose", 'v', 0}, {NULL, 0, 0}};
    struct option_parser parser;
    int key, parents = 0, verbose = 0, status = 0, explicit_mode = 0;
    mode_t mode = 0777;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... DIRECTORY...",
                              "Create the DIRECTORY(ies), if they do not already exist.\n\n"
                              "  -m, --mode=MODE   set file mode (octal), not a=rwx - umask\n"
                              "  -p, --parents     no error if existing, make parent "
                              "directories as needed\n"
                              "  -v, --verbose     print a message for each created "
                              "directory\n");
        case 'm': {
            char *end;
            unsigned long value = strtoul(parser.arg, &end, 8);
            if (*end || !*parser.arg || value > 07777)
                return warnx_("invalid mode %s", quote(parser.arg)), 1;
            mode = (mode_t)value, explicit_mode = 1;
            break;
        }
        case 'p': parents = 1; break;
        case 'v': verbose = 1; break;
        }
    }
    if (parser.operand_count == 0) return warnx_("missing operand"), try_help();
    for (int i = 0; i < parser.operand_count; i++) {
        const char *path = parser.operands[i];
        if (parents) {
            status |= make_parents(path, mode, verbose);
        } else if (make_one(path, mode, verbose) != 0) {
            warn_errno(errno, "cannot create directory %s", quote(path));
            status = 1;
            continue;
        }
        if (explicit_mode && chmod(path, mode) != 0)
            status = 1, warn_errno(errno, "cannot set permissions of %s", quote(path));
    }
    return status;
}

int rmdir_main(int argc, char **argv) {
    enum { IGNORE_NON_EMPTY = 256 };
    static const struct option_spec specs[] = {
        {"ignore-fail-on-non-empty", IGNORE_NON_EMPTY, 0},
        {"parents", 'p', 0},
        {"verbose", 'v', 0},
        {NULL, 0, 0}};
    struct option_parser parser;
    int key, parents = 0, verbose = 0, ignore = 0, status = 0;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... DIRECTORY...",
                              "Remove the DIRECTORY(ies), if they are empty.\n\n"
                              "      --ignore-fail-on-non-empty  ignore each failure to remove "
                              "a non-empty directory\n"
                              "  -p, --parents   remove DIRECTORY and its ancestors\n"
                              "  -v, --verbose   output a diagnostic for every directory "
                              "processed\n");
        case IGNORE_NON_EMPTY: ignore = 1; break;
        case 'p': parents = 1; break;
        case 'v': verbose = 1; break;
        }
    }
    if (parser.operand_count == 0) return warnx_("missing operand"), try_help();
    for (int i = 0; i < parser.operand_count; i++) {
        char *path = xmalloc(strlen(parser.operands[i]) + 1);
        strcpy(path, parser.operands[i]);
        for (;;) {
            if (verbose) printf("rmdir: removing directory, %s\n", quote(path));
            if (rmdir(path) != 0) {
                if (!(ignore && (errno == ENOTEMPTY || errno == EEXIST))) {
                    warn_errno(errno, "failed to remove %s", quote(path));
                    status = 1;
                }
                break;
            }
            if (!parents) break;
            char *slash = strrchr(path, '/');
            while (slash && slash > path && slash[-1] == '/') slash--;
            if (!slash || slash == path) break;
            *slash = '\0';
        }
        free(path);
    }
    return status;
}
