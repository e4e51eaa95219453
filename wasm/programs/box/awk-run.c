/* awk-run.c: runs the tree: expressions, statements, the record and its
 * fields, the rules over the input files of ARGV, and the special
 * variables. `next`, `nextfile` and `exit` may happen inside functions
 * called from expressions: they set `pending_unwind` and every statement
 * returns FLOW_UNWIND up to the rule (WASI has no longjmp). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "awk.h"
#include "util.h"

struct program *awk_program;
struct cell *awk_globals;

/* ---- errors ----------------------------------------------------------------- */

static int current_line;

void awk_fatal(const char *format, ...) {
    va_list args;
    fflush(stdout);
    fprintf(stderr, "%s: run time error: ", applet_name);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    struct cell *filename = &awk_globals[V_FILENAME];
    fprintf(stderr, "\n\tFILENAME=\"%s\" FNR=%s NR=%s\n", cell_str(filename),
            cell_str(&awk_globals[V_FNR]), cell_str(&awk_globals[V_NR]));
    exit(2);
}

/* ---- the record and fields ------------------------------------------------ */

static struct cell *fields; /* fields[0] is $0 */
static long field_capacity;
static long field_count;    /* NF once split */
static int fields_split;     /* fields[1..] match $0 */

static void ensure_fields(long count) {
    if (count < field_capacity) return;
    long capacity = field_capacity ? field_capacity : 16;
    while (capacity <= count) capacity *= 2;
    fields = realloc(fields, (size_t)capacity * sizeof *fields);
    memset(fields + field_capacity, 0, (size_t)(capacity - field_capacity) * sizeof *fields);
    field_capacity = capacity;
}

/* Splits by FS: " " is runs of blanks, one other character is itself,
 * longer is an ERE, "" is every character. `add` receives each field. */
static long split_text(const char *text, const char *fs, void (*add)(void *, long, const char *, size_t),
                       void *context) {
    long count = 0;
    int paragraph = awk_globals[V_RS].type != CELL_UNINIT && cell_str(&awk_globals[V_RS])[0] == '\0';
    if (strcmp(fs, " ") == 0) {
        const char *p = text;
        for (;;) {
            while (*p == ' ' || *p == '\t' || *p == '\n') p++;
            if (!*p) break;
            const char *start = p;
            while (*p && *p != ' ' && *p != '\t' && *p != '\n') p++;
            add(context, ++count, start, (size_t)(p - start));
        }
        return count;
    }
    if (*text == '\0') return 0;
    if (fs[0] == '\0') {
        for (const char *p = text; *p; p++) add(context, ++count, p, 1);
        return count;
    }
    if (fs[1] == '\0' && fs[0] != '\\' && !paragraph) {
        const char *p = text;
        for (;;) {
            const char *end = strchr(p, fs[0]);
            if (fs[0] == '\t' || !end) {
                if (!end) end = p + strlen(p);
            }
            add(context, ++count, p, (size_t)(end - p));
            if (!*end) break;
            p = end + 1;
        }
        return count;
    }
    char *pattern = NULL;
    if (paragraph) {
        /* In paragraph mode a newline always separates fields too. */
        pattern = xmalloc(strlen(fs) + 8);
        if (fs[1] == '\0' && fs[0] != '\\') sprintf(pattern, "[%s\n]", fs);
        else sprintf(pattern, "(%s)|\n", fs);
    }
    regex_t *regex = dynamic_regex(pattern ? pattern : fs);
    free(pattern);
    const char *p = text;
    regmatch_t match;
    for (;;) {
        int flags = p == text ? 0 : REG_NOTBOL;
        if (*p && regexec(regex, p, 1, &match, flags) == 0 && match.rm_eo > 0) {
            if (match.rm_so == match.rm_eo) {
                /* an empty match cannot separate: look one further */
                add(context, ++count, p, strlen(p));
                break;
            }
            add(context, ++count, p, (size_t)match.rm_so);
            p += match.rm_eo;
            continue;
        }
        add(context, ++count, p, strlen(p));
        break;
    }
    return count;
}

static void add_field(void *context, long index, const char *text, size_t length) {
    (void)context;
    ensure_fields(index);
    char *copy = xmalloc(length + 1);
    memcpy(copy, text, length);
    copy[length] = '\0';
    cell_set_input(&fields[index], copy);
    free(copy);
}

