/* find.c: find [-H] [-L] [-P] [PATH...] [EXPRESSION], as GNU findutils:
 * walks each PATH (default ".") depth-first in directory order, evaluating
 * the expression (find-parse.c, find-eval.c) on every file between
 * -mindepth and -maxdepth; -depth (or -delete) visits a directory's
 * contents before it. Symbolic links are not followed unless -L (-H: only
 * the PATHs). Errors (unreadable directories, missing paths) are reported
 * and make the status 1, and the walk goes on. */
#include "bocal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "find.h"
#include "util.h"
#include "walk.h"

static struct find_node *expression;
static struct find_options options;
static int follow_links; /* 0: -P, 1: -H, 2: -L */

static const char help[] =
    "Usage: find [-H] [-L] [-P] [path...] [expression]\n\n"
    "Default path is the current directory; default expression is -print.\n"
    "Expression may consist of: operators, options, tests, and actions.\n\n"
    "Operators (decreasing precedence; -and is implicit where no others are given):\n"
    "      ( EXPR )   ! EXPR   -not EXPR   EXPR1 -a EXPR2   EXPR1 -and EXPR2\n"
    "      EXPR1 -o EXPR2   EXPR1 -or EXPR2   EXPR1 , EXPR2\n\n"
    "Positional options (always true):\n"
    "      -depth -maxdepth LEVELS -mindepth LEVELS\n\n"
    "Tests (N can be +N or -N or N):\n"
    "      -empty -false -gid N -group NAME -iname PATTERN -ipath PATTERN\n"
    "      -links N -mmin N -mtime N -name PATTERN -newer FILE -nouser\n"
    "      -path PATTERN -perm [-/]MODE -size N[bcwkMG] -true -type [bcdpfls]\n"
    "      -uid N -user NAME -wholename PATTERN\n\n"
    "Actions:\n"
    "      -delete -print0 -print -prune -quit\n"
    "      -exec COMMAND ; -exec COMMAND {} +\n";

static int get_stat(const char *path, struct stat *st, int top) {
    int follow = follow_links == 2 || (follow_links == 1 && top);
    if (follow) {
        if (stat(path, st) == 0) return 0;
        if (errno != ENOENT && errno != ELOOP) return -1;
    }
    return lstat(path, st);
}

static void visit(const char *path, const struct stat *st, int depth) {
    if (depth >= options.min_depth) find_eval(expression, path, st, depth);
}

static void walk(const char *path, int depth, int top) {
    struct stat st;
    if (find_state.quit) return;
    if (get_stat(path, &st, top) < 0) {
        warn_errno(errno, "%s", quote(path));
        find_state.status = 1;
        return;
    }
    find_state.prune = 0;
    if (!options.depth_first) visit(path, &st, depth);
    if (S_ISDIR(st.st_mode) && depth < options.max_depth && !find_state.quit &&
        (options.depth_first || !find_state.prune)) {
        DIR *dir = opendir(path);
        if (!dir) {
            warn_errno(errno, "%s", quote(path));
            find_state.status = 1;
        } else {
            size_t count;
            char **names = read_names(dir, &count);
            for (size_t i = 0; i < count; i++) {
                char *child = path_join(path, names[i]);
                if (!find_state.quit) walk(child, depth + 1, 0);
                free(child);
            }
            free_names(names, count);
        }
    }
    if (options.depth_first && !find_state.quit) visit(path, &st, depth);
}

/* A word that begins the expression rather than naming a path. */
static int starts_expression(const char *word) {
    return (word[0] == '-' && word[1]) || !strcmp(word, "!") || !strcmp(word, "(") ||
           !strcmp(word, ")");
}

int find_main(int argc, char **argv) {
    int index = 1;
    for (; index < argc; index++) {
        const char *word = argv[index];
        if (!strcmp(word, "-P")) follow_links = 0;
        else if (!strcmp(word, "-H")) follow_links = 1;
        else if (!strcmp(word, "-L")) follow_links = 2;
        else if (!strcmp(word, "--")) {
            index++;
            break;
        } else break;
    }
    for (int i = index; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-help")) {
            fputs(help, stdout);
            return 0;
        }
        if (!strcmp(argv[i], "-exec")) break;
    }
    int first_path = index;
    while (index < argc && !starts_expression(argv[index])) index++;
    options.max_depth = 0x7fffffff;
    clock_gettime(CLOCK_REALTIME, &find_state.start);
    expression = find_parse(argv + index, argc - index, &options);
    if (!expression) return 1;
    if (options.depth_first) {
        /* GNU refuses -delete with -prune: -prune cannot work depth-first. */
        for (int i = index; i < argc; i++) {
            if (!strcmp(argv[i], "-prune")) {
                int has_delete = 0, has_depth = 0;
                for (int k = index; k < argc; k++) {
                    has_delete |= !strcmp(argv[k], "-delete");
                    has_depth |= !strcmp(argv[k], "-depth") || !strcmp(argv[k], "-d");
                }
                if (has_delete && !has_depth) {
                    fputs("find: The -delete action automatically turns on -depth, but -prune "
                          "does nothing when -depth is in effect.  If you want to carry on "
                          "anyway, just explicitly use the -depth option.\n",
                          stderr);
                    return 1;
                }
            }
        }
    }
    if (first_path == index) {
        walk(".", 0, 1);
    } else {
        for (int i = first_path; i < index && !find_state.quit; i++) {
            if (!*argv[i]) {
                warn_errno(ENOENT, "%s", quote(argv[i]));
                find_state.status = 1;
                continue;
            }
            walk(argv[i], 0, 1);
        }
    }
    fflush(stdout);
    find_flush(expression);
    return find_state.status;
}
