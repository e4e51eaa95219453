/* cgroup.c: the process's cgroup and its limits. The path is the cgroup v2
 * one ("0::PATH" in /proc/self/cgroup). Limits are read from the cgroup's
 * directory in the cgroup2 mount the mount table shows (pids.max,
 * memory.max). On a hybrid host whose v2 hierarchy has no controllers
 * (the test machine's), they come from the v1 pids and memory hierarchies
 * instead, with memory.limit_in_bytes's "no limit" value shown as v2's
 * "max"; `limits.source` says which. */
#include "json.h"
#include "probe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The path of the process in the hierarchy named `controller` ("" for v2's
 * "0::" line) from /proc/self/cgroup, malloc'd, or NULL. */
static char *cgroup_path(const char *controller) {
    char *text = read_text("/proc/self/cgroup");
    if (!text) return NULL;
    char *found = NULL;
    for (char *save = NULL, *line = strtok_r(text, "\n", &save); line && !found;
         line = strtok_r(NULL, "\n", &save)) {
        char *first = strchr(line, ':');
        char *second = first ? strchr(first + 1, ':') : NULL;
        if (!second) continue;
        *second = 0;
        const char *list = first + 1;
        int match = *controller ? strstr(list, controller) != NULL : *list == 0 && line[0] == '0';
        if (match) found = strdup(second + 1);
    }
    free(text);
    return found;
}

/* The directory of `path` in the mount of `fstype` whose super options name
 * `option` (NULL: any), malloc'd, or NULL when there is no such mount. */
static char *cgroup_directory(const char *fstype, const char *option, const char *path) {
    char *text = read_text("/proc/self/mountinfo");
    if (!text) return NULL;
    char *found = NULL;
    for (char *save = NULL, *line = strtok_r(text, "\n", &save); line && !found;
         line = strtok_r(NULL, "\n", &save)) {
        struct mount_line mount;
        if (parse_mount_line(line, &mount) < 0 || strcmp(mount.fstype, fstype) != 0) continue;
        if (option && !strstr(mount.super, option)) continue;
        const char *rest = path;
        size_t root_length = strlen(mount.root);
        if (strcmp(mount.root, "/") != 0 && strncmp(path, mount.root, root_length) == 0)
            rest = path + root_length;
        size_t size = strlen(mount.mountpoint) + strlen(rest) + 2;
        found = malloc(size);
        if (found) snprintf(found, size, "%s%s", mount.mountpoint, rest);
    }
    free(text);
    return found;
}

/* The trimmed content of DIR/NAME, malloc'd, or NULL. */
static char *limit_file(const char *dir, const char *name) {
    if (!dir) return NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *text = read_text(path);
    return text ? trim_end(text) : NULL;
}

/* v1's "no limit" is a page-rounded LONG_MAX; v2 writes it "max". */
static char *v1_memory_limit(const char *dir) {
    char *text = limit_file(dir, "memory.limit_in_bytes");
    if (text && strtoull(text, NULL, 10) >= (1ULL << 62)) {
        free(text);
        text = strdup("max");
    }
    return text;
}

static void limits(const char *v2_path) {
    char *dir = v2_path ? cgroup_directory("cgroup2", NULL, v2_path) : NULL;
    char *pids = limit_file(dir, "pids.max");
    char *memory = limit_file(dir, "memory.max");
    const char *source = pids || memory ? "cgroup2" : NULL;
    free(dir);
    if (!pids && !memory) {
        char *pids_path = cgroup_path("pids");
        char *memory_path = cgroup_path("memory");
        char *pids_dir = pids_path ? cgroup_directory("cgroup", "pids", pids_path) : NULL;
        char *memory_dir = memory_path ? cgroup_directory("cgroup", "memory", memory_path) : NULL;
        pids = limit_file(pids_dir, "pids.max");
        memory = v1_memory_limit(memory_dir);
        if (pids || memory) source = "cgroup1";
        free(pids_path);
        free(memory_path);
        free(pids_dir);
        free(memory_dir);
    }
    json_key("limits");
    if (!source) {
        json_null();
    } else {
        json_begin_object();
        json_member_string("source", source);
        json_member_string("pids.max", pids);
        json_member_string("memory.max", memory);
        json_end_object();
    }
    free(pids);
    free(memory);
}

void probe_cgroup(void) {
    char *path = cgroup_path("");
    json_key("cgroup");
    json_begin_object();
    json_member_string("path", path);
    limits(path);
    json_end_object();
    free(path);
}