static void split_record(void) {
    if (fields_split) return;
    ensure_fields(1);
    for (long i = 1; i <= field_count; i++) cell_free(&fields[i]);
    const char *fs = cell_str(&awk_globals[V_FS]);
    field_count = split_text(cell_str(&fields[0]), fs, add_field, NULL);
    fields_split = 1;
    cell_set_num(&awk_globals[V_NF], (double)field_count);
}

void set_record(const char *text, size_t length) {
    ensure_fields(1);
    char *copy = xmalloc(length + 1);
    memcpy(copy, text, length);
    copy[length] = '\0';
    cell_set_input(&fields[0], copy);
    free(copy);
    fields_split = 0;
}

static void rebuild_record(void) {
    const char *ofs = cell_str(&awk_globals[V_OFS]);
    size_t size = 64, length = 0;
    char *text = xmalloc(size);
    text[0] = '\0';
    for (long i = 1; i <= field_count; i++) {
        const char *piece = cell_output_str(&fields[i]);
        size_t need = length + strlen(piece) + strlen(ofs) + 1;
        if (need > size) {
            while (need > size) size *= 2;
            text = realloc(text, size);
        }
        if (i > 1) strcpy(text + length, ofs), length += strlen(ofs);
        strcpy(text + length, piece), length += strlen(piece);
    }
    cell_take_str(&fields[0], text);
}

struct cell *field_cell(long index) {
    if (index < 0) awk_fatal("negative field index $%ld", index);
    if (index == 0) return (ensure_fields(0), &fields[0]);
    split_record();
    ensure_fields(index);
    return &fields[index];
}

void field_assigned(long index) {
    if (index == 0) {
        fields_split = 0;
        return;
    }
    if (index > field_count) {
        for (long i = field_count + 1; i < index; i++) cell_free(&fields[i]);
        field_count = index;
        cell_set_num(&awk_globals[V_NF], (double)field_count);
    }
    rebuild_record();
}

void nf_assigned(void) {
    split_record();
    long count = (long)cell_num(&awk_globals[V_NF]);
    if (count < 0) awk_fatal("NF set to negative value");
    ensure_fields(count);
    for (long i = field_count + 1; i <= count; i++) cell_free(&fields[i]);
    field_count = count;
    rebuild_record();
}

struct split_target {
    struct array *array;
};

static void add_element(void *context, long index, const char *text, size_t length) {
    struct split_target *target = context;
    char key[32], *copy = xmalloc(length + 1);
    snprintf(key, sizeof key, "%ld", index);
    memcpy(copy, text, length);
    copy[length] = '\0';
    cell_set_input(array_get(target->array, key, 1), copy);
    free(copy);
}

long split_into(const char *text, const char *fs, struct array *array) {
    struct split_target target = {array};
    char *copy = strdup(text); /* text may live in the array being cleared */
    array_clear(array);
    long count = split_text(copy, fs, add_element, &target);
    free(copy);
    return count;
}

/* ---- regular expressions ------------------------------------------------- */

char *regex_source(const char *pattern) {
    size_t length = strlen(pattern);
    char *out = xmalloc(length * 2 + 1), *w = out;
    for (const char *p = pattern; *p; p++) {
        if (*p != '\\' || !p[1]) {
            *w++ = *p;
            continue;
        }
        p++;
        /* \\ stays for regcomp, as do the escapes only a regex knows */
        int escaped = *p == '\\' ? -1 : awk_escape(*p);
        if (escaped >= 0) *w++ = (char)escaped;
        else *w++ = '\\', *w++ = *p;
    }
    *w = '\0';
    return out;
}

#define REGEX_CACHE 32
static struct {
    char *pattern;
    regex_t regex;
} regex_cache[REGEX_CACHE];
static int regex_cache_next;

regex_t *dynamic_regex(const char *pattern) {
    for (int i = 0; i < REGEX_CACHE; i++)
        if (regex_cache[i].pattern && strcmp(regex_cache[i].pattern, pattern) == 0)
            return &regex_cache[i].regex;
    int slot = regex_cache_next;
    regex_cache_next = (regex_cache_next + 1) % REGEX_CACHE;
    if (regex_cache[slot].pattern) {
        free(regex_cache[slot].pattern);
        regfree(&regex_cache[slot].regex);
    }
    char *source = regex_source(pattern);
    int code = regcomp(&regex_cache[slot].regex, source, REG_EXTENDED);
    free(source);
    if (code != 0) {
        regex_cache[slot].pattern = NULL;
        fflush(stdout);
        fprintf(stderr, "%s: run time error: regular expression compile failed (bad regex)\n%s\n",
                applet_name, pattern);
        exit(2);
    }
    regex_cache[slot].pattern = strdup(pattern);
    return &regex_cache[slot].regex;
}

