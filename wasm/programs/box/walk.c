/* walk.c: the children of a directory, for the applets that descend a
 * tree (see walk.h). */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

char **read_names(DIR *dir, size_t *count) {
    char **names = NULL;
    size_t capacity = 0;
    struct dirent *entry;
    *count = 0;
    while ((entry = readdir(dir))) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
        if (*count == capacity) {
            capacity = capacity ? capacity * 2 : 16;
            names = realloc(names, capacity * sizeof *names);
            if (!names) warnx_("memory exhausted"), exit(1);
        }
        names[(*count)++] = strdup(entry->d_name);
    }
    closedir(dir);
    return names;
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void sort_names(char **names, size_t count) {
    if (count) qsort(names, count, sizeof *names, by_name);
}

void free_names(char **names, size_t count) {
    for (size_t i = 0; i < count; i++) free(names[i]);
    free(names);
}

int for_each_child(const char *dir, int quiet, int (*visit)(const char *child, void *context),
                   void *context) {
    DIR *stream = opendir(dir);
    if (!stream) {
        if (!quiet) warn_errno(errno, "cannot read directory %s", quote(dir));
        return 1;
    }
    size_t count;
    char **names = read_names(stream, &count);
    int status = 0;
    for (size_t i = 0; i < count; i++) {
        char *child = path_join(dir, names[i]);
        status |= visit(child, context);
        free(child);
    }
    free_names(names, count);
    return status;
}
