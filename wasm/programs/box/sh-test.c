/* sh-test.c: the test and [ builtins (XCU test): string, integer and file
 * primaries, !, -a, -o and parentheses, by recursive descent. Errors print
 * a message and give status 2. */
#define _GNU_SOURCE
#include "bocal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

struct test {
    char **argv;
    int argc, pos, error;
    const char *name; /* test or [, for messages */
};

static const char *next(struct test *t) { return t->pos < t->argc ? t->argv[t->pos] : NULL; }

static long integer(struct test *t, const char *s) {
    char *end;
    long v = strtol(s, &end, 10);
    while (*end == ' ' || *end == '\t') end++;
    if (!*s || *end) {
        if (!t->error) sh_error("%s: Illegal number: %s", t->name, s);
        t->error = 1;
    }
    return v;
}

static int file_test(char op, const char *path) {
    struct stat st;
    if (op == 'h' || op == 'L') return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
    if (stat(path, &st) < 0) return 0;
    switch (op) {
    case 'e': return 1;
    case 'f': return S_ISREG(st.st_mode);
    case 'd': return S_ISDIR(st.st_mode);
    case 'p': return S_ISFIFO(st.st_mode);
    case 'c': return S_ISCHR(st.st_mode);
    case 'b': return S_ISBLK(st.st_mode);
    case 's': return st.st_size > 0;
    case 'r': return access(path, R_OK) == 0;
    case 'w': return access(path, W_OK) == 0;
    case 'x': return access(path, X_OK) == 0;
    default: return 0;
    }
}

static int binary(struct test *t, const char *a, const char *op, const char *b) {
    if (strcmp(op, "=") == 0) return strcmp(a, b) == 0;
    if (strcmp(op, "!=") == 0) return strcmp(a, b) != 0;
    if (strcmp(op, "<") == 0) return strcmp(a, b) < 0;
    if (strcmp(op, ">") == 0) return strcmp(a, b) > 0;
    long x = integer(t, a), y = integer(t, b);
    if (strcmp(op, "-eq") == 0) return x == y;
    if (strcmp(op, "-ne") == 0) return x != y;
    if (strcmp(op, "-lt") == 0) return x < y;
    if (strcmp(op, "-le") == 0) return x <= y;
    if (strcmp(op, "-gt") == 0) return x > y;
    return x >= y; /* -ge */
}

static int is_binary(const char *op) {
    static const char *ops[] = {"=", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", NULL};
    for (int i = 0; op && ops[i]; i++)
        if (strcmp(op, ops[i]) == 0) return 1;
    return 0;
}

static int or_expr(struct test *t);

static int primary(struct test *t) {
    const char *a = next(t);
    if (!a) {
        if (!t->error) sh_error("%s: argument expected", t->name);
        t->error = 1;
        return 0;
    }
    t->pos++;
    if (strcmp(a, "!") == 0) return !primary(t);
    if (strcmp(a, "(") == 0) {
        int r = or_expr(t);
        if (!next(t) || strcmp(next(t), ")") != 0) {
            if (!t->error) sh_error("%s: closing paren expected", t->name);
            t->error = 1;
        }
        t->pos++;
        return r;
    }
    if (is_binary(next(t)) && t->pos + 1 < t->argc) {
        const char *op = next(t);
        const char *b = t->argv[t->pos + 1];
        t->pos += 2;
        return binary(t, a, op, b);
    }
    if (a[0] == '-' && a[1] && !a[2] && strchr("nzefdpcbsrwxhLt", a[1]) && next(t)) {
        const char *b = next(t);
        t->pos++;
        if (a[1] == 'n') return *b != 0;
        if (a[1] == 'z') return *b == 0;
        if (a[1] == 't') return isatty((int)integer(t, b));
        return file_test(a[1], b);
    }
    return *a != 0;
}

static int and_expr(struct test *t) {
    int r = primary(t);
    while (next(t) && strcmp(next(t), "-a") == 0) {
        t->pos++;
        r = primary(t) && r;
    }
    return r;
}

static int or_expr(struct test *t) {
    int r = and_expr(t);
    while (next(t) && strcmp(next(t), "-o") == 0) {
        t->pos++;
        r = and_expr(t) || r;
    }
    return r;
}

int builtin_test(int argc, char **argv) {
    struct test t = {argv + 1, argc - 1, 0, 0, argv[0]};
    if (strcmp(argv[0], "[") == 0) {
        if (argc < 2 || strcmp(argv[argc - 1], "]") != 0) {
            sh_error("[: missing ]");
            return 2;
        }
        t.argc--;
    }
    if (t.argc == 0) return 1;
    int r = or_expr(&t);
    if (!t.error && t.pos < t.argc) {
        sh_error("%s: unexpected operator", t.name);
        t.error = 1;
    }
    return t.error ? 2 : !r;
}