/* ---- variables ---------------------------------------------------------------- */

struct frame {
    struct cell *locals;
    int count;
};

static struct frame *frame; /* the running function's, or NULL */
static int call_depth;

static struct cell *variable_cell(struct node *node) {
    if (node->scope == SCOPE_LOCAL) return &frame->locals[node->index];
    return &awk_globals[node->index];
}

static struct cell *deref(struct cell *cell) {
    while (cell->type == CELL_REF) cell = cell->ref;
    return cell;
}

/* length(x): the variable's array, or NULL when it is not one. */
struct cell *awk_variable_if_array(struct node *node) {
    struct cell *cell = deref(variable_cell(node));
    return cell->type == CELL_ARRAY ? cell : NULL;
}

struct array *array_of(struct node *node) {
    if (node->kind != N_VAR) awk_fatal("can't use scalar as array");
    struct cell *cell = deref(variable_cell(node));
    if (cell->type == CELL_UNINIT) {
        cell->type = CELL_ARRAY;
        cell->array = array_new();
    }
    if (cell->type != CELL_ARRAY) {
        fflush(stdout);
        fprintf(stderr, "%s: line %d: type error in arg(%s) can't use scalar as array\n",
                applet_name, node->line, node->str);
        exit(2);
    }
    return cell->array;
}

/* The subscript of a[i, j]: the values joined by SUBSEP. */
static char *subscript(struct node **args, int count) {
    struct cell value = {0};
    size_t size = 64, length = 0;
    char *key = xmalloc(size);
    key[0] = '\0';
    const char *subsep = cell_str(&awk_globals[V_SUBSEP]);
    for (int i = 0; i < count; i++) {
        eval(args[i], &value);
        const char *piece = cell_str(&value);
        size_t need = length + strlen(piece) + strlen(subsep) + 1;
        if (need > size) {
            while (need > size) size *= 2;
            key = realloc(key, size);
        }
        if (i > 0) strcpy(key + length, subsep), length += strlen(subsep);
        strcpy(key + length, piece), length += strlen(piece);
    }
    cell_free(&value);
    return key;
}

struct cell *lvalue(struct node *node) {
    switch (node->kind) {
    case N_VAR: {
        struct cell *cell = variable_cell(node);
        if (cell->type == CELL_REF) {
            struct cell *target = deref(cell);
            if (target->type == CELL_ARRAY) {
                fflush(stdout);
                fprintf(stderr, "%s: line %d: type error in arg(%s) can't use array as scalar\n",
                        applet_name, node->line, node->str);
                exit(2);
            }
            cell->type = CELL_UNINIT, cell->ref = NULL; /* a scalar: by value after all */
        }
        if (cell->type == CELL_ARRAY) {
            fflush(stdout);
            fprintf(stderr, "%s: line %d: can't assign to %s; it's an array name.\n", applet_name,
                    node->line, node->str);
            exit(2);
        }
        if (node->scope == SCOPE_GLOBAL && node->index == V_NF) split_record();
        return cell;
    }
    case N_FIELD: {
        struct cell index = {0};
        eval(node->a, &index);
        double i = cell_num(&index);
        cell_free(&index);
        return field_cell((long)i);
    }
    case N_INDEX: {
        struct array *array = array_of(node->a);
        char *key = subscript(node->args, node->arg_count);
        struct cell *cell = array_get(array, key, 1);
        free(key);
        return cell;
    }
    case N_GROUP: return lvalue(node->a);
    default: awk_fatal("assignment to a non-variable");
    }
}

/* After writing through lvalue(node): $0 and the fields, and NF, follow. */
static void assigned(struct node *node) {
    if (node->kind == N_GROUP) {
        assigned(node->a);
        return;
    }
    if (node->kind == N_FIELD) {
        struct cell index = {0};
        eval(node->a, &index);
        field_assigned((long)cell_num(&index));
        cell_free(&index);
    } else if (node->kind == N_VAR && node->scope == SCOPE_GLOBAL && node->index == V_NF) {
        nf_assigned();
    }
}

