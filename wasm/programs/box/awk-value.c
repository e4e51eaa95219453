/* awk-value.c: awk's values (number, string, or input that is both) and
 * associative arrays. Numbers print as integers when they are whole and
 * within a C int, else with CONVFMT (or OFMT for print), as mawk does. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "awk.h"
#include "util.h"

/* ---- numbers and strings ----------------------------------------------------- */

static const char *skip_blanks(const char *text) {
    while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r' || *text == '\f' ||
           *text == '\v')
        text++;
    return text;
}

/* strtod without inf and nan, which awk's numbers do not spell. */
static double parse_number(const char *text, char **end) {
    const char *p = skip_blanks(text);
    const char *q = p;
    if (*q == '+' || *q == '-') q++;
    if (!isdigit((unsigned char)*q) && *q != '.') {
        *end = (char *)text;
        return 0;
    }
    return strtod(p, end);
}

int looks_numeric(const char *text) {
    char *end;
    parse_number(text, &end);
    if (end == text) return 0;
    return *skip_blanks(end) == '\0';
}

char *number_to_string(double num, const char *format) {
    char buffer[512];
    if (num == (double)(long long)num && num >= -2147483647.0 && num <= 2147483647.0)
        snprintf(buffer, sizeof buffer, "%lld", (long long)num);
    else if (isnan(num))
        snprintf(buffer, sizeof buffer, signbit(num) ? "-nan" : "nan");
    else if (isinf(num))
        snprintf(buffer, sizeof buffer, num < 0 ? "-inf" : "inf");
    else
        snprintf(buffer, sizeof buffer, format, num);
    return strdup(buffer);
}

static void clear(struct cell *cell) {
    free(cell->str);
    cell->str = NULL;
}

void cell_free(struct cell *cell) {
    clear(cell);
    cell->type = CELL_UNINIT;
}

void cell_set_num(struct cell *cell, double num) {
    clear(cell);
    cell->type = CELL_NUM;
    cell->num = num;
}

void cell_set_str(struct cell *cell, const char *str) { cell_take_str(cell, strdup(str)); }

void cell_take_str(struct cell *cell, char *str) {
    clear(cell);
    cell->type = CELL_STR;
    cell->str = str;
}

void cell_set_input(struct cell *cell, const char *str) {
    cell_set_str(cell, str);
    if (looks_numeric(str)) {
        char *end;
        cell->type = CELL_STRNUM;
        cell->num = parse_number(str, &end);
    }
}

void cell_copy(struct cell *to, const struct cell *from) {
    if (to == from) return;
    if (from->type == CELL_REF) {
        cell_copy(to, from->ref);
        return;
    }
    clear(to);
    to->type = from->type;
    to->num = from->num;
    to->array = from->array;
    to->str = from->str && from->type != CELL_NUM ? strdup(from->str) : NULL;
}

double cell_num(const struct cell *cell) {
    char *end;
    switch (cell->type) {
    case CELL_NUM: case CELL_STRNUM: return cell->num;
    case CELL_STR: return parse_number(cell->str, &end);
    case CELL_REF: return cell_num(cell->ref);
    default: return 0;
    }
}

static const char *special_string(int which, const char *fallback) {
    struct cell *cell = &awk_globals[which];
    if (cell->type == CELL_STR || cell->type == CELL_STRNUM) return cell->str;
    return fallback;
}

static const char *converted(struct cell *cell, const char *format) {
    switch (cell->type) {
    case CELL_STR: case CELL_STRNUM: return cell->str;
    case CELL_NUM:
        free(cell->str);
        cell->str = number_to_string(cell->num, format);
        return cell->str;
    case CELL_REF: return converted(cell->ref, format);
    default: return "";
    }
}

const char *cell_str(struct cell *cell) {
    return converted(cell, special_string(V_CONVFMT, "%.6g"));
}

const char *cell_output_str(struct cell *cell) {
    return converted(cell, special_string(V_OFMT, "%.6g"));
}

int cell_true(struct cell *cell) {
    switch (cell->type) {
    case CELL_NUM: case CELL_STRNUM: return cell->num != 0;
    case CELL_STR: return cell->str[0] != '\0';
    case CELL_REF: return cell_true(cell->ref);
    default: return 0;
    }
}

/* ---- arrays ------------------------------------------------------------------ */

struct array *array_new(void) {
    struct array *array = xmalloc(sizeof *array);
    array->bucket_count = 64;
    array->count = 0;
    array->buckets = calloc(array->bucket_count, sizeof *array->buckets);
    return array;
}

static size_t hash(const char *key) {
    size_t h = 5381;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) h = h * 33 + *p;
    return h;
}

static void grow(struct array *array) {
    size_t count = array->bucket_count * 4;
    struct array_entry **buckets = calloc(count, sizeof *buckets);
    for (size_t i = 0; i < array->bucket_count; i++) {
        struct array_entry *entry = array->buckets[i];
        while (entry) {
            struct array_entry *next = entry->next;
            size_t slot = hash(entry->key) % count;
            entry->next = buckets[slot];
            buckets[slot] = entry;
            entry = next;
        }
    }
    free(array->buckets);
    array->buckets = buckets;
    array->bucket_count = count;
}

struct cell *array_get(struct array *array, const char *key, int create) {
    size_t slot = hash(key) % array->bucket_count;
    for (struct array_entry *entry = array->buckets[slot]; entry; entry = entry->next)
        if (strcmp(entry->key, key) == 0) return &entry->value;
    if (!create) return NULL;
    if (array->count >= array->bucket_count * 2) {
        grow(array);
        slot = hash(key) % array->bucket_count;
    }
    struct array_entry *entry = xmalloc(sizeof *entry);
    memset(entry, 0, sizeof *entry);
    entry->key = strdup(key);
    entry->next = array->buckets[slot];
    array->buckets[slot] = entry;
    array->count++;
    return &entry->value;
}

void array_delete(struct array *array, const char *key) {
    size_t slot = hash(key) % array->bucket_count;
    for (struct array_entry **link = &array->buckets[slot]; *link; link = &(*link)->next) {
        struct array_entry *entry = *link;
        if (strcmp(entry->key, key) != 0) continue;
        *link = entry->next;
        cell_free(&entry->value);
        free(entry->key);
        free(entry);
        array->count--;
        return;
    }
}

void array_clear(struct array *array) {
    for (size_t i = 0; i < array->bucket_count; i++) {
        struct array_entry *entry = array->buckets[i];
        while (entry) {
            struct array_entry *next = entry->next;
            cell_free(&entry->value);
            free(entry->key);
            free(entry);
            entry = next;
        }
        array->buckets[i] = NULL;
    }
    array->count = 0;
}

static int compare_keys(const void *a, const void *b) {
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    int xn = looks_numeric(x), yn = looks_numeric(y);
    if (xn && yn) {
        double dx = atof(x), dy = atof(y);
        if (dx != dy) return dx < dy ? -1 : 1;
        return strcmp(x, y);
    }
    if (xn != yn) return xn ? -1 : 1;
    return strcmp(x, y);
}

char **array_keys(struct array *array, size_t *count) {
    char **keys = xmalloc((array->count + 1) * sizeof(char *));
    size_t n = 0;
    for (size_t i = 0; i < array->bucket_count; i++)
        for (struct array_entry *entry = array->buckets[i]; entry; entry = entry->next)
            keys[n++] = strdup(entry->key);
    qsort(keys, n, sizeof *keys, compare_keys);
    *count = n;
    return keys;
}
