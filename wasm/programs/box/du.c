/* du.c: du [OPTION]... [FILE]...: disk usage of each FILE (default "."),
 * as GNU coreutils: every directory after its contents, in 1024-byte blocks
 * rounded up (st_blocks), or with -a every file too; -s only the operands,
 * -d N down to depth N, -c a grand total, -h human sizes, -k KiB,
 * --apparent-size/-b sizes in bytes read from st_size. A directory or a
 * file with several links is counted once. Errors are reported and the walk
 * goes on; the status is then 1. */
#include "bocal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "human.h"
#include "util.h"
#include "walk.h"

enum { OPT_APPARENT = 256 };

struct settings {
    int all, summarize, human, apparent, bytes, total;
    long max_depth; /* -1: no limit */
};

struct seen {
    dev_t dev;
    ino_t ino;
};

static struct seen *seen;
static size_t seen_count, seen_capacity;
static int status;

/* Whether the inode was counted already (it is remembered if not). */
static int already_seen(const struct stat *st) {
    for (size_t i = 0; i < seen_count; i++)
        if (seen[i].dev == st->st_dev && seen[i].ino == st->st_ino) return 1;
    if (seen_count == seen_capacity) {
        seen_capacity = seen_capacity ? seen_capacity * 2 : 64;
        seen = realloc(seen, seen_capacity * sizeof *seen);
        if (!seen) warnx_("memory exhausted"), exit(1);
    }
    seen[seen_count++] = (struct seen){st->st_dev, st->st_ino};
    return 0;
}

static unsigned long long usage(const struct settings *s, const struct stat *st) {
    if (s->apparent) return S_ISREG(st->st_mode) || S_ISDIR(st->st_mode) || S_ISLNK(st->st_mode)
                                ? (unsigned long long)st->st_size
                                : 0;
    return (unsigned long long)st->st_blocks * 512;
}

static void show(const struct settings *s, unsigned long long bytes, const char *path) {
    char buffer[32];
    if (s->human) printf("%s\t%s\n", human_size(bytes, buffer), path);
    else if (s->bytes) printf("%llu\t%s\n", bytes, path);
    else printf("%llu\t%s\n", (bytes + 1023) / 1024, path);
}

/* The usage of `path` and all below it; prints per the settings. */
static unsigned long long walk(const struct settings *s, const char *path, int depth,
                               int top) {
    struct stat st;
    if (lstat(path, &st) < 0) {
        warn_errno(errno, "cannot access %s", quote(path));
        status = 1;
        return 0;
    }
    if ((S_ISDIR(st.st_mode) || st.st_nlink > 1) && already_seen(&st)) return 0;
    unsigned long long total = usage(s, &st);
    if (S_ISDIR(st.st_mode)) {
        DIR *dir = opendir(path);
        if (!dir) {
            warn_errno(errno, "cannot read directory %s", quote(path));
            status = 1;
        } else {
            size_t count;
            char **names = read_names(dir, &count);
            for (size_t i = 0; i < count; i++) {
                char *child = path_join(path, names[i]);
                total += walk(s, child, depth + 1, 0);
                free(child);
            }
            free_names(names, count);
        }
    }
    int shown_depth = s->max_depth < 0 || depth <= s->max_depth;
    if (top || (shown_depth && (S_ISDIR(st.st_mode) || s->all))) show(s, total, path);
    return total;
}

int du_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"all", 'a', 0},           {"summarize", 's', 0},   {"human-readable", 'h', 0},
        {"total", 'c', 0},         {"max-depth", 'd', 1},   {"kibibytes", 'k', 0},
        {"apparent-size", OPT_APPARENT, 0}, {"bytes", 'b', 0}, {NULL, 0, 0}};
    struct settings s = {.max_depth = -1};
    struct option_parser parser;
    int key;
    const char *depth_text = NULL;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case 'a': s.all = 1; break;
        case 's': s.summarize = 1; break;
        case 'h': s.human = 1, s.bytes = 0; break;
        case 'c': s.total = 1; break;
        case 'k': s.human = 0, s.bytes = 0; break;
        case 'b': s.apparent = 1, s.bytes = 1, s.human = 0; break;
        case OPT_APPARENT: s.apparent = 1; break;
        case 'd': {
            char *end;
            depth_text = parser.arg;
            s.max_depth = strtol(parser.arg, &end, 10);
            if (!*parser.arg || *end || s.max_depth < 0) {
                warnx_("invalid maximum depth %s", quote(parser.arg));
                return try_help();
            }
            break;
        }
        case OPT_HELP:
            return print_help(
                "[OPTION]... [FILE]...",
                "Summarize device usage of the set of FILEs, recursively for directories.\n\n"
                "  -a, --all             write counts for all files, not just directories\n"
                "      --apparent-size   print apparent sizes rather than device usage\n"
                "  -b, --bytes           equivalent to '--apparent-size --block-size=1'\n"
                "  -c, --total           produce a grand total\n"
                "  -d, --max-depth=N     print the total for a directory only if it is N\n"
                "                          or fewer levels below the command line argument\n"
                "  -h, --human-readable  print sizes in human readable format (e.g., 1K 234M 2G)\n"
                "  -k                    like --block-size=1K\n"
                "  -s, --summarize       display only a total for each argument\n"
                "      --help     display this help and exit\n");
        default: return 1;
        }
    }
    if (s.summarize && s.all) {
        warnx_("cannot both summarize and show all entries");
        return try_help();
    }
    if (s.summarize && depth_text && s.max_depth != 0) {
        warnx_("warning: summarizing conflicts with --max-depth=%ld", s.max_depth);
        return try_help();
    }
    if (s.summarize && depth_text) warnx_("warning: summarizing is the same as using --max-depth=0");
    if (s.summarize) s.max_depth = 0;
    static char *dot[] = {".", NULL};
    char **files = parser.operand_count ? parser.operands : dot;
    int count = parser.operand_count ? parser.operand_count : 1;
    unsigned long long grand = 0;
    for (int i = 0; i < count; i++) grand += walk(&s, files[i], 0, 1);
    if (s.total) show(&s, grand, "total");
    return status;
}
