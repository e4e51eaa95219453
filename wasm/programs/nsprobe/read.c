/* read.c: file helpers of nsprobe (probe.h). Files of /proc report a size
 * of 0, so contents are read until end of file, never sized by stat. */
#include "probe.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *read_text(const char *path) {
    FILE *file = fopen(path, "r");
    if (!file) return NULL;
    size_t capacity = 4096, length = 0;
    char *text = malloc(capacity);
    size_t got;
    while (text && (got = fread(text + length, 1, capacity - length - 1, file)) > 0) {
        length += got;
        if (capacity - length - 1 == 0) {
            char *bigger = realloc(text, capacity * 2);
            if (!bigger) {
                free(text);
                text = NULL;
                break;
            }
            text = bigger;
            capacity *= 2;
        }
    }
    int failed = ferror(file);
    fclose(file);
    if (!text) return NULL;
    if (failed) {
        free(text);
        return NULL;
    }
    text[length] = 0;
    return text;
}

char *trim_end(char *text) {
    size_t length = strlen(text);
    while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == ' ')) text[--length] = 0;
    return text;
}

void unescape_octal(char *text) {
    char *out = text;
    for (char *in = text; *in; in++) {
        if (in[0] == '\\' && in[1] >= '0' && in[1] <= '3' && in[2] >= '0' && in[2] <= '7' &&
            in[3] >= '0' && in[3] <= '7') {
            *out++ = (char)((in[1] - '0') * 64 + (in[2] - '0') * 8 + (in[3] - '0'));
            in += 3;
        } else {
            *out++ = *in;
        }
    }
    *out = 0;
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **sorted_entries(const char *path, size_t *count) {
    DIR *dir = opendir(path);
    if (!dir) return NULL;
    size_t capacity = 64, used = 0;
    char **entries = malloc(capacity * sizeof *entries);
    struct dirent *entry;
    while (entries && (entry = readdir(dir))) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
        if (used + 1 >= capacity) {
            char **bigger = realloc(entries, capacity * 2 * sizeof *entries);
            if (!bigger) break;
            entries = bigger;
            capacity *= 2;
        }
        entries[used++] = strdup(entry->d_name);
    }
    closedir(dir);
    if (!entries) return NULL;
    qsort(entries, used, sizeof *entries, compare_names);
    entries[used] = NULL;
    if (count) *count = used;
    return entries;
}

void free_entries(char **entries) {
    if (!entries) return;
    for (char **entry = entries; *entry; entry++) free(*entry);
    free(entries);
}

/* Fields: id parent major:minor root mountpoint options [optional...] - type source super */
int parse_mount_line(char *line, struct mount_line *out) {
    char *fields[64];
    int count = 0;
    for (char *save = NULL, *field = strtok_r(line, " ", &save); field && count < 64;
         field = strtok_r(NULL, " ", &save))
        fields[count++] = field;
    int dash = -1;
    for (int i = 6; i < count; i++)
        if (strcmp(fields[i], "-") == 0) {
            dash = i;
            break;
        }
    if (count < 6 || dash < 0 || dash + 3 >= count + 1 || dash + 1 >= count) return -1;
    out->root = fields[3];
    out->mountpoint = fields[4];
    out->fstype = fields[dash + 1];
    out->super = dash + 3 < count ? fields[dash + 3] : "";
    unescape_octal(out->root);
    unescape_octal(out->mountpoint);
    return 0;
}
