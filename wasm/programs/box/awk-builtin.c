/* awk-builtin.c: awk's built-in functions and printf's formatting. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "awk.h"
#include "util.h"

int awk_regex_matches(struct node *pattern, const char *text, regmatch_t *match);
void awk_assigned(struct node *node);

/* ---- printf ------------------------------------------------------------------- */

struct text {
    char *data;
    size_t length, size;
};

static void add(struct text *text, const char *data, size_t length) {
    if (text->length + length + 1 > text->size) {
        while (text->length + length + 1 > text->size) text->size = text->size ? text->size * 2 : 64;
        text->data = realloc(text->data, text->size);
    }
    memcpy(text->data + text->length, data, length);
    text->length += length;
    text->data[text->length] = '\0';
}

static void not_enough(const char *function, const char *format) {
    awk_fatal("not enough arguments passed to %s(\"%s\")", function, format);
}

char *awk_sprintf(const char *function, const char *format, struct cell *args, int arg_count) {
    struct text out = {0};
    int next = 0;
    add(&out, "", 0);
    for (const char *p = format; *p;) {
        if (*p != '%') {
            const char *start = p;
            while (*p && *p != '%') p++;
            add(&out, start, (size_t)(p - start));
            continue;
        }
        if (p[1] == '%') {
            add(&out, "%", 1);
            p += 2;
            continue;
        }
        /* %[flags][width][.precision]conversion, * taking an argument */
        char spec[64];
        size_t length = 0;
        const char *start = p++;
        spec[length++] = '%';
        while (*p && strchr("-+ #0", *p) && length < 40) spec[length++] = *p++;
        for (int part = 0; part < 2; part++) {
            if (part == 1) {
                if (*p != '.') break;
                spec[length++] = *p++;
            }
            if (*p == '*') {
                if (next >= arg_count) not_enough(function, format);
                length += (size_t)snprintf(spec + length, sizeof spec - length, "%d",
                                           (int)cell_num(&args[next++]));
                p++;
            } else {
                while (isdigit((unsigned char)*p) && length < 50) spec[length++] = *p++;
            }
        }
        char conversion = *p;
        if (!conversion || !strchr("diouxXcseEfFgG", conversion)) {
            /* not a conversion: written as it stands */
            add(&out, start, (size_t)(p - start));
            continue;
        }
        p++;
        if (next >= arg_count) not_enough(function, format);
        struct cell *arg = &args[next++];
        char buffer[512];
        char *formatted = buffer;
        int size;
        switch (conversion) {
        case 'd': case 'i': {
            double value = cell_num(arg);
            spec[length++] = 'l', spec[length++] = 'l', spec[length++] = 'd', spec[length] = '\0';
            long long integer = value >= 9.2e18 ? (long long)9.2e18
                                : value <= -9.2e18 ? (long long)-9.2e18
                                                   : (long long)value;
            size = snprintf(NULL, 0, spec, integer);
            if (size >= (int)sizeof buffer) formatted = xmalloc((size_t)size + 1);
            snprintf(formatted, (size_t)size + 1, spec, integer);
            break;
        }
        case 'o': case 'u': case 'x': case 'X': {
            double value = cell_num(arg);
            spec[length++] = 'l', spec[length++] = 'l', spec[length++] = conversion;
            spec[length] = '\0';
            unsigned long long integer =
                value < 0 ? (unsigned long long)(long long)value : (unsigned long long)value;
            size = snprintf(NULL, 0, spec, integer);
            if (size >= (int)sizeof buffer) formatted = xmalloc((size_t)size + 1);
            snprintf(formatted, (size_t)size + 1, spec, integer);
            break;
        }
        case 'c': {
            char one[2] = {0, 0};
            if (arg->type == CELL_NUM) one[0] = (char)(int)cell_num(arg);
            else one[0] = cell_str(arg)[0];
            spec[length++] = 's', spec[length] = '\0';
            if (one[0] == '\0') {
                /* a NUL character: formatted as one, with its padding */
                spec[length - 1] = 'c';
                size = snprintf(buffer, sizeof buffer, spec, 0);
                add(&out, buffer, (size_t)size);
                continue;
            }
            size = snprintf(buffer, sizeof buffer, spec, one);
            break;
        }
        case 's': {
            const char *value = cell_str(arg);
            spec[length++] = 's', spec[length] = '\0';
            size = snprintf(NULL, 0, spec, value);
            if (size >= (int)sizeof buffer) formatted = xmalloc((size_t)size + 1);
            snprintf(formatted, (size_t)size + 1, spec, value);
            break;
        }
        default: {
            spec[length++] = conversion, spec[length] = '\0';
            double value = cell_num(arg);
            size = snprintf(NULL, 0, spec, value);
            if (size >= (int)sizeof buffer) formatted = xmalloc((size_t)size + 1);
            snprintf(formatted, (size_t)size + 1, spec, value);
        }
        }
        add(&out, formatted, (size_t)size);
        if (formatted != buffer) free(formatted);
    }
    return out.data;
}

