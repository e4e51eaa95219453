/* sh-type.c: how the shell finds a command name: reserved words, functions,
 * builtins, then $PATH, whose results are remembered (XCU 2.9.1.1 "the
 * shell may remember the location"; dash calls them tracked aliases) so a
 * loop does not search $PATH on every iteration. The builtins that show or
 * use this search live here: type, command, hash. */
#define _GNU_SOURCE
#include "bocal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

static const char *const keywords[] = {"!",  "{",    "}",     "case",  "do",   "done", "elif", "else",
                                       "esac", "fi", "for", "if", "in", "then", "until", "while"};

static int is_keyword(const char *name) {
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (strcmp(keywords[i], name) == 0) return 1;
    return 0;
}

struct tracked {
    char *name, *path;
    struct tracked *next;
};
static struct tracked *tracked;

void hash_forget_all(void) {
    while (tracked) {
        struct tracked *t = tracked;
        tracked = t->next;
        free(t->name);
        free(t->path);
        free(t);
    }
}

static struct tracked *find_tracked(const char *name) {
    for (struct tracked *t = tracked; t; t = t->next)
        if (strcmp(t->name, name) == 0) return t;
    return NULL;
}

static int executable_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* The program NAME (without a slash) found in $PATH, newly allocated. */
static char *search_path(const char *name) {
    const char *at = var_get("PATH");
    if (!at) at = "/usr/local/bin:/usr/bin:/bin";
    for (;;) {
        const char *end = strchr(at, ':');
        size_t len = end ? (size_t)(end - at) : strlen(at);
        size_t size = len + strlen(name) + 3;
        char *path = sh_malloc(size);
        if (len) snprintf(path, size, "%.*s/%s", (int)len, at, name);
        else snprintf(path, size, "%s", name);
        if (executable_file(path)) return path;
        free(path);
        if (!end) return NULL;
        at = end + 1;
    }
}

/* Where the program NAME is (remembering it), or NULL. The result belongs
 * to the table; a name with a slash is itself. */
const char *hash_lookup(const char *name) {
    if (strchr(name, '/')) return name;
    struct tracked *t = find_tracked(name);
    if (t) return t->path;
    char *path = search_path(name);
    if (!path) return NULL;
    t = sh_malloc(sizeof *t);
    t->name = sh_strdup(name);
    t->path = path;
    t->next = tracked;
    tracked = t;
    return path;
}

/* Describes NAME as type and command -V do; returns 0 if it was found. */
static int describe(const char *name, int verbose) {
    if (is_keyword(name)) {
        if (verbose) printf("%s is a shell keyword\n", name);
        else puts(name);
        return 0;
    }
    if (alias_get(name, strlen(name))) {
        alias_describe(name, verbose);
        return 0;
    }
    if (func_exists(name)) {
        if (verbose) printf("%s is a shell function\n", name);
        else puts(name);
        return 0;
    }
    if (find_builtin(name) && name[0] != '_') {
        if (verbose)
            printf("%s is a %sshell builtin\n", name, is_special_builtin(name) ? "special " : "");
        else puts(name);
        return 0;
    }
    int was_tracked = find_tracked(name) != NULL;
    const char *path = strchr(name, '/') ? (executable_file(name) ? name : NULL) : hash_lookup(name);
    if (!path) {
        if (verbose) printf("%s: not found\n", name);
        return 127;
    }
    if (!verbose) puts(path);
    else if (was_tracked) printf("%s is a tracked alias for %s\n", name, path);
    else printf("%s is %s\n", name, path);
    return 0;
}

int bi_type(int argc, char **argv) {
    int status = 0;
    for (int i = 1; i < argc; i++)
        if (describe(argv[i], 1)) status = 127;
    return status;
}

/* command [-p] [-v|-V] NAME [ARG...]: describes NAME (only the first, as
 * dash), or runs it ignoring functions. */
int bi_command(int argc, char **argv) {
    int i = 1, mode = 0;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'v' || *o == 'V') mode = *o;
            else if (*o != 'p') {
                sh_error("command: Illegal option -%c", *o);
                return 2;
            }
        }
    }
    if (i >= argc) return 0;
    if (mode) return describe(argv[i], mode == 'V');
    builtin_fn fn = find_builtin(argv[i]);
    if (fn) return fn(argc - i, argv + i);
    return run_program(argc - i, argv + i);
}

/* hash [-r] [NAME...]: lists, forgets or looks up remembered programs. */
int bi_hash(int argc, char **argv) {
    int i = 1;
    if (i < argc && strcmp(argv[i], "-r") == 0) {
        hash_forget_all();
        i++;
    }
    if (argc == 1) {
        for (struct tracked *t = tracked; t; t = t->next) puts(t->path);
        return 0;
    }
    int status = 0;
    for (; i < argc; i++) {
        if (find_builtin(argv[i]) || func_exists(argv[i])) continue;
        if (!hash_lookup(argv[i])) {
            sh_error("hash: %s: not found", argv[i]);
            status = 1;
        }
    }
    return status;
}
