/* sh-vars.c: shell variables (XCU 2.5.3), the export attribute, the
 * environment given to programs, and the state a subshell inherits. A
 * subshell is a new process (no fork in WASI), so its parent writes its
 * unexported variables, options and $$ as shell text into __SH_STATE in the
 * child's environment; the child runs that text first and removes it. */
#define _GNU_SOURCE
#include "bocal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct var {
    char *name;
    char *value;
    int exported;
    struct var *next;
};

static struct var *vars;

int valid_name(const char *s, size_t n) {
    if (n == 0 || (s[0] >= '0' && s[0] <= '9')) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return 0;
    }
    return 1;
}

static struct var *find(const char *name) {
    for (struct var *v = vars; v; v = v->next)
        if (strcmp(v->name, name) == 0) return v;
    return NULL;
}

const char *var_get(const char *name) {
    struct var *v = find(name);
    return v ? v->value : NULL;
}

static void sync_environ(struct var *v) {
    if (!v->exported) return;
    if (v->value) setenv(v->name, v->value, 1);
    else unsetenv(v->name);
}

int var_set(const char *name, const char *value, int export) {
    if (strcmp(name, "PATH") == 0) hash_forget_all();
    struct var *v = find(name);
    if (!v) {
        v = calloc(1, sizeof *v);
        if (!v) abort();
        v->name = sh_strdup(name);
        v->next = vars;
        vars = v;
    }
    free(v->value);
    v->value = value ? sh_strdup(value) : NULL;
    if (export) v->exported = 1;
    sync_environ(v);
    return 0;
}

int var_unset(const char *name) {
    if (strcmp(name, "PATH") == 0) hash_forget_all();
    for (struct var **at = &vars; *at; at = &(*at)->next) {
        struct var *v = *at;
        if (strcmp(v->name, name) != 0) continue;
        if (v->exported) unsetenv(name);
        *at = v->next;
        free(v->name);
        free(v->value);
        free(v);
        return 0;
    }
    return 0;
}

int var_is_exported(const char *name) {
    struct var *v = find(name);
    return v && v->exported;
}

void var_export(const char *name) {
    struct var *v = find(name);
    if (!v) {
        var_set(name, NULL, 1);
        return;
    }
    v->exported = 1;
    sync_environ(v);
}

void vars_init(char **env) {
    for (char **e = env; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq || !valid_name(*e, (size_t)(eq - *e))) continue;
        char *name = sh_strndup(*e, (size_t)(eq - *e));
        var_set(name, eq + 1, 1);
        free(name);
    }
}

char **vars_environ(char **extra, int nextra) {
    int n = 0;
    for (struct var *v = vars; v; v = v->next) n++;
    char **env = sh_malloc(sizeof(char *) * (size_t)(n + nextra + 1));
    int k = 0;
    for (struct var *v = vars; v; v = v->next) {
        if (!v->exported || !v->value) continue;
        int overridden = 0;
        for (int i = 0; i < nextra; i++) {
            size_t len = strlen(v->name);
            if (strncmp(extra[i], v->name, len) == 0 && extra[i][len] == '=') overridden = 1;
        }
        if (overridden) continue;
        size_t size = strlen(v->name) + strlen(v->value) + 2;
        env[k] = sh_malloc(size);
        snprintf(env[k++], size, "%s=%s", v->name, v->value);
    }
    for (int i = 0; i < nextra; i++) env[k++] = sh_strdup(extra[i]);
    env[k] = NULL;
    return env;
}

/* Appends VALUE in single quotes, each ' written as '\''. */
static void add_quoted(struct buf *b, const char *value) {
    buf_add(b, '\'');
    for (const char *s = value; *s; s++) {
        if (*s == '\'') buf_adds(b, "'\\''");
        else buf_add(b, *s);
    }
    buf_add(b, '\'');
}

char *vars_state_script(void) {
    struct buf b = {0};
    for (struct var *v = vars; v; v = v->next) {
        if (v->exported || !v->value) continue;
        buf_adds(&b, v->name);
        buf_add(&b, '=');
        add_quoted(&b, v->value);
        buf_add(&b, '\n');
    }
    func_state_script(&b);
    alias_state_script(&b);
    char line[128];
    snprintf(line, sizeof line, "__sh_state %ld %ld %d %d %d %d %d %d %d\n", sh.pid,
             sh.last_background, sh.status, sh.errexit, sh.nounset, sh.xtrace, sh.noglob,
             sh.noclobber, sh.pipefail);
    buf_adds(&b, line);
    return buf_take(&b);
}

void vars_print(int exported_only) {
    for (struct var *v = vars; v; v = v->next) {
        if (exported_only && !v->exported) continue;
        if (!v->value) {
            if (exported_only) printf("export %s\n", v->name);
            continue;
        }
        struct buf b = {0};
        add_quoted(&b, v->value);
        char *q = buf_take(&b);
        printf(exported_only ? "export %s=%s\n" : "%s=%s\n", v->name, q);
        free(q);
    }
}
