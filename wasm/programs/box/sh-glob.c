/* sh-glob.c: pathname expansion (XCU 2.13.3). The pattern is taken one
 * slash-separated component at a time: a component with no unquoted
 * pattern character is appended as it is, any other is matched against the
 * names in the directory reached so far (a leading dot only by a literal
 * dot, which also matches . and .., as dash does). The result is sorted by byte value, as in
 * the C locale; a pattern matching nothing is left to the caller, which
 * keeps the word as it was. */
#define _GNU_SOURCE
#include "bocal.h"
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sh.h"

/* Whether the component has a pattern character: * ?, or a [ that a ]
 * closes (a lone [, the test command's name, matches only itself; without
 * this each `[ ... ]` read the working directory). */
static int is_pattern(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) i++;
        else if (s[i] == '*' || s[i] == '?') return 1;
        else if (s[i] == '[') {
            size_t k = i + 1;
            if (k < n && (s[k] == '!' || s[k] == '^')) k++;
            if (k < n && s[k] == ']') k++;
            for (; k < n; k++)
                if (s[k] == ']') return 1;
        }
    }
    return 0;
}

/* The component without its escaping backslashes. */
static char *unescape(const char *s, size_t n) {
    struct buf b = {0};
    buf_adds(&b, "");
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) i++;
        buf_add(&b, s[i]);
    }
    return buf_take(&b);
}

static int exists(const char *path) {
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Extends PREFIX (a path ending in '/' or empty) with the rest of the
 * pattern REST, adding every existing match to OUT. */
static void walk(const char *prefix, const char *rest, struct fields *out) {
    while (*rest == '/') rest++;
    const char *slash = strchr(rest, '/');
    size_t n = slash ? (size_t)(slash - rest) : strlen(rest);
    if (!is_pattern(rest, n)) {
        char *part = unescape(rest, n);
        struct buf path = {0};
        buf_adds(&path, prefix);
        buf_adds(&path, part);
        free(part);
        if (slash) {
            buf_add(&path, '/');
            if (exists(path.s)) walk(path.s, slash + 1, out);
            free(path.s);
        } else if (exists(path.s)) fields_add(out, buf_take(&path));
        else free(path.s);
        return;
    }
    char *component = sh_strndup(rest, n);
    DIR *dir = opendir(*prefix ? prefix : ".");
    if (!dir) {
        free(component);
        return;
    }
    for (struct dirent *e; (e = readdir(dir));) {
        if (e->d_name[0] == '.' && component[0] != '.') continue;
        if (!pattern_match(component, e->d_name)) continue;
        struct buf path = {0};
        buf_adds(&path, prefix);
        buf_adds(&path, e->d_name);
        if (!slash) {
            fields_add(out, buf_take(&path));
            continue;
        }
        buf_add(&path, '/');
        struct stat st;
        if (stat(path.s, &st) == 0 && S_ISDIR(st.st_mode)) walk(path.s, slash + 1, out);
        free(path.s);
    }
    closedir(dir);
    free(component);
}

static int by_bytes(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int glob_expand(const char *pattern, struct fields *out) {
    if (!is_pattern(pattern, strlen(pattern))) return 0; /* the word stays as it is */
    int first = out->n;
    walk(*pattern == '/' ? "/" : "", pattern, out);
    int added = out->n - first;
    if (added > 1) qsort(out->v + first, (size_t)added, sizeof(char *), by_bytes);
    return added;
}
