/* realpath.c: realpath [-e|-m] [-s] [-q] [-z] [--relative-to=DIR] FILE...:
 * the absolute name with `.`, `..` and symbolic links resolved (-s: links
 * kept). By default every component but the last must exist (-e: all, -m:
 * none), as GNU coreutils. The walk is our own (wasi-libc has no
 * realpath), the same on both builds. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "applets.h"
#include "util.h"

enum existence { EXIST_ALL_BUT_LAST, EXIST_ALL, EXIST_NONE };

/* Resolves `path` into `result` (PATH_MAX); 0, or -1 with errno. */
static int resolve(const char *path, char *result, enum existence existence, int follow) {
    char pending[PATH_MAX * 2];
    int links = 0;
    if (path[0] == '/') {
        result[0] = '\0';
    } else if (!getcwd(result, PATH_MAX)) {
        return -1;
    } else if (strcmp(result, "/") == 0) {
        result[0] = '\0';
    }
    if (strlen(path) >= sizeof pending) return errno = ENAMETOOLONG, -1;
    strcpy(pending, path);
    char *rest = pending;
    while (*rest) {
        while (*rest == '/') rest++;
        if (!*rest) break;
        char *end = strchr(rest, '/');
        size_t length = end ? (size_t)(end - rest) : strlen(rest);
        int last = !end || !end[strspn(end, "/")];
        if (length == 1 && rest[0] == '.') {
            rest += length;
            continue;
        }
        if (length == 2 && rest[0] == '.' && rest[1] == '.') {
            char *slash = strrchr(result, '/');
            if (slash) *slash = '\0';
            rest += length;
            continue;
        }
        size_t base = strlen(result);
        if (base + length + 2 > PATH_MAX) return errno = ENAMETOOLONG, -1;
        result[base] = '/';
        memcpy(result + base + 1, rest, length);
        result[base + 1 + length] = '\0';
        rest += length;
        struct stat st;
        if (lstat(result, &st) != 0) {
            if (existence == EXIST_NONE) continue; /* -m: anything may be missing */
            if (errno != ENOENT || existence == EXIST_ALL) return -1;
            if (existence == EXIST_ALL_BUT_LAST && !last) return -1;
            continue;
        }
        if (!S_ISLNK(st.st_mode) || !follow) {
            if (!S_ISDIR(st.st_mode) && !last && existence != EXIST_NONE)
                return errno = ENOTDIR, -1;
            continue;
        }
        if (++links > 40) return errno = ELOOP, -1;
        char target[PATH_MAX];
        ssize_t got = readlink(result, target, sizeof target - 1);
        if (got < 0) return -1;
        target[got] = '\0';
        char joined[PATH_MAX * 2];
        snprintf(joined, sizeof joined, "%s%s", target, rest);
        strcpy(pending, joined);
        rest = pending;
        if (target[0] == '/') result[0] = '\0';
        else result[base] = '\0';
    }
    if (result[0] == '\0') strcpy(result, "/");
    return 0;
}

/* `path` relative to the directory `base` (both absolute, resolved). */
static void relative(const char *path, const char *base, char *out) {
    size_t common = 0, i = 0;
    for (;; i++) {
        char a = path[i], b = base[i];
        if ((a == '/' || a == '\0') && (b == '/' || b == '\0')) common = i;
        if (a != b || !a) break;
    }
    if (strcmp(base, "/") == 0) common = 0;
    out[0] = '\0';
    const char *up = base + common;
    while (*up) {
        if (*up == '/') strcat(out, out[0] ? "/.." : "..");
        up++;
    }
    const char *down = path + common;
    if (*down == '/') down++;
    if (*down) {
        if (out[0]) strcat(out, "/");
        strcat(out, down);
    }
    if (!out[0]) strcpy(out, ".");
}

int realpath_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"canonicalize-existing", 'e', 0}, {"canonicalize-missing", 'm', 0},
        {"logical", 'L', 0},               {"physical", 'P', 0},
        {"quiet", 'q', 0},                 {"strip", 's', 0},
        {"no-symlinks", 's', 0},           {"zero", 'z', 0},
        {"relative-to", 256, 1},           {"relative-base", 257, 1},
        {NULL, 0, 0}};
    struct option_parser parser;
    enum existence existence = EXIST_ALL_BUT_LAST;
    int quiet = 0, follow = 1, zero = 0, key, status = 0;
    const char *relative_to = NULL, *relative_base = NULL;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... FILE...",
                              "Print the resolved absolute file name;\n"
                              "all but the last component must exist\n\n"
                              "  -e, --canonicalize-existing  all components must exist\n"
                              "  -m, --canonicalize-missing   no component need exist\n"
                              "  -q, --quiet                  suppress most error messages\n"
                              "      --relative-to=DIR        print the name relative to DIR\n"
                              "      --relative-base=DIR      relative names only below DIR\n"
                              "  -s, --strip, --no-symlinks   don't expand symlinks\n"
                              "  -z, --zero                   end each name with NUL\n");
        case 'e': existence = EXIST_ALL; break;
        case 'm': existence = EXIST_NONE; break;
        case 'q': quiet = 1; break;
        case 's': follow = 0; break;
        case 'z': zero = 1; break;
        case 256: relative_to = parser.arg; break;
        case 257: relative_base = parser.arg; break;
        default: break;
        }
    }
    if (parser.operand_count == 0) return warnx_("missing operand"), try_help();
    char base_to[PATH_MAX], base_base[PATH_MAX];
    if (relative_to && resolve(relative_to, base_to, existence, follow) != 0)
        return warn_errno(errno, "%s", relative_to), 1;
    if (relative_base && resolve(relative_base, base_base, existence, follow) != 0)
        return warn_errno(errno, "%s", relative_base), 1;
    if (relative_base && !relative_to) strcpy(base_to, base_base), relative_to = relative_base;
    for (int i = 0; i < parser.operand_count; i++) {
        char result[PATH_MAX], shown[PATH_MAX * 2];
        const char *name = parser.operands[i];
        if (resolve(name, result, existence, follow) != 0) {
            if (!quiet) warn_errno(errno, "%s", name);
            status = 1;
            continue;
        }
        const char *output = result;
        if (relative_to) {
            size_t n = strlen(base_base);
            int below = !relative_base ||
                        (strncmp(result, base_base, n) == 0 &&
                         (result[n] == '/' || result[n] == '\0' || strcmp(base_base, "/") == 0));
            int base_below = !relative_base ||
                             (strncmp(base_to, base_base, n) == 0 &&
                              (base_to[n] == '/' || base_to[n] == '\0' || strcmp(base_base, "/") == 0));
            if (below && base_below) relative(result, base_to, shown), output = shown;
        }
        fputs(output, stdout);
        putchar(zero ? '\0' : '\n');
    }
    return status;
}
