/* sh-expand.c: word expansion (XCU 2.6): tilde, parameters (every ${...}
 * form), command substitution with $(...) and backquotes, arithmetic with
 * $((...)) (sh-arith.c), field splitting on IFS, pathname expansion of the
 * fields that hold an unquoted *, ? or [ (sh-glob.c; not with set -f), and
 * quote removal.
 *
 * A word expands into a sequence of characters, each with flags saying where
 * it came from: an unquoted expansion may be split, a quoted character is
 * literal in patterns, and two zero-width marks record an empty quoted
 * string ("" makes a field) and the boundary between the fields of "$@". */
#define _GNU_SOURCE
#include "bocal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

enum { F_SPLIT = 1, F_QUOTED = 2, F_MARK = 4, F_HARDBREAK = 8, F_SOFTBREAK = 16 };

struct xbuf {
    char *c;
    unsigned char *f;
    size_t len, cap;
    int error;
};

static void xadd(struct xbuf *x, char c, unsigned char flags) {
    if (x->len == x->cap) {
        x->cap = x->cap ? x->cap * 2 : 64;
        x->c = sh_realloc(x->c, x->cap);
        x->f = sh_realloc(x->f, x->cap);
    }
    x->c[x->len] = c;
    x->f[x->len++] = flags;
}

static void xadds(struct xbuf *x, const char *s, int quoted) {
    for (; *s; s++) xadd(x, *s, quoted ? F_QUOTED : F_SPLIT);
}

static void expand_into(struct xbuf *x, const char *w, size_t n, int quoted);
static size_t match_paren(const char *w, size_t i, size_t n);

/* ---- special and positional parameters --------------------------------- */

static const char *ifs(void) {
    const char *v = var_get("IFS");
    return v ? v : " \t\n";
}

static char *number(long v) {
    char tmp[24];
    snprintf(tmp, sizeof tmp, "%ld", v);
    return sh_strdup(tmp);
}

/* The value of a parameter other than @ and *; NULL if unset. */
static char *param_value(const char *name) {
    if (strcmp(name, "?") == 0) return number(sh.status);
    if (strcmp(name, "$") == 0) return number(sh.pid);
    if (strcmp(name, "#") == 0) return number(sh.nparams);
    if (strcmp(name, "!") == 0) return sh.last_background ? number(sh.last_background) : NULL;
    if (strcmp(name, "0") == 0) return sh_strdup(sh.name);
    if (strcmp(name, "-") == 0) {
        struct buf b = {0};
        /* dash's order (its option letters from last to first). */
        buf_adds(&b, "");
        if (sh.nounset) buf_add(&b, 'u');
        if (sh.noclobber) buf_add(&b, 'C');
        if (sh.xtrace) buf_add(&b, 'x');
        if (sh.monitor) buf_add(&b, 'm');
        if (sh.interactive) buf_add(&b, 'i');
        if (sh.noglob) buf_add(&b, 'f');
        if (sh.errexit) buf_add(&b, 'e');
        return buf_take(&b);
    }
    if (name[0] >= '0' && name[0] <= '9') {
        int i = atoi(name);
        return i <= sh.nparams ? sh_strdup(sh.params[i - 1]) : NULL;
    }
    const char *v = var_get(name);
    return v ? sh_strdup(v) : NULL;
}

static char *joined_params(void) {
    struct buf b = {0};
    const char *sep = ifs();
    for (int i = 0; i < sh.nparams; i++) {
        if (i && *sep) buf_add(&b, *sep);
        buf_adds(&b, sh.params[i]);
    }
    return buf_take(&b);
}

static void add_all_params(struct xbuf *x, int quoted, int star) {
    if (quoted && star) {
        char *all = joined_params();
        xadds(x, all, 1);
        free(all);
        return;
    }
    for (int i = 0; i < sh.nparams; i++) {
        if (i) xadd(x, 0, quoted ? F_HARDBREAK : F_SOFTBREAK);
        xadds(x, sh.params[i], quoted);
    }
}

static void unset_error(struct xbuf *x, const char *name, const char *message) {
    sh_error("%s: %s", name, message);
    x->error = 1;
    sh.exiting = 1;
    sh.status = 2;
}

/* ---- ${...} ---------------------------------------------------------------- */

