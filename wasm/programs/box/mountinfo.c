/* mountinfo.c: see mountinfo.h. Fields (proc(5)): id parent major:minor
 * root mount-point options [optional fields...] - type source super-options,
 * with space, tab, newline and backslash written as octal escapes. */
#include "mountinfo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *unescaped(const char *text) {
    char *copy = strdup(text), *out = copy;
    for (const char *in = text; *in; in++) {
        if (in[0] == '\\' && in[1] >= '0' && in[1] <= '3' && in[2] >= '0' && in[2] <= '7' &&
            in[3] >= '0' && in[3] <= '7') {
            *out++ = (char)((in[1] - '0') * 64 + (in[2] - '0') * 8 + (in[3] - '0'));
            in += 3;
        } else {
            *out++ = *in;
        }
    }
    *out = 0;
    return copy;
}

/* Splits one line into `entry`; 0, or -1 if it is malformed. */
static int parse_line(char *line, struct mount_entry *entry) {
    char *fields[64];
    int count = 0;
    for (char *save = NULL, *field = strtok_r(line, " ", &save); field && count < 64;
         field = strtok_r(NULL, " ", &save))
        fields[count++] = field;
    int dash = 6;
    while (dash < count && strcmp(fields[dash], "-") != 0) dash++;
    if (count < 6 || dash + 2 >= count) return -1;
    entry->target = unescaped(fields[4]);
    entry->vfs_options = strdup(fields[5]);
    entry->fstype = strdup(fields[dash + 1]);
    entry->source = unescaped(fields[dash + 2]);
    entry->super_options = strdup(dash + 3 < count ? fields[dash + 3] : "");
    return 0;
}

struct mount_entry *read_mountinfo(void) {
    FILE *file = fopen("/proc/self/mountinfo", "r");
    if (!file) return NULL;
    struct mount_entry *entries = NULL;
    int count = 0;
    char line[8192];
    while (fgets(line, sizeof line, file)) {
        line[strcspn(line, "\n")] = 0;
        struct mount_entry entry;
        if (parse_line(line, &entry) < 0) continue;
        struct mount_entry *bigger = realloc(entries, (count + 2) * sizeof *entries);
        if (!bigger) break;
        entries = bigger;
        entries[count++] = entry;
    }
    fclose(file);
    if (!entries && !(entries = calloc(1, sizeof *entries))) return NULL;
    entries[count].target = NULL;
    return entries;
}

void free_mountinfo(struct mount_entry *entries) {
    if (!entries) return;
    for (struct mount_entry *entry = entries; entry->target; entry++) {
        free(entry->target);
        free(entry->fstype);
        free(entry->source);
        free(entry->vfs_options);
        free(entry->super_options);
    }
    free(entries);
}
