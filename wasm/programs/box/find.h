/* find.h: find's expression tree, shared by its parser (find-parse.c), its
 * tests and actions (find-eval.c) and its walk (find.c). */
#ifndef BOX_FIND_H
#define BOX_FIND_H

#include <sys/stat.h>
#include <time.h>

enum find_kind {
    FIND_AND, FIND_OR, FIND_NOT, FIND_COMMA,
    FIND_TRUE, FIND_FALSE, FIND_NAME, FIND_INAME, FIND_PATH, FIND_IPATH, FIND_TYPE,
    FIND_NEWER, FIND_SIZE, FIND_MTIME, FIND_MMIN, FIND_PERM, FIND_USER, FIND_GROUP,
    FIND_UID, FIND_GID, FIND_NOUSER, FIND_EMPTY, FIND_LINKS,
    FIND_PRINT, FIND_PRINT0, FIND_EXEC, FIND_EXEC_PLUS, FIND_DELETE, FIND_PRUNE, FIND_QUIT,
};

/* A numeric comparison: -N less, N exactly, +N more. */
struct find_number {
    int compare; /* -1, 0, 1 */
    long long value;
};

/* An -exec ... + batch: the command's words and the paths gathered so far. */
struct find_batch {
    char **paths;
    int count, capacity;
    size_t bytes;
};

struct find_node {
    enum find_kind kind;
    struct find_node *left, *right; /* operands of AND, OR, COMMA; NOT uses left */
    const char *text;               /* pattern */
    struct find_number number;
    long long unit;                 /* -size's unit in bytes */
    unsigned types;                 /* -type: one bit per S_IF* kind (find_type_bit) */
    struct timespec time;           /* -newer's reference mtime */
    unsigned mode;                  /* -perm */
    int perm_match;                 /* '=', '-', '/' */
    unsigned long long id;          /* -user, -group */
    char **argv;                    /* -exec's command (NULL-ended, {} in place) */
    int argc;
    struct find_batch batch;
};

struct find_options {
    int max_depth, min_depth, depth_first;
    int implied_print;
};

/* The whole run's state the tests and actions need. */
struct find_state {
    struct timespec start;
    int status;   /* the exit status so far */
    int quit;     /* -quit was evaluated */
    int prune;    /* set by -prune for the current file */
};

extern struct find_state find_state;

/* Parses the expression words; NULL after printing an error (status 1). */
struct find_node *find_parse(char **words, int count, struct find_options *options);
/* Evaluates `node` on the file at `path` (name is its last component). */
int find_eval(struct find_node *node, const char *path, const struct stat *st, int depth);
/* Runs the pending -exec ... + batches. */
void find_flush(struct find_node *node);
/* The bit of an S_IF* file type for -type's set. */
unsigned find_type_bit(mode_t mode);

#endif