/* Removes the shortest or longest prefix or suffix matching pattern. */
static char *remove_affix(const char *value, const char *pattern, int suffix, int longest) {
    size_t n = strlen(value);
    char *tmp = sh_strdup(value);
    for (size_t k = 0; k <= n; k++) {
        size_t len = longest ? n - k : k;
        int match;
        if (suffix) match = pattern_match(pattern, value + n - len);
        else {
            char saved = tmp[len];
            tmp[len] = 0;
            match = pattern_match(pattern, tmp);
            tmp[len] = saved;
        }
        if (match) {
            char *r = suffix ? sh_strndup(value, n - len) : sh_strdup(value + len);
            free(tmp);
            return r;
        }
    }
    free(tmp);
    return sh_strdup(value);
}

static char *expand_pattern(const char *w, size_t n);

static void braced(struct xbuf *x, const char *s, size_t n, int quoted) {
    int length = 0;
    size_t i = 0;
    if (n > 1 && s[0] == '#') length = 1, i = 1;
    size_t start = i;
    if (i < n && (strchr("@*#?$!-0", s[i]) || (s[i] >= '1' && s[i] <= '9'))) {
        i++;
        if (s[start] >= '1' && s[start] <= '9')
            while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    } else {
        while (i < n && valid_name(s + start, i - start + 1)) i++;
    }
    if (i == start) {
        sh_error("${%.*s}: bad substitution", (int)n, s);
        x->error = 1;
        sh.exiting = 1;
        sh.status = 2;
        return;
    }
    char *name = sh_strndup(s + start, i - start);
    const char *op = s + i;
    size_t oplen = 0;
    if (i < n) {
        if (s[i] == ':' && i + 1 < n && strchr("-=?+", s[i + 1])) oplen = 2;
        else if (strchr("-=?+", s[i])) oplen = 1;
        else if ((s[i] == '%' || s[i] == '#') && i + 1 < n && s[i + 1] == s[i]) oplen = 2;
        else if (s[i] == '%' || s[i] == '#') oplen = 1;
        else {
            sh_error("${%.*s}: bad substitution", (int)n, s);
            x->error = 1;
            sh.exiting = 1;
            sh.status = 2;
            free(name);
            return;
        }
    }
    const char *word = op + oplen;
    size_t wordlen = n - i - oplen;
    int all = strcmp(name, "@") == 0 || strcmp(name, "*") == 0;
    char *value = all ? (sh.nparams ? joined_params() : NULL) : param_value(name);
    if (length) {
        if (!value && sh.nounset && !all) unset_error(x, name, "parameter not set");
        char *count = number(value ? (long)strlen(value) : 0);
        xadds(x, count, quoted);
        free(count);
    } else if (oplen && op[oplen - 1] != '%' && op[oplen - 1] != '#') {
        int colon = op[0] == ':';
        char kind = op[oplen - 1];
        int set = value && (!colon || *value);
        if (kind == '-' && !set) expand_into(x, word, wordlen, quoted);
        else if (kind == '+' && set) expand_into(x, word, wordlen, quoted);
        else if (kind == '=' && !set) {
            char *w = sh_strndup(word, wordlen);
            char *v = expand_word(w);
            free(w);
            var_set(name, v, 0);
            xadds(x, v, quoted);
            free(v);
        } else if (kind == '?' && !set) {
            char *w = sh_strndup(word, wordlen);
            char *v = expand_word(w);
            free(w);
            unset_error(x, name, *v ? v : "parameter not set");
            free(v);
        } else if (kind != '+') {
            if (all && !quoted) add_all_params(x, quoted, 0);
            else if (all && name[0] == '@') add_all_params(x, 1, 0);
            else xadds(x, value ? value : "", quoted);
        }
    } else if (oplen) {
        char *pattern = expand_pattern(word, wordlen);
        char *r = remove_affix(value ? value : "", pattern, op[0] == '%', oplen == 2);
        xadds(x, r, quoted);
        free(r);
        free(pattern);
    } else if (all) {
        add_all_params(x, quoted, name[0] == '*');
    } else {
        if (!value && sh.nounset) unset_error(x, name, "parameter not set");
        xadds(x, value ? value : "", quoted);
    }
    free(value);
    free(name);
}

/* ---- the word -------------------------------------------------------------- */

