/* sh-arith.c: arithmetic expansion $((...)) (XCU 2.6.4): signed long
 * integers with C's operators and precedence (no ++ and --, which POSIX
 * leaves optional), decimal, octal (0...) and hexadecimal (0x...) constants,
 * variables by name (unset or empty is 0, another value must be a number)
 * and assignments with = and op=. The right side of && || and ?: that is not
 * taken is parsed but not evaluated: no assignment, no division error.
 * Messages follow dash: `arithmetic expression: WHAT: "EXPR"`. */
#define _GNU_SOURCE
#include "bocal.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct arith {
    const char *text;
    size_t i;
    int error;
    int skip; /* >0 inside a branch that is not taken */
};

static long assignment(struct arith *a);

static void fail(struct arith *a, const char *what) {
    if (a->error) return;
    a->error = 1;
    sh_error("arithmetic expression: %s: \"%s\"", what, a->text);
}

static void blanks(struct arith *a) {
    while (isspace((unsigned char)a->text[a->i])) a->i++;
}

/* Consumes OP when it is next and not the start of a longer operator
 * (one of the characters in NOT_BEFORE follows). */
static int take(struct arith *a, const char *op, const char *not_before) {
    blanks(a);
    size_t n = strlen(op);
    if (strncmp(a->text + a->i, op, n) != 0) return 0;
    char next = a->text[a->i + n];
    if (next && not_before && strchr(not_before, next)) return 0;
    a->i += n;
    return 1;
}

static size_t name_length(const char *s) {
    if (!isalpha((unsigned char)*s) && *s != '_') return 0;
    size_t n = 1;
    while (isalnum((unsigned char)s[n]) || s[n] == '_') n++;
    return n;
}

/* A variable's value as a number; dash's "Illegal number" otherwise. */
static long variable(struct arith *a, const char *name) {
    const char *v = var_get(name);
    if (!v) {
        if (sh.nounset && !a->skip) {
            sh_error("%s: parameter not set", name);
            a->error = 1;
        }
        return 0;
    }
    while (isspace((unsigned char)*v)) v++;
    if (!*v) return 0;
    char *end;
    long value = strtol(v, &end, 0);
    while (isspace((unsigned char)*end)) end++;
    if (*end && !a->error) {
        a->error = 1;
        sh_error("Illegal number: %s", v);
    }
    return value;
}

static long primary(struct arith *a) {
    blanks(a);
    const char *s = a->text + a->i;
    if (*s == '(') {
        a->i++;
        long v = assignment(a);
        if (!take(a, ")", NULL)) fail(a, "expecting ')'");
        return v;
    }
    if (isdigit((unsigned char)*s)) {
        char *end;
        long v = strtol(s, &end, 0);
        if (isalnum((unsigned char)*end) || *end == '_') {
            fail(a, "expecting EOF");
            return 0;
        }
        a->i += (size_t)(end - s);
        return v;
    }
    size_t n = name_length(s);
    if (!n) {
        fail(a, "expecting primary");
        return 0;
    }
    char *name = sh_strndup(s, n);
    a->i += n;
    long v = variable(a, name);
    free(name);
    return v;
}

static long unary(struct arith *a) {
    if (take(a, "+", NULL)) return unary(a);
    if (take(a, "-", NULL)) return -unary(a);
    if (take(a, "!", "=")) return !unary(a);
    if (take(a, "~", NULL)) return ~unary(a);
    return primary(a);
}

/* One binary operation, with the checks C would leave undefined. */
static long apply(struct arith *a, const char *op, long l, long r) {
    switch (op[0]) {
    case '*': return (long)((unsigned long)l * (unsigned long)r);
    case '/':
    case '%':
        if (r == 0) {
            if (!a->skip) fail(a, "division by zero");
            return 0;
        }
        if (r == -1) return op[0] == '/' ? (long)(0 - (unsigned long)l) : 0;
        return op[0] == '/' ? l / r : l % r;
    case '+': return (long)((unsigned long)l + (unsigned long)r);
    case '-': return (long)((unsigned long)l - (unsigned long)r);
    case '<': return op[1] == '<' ? (long)((unsigned long)l << (r & 63)) : op[1] ? l <= r : l < r;
    case '>': return op[1] == '>' ? l >> (r & 63) : op[1] ? l >= r : l > r;
    case '=': return l == r;
    case '!': return l != r;
    case '&': return l & r;
    case '^': return l ^ r;
    case '|': return l | r;
    default: return 0;
    }
}

/* Binary levels, loosest last; each operator with what may not follow it. */
static const struct level {
    const char *ops[4];
    const char *not_before[4];
} levels[] = {
    {{"*", "/", "%"}, {"=", "=", "="}},
    {{"+", "-"}, {"=", "="}},
    {{"<<", ">>"}, {"=", "="}},
    {{"<=", ">=", "<", ">"}, {NULL, NULL, "<=", ">="}},
    {{"==", "!="}, {NULL, NULL}},
    {{"&"}, {"&="}},
    {{"^"}, {"="}},
    {{"|"}, {"|="}},
};

static long binary(struct arith *a, int level) {
    if (level < 0) return unary(a);
    long left = binary(a, level - 1);
    for (;;) {
        const struct level *l = &levels[level];
        int k = 0;
        while (k < 4 && l->ops[k] && !take(a, l->ops[k], l->not_before[k])) k++;
        if (k == 4 || !l->ops[k]) return left;
        long right = binary(a, level - 1);
        left = apply(a, l->ops[k], left, right);
    }
}

static long logical(struct arith *a, int is_or) {
    long left = is_or ? logical(a, 0) : binary(a, 7);
    while (take(a, is_or ? "||" : "&&", NULL)) {
        int decided = is_or ? left != 0 : left == 0;
        a->skip += decided;
        long right = is_or ? logical(a, 0) : binary(a, 7);
        a->skip -= decided;
        left = decided ? is_or : right != 0;
    }
    return left;
}

static long conditional(struct arith *a) {
    long c = logical(a, 1);
    if (!take(a, "?", NULL)) return c;
    a->skip += !c;
    long yes = assignment(a);
    a->skip -= !c;
    if (!take(a, ":", NULL)) {
        fail(a, "expecting ':'");
        return 0;
    }
    a->skip += !!c;
    long no = conditional(a);
    a->skip -= !!c;
    return c ? yes : no;
}

static const char *assign_ops[] = {"=", "*=", "/=", "%=", "+=", "-=", "<<=", ">>=",
                                   "&=", "^=", "|=", NULL};

static long assignment(struct arith *a) {
    blanks(a);
    size_t start = a->i;
    size_t n = name_length(a->text + start);
    if (n) {
        a->i += n;
        for (int k = 0; assign_ops[k]; k++) {
            if (!take(a, assign_ops[k], k == 0 ? "=" : NULL)) continue;
            char *name = sh_strndup(a->text + start, n);
            long value = assignment(a);
            if (k > 0) {
                char op[3] = {assign_ops[k][0], assign_ops[k][1] == '=' ? 0 : assign_ops[k][1], 0};
                value = apply(a, op, variable(a, name), value);
            }
            if (!a->skip && !a->error) {
                char digits[24];
                snprintf(digits, sizeof digits, "%ld", value);
                var_set(name, digits, 0);
            }
            free(name);
            return value;
        }
        a->i = start;
    }
    return conditional(a);
}

int arith_eval(const char *text, long *result) {
    struct arith a = {text, 0, 0, 0};
    long value = assignment(&a);
    blanks(&a);
    if (!a.error && a.text[a.i]) fail(&a, "expecting EOF");
    if (a.error) return -1;
    *result = value;
    return 0;
}
