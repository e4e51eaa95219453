/* probe.h: the sections of nsprobe's report, each written as members of the
 * top-level JSON object, and the file helpers they share. A source that is
 * missing or unreadable gives a null member, never an error: the probe runs
 * on hosts that have only part of /proc and /sys. */
#ifndef NSPROBE_PROBE_H
#define NSPROBE_PROBE_H

#include <stddef.h>

/* The whole content of `path` as a NUL-terminated string (malloc'd), or NULL. */
char *read_text(const char *path);
/* `text` without trailing newlines and spaces, in place; returns it. */
char *trim_end(char *text);
/* Octal escapes (\040) of /proc/self/mountinfo undone, in place. */
void unescape_octal(char *text);
/* The entries of `dir` (without . and ..), sorted, NULL-terminated; NULL if unreadable. */
char **sorted_entries(const char *dir, size_t *count);
void free_entries(char **entries);

/* One line of /proc/self/mountinfo, split (pointers into the line). */
struct mount_line {
    char *root;        /* field 4: the mount's root within its filesystem */
    char *mountpoint;  /* field 5 */
    char *fstype;      /* first field after " - " */
    char *super;       /* super options, last field */
};
/* Splits `line` in place; 0 on success, -1 if it is not a mountinfo line. */
int parse_mount_line(char *line, struct mount_line *out);

void probe_process(void);    /* pid, ppid, pids, uid/gid, cwd, root entries */
void probe_uts(void);        /* hostname, domainname */
void probe_namespaces(void); /* ns: the /proc/self/ns links, raw */
void probe_user(void);       /* uid_map, gid_map, setgroups */
void probe_mounts(void);     /* mounts: [{mountpoint, fstype}] */
void probe_ipc(void);        /* ipc: {msg, sem, shm} keys and ids */
void probe_net(void);        /* net: interfaces and addresses */
void probe_cgroup(void);     /* cgroup: membership and limits */

#endif
