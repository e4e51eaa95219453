/* rm.c: rm with -f, -r/-R, -d, -v; directories need -r (or -d when empty);
 * `rm -r /` is refused as GNU's --preserve-root does. */
#include "bocal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "applets.h"
#include "util.h"

struct rm_options {
    int force, recursive, empty_dirs, verbose;
};

static int remove_path(const char *path, const struct rm_options *options);

static int remove_children(const char *path, const struct rm_options *options) {
    DIR *dir = opendir(path);
    if (!dir) return warn_errno(errno, "cannot remove %s", quote(path)), 1;
    int status = 0;
    struct dirent *entry;
    while ((entry = readdir(dir))) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
        char *child = path_join(path, entry->d_name);
        status |= remove_path(child, options);
        free(child);
    }
    closedir(dir);
    return status;
}

static int remove_path(const char *path, const struct rm_options *options) {
    struct stat st;
    if (lstat(path, &st) != 0) {
        if (options->force && errno == ENOENT) return 0;
        return warn_errno(errno, "cannot remove %s", quote(path)), 1;
    }
    if (S_ISDIR(st.st_mode)) {
        if (!options->recursive && !options->empty_dirs) {
            warnx_("cannot remove %s: Is a directory", quote(path));
            return 1;
        }
        if (options->recursive && remove_children(path, options) != 0) return 1;
        if (rmdir(path) != 0) return warn_errno(errno, "cannot remove %s", quote(path)), 1;
        if (options->verbose) printf("removed directory %s\n", quote(path));
        return 0;
    }
    if (unlink(path) != 0) return warn_errno(errno, "cannot remove %s", quote(path)), 1;
    if (options->verbose) printf("removed %s\n", quote(path));
    return 0;
}

static int dot_or_dotdot(const char *path) {
    char *base = path_basename(path);
    int result = strcmp(base, ".") == 0 || strcmp(base, "..") == 0;
    free(base);
    return result;
}

int rm_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"force", 'f', 0},     {"recursive", 'r', 0}, {NULL, 'R', 0},
        {"dir", 'd', 0},       {"verbose", 'v', 0},   {NULL, 0, 0}};
    struct rm_options options = {0};
    struct option_parser parser;
    int key, status = 0;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... [FILE]...",
                              "Remove (unlink) the FILE(s).\n\n"
                              "  -f, --force           ignore nonexistent files and arguments, "
                              "never prompt\n"
                              "  -r, -R, --recursive   remove directories and their contents "
                              "recursively\n"
                              "  -d, --dir             remove empty directories\n"
                              "  -v, --verbose         explain what is being done\n");
        case 'f': options.force = 1; break;
        case 'r': case 'R': options.recursive = 1; break;
        case 'd': options.empty_dirs = 1; break;
        case 'v': options.verbose = 1; break;
        }
    }
    if (parser.operand_count == 0 && !options.force)
        return warnx_("missing operand"), try_help();
    for (int i = 0; i < parser.operand_count; i++) {
        const char *path = parser.operands[i];
        if (options.recursive && dot_or_dotdot(path)) {
            warnx_("refusing to remove '.' or '..' directory: skipping %s", quote(path));
            status = 1;
            continue;
        }
        if (options.recursive && strspn(path, "/") == strlen(path)) {
            warnx_("it is dangerous to operate recursively on '/'");
            warnx_("use --no-preserve-root to override this failsafe");
            status = 1;
            continue;
        }
        status |= remove_path(path, &options);
    }
    return status;
}