static size_t match_brace(const char *w, size_t i, size_t n) {
    int depth = 1;
    while (i < n) {
        char c = w[i];
        if (c == '\\') i += 2;
        else if (c == '\'' ) {
            for (i++; i < n && w[i] != '\''; i++) {}
            i++;
        } else if (c == '{') depth++, i++;
        else if (c == '}') {
            if (--depth == 0) return i;
            i++;
        } else i++;
    }
    return n;
}

static size_t match_paren(const char *w, size_t i, size_t n) {
    int depth = 1;
    while (i < n) {
        char c = w[i];
        if (c == '\\') i += 2;
        else if (c == '\'' || c == '"') {
            char q = c;
            for (i++; i < n && w[i] != q; i++)
                if (q == '"' && w[i] == '\\') i++;
            i++;
        } else if (c == '(') depth++, i++;
        else if (c == ')') {
            if (--depth == 0) return i;
            i++;
        } else i++;
    }
    return n;
}

static void substitute(struct xbuf *x, const char *text, int quoted) {
    char *out = capture_output(text);
    size_t len = strlen(out);
    while (len && out[len - 1] == '\n') out[--len] = 0;
    xadds(x, out, quoted);
    free(out);
}

/* $((TEXT)): TEXT is expanded as in double quotes, then evaluated. Returns
 * -1 after an error, which ends a non-interactive shell (XCU 2.8.1). */
static int arithmetic(struct xbuf *x, const char *text, size_t n, int quoted) {
    struct xbuf inner = {0};
    expand_into(&inner, text, n, 1);
    struct buf b = {0};
    buf_adds(&b, "");
    for (size_t i = 0; i < inner.len; i++)
        if (!(inner.f[i] & (F_MARK | F_HARDBREAK))) buf_add(&b, inner.c[i]);
    free(inner.c);
    free(inner.f);
    char *expression = buf_take(&b);
    long value;
    int failed = inner.error || arith_eval(expression, &value) < 0;
    free(expression);
    if (failed) {
        x->error = 1;
        sh.status = 2;
        if (!sh.interactive) sh.exiting = 1;
        return -1;
    }
    char digits[24];
    snprintf(digits, sizeof digits, "%ld", value);
    xadds(x, digits, quoted);
    return 0;
}

/* Expands $... at w[i] (w[i] == '$'); returns the index after it. */
static size_t dollar(struct xbuf *x, const char *w, size_t i, size_t n, int quoted) {
    size_t j = i + 1;
    if (j < n && w[j] == '{') {
        size_t end = match_brace(w, j + 1, n);
        braced(x, w + j + 1, end - j - 1, quoted);
        return end + 1;
    }
    if (j + 1 < n && w[j] == '(' && w[j + 1] == '(') {
        size_t end = match_paren(w, j + 1, n);
        if (end < n && end > j + 2 && match_paren(w, j + 2, n) == end - 1)
            return arithmetic(x, w + j + 2, end - j - 3, quoted) ? n : end + 1;
    }
    if (j < n && w[j] == '(') {
        size_t end = match_paren(w, j + 1, n);
        char *text = sh_strndup(w + j + 1, end - j - 1);
        substitute(x, text, quoted);
        free(text);
        return end + 1;
    }
    if (j < n && (w[j] == '@' || w[j] == '*')) {
        add_all_params(x, quoted, w[j] == '*');
        return j + 1;
    }
    size_t k = j;
    if (j < n && (strchr("#?$!-", w[j]) || (w[j] >= '0' && w[j] <= '9'))) k = j + 1;
    else
        while (k < n && valid_name(w + j, k - j + 1)) k++;
    if (k == j) {
        xadd(x, '$', quoted ? F_QUOTED : 0);
        return j;
    }
    char *name = sh_strndup(w + j, k - j);
    char *value = param_value(name);
    if (!value && sh.nounset) unset_error(x, name, "parameter not set");
    xadds(x, value ? value : "", quoted);
    free(value);
    free(name);
    return k;
}

/* Expands `...` at w[i]; returns the index after the closing backquote. */
static size_t backquote(struct xbuf *x, const char *w, size_t i, size_t n, int quoted) {
    struct buf text = {0};
    size_t j = i + 1;
    for (; j < n && w[j] != '`'; j++) {
        if (w[j] == '\\' && j + 1 < n && strchr("$`\\", w[j + 1])) j++;
        buf_add(&text, w[j]);
    }
    char *t = buf_take(&text);
    substitute(x, t, quoted);
    free(t);
    return j + 1;
}

