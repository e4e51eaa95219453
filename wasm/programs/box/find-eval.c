/* find-eval.c: find's tests and actions on one file, as GNU findutils
 * evaluates them (left to right, short-circuit), and the -exec batches. */
#define _GNU_SOURCE /* FNM_CASEFOLD */
#include "bocal.h"

#include <ctype.h>
#include <dirent.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "command.h"
#include "find.h"
#include "util.h"

struct find_state find_state;

/* Largest argument bytes one -exec ... + command gets (as GNU's default
 * stays well under ARG_MAX). */
#define BATCH_BYTES (128 * 1024)

unsigned find_type_bit(mode_t mode) {
    switch (mode & S_IFMT) {
    case S_IFREG: return 1;
    case S_IFDIR: return 2;
    case S_IFLNK: return 4;
    case S_IFIFO: return 8;
    case S_IFSOCK: return 16;
    case S_IFCHR: return 32;
    case S_IFBLK: return 64;
    default: return 0;
    }
}

static const char *last_name(const char *path) {
    static char name[4096];
    size_t end = strlen(path);
    while (end > 1 && path[end - 1] == '/') end--;
    size_t start = end;
    while (start > 0 && path[start - 1] != '/') start--;
    if (end - start >= sizeof name) end = start + sizeof name - 1;
    memcpy(name, path + start, end - start);
    name[end - start] = '\0';
    return name;
}

static int compare(const struct find_number *number, long long value) {
    if (number->compare < 0) return value < number->value;
    if (number->compare > 0) return value > number->value;
    return value == number->value;
}

static int is_empty(const char *path, const struct stat *st) {
    if (S_ISREG(st->st_mode)) return st->st_size == 0;
    if (!S_ISDIR(st->st_mode)) return 0;
    DIR *dir = opendir(path);
    if (!dir) {
        warn_errno(errno, "%s", quote(path));
        find_state.status = 1;
        return 0;
    }
    struct dirent *entry;
    int empty = 1;
    while (empty && (entry = readdir(dir)))
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0) empty = 0;
    closedir(dir);
    return empty;
}

/* The command with each "{}" (and "{}" inside words, as GNU) replaced. */
static char **substitute(struct find_node *n, const char *path) {
    char **argv = xmalloc(sizeof(char *) * (size_t)(n->argc + 1));
    for (int i = 0; i < n->argc; i++) {
        const char *word = n->argv[i];
        if (!strstr(word, "{}")) {
            argv[i] = (char *)word;
            continue;
        }
        size_t count = 0;
        for (const char *p = word; (p = strstr(p, "{}")); p += 2) count++;
        char *out = xmalloc(strlen(word) + count * strlen(path) + 1), *o = out;
        for (const char *p = word; *p;) {
            if (p[0] == '{' && p[1] == '}') {
                o = stpcpy(o, path);
                p += 2;
            } else {
                *o++ = *p++;
            }
        }
        *o = '\0';
        argv[i] = out;
    }
    argv[n->argc] = NULL;
    return argv;
}

