/* find-parse.c: find's expression, parsed by precedence as GNU findutils
 * does: `,` lowest, then -o, then -a (explicit or implied by juxtaposition),
 * then ! and ( ). Tests and actions take their arguments here, checked with
 * GNU's messages. When the expression has no action but -prune/-quit, the
 * whole is wrapped as ( EXPR ) -print. */
#include "bocal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "find.h"
#include "util.h"

struct parser {
    char **words;
    int count, next;
    struct find_options *options;
    int has_action;
    int failed;
};

static struct find_node *node(enum find_kind kind) {
    struct find_node *n = xmalloc(sizeof *n);
    memset(n, 0, sizeof *n);
    n->kind = kind;
    return n;
}

static struct find_node *fail(struct parser *p) {
    p->failed = 1;
    return NULL;
}

/* The argument of predicate `name`, or NULL after "missing argument". */
static const char *argument(struct parser *p, const char *name) {
    if (p->next >= p->count) {
        fprintf(stderr, "find: missing argument to `%s'\n", name);
        p->failed = 1;
        return NULL;
    }
    return p->words[p->next++];
}

/* [+-]N with an optional unit letter (for -size); 0 on success. */
static int parse_number(const char *text, struct find_number *number, char *unit) {
    const char *p = text;
    number->compare = *p == '+' ? 1 : *p == '-' ? -1 : 0;
    if (number->compare) p++;
    if (!isdigit((unsigned char)*p)) return -1;
    char *end;
    number->value = strtoll(p, &end, 10);
    if (unit) {
        *unit = *end;
        if (*end) end++;
    }
    return *end ? -1 : 0;
}

static int type_letters(const char *text, unsigned *types) {
    static const char letters[] = "fdlpscb";
    static const mode_t kinds[] = {S_IFREG, S_IFDIR, S_IFLNK, S_IFIFO, S_IFSOCK, S_IFCHR, S_IFBLK};
    *types = 0;
    const char *p = text;
    for (;;) {
        const char *letter = *p ? strchr(letters, *p) : NULL;
        if (!letter) return -1;
        *types |= find_type_bit(kinds[letter - letters]);
        if (p[1] == '\0') return 0;
        if (p[1] != ',' || p[2] == '\0') return -1;
        p += 2;
    }
}

/* A symbolic mode (u+x,g=r,...) applied to 0, as -perm reads it; -1 if bad. */
static long symbolic_mode(const char *text) {
    unsigned mode = 0;
    const char *p = text;
    for (;;) {
        unsigned who = 0;
        for (; *p && strchr("ugoa", *p); p++)
            who |= *p == 'u' ? 04700 : *p == 'g' ? 02070 : *p == 'o' ? 01007 : 07777;
        if (!who) who = 07777;
        if (!*p || !strchr("+-=", *p)) return -1;
        while (*p && strchr("+-=", *p)) {
            char op = *p++;
            unsigned bits = 0;
            for (; *p && strchr("rwxXst", *p); p++) {
                switch (*p) {
                case 'r': bits |= 0444; break;
                case 'w': bits |= 0222; break;
                case 'x':
                case 'X': bits |= 0111; break;
                case 's': bits |= 06000; break;
                case 't': bits |= 01000; break;
                }
            }
            bits &= who;
            if (op == '+') mode |= bits;
            else if (op == '-') mode &= ~bits;
            else mode = (mode & ~who) | bits;
        }
        if (*p == '\0') return mode;
        if (*p++ != ',') return -1;
    }
}

static struct find_node *primary(struct parser *p);
static struct find_node *or_expression(struct parser *p);

static int is_operator_word(const char *word, const char *name) { return strcmp(word, name) == 0; }

/* A word that starts a new primary (for implied -a). */
static int starts_primary(const char *word) {
    return !(is_operator_word(word, "-o") || is_operator_word(word, "-or") ||
             is_operator_word(word, "-a") || is_operator_word(word, "-and") ||
             is_operator_word(word, ")") || is_operator_word(word, ","));
}

