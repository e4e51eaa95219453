/* links.c: touch (-c, -a, -m), ln (-s, -f, -v; `ln TARGET... DIR`) and
 * readlink (-f, -n): making files and links and reading links back. */
#include "bocal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "applets.h"
#include "util.h"

int touch_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {NULL, 'a', 0}, {"no-create", 'c', 0}, {NULL, 'm', 0}, {NULL, 0, 0}};
    struct option_parser parser;
    int key, no_create = 0, access_only = 0, modify_only = 0, status = 0;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... FILE...",
                              "Update the access and modification times of each FILE to the "
                              "current time.\n\n"
                              "  -a                     change only the access time\n"
                              "  -c, --no-create        do not create any files\n"
                              "  -m                     change only the modification time\n");
        case 'a': access_only = 1; break;
        case 'c': no_create = 1; break;
        case 'm': modify_only = 1; break;
        }
    }
    if (parser.operand_count == 0) return warnx_("missing file operand"), try_help();
    struct timespec times[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};
    if (access_only && !modify_only) times[1].tv_nsec = UTIME_OMIT;
    if (modify_only && !access_only) times[0].tv_nsec = UTIME_OMIT;
    for (int i = 0; i < parser.operand_count; i++) {
        const char *path = parser.operands[i];
        if (utimensat(AT_FDCWD, path, times, 0) == 0) continue;
        if (errno != ENOENT) {
            status = 1, warn_errno(errno, "setting times of %s", quote(path));
            continue;
        }
        if (no_create) continue;
        int fd = open(path, O_WRONLY | O_CREAT, 0666);
        if (fd < 0) {
            status = 1, warn_errno(errno, "cannot touch %s", quote(path));
            continue;
        }
        close(fd);
    }
    return status;
}

static int is_directory(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int make_link(const char *target, const char *name, int symbolic, int force,
                     int verbose) {
    if (force) {
        struct stat st;
        if (lstat(name, &st) == 0 && !S_ISDIR(st.st_mode)) unlink(name);
    }
    int result = symbolic ? symlink(target, name) : link(target, name);
    if (result != 0) {
        if (symbolic || errno == EEXIST)
            warn_errno(errno, "failed to create %s link %s", symbolic ? "symbolic" : "hard",
                       quote(name));
        else
            warn_errno(errno, "failed to create hard link %s => %s", quote(name),
                       quote(target));
        return 1;
    }
    if (verbose) printf("%s -> %s\n", quote(name), quote(target));
    return 0;
}

int ln_main(int argc, char **argv) {
    static const struct option_spec specs[] = {{"force", 'f', 0},
                                               {"symbolic", 's', 0},
                                               {"verbose", 'v', 0},
                                               {"no-target-directory", 'T', 0},
                                               {NULL, 0, 0}};
    struct option_parser parser;
    int key, symbolic = 0, force = 0, verbose = 0, no_dir = 0, status = 0;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... TARGET LINK_NAME\n  or:  ln [OPTION]... TARGET\n"
                              "  or:  ln [OPTION]... TARGET... DIRECTORY",
                              "Create a link to TARGET with the name LINK_NAME.\n\n"
                              "  -f, --force                 remove existing destination files\n"
                              "  -s, --symbolic              make symbolic links instead of "
                              "hard links\n"
                              "  -T, --no-target-directory   treat LINK_NAME as a normal file "
                              "always\n"
                              "  -v, --verbose               print name of each linked file\n");
        case 'f': force = 1; break;
        case 's': symbolic = 1; break;
        case 'v': verbose = 1; break;
        case 'T': no_dir = 1; break;
        }
    }
    int count = parser.operand_count;
    char **names = parser.operands;
    if (count == 0) return warnx_("missing file operand"), try_help();
    if (count == 1) {
        char *base = path_basename(names[0]);
        status = make_link(names[0], base, symbolic, force, verbose);
        return free(base), status;
    }
    const char *last = names[count - 1];
    if (no_dir || (count == 2 && !is_directory(last))) {
        if (count > 2) return warnx_("extra operand %s", quote(names[2])), try_help();
        return make_link(names[0], last, symbolic, force, verbose);
    }
    if (!is_directory(last)) return warnx_("target %s is not a directory", quote(last)), 1;
    for (int i = 0; i < count - 1; i++) {
        char *base = path_basename(names[i]);
        char *name = path_join(last, base);
        status |= make_link(names[i], name, symbolic, force, verbose);
        free(base), free(name);
    }
    return status;
}