/* ---- sub, gsub, match ------------------------------------------------------------ */

/* `&` is the match, `\&` a literal &, `\\` a backslash. */
static void add_replacement(struct text *out, const char *replacement, const char *match,
                            size_t match_length) {
    for (const char *r = replacement; *r; r++) {
        if (*r == '\\' && (r[1] == '&' || r[1] == '\\')) {
            add(out, r + 1, 1);
            r++;
        } else if (*r == '&') {
            add(out, match, match_length);
        } else {
            add(out, r, 1);
        }
    }
}

static int substitute(struct node *node, int global) {
    struct cell replacement = {0}, target_value = {0};
    eval(node->args[1], &replacement);
    struct node *target_node = node->arg_count == 3 ? node->args[2] : NULL;
    if (target_node) eval(target_node, &target_value);
    else cell_copy(&target_value, field_cell(0));
    const char *text = cell_str(&target_value);
    const char *repl = cell_str(&replacement);
    regex_t *regex;
    if (node->args[0]->kind == N_REGEX) {
        regex = node->args[0]->regex;
    } else {
        struct cell pattern = {0};
        eval(node->args[0], &pattern);
        regex = dynamic_regex(cell_str(&pattern));
        cell_free(&pattern);
    }
    struct text out = {0};
    add(&out, "", 0);
    size_t length = strlen(text), position = 0, previous_end = (size_t)-1;
    int count = 0;
    regmatch_t match;
    while (position <= length) {
        if (regexec(regex, text + position, 1, &match, position ? REG_NOTBOL : 0) != 0) break;
        size_t start = position + (size_t)match.rm_so, end = position + (size_t)match.rm_eo;
        if (start == end && start == previous_end) {
            /* an empty match right after a match is not one */
            if (start >= length) break;
            add(&out, text + start, 1);
            position = start + 1;
            continue;
        }
        add(&out, text + position, start - position);
        add_replacement(&out, repl, text + start, end - start);
        count++;
        previous_end = position = end;
        if (!global) break;
        if (start == end) {
            if (start >= length) break;
            add(&out, text + start, 1);
            position = start + 1;
        }
    }
    if (count > 0) {
        if (position < length) add(&out, text + position, length - position);
        if (target_node) {
            cell_take_str(lvalue(target_node), out.data);
            awk_assigned(target_node);
        } else {
            cell_take_str(field_cell(0), out.data);
            field_assigned(0);
        }
    } else {
        free(out.data);
    }
    cell_free(&replacement);
    cell_free(&target_value);
    return count;
}

/* ---- the rest --------------------------------------------------------------------- */

static unsigned long long random_state = 1;
static double seed_value = 0;

static double next_random(void) {
    random_state = random_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(random_state >> 11) / 9007199254740992.0;
}