static struct find_node *exec_node(struct parser *p, const char *name) {
    int start = p->next;
    for (int i = start; i < p->count; i++) {
        const char *word = p->words[i];
        int plus = strcmp(word, "+") == 0 && i > start && strcmp(p->words[i - 1], "{}") == 0;
        if (strcmp(word, ";") != 0 && !plus) continue;
        if (i == start) break;
        struct find_node *n = node(plus ? FIND_EXEC_PLUS : FIND_EXEC);
        n->argc = i - start - plus;
        n->argv = xmalloc(sizeof(char *) * (size_t)(n->argc + 1));
        for (int k = 0; k < n->argc; k++) n->argv[k] = p->words[start + k];
        n->argv[n->argc] = NULL;
        p->next = i + 1;
        p->has_action = 1;
        return n;
    }
    fprintf(stderr, "find: missing argument to `%s'\n", name);
    return fail(p);
}

static int parse_depth(struct parser *p, const char *name, int *value) {
    const char *text = argument(p, name);
    char *end;
    if (!text) return -1;
    long number = strtol(text, &end, 10);
    if (!isdigit((unsigned char)*text) || *end || number > 0x7fffffff) {
        fprintf(stderr,
                "find: Expected a positive decimal integer argument to %s, but got %s\n", name,
                quote(text));
        p->failed = 1;
        return -1;
    }
    *value = (int)number;
    return 0;
}

static int takes_argument(const char *word) {
    static const char *const names[] = {
        "-name", "-iname", "-path", "-wholename", "-ipath", "-iwholename", "-type", "-newer",
        "-size", "-mtime", "-mmin", "-links", "-perm", "-user", "-uid", "-group", "-gid", NULL};
    for (int i = 0; names[i]; i++)
        if (!strcmp(word, names[i])) return 1;
    return 0;
}

static struct find_node *test_with_argument(struct parser *p, const char *word) {
    if (!takes_argument(word)) return NULL;
    const char *text = argument(p, word);
    if (!text) return NULL;
    struct find_node *n;
    if (!strcmp(word, "-name") || !strcmp(word, "-iname")) {
        n = node(word[1] == 'i' ? FIND_INAME : FIND_NAME);
        n->text = text;
    } else if (!strcmp(word, "-path") || !strcmp(word, "-wholename") ||
               !strcmp(word, "-ipath") || !strcmp(word, "-iwholename")) {
        n = node(word[1] == 'i' ? FIND_IPATH : FIND_PATH);
        n->text = text;
    } else if (!strcmp(word, "-type")) {
        n = node(FIND_TYPE);
        if (type_letters(text, &n->types) < 0) {
            fprintf(stderr, "find: %s argument to -type: %s\n",
                    strlen(text) == 1 || !strchr(text, ',') ? "Unknown" : "Must separate multiple arguments to -type using: ','\nfind: Unknown",
                    text);
            return fail(p);
        }
    } else if (!strcmp(word, "-newer")) {
        n = node(FIND_NEWER);
        struct stat st;
        if (stat(text, &st) < 0) {
            fprintf(stderr, "find: %s: %s\n", quote(text), strerror(errno));
            return fail(p);
        }
        n->time = st.st_mtim;
    } else if (!strcmp(word, "-size")) {
        n = node(FIND_SIZE);
        char unit = 0;
        if (parse_number(text, &n->number, &unit) < 0) {
            fprintf(stderr, "find: invalid argument `%s' to `-size'\n", text);
            return fail(p);
        }
        if (unit && !strchr("cwbkMG", unit)) {
            fprintf(stderr, "find: invalid -size type `%c'\n", unit);
            return fail(p);
        }
        n->unit = unit == 'c' ? 1 : unit == 'w' ? 2 : unit == 'k' ? 1024 : unit == 'M' ? 1048576
                : unit == 'G' ? 1073741824LL : 512;
    } else if (!strcmp(word, "-mtime") || !strcmp(word, "-mmin") || !strcmp(word, "-links")) {
        n = node(word[2] == 't' ? FIND_MTIME : word[2] == 'm' ? FIND_MMIN : FIND_LINKS);
        if (parse_number(text, &n->number, NULL) < 0) {
            fprintf(stderr, "find: invalid argument `%s' to `%s'\n", text, word);
            return fail(p);
        }
    } else if (!strcmp(word, "-perm")) {
        n = node(FIND_PERM);
        const char *mode = text;
        n->perm_match = *mode == '-' || *mode == '/' ? *mode++ : '=';
        long value;
        if (isdigit((unsigned char)*mode)) {
            char *end;
            value = strtol(mode, &end, 8);
            if (*end || value > 07777) value = -1;
        } else {
            value = symbolic_mode(mode);
        }
        if (value < 0) {
            fprintf(stderr, "find: invalid mode %s\n", quote(mode));
            return fail(p);
        }
        n->mode = (unsigned)value;
    } else if (!strcmp(word, "-user") || !strcmp(word, "-uid")) {
        n = node(FIND_USER);
        struct passwd *pw = word[1] == 'u' && word[2] == 's' ? getpwnam(text) : NULL;
        char *end;
        if (pw) n->id = pw->pw_uid;
        else if (isdigit((unsigned char)*text) && (n->id = strtoull(text, &end, 10), !*end)) {
        } else {
            if (word[2] == 'i') fprintf(stderr, "find: invalid argument `%s' to `-uid'\n", text);
            else fprintf(stderr, "find: %s is not the name of a known user\n", quote(text));
            return fail(p);
        }
    } else if (!strcmp(word, "-group") || !strcmp(word, "-gid")) {
        n = node(FIND_GROUP);
        struct group *gr = word[1] == 'g' && word[2] == 'r' ? getgrnam(text) : NULL;
        char *end;
        if (gr) n->id = gr->gr_gid;
        else if (isdigit((unsigned char)*text) && (n->id = strtoull(text, &end, 10), !*end)) {
        } else {
            if (word[2] == 'i') fprintf(stderr, "find: invalid argument `%s' to `-gid'\n", text);
            else fprintf(stderr, "find: %s is not the name of an existing group\n", quote(text));
            return fail(p);
        }
    } else {
        return NULL;
    }
    return n;
}