/* readlink -f: every component resolved, the last one may be missing. Our
 * own walk, since wasi-libc has no realpath. NULL with errno on failure. */
static char *canonicalize(const char *path, int depth) {
    char *result = xmalloc(8192), *rest = xmalloc(8192);
    if (path[0] == '/') strcpy(result, "");
    else if (!getcwd(result, 4096)) return NULL;
    if (strcmp(result, "/") == 0) result[0] = '\0';
    snprintf(rest, 8192, "%s", path);
    for (char *part = strtok(rest, "/"); part; part = strtok(NULL, "/")) {
        if (strcmp(part, ".") == 0) continue;
        if (strcmp(part, "..") == 0) {
            char *slash = strrchr(result, '/');
            if (slash) *slash = '\0';
            continue;
        }
        size_t base = strlen(result);
        snprintf(result + base, 8192 - base, "/%s", part);
        char target[4096];
        ssize_t length = readlink(result, target, sizeof target - 1);
        if (length < 0) {
            struct stat st;
            if (errno == EINVAL) continue;
            char *next = strtok(NULL, "/");
            if (errno == ENOENT && !next) break;
            if (errno == ENOENT || lstat(result, &st) != 0) return free(rest), NULL;
            continue;
        }
        if (depth > 40) return errno = ELOOP, free(rest), NULL;
        target[length] = '\0';
        char *remaining = strtok(NULL, "");
        char *joined = xmalloc(8192);
        if (target[0] == '/') snprintf(joined, 8192, "%s/%s", target, remaining ? remaining : "");
        else {
            result[base] = '\0';
            snprintf(joined, 8192, "%s/%s/%s", result, target, remaining ? remaining : "");
        }
        free(result), free(rest);
        char *resolved = canonicalize(joined, depth + 1);
        free(joined);
        return resolved;
    }
    free(rest);
    if (result[0] == '\0') strcpy(result, "/");
    return result;
}

int readlink_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"canonicalize", 'f', 0}, {"no-newline", 'n', 0}, {"verbose", 'v', 0},
        {"quiet", 'q', 0},        {"silent", 's', 0},     {NULL, 0, 0}};
    struct option_parser parser;
    int key, canonical = 0, no_newline = 0, verbose = 0, status = 0;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... FILE...",
                              "Print value of a symbolic link or canonical file name\n\n"
                              "  -f, --canonicalize   follow every symlink; all but the last "
                              "component must exist\n"
                              "  -n, --no-newline     do not output the trailing delimiter\n"
                              "  -v, --verbose        report error messages\n");
        case 'f': canonical = 1; break;
        case 'n': no_newline = 1; break;
        case 'v': verbose = 1; break;
        case 'q': case 's': verbose = 0; break;
        }
    }
    if (parser.operand_count == 0) return warnx_("missing operand"), try_help();
    if (no_newline && parser.operand_count > 1) {
        warnx_("ignoring --no-newline with multiple arguments");
        no_newline = 0;
    }
    for (int i = 0; i < parser.operand_count; i++) {
        const char *path = parser.operands[i];
        char buffer[4096];
        const char *value = buffer;
        if (canonical) {
            value = canonicalize(path, 0);
        } else {
            ssize_t length = readlink(path, buffer, sizeof buffer - 1);
            if (length >= 0) buffer[length] = '\0';
            else value = NULL;
        }
        if (!value) {
            if (verbose) warn_errno(errno, "%s", quotef(path));
            status = 1;
            continue;
        }
        fputs(value, stdout);
        if (!no_newline) putchar('\n');
    }
    return status;
}
