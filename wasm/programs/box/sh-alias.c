/* sh-alias.c: aliases (XCU 2.3.1) and the alias and unalias builtins. Each
 * alias is kept as one "name=value" string, which the parser's alias
 * substitution (sh-parse.c) reads both halves of. The listing is dash's, in
 * the order of its hash table:
 * name='value', each ' in the value written '"'"'. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

static char **aliases;
static int naliases;

/* An alias name: the characters XCU 3.10 allows, none of them quoting. */
static int valid_alias_name(const char *s, size_t len) {
    if (!len) return 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '!' || c == '%' || c == ',' || c == '@' || c == '-' || c == '.'))
            return 0;
    }
    return 1;
}

static int find(const char *name, size_t len) {
    for (int i = 0; i < naliases; i++)
        if (strncmp(aliases[i], name, len) == 0 && aliases[i][len] == '=') return i;
    return -1;
}

const char *alias_get(const char *name, size_t len) {
    if (!naliases || !valid_alias_name(name, len)) return NULL;
    int i = find(name, len);
    return i < 0 ? NULL : aliases[i] + len + 1;
}

const char *alias_entry(int i) { return i >= 0 && i < naliases ? aliases[i] : NULL; }

static void print_alias(const char *entry) {
    const char *eq = strchr(entry, '=');
    printf("%.*s='", (int)(eq - entry), entry);
    for (const char *s = eq + 1; *s; s++)
        if (*s == '\'') fputs("'\"'\"'", stdout);
        else putchar(*s);
    fputs("'\n", stdout);
}

void alias_state_script(struct buf *b) {
    for (int i = 0; i < naliases; i++) {
        const char *eq = strchr(aliases[i], '=');
        buf_adds(b, "alias ");
        buf_addn(b, aliases[i], (size_t)(eq - aliases[i]));
        buf_adds(b, "='");
        for (const char *s = eq + 1; *s; s++)
            if (*s == '\'') buf_adds(b, "'\\''");
            else buf_add(b, *s);
        buf_adds(b, "'\n");
    }
}

void alias_describe(const char *name, int verbose) {
    int i = find(name, strlen(name));
    if (i < 0) return;
    if (verbose) printf("%s is an alias for %s\n", name, aliases[i] + strlen(name) + 1);
    else {
        fputs("alias ", stdout);
        print_alias(aliases[i]);
    }
}

/* dash's hash of an alias name ("name=value"), modulo its 39 buckets. */
static unsigned bucket(const char *entry) {
    unsigned hash = (unsigned)(unsigned char)*entry << 4;
    for (const char *s = entry; *s && *s != '='; s++) hash += (unsigned char)*s;
    return hash % 39;
}

/* alias [NAME[=VALUE]...]: defines, or prints (all of them without operands). */
int bi_alias(int argc, char **argv) {
    if (argc == 1) {
        char **sorted = sh_malloc(sizeof(char *) * (size_t)(naliases + 1));
        memcpy(sorted, aliases, sizeof(char *) * (size_t)naliases);
        /* In dash's order: by its hash table's bucket, then as defined. */
        for (int i = 1; i < naliases; i++)
            for (int k = i; k > 0 && bucket(sorted[k - 1]) > bucket(sorted[k]); k--) {
                char *t = sorted[k];
                sorted[k] = sorted[k - 1];
                sorted[k - 1] = t;
            }
        for (int i = 0; i < naliases; i++) print_alias(sorted[i]);
        free(sorted);
        return 0;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        size_t len = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
        int at = find(argv[i], len);
        if (!eq) {
            if (at < 0) {
                fflush(stdout);
                fprintf(stderr, "alias: %s not found\n", argv[i]);
                status = 1;
            } else print_alias(aliases[at]);
            continue;
        }
        if (at < 0) {
            aliases = sh_realloc(aliases, sizeof(char *) * (size_t)(naliases + 1));
            at = naliases++;
        } else free(aliases[at]);
        aliases[at] = sh_strdup(argv[i]);
    }
    return status;
}

/* unalias -a | unalias NAME... */
int bi_unalias(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "-a") == 0) {
        for (int i = 0; i < naliases; i++) free(aliases[i]);
        naliases = 0;
        return 0;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        int at = find(argv[i], strlen(argv[i]));
        if (at < 0) {
            fflush(stdout);
            fprintf(stderr, "unalias: %s not found\n", argv[i]);
            status = 1;
            continue;
        }
        /* A parser may still hold the name of an alias it is expanding:
         * the string is kept (a few bytes per unalias). */
        memmove(aliases + at, aliases + at + 1, sizeof(char *) * (size_t)(naliases - at - 1));
        naliases--;
    }
    return status;
}