static struct find_node *primary(struct parser *p) {
    if (p->next >= p->count) return NULL;
    const char *word = p->words[p->next++];
    struct find_node *n;
    if (!strcmp(word, "(")) {
        if (p->next < p->count && !strcmp(p->words[p->next], ")")) {
            fputs("find: invalid expression; empty parentheses are not allowed.\n", stderr);
            return fail(p);
        }
        n = or_expression(p);
        if (p->failed) return NULL;
        if (p->next >= p->count || strcmp(p->words[p->next], ")") != 0) {
            fputs("find: invalid expression; I was expecting to find a ')' somewhere but did "
                  "not see one.\n",
                  stderr);
            return fail(p);
        }
        p->next++;
        return n;
    }
    if (!strcmp(word, "!") || !strcmp(word, "-not")) {
        if (p->next >= p->count || !starts_primary(p->words[p->next])) {
            fprintf(stderr, "find: expected an expression after '%s'\n", word);
            return fail(p);
        }
        n = node(FIND_NOT);
        n->left = primary(p);
        return p->failed ? NULL : n;
    }
    static const struct {
        const char *name;
        enum find_kind kind;
        int action;
    } simple[] = {
        {"-true", FIND_TRUE, 0},     {"-false", FIND_FALSE, 0},   {"-empty", FIND_EMPTY, 0},
        {"-nouser", FIND_NOUSER, 0}, {"-print", FIND_PRINT, 1},   {"-print0", FIND_PRINT0, 1},
        {"-delete", FIND_DELETE, 1}, {"-prune", FIND_PRUNE, 0},   {"-quit", FIND_QUIT, 1},
    };
    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++) {
        if (strcmp(word, simple[i].name) != 0) continue;
        p->has_action |= simple[i].action;
        if (simple[i].kind == FIND_DELETE) p->options->depth_first = 1;
        return node(simple[i].kind);
    }
    if (!strcmp(word, "-exec")) return exec_node(p, word);
    /* Global options: they apply everywhere and evaluate as true. */
    if (!strcmp(word, "-maxdepth"))
        return parse_depth(p, word, &p->options->max_depth) < 0 ? NULL : node(FIND_TRUE);
    if (!strcmp(word, "-mindepth"))
        return parse_depth(p, word, &p->options->min_depth) < 0 ? NULL : node(FIND_TRUE);
    if (!strcmp(word, "-depth") || !strcmp(word, "-d")) {
        p->options->depth_first = 1;
        return node(FIND_TRUE);
    }
    n = test_with_argument(p, word);
    if (n || p->failed) return n;
    if (word[0] == '-' && word[1]) {
        fprintf(stderr, "find: unknown predicate `%s'\n", word);
    } else if (!strcmp(word, ")")) {
        fputs("find: you have too many ')'\n", stderr);
    } else {
        fprintf(stderr, "find: paths must precede expression: `%s'\n", word);
    }
    return fail(p);
}