/* Runs a command for -exec; returns whether it exited 0. */
static int run(char **argv) {
    int status = command_run(argv);
    if (status < 0) {
        warn_errno(errno, "%s", quote(argv[0]));
        find_state.status = 1;
        return 0;
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static void run_batch(struct find_node *n) {
    struct find_batch *b = &n->batch;
    if (b->count == 0) return;
    int words = n->argc; /* the words before the {} */
    char **argv = xmalloc(sizeof(char *) * (size_t)(words + b->count + 1));
    for (int i = 0; i < words; i++) argv[i] = n->argv[i];
    for (int i = 0; i < b->count; i++) argv[words + i] = b->paths[i];
    argv[words + b->count] = NULL;
    if (!run(argv)) find_state.status = 1;
    for (int i = 0; i < b->count; i++) free(b->paths[i]);
    free(argv);
    b->count = 0;
    b->bytes = 0;
}

static void add_to_batch(struct find_node *n, const char *path) {
    struct find_batch *b = &n->batch;
    if (b->count > 0 && b->bytes + strlen(path) + 1 > BATCH_BYTES) run_batch(n);
    if (b->count == b->capacity) {
        b->capacity = b->capacity ? b->capacity * 2 : 64;
        b->paths = realloc(b->paths, sizeof(char *) * (size_t)b->capacity);
        if (!b->paths) warnx_("memory exhausted"), exit(1);
    }
    b->paths[b->count++] = strdup(path);
    b->bytes += strlen(path) + 1;
}

void find_flush(struct find_node *n) {
    if (!n) return;
    if (n->kind == FIND_EXEC_PLUS) run_batch(n);
    find_flush(n->left);
    find_flush(n->right);
}

static int delete_file(const char *path, const struct stat *st) {
    if (strcmp(path, ".") == 0) return 1; /* GNU never removes the starting "." */
    if ((S_ISDIR(st->st_mode) ? rmdir(path) : unlink(path)) == 0) return 1;
    warn_errno(errno, "cannot delete %s", quote(path));
    find_state.status = 1;
    return 0;
}

static int mode_matches(const struct find_node *n, mode_t mode) {
    unsigned bits = mode & 07777;
    if (n->perm_match == '-') return (bits & n->mode) == n->mode;
    if (n->perm_match == '/') return n->mode == 0 || (bits & n->mode) != 0;
    return bits == n->mode;
}

int find_eval(struct find_node *n, const char *path, const struct stat *st, int depth) {
    (void)depth;
    switch (n->kind) {
    case FIND_AND:
        return find_eval(n->left, path, st, depth) && find_eval(n->right, path, st, depth);
    case FIND_OR:
        return find_eval(n->left, path, st, depth) || find_eval(n->right, path, st, depth);
    case FIND_COMMA:
        find_eval(n->left, path, st, depth);
        return find_eval(n->right, path, st, depth);
    case FIND_NOT: return !find_eval(n->left, path, st, depth);
    case FIND_TRUE: return 1;
    case FIND_FALSE: return 0;
    case FIND_NAME: return fnmatch(n->text, last_name(path), 0) == 0;
    case FIND_INAME: return fnmatch(n->text, last_name(path), FNM_CASEFOLD) == 0;
    case FIND_PATH: return fnmatch(n->text, path, 0) == 0;
    case FIND_IPATH: return fnmatch(n->text, path, FNM_CASEFOLD) == 0;
    case FIND_TYPE: return (find_type_bit(st->st_mode) & n->types) != 0;
    case FIND_NEWER:
        return st->st_mtim.tv_sec > n->time.tv_sec ||
               (st->st_mtim.tv_sec == n->time.tv_sec && st->st_mtim.tv_nsec > n->time.tv_nsec);
    case FIND_SIZE: {
        long long units = (st->st_size + n->unit - 1) / n->unit;
        return compare(&n->number, units);
    }
    case FIND_MTIME:
    case FIND_MMIN: {
        long long seconds = find_state.start.tv_sec - st->st_mtim.tv_sec;
        long long period = n->kind == FIND_MTIME ? 86400 : 60;
        long long age = seconds / period;
        if (seconds < 0) age = -((-seconds + period - 1) / period);
        if (n->kind == FIND_MMIN && seconds % 60 != 0 && seconds > 0) age++;
        return compare(&n->number, age);
    }
    case FIND_LINKS: return compare(&n->number, (long long)st->st_nlink);
    case FIND_PERM: return mode_matches(n, st->st_mode);
    case FIND_USER: return st->st_uid == n->id;
    case FIND_GROUP: return st->st_gid == n->id;
    case FIND_NOUSER: return getpwuid(st->st_uid) == NULL;
    case FIND_EMPTY: return is_empty(path, st);
    case FIND_PRINT: printf("%s\n", path); return 1;
    case FIND_PRINT0: fputs(path, stdout), putchar('\0'); return 1;
    case FIND_EXEC: {
        char **argv = substitute(n, path);
        int ok = run(argv);
        for (int i = 0; i < n->argc; i++)
            if (argv[i] != n->argv[i]) free(argv[i]);
        free(argv);
        return ok;
    }
    case FIND_EXEC_PLUS: add_to_batch(n, path); return 1;
    case FIND_DELETE: return delete_file(path, st);
    case FIND_PRUNE: find_state.prune = 1; return 1;
    case FIND_QUIT: find_state.quit = 1; return 1;
    default: return 0;
    }
}