static void expand_into(struct xbuf *x, const char *w, size_t n, int quoted) {
    size_t i = 0;
    if (!quoted && n && w[0] == '~' && (n == 1 || w[1] == '/')) {
        const char *home = var_get("HOME");
        xadds(x, home ? home : "~", 1);
        i = 1;
    }
    while (i < n && !x->error) {
        char c = w[i];
        if (c == '\\') {
            if (i + 1 >= n) {
                xadd(x, '\\', F_QUOTED);
                i++;
            } else if (w[i + 1] == '\n') i += 2;
            else if (quoted && !strchr("$`\"\\", w[i + 1])) {
                xadd(x, '\\', F_QUOTED);
                i++;
            } else {
                xadd(x, w[i + 1], F_QUOTED);
                i += 2;
            }
        } else if (c == '\'' && !quoted) {
            xadd(x, 0, F_MARK);
            for (i++; i < n && w[i] != '\''; i++) xadd(x, w[i], F_QUOTED);
            i++;
        } else if (c == '"' && !quoted) {
            size_t end = i + 1;
            while (end < n && w[end] != '"') {
                if (w[end] == '\\') end += 2;
                else if (w[end] == '$' && end + 1 < n && w[end + 1] == '(')
                    end = match_paren(w, end + 2, n) + 1;
                else if (w[end] == '$' && end + 1 < n && w[end + 1] == '{')
                    end = match_brace(w, end + 2, n) + 1;
                else if (w[end] == '`') {
                    for (end++; end < n && w[end] != '`'; end++)
                        if (w[end] == '\\') end++;
                    end++;
                } else end++;
            }
            if (end > n) end = n;
            int at_only = (end - i - 1 == 2 && strncmp(w + i + 1, "$@", 2) == 0) ||
                          (end - i - 1 == 4 && strncmp(w + i + 1, "${@}", 4) == 0);
            if (!(at_only && sh.nparams == 0)) xadd(x, 0, F_MARK);
            expand_into(x, w + i + 1, end - i - 1, 1);
            i = end + 1;
        } else if (c == '$') i = dollar(x, w, i, n, quoted);
        else if (c == '`') i = backquote(x, w, i, n, quoted);
        else {
            xadd(x, c, quoted ? F_QUOTED : 0);
            i++;
        }
    }
}

/* ---- field splitting -------------------------------------------------------- */

void fields_add(struct fields *f, char *s) {
    if (f->n + 2 > f->cap) {
        f->cap = f->cap ? f->cap * 2 : 8;
        f->v = sh_realloc(f->v, sizeof(char *) * (size_t)f->cap);
    }
    f->v[f->n++] = s;
    f->v[f->n] = NULL;
}

void fields_free(struct fields *f) {
    for (int i = 0; i < f->n; i++) free(f->v[i]);
    free(f->v);
    f->v = NULL;
    f->n = f->cap = 0;
}

/* A field being built: its text, the same as a pattern (quoted *?[\\
 * escaped), and whether an unquoted pattern character makes it a pattern. */
struct field {
    struct buf text, pattern;
    int magic;
};

static void field_add(struct field *f, char c, unsigned char flags) {
    buf_add(&f->text, c);
    int quoted = flags & F_QUOTED;
    if (quoted && strchr("*?[\\", c)) buf_add(&f->pattern, '\\');
    buf_add(&f->pattern, c);
    if (!quoted && strchr("*?[", c)) f->magic = 1;
}

/* Ends the field: its matching pathnames, or the field itself when it is
 * no pattern, globbing is off (set -f) or nothing matches. */
static void field_end(struct field *f, struct fields *out) {
    char *pattern = buf_take(&f->pattern);
    if (!f->magic || sh.noglob || glob_expand(pattern, out) == 0)
        fields_add(out, buf_take(&f->text));
    else free(buf_take(&f->text));
    free(pattern);
    f->magic = 0;
}

