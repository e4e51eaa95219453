/* process.c: what nsprobe reports of the process itself: its pids as its
 * pid namespace numbers them, the pids /proc lists (what that /proc's
 * namespace shows), credentials and their maps, the names of the UTS
 * namespace, the namespace links, its cwd and what its root holds. */
#define _GNU_SOURCE /* struct utsname's domainname */
#define _WASI_EMULATED_GETPID /* getpid is bocal.h's, over the extension */
#include "bocal.h"
#include "json.h"
#include "probe.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

static int is_number(const char *name) {
    if (!*name) return 0;
    for (const char *c = name; *c; c++)
        if (!isdigit((unsigned char)*c)) return 0;
    return 1;
}

static int compare_longs(const void *a, const void *b) {
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* pids: the numeric entries of /proc in increasing order, or null. */
static void visible_pids(void) {
    char **entries = sorted_entries("/proc", NULL);
    json_key("pids");
    if (!entries) return json_null();
    size_t count = 0;
    for (char **entry = entries; *entry; entry++) count++;
    long *pids = malloc((count + 1) * sizeof *pids);
    size_t used = 0;
    for (char **entry = entries; pids && *entry; entry++)
        if (is_number(*entry)) pids[used++] = strtol(*entry, NULL, 10);
    json_begin_array();
    if (pids) {
        qsort(pids, used, sizeof *pids, compare_longs);
        for (size_t i = 0; i < used; i++) json_number(pids[i]);
    }
    json_end_array();
    free(pids);
    free_entries(entries);
}

/* proc_self: the pid /proc/self names, as the pid namespace of that /proc
 * numbers the caller; equal to pid when /proc is of the caller's own pid
 * namespace (after --mount-proc), else /proc is an ancestor's. */
static void proc_self(void) {
    char target[64];
    ssize_t length = readlink("/proc/self", target, sizeof target - 1);
    json_key("proc_self");
    if (length <= 0) return json_null();
    target[length] = 0;
    json_number(strtol(target, NULL, 10));
}

void probe_process(void) {
    json_member_number("pid", getpid());
    json_member_number("ppid", getppid());
    proc_self();
    visible_pids();
    json_member_number("uid", getuid());
    json_member_number("gid", getgid());
    json_member_number("euid", geteuid());
    json_member_number("egid", getegid());
    char *cwd = getcwd(NULL, 0);
    json_member_string("cwd", cwd);
    free(cwd);
    char **root = sorted_entries("/", NULL);
    json_key("root");
    if (!root) {
        json_null();
    } else {
        json_begin_array();
        for (char **entry = root; *entry; entry++) json_string(*entry);
        json_end_array();
        free_entries(root);
    }
}

void probe_uts(void) {
    struct utsname uts;
    int known = uname(&uts) == 0;
    json_member_string("hostname", known ? uts.nodename : NULL);
    json_member_string("domainname", known ? uts.domainname : NULL);
}

static const char *const namespace_links[] = {
    "cgroup", "ipc", "mnt", "net", "pid", "pid_for_children", "time", "time_for_children",
    "user", "uts", NULL,
};

/* ns: each link's target as readlink(2) gives it (pid:[4026531836]); the
 * comparison with another host pairs them up, the raw numbers mean nothing. */
void probe_namespaces(void) {
    json_key("ns");
    json_begin_object();
    for (const char *const *name = namespace_links; *name; name++) {
        char path[64], target[PATH_MAX];
        snprintf(path, sizeof path, "/proc/self/ns/%s", *name);
        ssize_t length = readlink(path, target, sizeof target - 1);
        if (length >= 0) target[length] = 0;
        json_member_string(*name, length >= 0 ? target : NULL);
    }
    json_end_object();
}

/* A map file with its runs of spaces squeezed: "0 1000 1" per line. */
static void map_member(const char *key, const char *path) {
    char *text = read_text(path);
    if (text) {
        char *out = text;
        for (char *in = text; *in; in++) {
            if (*in == ' ' && (out == text || out[-1] == ' ' || out[-1] == '\n')) continue;
            if (*in == '\n' && out > text && out[-1] == ' ') out--;
            *out++ = *in;
        }
        *out = 0;
        trim_end(text);
    }
    json_member_string(key, text);
    free(text);
}

void probe_user(void) {
    map_member("uid_map", "/proc/self/uid_map");
    map_member("gid_map", "/proc/self/gid_map");
    map_member("setgroups", "/proc/self/setgroups");
}