void awk_assigned(struct node *node) { assigned(node); }

/* ---- expressions -------------------------------------------------------------- */

enum unwind { UNWIND_NEXT = 1, UNWIND_NEXTFILE, UNWIND_EXIT };
static int exit_status;
static struct cell return_value;

/* FLOW_RETURN and FLOW_UNWIND leave every loop and block. */
enum flow { FLOW_NORMAL, FLOW_BREAK, FLOW_CONTINUE, FLOW_RETURN, FLOW_UNWIND };
static enum flow exec(struct node *node);

static int compare(struct cell *a, struct cell *b) {
    int a_num = a->type == CELL_NUM || a->type == CELL_STRNUM || a->type == CELL_UNINIT;
    int b_num = b->type == CELL_NUM || b->type == CELL_STRNUM || b->type == CELL_UNINIT;
    if (a_num && b_num) {
        double x = cell_num(a), y = cell_num(b);
        return x < y ? -1 : x > y;
    }
    return strcmp(cell_str(a), cell_str(b));
}

static int regex_matches(struct node *pattern, const char *text, regmatch_t *match) {
    regex_t *regex;
    if (pattern->kind == N_REGEX) {
        regex = pattern->regex;
    } else {
        struct cell value = {0};
        eval(pattern, &value);
        regex = dynamic_regex(cell_str(&value));
        cell_free(&value);
    }
    return regexec(regex, text, match ? 1 : 0, match, 0) == 0;
}

int awk_regex_matches(struct node *pattern, const char *text, regmatch_t *match) {
    return regex_matches(pattern, text, match);
}

static double arithmetic(int op, double x, double y) {
    switch (op) {
    case '+': case T_ADD_ASSIGN: return x + y;
    case '-': case T_SUB_ASSIGN: return x - y;
    case '*': case T_MUL_ASSIGN: return x * y;
    case '/': case T_DIV_ASSIGN: return x / y; /* by zero: inf, as mawk gives */
    case '%': case T_MOD_ASSIGN: return fmod(x, y);
    default: return pow(x, y);
    }
}

#ifdef __wasi__
extern unsigned char __stack_low; /* wasm-ld: the stack's lowest address */
#endif
static char *stack_base;

void awk_stack_init(void) { stack_base = __builtin_frame_address(0); }

/* Whether the C stack is nearly used up: deep recursion in the program
 * (or in its text) ends with a message, not a crash. The WASI stack is
 * small and its low end known; natively a generous budget is used. */
int awk_stack_exhausted(void) {
    char *here = __builtin_frame_address(0);
#ifdef __wasi__
    return here - (char *)&__stack_low < 16 * 1024;
#else
    return stack_base && stack_base - here > 4 * 1024 * 1024;
#endif
}

static void call_function(struct node *node, struct cell *result) {
    struct function *function = &awk_program->functions[node->index];
    if (awk_stack_exhausted()) awk_fatal("function call nesting too deep");
    if (node->arg_count > function->param_count) {
        fflush(stdout);
        fprintf(stderr, "%s: line %d: too many arguments in call to %s\n", applet_name, node->line,
                function->name);
        exit(2);
    }
    if (++call_depth > 10000) awk_fatal("function call nesting too deep");
    struct frame callee;
    callee.count = function->param_count;
    callee.locals = calloc((size_t)(callee.count ? callee.count : 1), sizeof(struct cell));
    for (int i = 0; i < node->arg_count; i++) {
        struct node *arg = node->args[i];
        if (arg->kind == N_VAR) {
            struct cell *cell = deref(variable_cell(arg));
            if (cell->type == CELL_ARRAY || cell->type == CELL_UNINIT) {
                callee.locals[i].type = CELL_REF;
                callee.locals[i].ref = cell;
                continue;
            }
        }
        eval(arg, &callee.locals[i]);
    }
    struct frame *caller = frame;
    frame = &callee;
    cell_free(&return_value);
    exec(function->body);
    frame = caller;
    call_depth--;
    cell_copy(result, &return_value);
    cell_free(&return_value);
    for (int i = 0; i < callee.count; i++) {
        struct cell *cell = &callee.locals[i];
        if (cell->type == CELL_ARRAY) {
            array_clear(cell->array);
            free(cell->array->buckets);
            free(cell->array);
        } else if (cell->type != CELL_REF) {
            cell_free(cell);
        }
    }
    free(callee.locals);
}