static void split(struct xbuf *x, struct fields *out) {
    const char *separators = ifs();
    struct field cur = {{0}, {0}, 0};
    int started = 0, after_blank = 0;
    for (size_t i = 0; i < x->len; i++) {
        char c = x->c[i];
        unsigned char f = x->f[i];
        int delimiter = (f & F_SPLIT) && c && strchr(separators, c);
        int blank = delimiter && (c == ' ' || c == '\t' || c == '\n');
        if (f & F_HARDBREAK) {
            field_end(&cur, out);
            started = after_blank = 0;
        } else if (f & F_MARK) started = 1;
        else if ((f & F_SOFTBREAK) || blank) {
            if (started) field_end(&cur, out), after_blank = 1;
            started = 0;
        } else if (delimiter) {
            if (started || !after_blank) field_end(&cur, out);
            started = after_blank = 0;
        } else {
            field_add(&cur, c, f);
            started = 1;
            after_blank = 0;
        }
    }
    if (started) field_end(&cur, out);
    free(cur.text.s);
    free(cur.pattern.s);
}

int expand_words(char **words, int nwords, struct fields *out) {
    for (int i = 0; i < nwords; i++) {
        struct xbuf x = {0};
        expand_into(&x, words[i], strlen(words[i]), 0);
        if (x.error) {
            free(x.c);
            free(x.f);
            return -1;
        }
        split(&x, out);
        free(x.c);
        free(x.f);
    }
    return 0;
}

static char *plain(struct xbuf *x) {
    struct buf b = {0};
    buf_adds(&b, "");
    for (size_t i = 0; i < x->len; i++) {
        if (x->f[i] & (F_MARK | F_HARDBREAK)) continue;
        if (x->f[i] & F_SOFTBREAK) buf_add(&b, ' ');
        else buf_add(&b, x->c[i]);
    }
    free(x->c);
    free(x->f);
    return buf_take(&b);
}

char *expand_word(const char *word) {
    struct xbuf x = {0};
    expand_into(&x, word, strlen(word), 0);
    return plain(&x);
}

/* A pattern: quoted characters are escaped so they match only themselves. */
static char *expand_pattern(const char *w, size_t n) {
    struct xbuf x = {0};
    expand_into(&x, w, n, 0);
    struct buf b = {0};
    buf_adds(&b, "");
    for (size_t i = 0; i < x.len; i++) {
        if (x.f[i] & (F_MARK | F_HARDBREAK)) continue;
        if ((x.f[i] & F_QUOTED) && strchr("*?[\\", x.c[i])) buf_add(&b, '\\');
        buf_add(&b, x.f[i] & F_SOFTBREAK ? ' ' : x.c[i]);
    }
    free(x.c);
    free(x.f);
    return buf_take(&b);
}

char *expand_case_pattern(const char *word) { return expand_pattern(word, strlen(word)); }

char *expand_heredoc(const char *body) {
    struct xbuf x = {0};
    size_t n = strlen(body);
    for (size_t i = 0; i < n;) {
        if (body[i] == '\\' && i + 1 < n && strchr("$`\\\n", body[i + 1])) {
            if (body[i + 1] != '\n') xadd(&x, body[i + 1], F_QUOTED);
            i += 2;
        } else if (body[i] == '$') i = dollar(&x, body, i, n, 1);
        else if (body[i] == '`') i = backquote(&x, body, i, n, 1);
        else xadd(&x, body[i++], F_QUOTED);
    }
    return plain(&x);
}

/* ---- patterns (XCU 2.13) ----------------------------------------------------- */

static int bracket(const char **pp, char c) {
    const char *p = *pp + 1;
    int negate = *p == '!' || *p == '^';
    if (negate) p++;
    int matched = 0;
    const char *first = p;
    while (*p && (*p != ']' || p == first)) {
        char lo = *p, hi = lo;
        if (p[1] == '-' && p[2] && p[2] != ']') {
            hi = p[2];
            p += 3;
        } else p++;
        if (c >= lo && c <= hi) matched = 1;
    }
    if (*p != ']') return -1;
    *pp = p + 1;
    return matched != negate;
}

int pattern_match(const char *p, const char *s) {
    for (; *p; p++, s++) {
        if (*p == '*') {
            while (*p == '*') p++;
            if (!*p) return 1;
            for (; *s; s++)
                if (pattern_match(p, s)) return 1;
            return pattern_match(p, s);
        }
        if (!*s) return 0;
        if (*p == '?') continue;
        if (*p == '[') {
            const char *q = p;
            int r = bracket(&q, *s);
            if (r >= 0) {
                if (!r) return 0;
                p = q - 1;
                continue;
            }
        }
        if (*p == '\\' && p[1]) p++;
        if (*p != *s) return 0;
    }
    return !*s;
}