static struct find_node *binary(enum find_kind kind, struct find_node *left,
                                struct find_node *right) {
    struct find_node *n = node(kind);
    n->left = left, n->right = right;
    return n;
}

static int take(struct parser *p, const char *a, const char *b) {
    if (p->next >= p->count) return 0;
    const char *word = p->words[p->next];
    if (strcmp(word, a) != 0 && (!b || strcmp(word, b) != 0)) return 0;
    p->next++;
    return 1;
}

static struct find_node *operand_after(struct parser *p, const char *op) {
    if (p->next >= p->count || !starts_primary(p->words[p->next])) {
        if (p->next >= p->count)
            fprintf(stderr, "find: invalid expression; you have used a binary operator '%s' "
                            "with nothing after it.\n", op);
        else
            fprintf(stderr, "find: invalid expression; you have used a binary operator '%s' "
                            "with nothing before it.\n", p->words[p->next]);
        return fail(p);
    }
    return primary(p);
}

static struct find_node *and_expression(struct parser *p) {
    struct find_node *left = primary(p);
    while (left && !p->failed && p->next < p->count) {
        const char *word = p->words[p->next];
        struct find_node *right;
        if (take(p, "-a", "-and")) right = operand_after(p, word);
        else if (starts_primary(word)) right = primary(p);
        else break;
        if (!right) return NULL;
        left = binary(FIND_AND, left, right);
    }
    return p->failed ? NULL : left;
}

static struct find_node *or_operand(struct parser *p, const char *op) {
    if (p->next >= p->count || !starts_primary(p->words[p->next])) {
        operand_after(p, op);
        return NULL;
    }
    return and_expression(p);
}

static struct find_node *or_expression(struct parser *p) {
    struct find_node *left = and_expression(p);
    while (left && !p->failed && p->next < p->count) {
        const char *word = p->words[p->next];
        if (!take(p, "-o", "-or")) break;
        struct find_node *right = or_operand(p, word);
        if (!right) return NULL;
        left = binary(FIND_OR, left, right);
    }
    return p->failed ? NULL : left;
}

static struct find_node *comma_expression(struct parser *p) {
    struct find_node *left = or_expression(p);
    while (left && !p->failed && take(p, ",", NULL)) {
        struct find_node *right = or_operand(p, ",");
        if (!right) return NULL;
        left = binary(FIND_COMMA, left, right);
    }
    return p->failed ? NULL : left;
}

struct find_node *find_parse(char **words, int count, struct find_options *options) {
    struct parser p = {words, count, 0, options, 0, 0};
    struct find_node *tree = NULL;
    if (count > 0) {
        if (!starts_primary(words[0]) && strcmp(words[0], ")") != 0) {
            fprintf(stderr, "find: invalid expression; you have used a binary operator '%s' "
                            "with nothing before it.\n", words[0]);
            return NULL;
        }
        tree = comma_expression(&p);
        if (p.failed) return NULL;
        if (p.next < count) {
            if (!strcmp(words[p.next], ")"))
                fputs("find: you have too many ')'\n", stderr);
            else
                fprintf(stderr, "find: paths must precede expression: `%s'\n", words[p.next]);
            return NULL;
        }
    }
    if (!tree) tree = node(FIND_TRUE);
    if (!p.has_action) tree = binary(FIND_AND, tree, node(FIND_PRINT));
    return tree;
}