static int do_getline(struct node *node) {
    char *record;
    size_t length;
    int got;
    struct cell name = {0};
    if (node->op == GETLINE_PLAIN) {
        extern int awk_main_record(char **, size_t *);
        got = awk_main_record(&record, &length);
    } else {
        eval(node->b, &name);
        FILE *file = input_stream(cell_str(&name), node->op == GETLINE_COMMAND);
        got = file ? read_record(file, &record, &length) : -1;
        cell_free(&name);
    }
    if (got <= 0) return got;
    if (node->op != GETLINE_FILE) {
        cell_set_num(&awk_globals[V_NR], cell_num(&awk_globals[V_NR]) + 1);
        if (node->op == GETLINE_PLAIN)
            cell_set_num(&awk_globals[V_FNR], cell_num(&awk_globals[V_FNR]) + 1);
    }
    if (node->a) {
        char *copy = xmalloc(length + 1);
        memcpy(copy, record, length);
        copy[length] = '\0';
        struct cell *target = lvalue(node->a);
        cell_set_input(target, copy);
        free(copy);
        assigned(node->a);
    } else {
        set_record(record, length);
    }
    return 1;
}

void eval(struct node *node, struct cell *result) {
    struct cell a = {0}, b = {0};
    current_line = node->line;
    if (awk_stack_exhausted()) awk_fatal("expression nested too deeply");
    switch (node->kind) {
    case N_NUM: cell_set_num(result, node->num); return;
    case N_STR: cell_set_str(result, node->str); return;
    case N_REGEX:
        cell_set_num(result, regexec(node->regex, cell_str(field_cell(0)), 0, NULL, 0) == 0);
        return;
    case N_GROUP: eval(node->a, result); return;
    case N_VAR: {
        struct cell *cell = deref(variable_cell(node));
        if (cell->type == CELL_ARRAY) {
            fflush(stdout);
            fprintf(stderr, "%s: line %d: type error in arg(%s) can't use array as scalar\n",
                    applet_name, node->line, node->str);
            exit(2);
        }
        if (node->scope == SCOPE_GLOBAL && node->index == V_NF) split_record();
        cell_copy(result, cell);
        return;
    }
    case N_FIELD: {
        eval(node->a, &a);
        long index = (long)cell_num(&a);
        cell_free(&a);
        if (index < 0) awk_fatal("negative field index $%ld", index);
        if (index > 0) split_record();
        if (index > field_count) {
            cell_free(result);
            return;
        }
        cell_copy(result, field_cell(index));
        return;
    }
    case N_INDEX: cell_copy(result, lvalue(node)); return;
    case N_ASSIGN: {
        eval(node->b, &b);
        if (node->op == '=') {
            struct cell *target = lvalue(node->a);
            cell_copy(target, &b);
        } else {
            struct cell *target = lvalue(node->a);
            cell_set_num(target, arithmetic(node->op, cell_num(target), cell_num(&b)));
        }
        assigned(node->a);
        cell_copy(result, lvalue(node->a));
        cell_free(&b);
        return;
    }
    case N_COND:
        eval(node->a, &a);
        eval(cell_true(&a) ? node->b : node->c, result);
        cell_free(&a);
        return;
    case N_AND: case N_OR: {
        eval(node->a, &a);
        int value = cell_true(&a);
        if (node->kind == N_AND ? value : !value) {
            eval(node->b, &b);
            value = cell_true(&b);
        }
        cell_set_num(result, value);
        break;
    }
    case N_NOT:
        eval(node->a, &a);
        cell_set_num(result, !cell_true(&a));
        break;
    case N_NEGATE:
        eval(node->a, &a);
        cell_set_num(result, -cell_num(&a));
        break;
    case N_PLUS:
        eval(node->a, &a);
        cell_set_num(result, cell_num(&a));
        break;
    case N_BINARY:
        eval(node->a, &a);
        eval(node->b, &b);
        cell_set_num(result, arithmetic(node->op, cell_num(&a), cell_num(&b)));
        break;
    case N_CONCAT: {
        eval(node->a, &a);
        eval(node->b, &b);
        const char *x = cell_str(&a), *y = cell_str(&b);
        size_t lx = strlen(x), ly = strlen(y);
        char *joined = xmalloc(lx + ly + 1);
        memcpy(joined, x, lx);
        memcpy(joined + lx, y, ly + 1);
        cell_take_str(result, joined);
        break;
    }
    case N_COMPARE: {
        eval(node->a, &a);
        eval(node->b, &b);
        int c = compare(&a, &b), value;
        switch (node->op) {
        case '<': value = c < 0; break;
        case T_LE: value = c <= 0; break;
        case '>': value = c > 0; break;
        case T_GE: value = c >= 0; break;
        case T_EQ: value = c == 0; break;
        default: value = c != 0;
        }
        cell_set_num(result, value);
        break;
    }
    case N_MATCH: {
        eval(node->a, &a);
        int value = regex_matches(node->b, cell_str(&a), NULL);
        cell_set_num(result, node->op == '~' ? value : !value);
        break;
    }
    case N_IN: {
        struct array *array = array_of(node->b);
        char *key = subscript(node->args, node->arg_count);
        cell_set_num(result, array_get(array, key, 0) != NULL);
        free(key);
        return;
    }
    case N_PRE: case N_POST: {
        struct cell *target = lvalue(node->a);
        double old = cell_num(target);
        cell_set_num(target, old + (node->op == T_INCR ? 1 : -1));
        assigned(node->a);
        cell_set_num(result, node->kind == N_PRE ? old + (node->op == T_INCR ? 1 : -1) : old);
        return;
    }
    case N_CALL: call_function(node, result); return;
    case N_BUILTIN: call_builtin(node, result); return;
    case N_GETLINE: cell_set_num(result, do_getline(node)); return;
    default: awk_fatal("bad expression");
    }
    cell_free(&a);
    cell_free(&b);
}

