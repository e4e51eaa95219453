/* sh-func.c: shell functions (XCU 2.9.5). A definition keeps the text of
 * its compound command; each call parses that text again and runs it with
 * the call's arguments as $1..., so a function may redefine itself while it
 * runs. A subshell (a new process: WASI has no fork) gets every definition
 * as shell text through sh-vars.c's state script. */
#define _GNU_SOURCE
#include "bocal.h"
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct function {
    char *name;
    char *body;
    struct function *next;
};

static struct function *functions;

static struct function *find(const char *name) {
    for (struct function *f = functions; f; f = f->next)
        if (strcmp(f->name, name) == 0) return f;
    return NULL;
}

void func_define(const char *name, const char *body) {
    struct function *f = find(name);
    if (!f) {
        f = sh_malloc(sizeof *f);
        f->name = sh_strdup(name);
        f->next = NULL;
        struct function **tail = &functions;
        while (*tail) tail = &(*tail)->next;
        *tail = f;
    } else free(f->body);
    f->body = sh_strdup(body);
}

int func_exists(const char *name) { return find(name) != NULL; }

const char *func_name(int i) {
    struct function *f = functions;
    while (f && i-- > 0) f = f->next;
    return i < 0 && f ? f->name : NULL;
}

int func_unset(const char *name) {
    for (struct function **at = &functions; *at; at = &(*at)->next) {
        struct function *f = *at;
        if (strcmp(f->name, name) != 0) continue;
        *at = f->next;
        free(f->name);
        free(f->body);
        free(f);
        return 0;
    }
    return 0;
}

/* The body runs with the caller's $0 and the call's arguments; `return`
 * (sh.returning) ends it, and the caller's parameters come back after. */
/* Deep enough for any ordinary script, shallow enough for the stack. */
#define FUNCTION_DEPTH_MAX 512

int func_call(int argc, char **argv) {
    struct function *f = find(argv[0]);
    if (!f) return 127;
    /* Each call nests the interpreter on the C stack (1 MiB in wasm), which
     * a runaway recursion would overflow, trapping the whole shell (about
     * 1,900 levels of a one-line body). dash has no limit and crashes too;
     * bash's FUNCNEST gives this message. */
    if (sh.function_depth >= FUNCTION_DEPTH_MAX) {
        sh_error("%s: maximum function nesting level exceeded (%d)", argv[0],
                 FUNCTION_DEPTH_MAX);
        return 1;
    }
    char *body = sh_strdup(f->body);
    char **saved = sh.params;
    int nsaved = sh.nparams;
    sh.params = sh_malloc(sizeof(char *) * (size_t)argc);
    sh.nparams = argc - 1;
    for (int i = 1; i < argc; i++) sh.params[i - 1] = sh_strdup(argv[i]);
    sh.function_depth++;
    run_text_at(body, sh.line);
    sh.function_depth--;
    sh.returning = 0;
    for (int i = 0; i < sh.nparams; i++) free(sh.params[i]);
    free(sh.params);
    sh.params = saved;
    sh.nparams = nsaved;
    free(body);
    return sh.status;
}

void func_state_script(struct buf *b) {
    for (struct function *f = functions; f; f = f->next) {
        buf_adds(b, f->name);
        buf_adds(b, "() ");
        buf_adds(b, f->body);
        buf_add(b, '\n');
    }
}