void call_builtin(struct node *node, struct cell *result) {
    struct cell a = {0}, b = {0}, c = {0};
    switch (node->op) {
    case B_LENGTH:
        if (node->arg_count == 0) {
            cell_set_num(result, (double)strlen(cell_str(field_cell(0))));
            return;
        }
        if (node->args[0]->kind == N_VAR) {
            extern struct cell *awk_variable_if_array(struct node *);
            struct cell *array = awk_variable_if_array(node->args[0]);
            if (array) {
                cell_set_num(result, (double)array->array->count);
                return;
            }
        }
        eval(node->args[0], &a);
        cell_set_num(result, (double)strlen(cell_str(&a)));
        break;
    case B_SUBSTR: {
        eval(node->args[0], &a);
        eval(node->args[1], &b);
        const char *s = cell_str(&a);
        double length = (double)strlen(s);
        /* positions start..start+count-1, rounded, clipped to the string */
        double start = cell_num(&b);
        double count = length - start + 1;
        if (node->arg_count == 3) {
            eval(node->args[2], &c);
            count = cell_num(&c);
        }
        /* mawk truncates fractional positions and counts */
        start = trunc(start), count = trunc(count);
        double first = start, last = isinf(count) ? length : start + count - 1;
        if (isnan(first) || isnan(last)) first = 1, last = 0;
        if (first < 1) first = 1;
        if (last > length) last = length;
        if (last < first) {
            cell_set_str(result, "");
        } else {
            size_t from = (size_t)first - 1, n = (size_t)(last - first + 1);
            char *piece = xmalloc(n + 1);
            memcpy(piece, s + from, n);
            piece[n] = '\0';
            cell_take_str(result, piece);
        }
        break;
    }
    case B_INDEX: {
        eval(node->args[0], &a);
        eval(node->args[1], &b);
        const char *s = cell_str(&a), *found = strstr(s, cell_str(&b));
        cell_set_num(result, found ? (double)(found - s + 1) : 0);
        break;
    }
    case B_SPLIT: {
        eval(node->args[0], &a);
        struct array *array = array_of(node->args[1]);
        const char *fs;
        if (node->arg_count < 3) {
            fs = cell_str(&awk_globals[V_FS]);
        } else if (node->args[2]->kind == N_REGEX) {
            fs = node->args[2]->str;
            if (strcmp(fs, " ") == 0) fs = "[ ]";
        } else {
            eval(node->args[2], &b);
            fs = cell_str(&b);
        }
        cell_set_num(result, (double)split_into(cell_str(&a), fs, array));
        break;
    }
    case B_SUB: case B_GSUB: cell_set_num(result, substitute(node, node->op == B_GSUB)); return;
    case B_MATCH: {
        eval(node->args[0], &a);
        regmatch_t match;
        const char *s = cell_str(&a);
        double start = 0, length = -1;
        if (awk_regex_matches(node->args[1], s, &match)) {
            start = (double)match.rm_so + 1;
            length = (double)(match.rm_eo - match.rm_so);
        }
        cell_set_num(&awk_globals[V_RSTART], start);
        cell_set_num(&awk_globals[V_RLENGTH], length);
        cell_set_num(result, start);
        break;
    }
    case B_SPRINTF: {
        struct cell *args = calloc((size_t)node->arg_count, sizeof(struct cell));
        for (int i = 0; i < node->arg_count; i++) eval(node->args[i], &args[i]);
        cell_take_str(result, awk_sprintf("sprintf", cell_str(&args[0]), args + 1, node->arg_count - 1));
        for (int i = 0; i < node->arg_count; i++) cell_free(&args[i]);
        free(args);
        return;
    }
    case B_SIN: case B_COS: case B_EXP: case B_LOG: case B_SQRT: case B_INT: {
        eval(node->args[0], &a);
        double x = cell_num(&a), y;
        switch (node->op) {
        case B_SIN: y = sin(x); break;
        case B_COS: y = cos(x); break;
        case B_EXP: y = exp(x); break;
        case B_LOG: y = log(x); break;
        case B_SQRT: y = sqrt(x); break;
        default: y = trunc(x);
        }
        cell_set_num(result, y);
        break;
    }
    case B_ATAN2:
        eval(node->args[0], &a);
        eval(node->args[1], &b);
        cell_set_num(result, atan2(cell_num(&a), cell_num(&b)));
        break;
    case B_RAND: cell_set_num(result, next_random()); return;
    case B_SRAND: {
        double previous = seed_value;
        if (node->arg_count) {
            eval(node->args[0], &a);
            seed_value = cell_num(&a);
        } else {
            seed_value = (double)time(NULL);
        }
        random_state = (unsigned long long)(long long)seed_value * 2654435761ULL + 1;
        cell_set_num(result, previous);
        break;
    }
    case B_TOLOWER: case B_TOUPPER: {
        eval(node->args[0], &a);
        char *s = strdup(cell_str(&a));
        for (char *p = s; *p; p++)
            *p = (char)(node->op == B_TOLOWER ? tolower((unsigned char)*p)
                                              : toupper((unsigned char)*p));
        cell_take_str(result, s);
        break;
    }
    case B_SYSTEM:
        eval(node->args[0], &a);
        fflush(stdout);
        flush_stream(NULL);
        cell_set_num(result, awk_system(cell_str(&a)));
        break;
    case B_CLOSE:
        eval(node->args[0], &a);
        cell_set_num(result, close_stream(cell_str(&a)));
        break;
    case B_FFLUSH:
        if (node->arg_count) {
            eval(node->args[0], &a);
            cell_set_num(result, flush_stream(cell_str(&a)));
        } else {
            fflush(stdout);
            cell_set_num(result, 0);
        }
        break;
    }
    cell_free(&a);
    cell_free(&b);
    cell_free(&c);
}