/* ---- statements ---------------------------------------------------------------- */

static int pending_unwind;

/* Every value is computed before any is written (one may run system()). */
static void print_values(struct node *node, FILE *out) {
    if (node->arg_count == 0) {
        fputs(cell_str(field_cell(0)), out);
    } else {
        struct cell *values = calloc((size_t)node->arg_count, sizeof(struct cell));
        for (int i = 0; i < node->arg_count; i++) eval(node->args[i], &values[i]);
        if (pending_unwind) {
            for (int i = 0; i < node->arg_count; i++) cell_free(&values[i]);
            free(values);
            return;
        }
        const char *ofs = cell_str(&awk_globals[V_OFS]);
        for (int i = 0; i < node->arg_count; i++) {
            if (i > 0) fputs(ofs, out);
            fputs(cell_output_str(&values[i]), out);
            cell_free(&values[i]);
        }
        free(values);
    }
    fputs(cell_str(&awk_globals[V_ORS]), out);
}

static FILE *statement_output(struct node *node) {
    if (node->op == REDIRECT_NONE) return stdout;
    struct cell name = {0};
    eval(node->b, &name);
    FILE *out = output_stream((enum redirect_kind)node->op, cell_str(&name));
    cell_free(&name);
    return out;
}

static enum flow exec_list(struct node *node) {
    for (; node; node = node->next) {
        enum flow flow = exec(node);
        if (flow != FLOW_NORMAL) return flow;
    }
    return FLOW_NORMAL;
}

static enum flow exec(struct node *node) {
    struct cell value = {0};
    enum flow flow;
    if (!node) return FLOW_NORMAL;
    if (pending_unwind) return FLOW_UNWIND;
    current_line = node->line;
    switch (node->kind) {
    case S_BLOCK: return exec_list(node->a);
    case S_EXPR: eval(node->a, &value); break;
    case S_PRINT: {
        FILE *out = statement_output(node);
        if (pending_unwind) return FLOW_UNWIND;
        print_values(node, out);
        if (pending_unwind) return FLOW_UNWIND;
        if (out != stdout && node->op == REDIRECT_PIPE) fflush(out);
        break;
    }
    case S_PRINTF: {
        FILE *out = statement_output(node);
        struct cell *args = calloc((size_t)node->arg_count, sizeof(struct cell));
        for (int i = 0; i < node->arg_count; i++) eval(node->args[i], &args[i]);
        if (pending_unwind) return FLOW_UNWIND;
        char *text = awk_sprintf("printf", cell_str(&args[0]), args + 1, node->arg_count - 1);
        fputs(text, out);
        free(text);
        for (int i = 0; i < node->arg_count; i++) cell_free(&args[i]);
        free(args);
        break;
    }
    case S_IF:
        eval(node->a, &value);
        if (pending_unwind) return cell_free(&value), FLOW_UNWIND;
        flow = exec(cell_true(&value) ? node->b : node->c);
        cell_free(&value);
        return flow;
    case S_WHILE:
        for (;;) {
            eval(node->a, &value);
            if (pending_unwind) return cell_free(&value), FLOW_UNWIND;
            if (!cell_true(&value)) break;
            flow = exec(node->b);
            if (flow == FLOW_BREAK) break;
            if (flow >= FLOW_RETURN) return cell_free(&value), flow;
        }
        break;
    case S_DO:
        for (;;) {
            flow = exec(node->b);
            if (flow == FLOW_BREAK) break;
            if (flow >= FLOW_RETURN) return flow;
            eval(node->a, &value);
            if (pending_unwind) return cell_free(&value), FLOW_UNWIND;
            if (!cell_true(&value)) break;
        }
        break;
    case S_FOR:
        exec(node->a);
        for (;;) {
            if (node->b) {
                eval(node->b, &value);
                if (pending_unwind) return cell_free(&value), FLOW_UNWIND;
                if (!cell_true(&value)) break;
            }
            flow = exec(node->d);
            if (flow == FLOW_BREAK) break;
            if (flow >= FLOW_RETURN) return cell_free(&value), flow;
            exec(node->c);
        }
        break;
    case S_FORIN: {
        struct array *array = array_of(node->b);
        size_t count;
        char **keys = array_keys(array, &count);
        flow = FLOW_NORMAL;
        for (size_t i = 0; i < count; i++) {
            if ((flow == FLOW_NORMAL || flow == FLOW_CONTINUE) && !pending_unwind) {
                if (!array_get(array, keys[i], 0)) {
                    free(keys[i]);
                    continue;
                }
                cell_set_input(lvalue(node->a), keys[i]);
                if (looks_numeric(keys[i]) == 0) lvalue(node->a)->type = CELL_STR;
                flow = exec(node->c);
            }
            free(keys[i]);
        }
        free(keys);
        if (flow >= FLOW_RETURN) return flow;
        break;
    }
    case S_NEXT: pending_unwind = UNWIND_NEXT; return FLOW_UNWIND;
    case S_NEXTFILE: pending_unwind = UNWIND_NEXTFILE; return FLOW_UNWIND;
    case S_EXIT:
        if (node->a) {
            eval(node->a, &value);
            if (pending_unwind) return cell_free(&value), FLOW_UNWIND;
            exit_status = (int)cell_num(&value) & 0xff;
            cell_free(&value);
        }
        pending_unwind = UNWIND_EXIT;
        return FLOW_UNWIND;
    case S_RETURN:
        if (node->a) eval(node->a, &return_value);
        return FLOW_RETURN;
    case S_BREAK: return FLOW_BREAK;
    case S_CONTINUE: return FLOW_CONTINUE;
    case S_DELETE: {
        struct array *array = array_of(node->a);
        if (node->arg_count == 0) {
            array_clear(array);
        } else {
            char *key = subscript(node->args, node->arg_count);
            array_delete(array, key);
            free(key);
        }
        break;
    }
    default: eval(node, &value); break;
    }
    cell_free(&value);
    return pending_unwind ? FLOW_UNWIND : FLOW_NORMAL;
}

/* ---- the main input --------------------------------------------------------- */

static FILE *main_input;
static long argument_index = 1;
static int used_file;

/* var=value operands, with the escapes of a string constant. */
static int assignment_operand(const char *arg) {
    const char *equals = strchr(arg, '=');
    if (!equals || equals == arg || !(isalpha((unsigned char)arg[0]) || arg[0] == '_')) return 0;
    for (const char *p = arg; p < equals; p++)
        if (!isalnum((unsigned char)*p) && *p != '_') return 0;
    char *name = strndup(arg, (size_t)(equals - arg));
    int index = -1;
    for (int i = 0; i < awk_program->global_count && index < 0; i++)
        if (strcmp(awk_program->globals[i], name) == 0) index = i;
    free(name);
    if (index < 0) return 1; /* a variable the program never uses */
    char *value = awk_unescape(equals + 1);
    cell_set_input(&awk_globals[index], value);
    free(value);
    return 1;
}

int awk_assignment(const char *arg) { return assignment_operand(arg); }

static int open_next_input(void) {
    for (;;) {
        long argc = (long)cell_num(&awk_globals[V_ARGC]);
        if (argument_index >= argc) {
            if (used_file) return 0;
            used_file = 1;
            main_input = stdin;
            return 1;
        }
        char key[32];
        snprintf(key, sizeof key, "%ld", argument_index++);
        struct cell *cell = array_get(awk_globals[V_ARGV].array, key, 0);
        if (!cell) continue;
        const char *arg = cell_str(cell);
        if (*arg == '\0') continue;
        if (assignment_operand(arg)) continue;
        used_file = 1;
        cell_set_str(&awk_globals[V_FILENAME], arg);
        cell_set_num(&awk_globals[V_FNR], 0);
        if (strcmp(arg, "-") == 0 || strcmp(arg, "/dev/stdin") == 0) {
            main_input = stdin;
            return 1;
        }
        main_input = fopen(arg, "r");
        if (!main_input) {
            fflush(stdout);
            fprintf(stderr, "%s: cannot open %s (%s)\n", applet_name, arg, strerror(errno));
            close_all_streams();
            exit(2);
        }
        return 1;
    }
}

static void close_main_input(void) {
    if (main_input && main_input != stdin) fclose(main_input);
    main_input = NULL;
}

int awk_main_record(char **record, size_t *length) {
    for (;;) {
        if (!main_input && !open_next_input()) return 0;
        int got = read_record(main_input, record, length);
        if (got > 0) return 1;
        close_main_input();
    }
}

/* ---- rules ------------------------------------------------------------------ */

static int pattern_selects(struct rule *rule) {
    struct cell value = {0};
    if (!rule->pattern) return 1;
    if (!rule->pattern_end) {
        eval(rule->pattern, &value);
        int selected = cell_true(&value);
        cell_free(&value);
        return selected;
    }
    if (!rule->in_range) {
        eval(rule->pattern, &value);
        int start = cell_true(&value);
        cell_free(&value);
        if (!start) return 0;
        rule->in_range = 1;
    }
    eval(rule->pattern_end, &value);
    if (cell_true(&value)) rule->in_range = 0;
    cell_free(&value);
    return 1;
}

static void run_action(struct rule *rule) {
    if (rule->action) {
        exec(rule->action);
    } else {
        fputs(cell_str(field_cell(0)), stdout);
        fputs(cell_str(&awk_globals[V_ORS]), stdout);
    }
}

/* Runs the rules of `kind`; returns the unwind code (0 when none). */
static int run_rules(enum pattern_kind kind) {
    struct program *program = awk_program;
    for (int index = 0; index < program->rule_count; index++) {
        struct rule *rule = &program->rules[index];
        if (rule->kind != kind) continue;
        if (kind == PATTERN_MAIN && !pattern_selects(rule) && !pending_unwind) continue;
        if (!pending_unwind) run_action(rule);
        if (pending_unwind) {
            int unwind = pending_unwind;
            pending_unwind = 0;
            frame = NULL, call_depth = 0;
            return unwind;
        }
    }
    return 0;
}

int awk_run(struct program *program) {
    int has_main = 0, has_end = 0;
    for (int i = 0; i < program->rule_count; i++) {
        has_main |= program->rules[i].kind == PATTERN_MAIN;
        has_end |= program->rules[i].kind == PATTERN_END;
    }
    int unwind = run_rules(PATTERN_BEGIN);
    if (unwind == UNWIND_NEXT || unwind == UNWIND_NEXTFILE) {
        fflush(stdout);
        fprintf(stderr, "%s: improper use of next\n", applet_name);
        exit(2);
    }
    if (unwind != UNWIND_EXIT && (has_main || has_end)) {
        char *record;
        size_t length;
        while (awk_main_record(&record, &length)) {
            cell_set_num(&awk_globals[V_NR], cell_num(&awk_globals[V_NR]) + 1);
            cell_set_num(&awk_globals[V_FNR], cell_num(&awk_globals[V_FNR]) + 1);
            set_record(record, length);
            unwind = run_rules(PATTERN_MAIN);
            if (unwind == UNWIND_EXIT) break;
            if (unwind == UNWIND_NEXTFILE) close_main_input();
        }
    }
    run_rules(PATTERN_END); /* exit runs the END actions too (POSIX) */
    close_all_streams();
    return exit_status;
}
