/* ns-common.h: what the namespace applets (unshare, nsenter, lsns) share:
 * the table of namespace kinds, and continuing as a child the way
 * util-linux does after entering a pid namespace (a process cannot change
 * its own pid namespace, only its children's). */
#ifndef BOX_NS_COMMON_H
#define BOX_NS_COMMON_H

#define _GNU_SOURCE
#include "bocal-mount.h"

#include <sys/types.h>

/* One kind of namespace: its clone flag, its name in /proc/PID/ns, and
 * the link a new process is created in (pid_for_children for pid). */
struct ns_kind {
    const char *name;     /* mnt, uts, ... as lsns -t and /proc/PID/ns name it */
    int flag;             /* CLONE_NEW... */
    const char *link;     /* the /proc/PID/ns entry to enter or bind */
    int option;           /* its short option in unshare and nsenter (-m, -u, ...) */
    const char *option_name; /* and its long one (--mount, --uts, ...) */
};

/* unshare's and nsenter's options for the kinds, in their order: each takes
 * an optional =FILE (a namespace file to persist or to enter). The letters
 * and names are those of ns_kinds' option and option_name. */
#define NS_KIND_OPTIONS                                                                    \
    {"mount", 'm', 2}, {"uts", 'u', 2}, {"ipc", 'i', 2}, {"net", 'n', 2}, {"pid", 'p', 2}, \
        {"user", 'U', 2}, {"cgroup", 'C', 2}, {"time", 'T', 2}

/* Every kind, in util-linux's order (nsenter's: user first, mnt last ... as
 * each tool needs is up to the tool), ended by a NULL name. */
extern const struct ns_kind ns_kinds[];
/* The kind named `name` (mnt, net, ...), or NULL. */
const struct ns_kind *ns_kind_named(const char *name);
/* The kind whose option's key (next_option's value) is `key`, or NULL. */
const struct ns_kind *ns_kind_of_option(int key);

/* The argument of -S/--setuid (`key` 'S') or -G/--setgid ('G'): a
 * non-negative number into *id, or -1 after util-linux's message. */
int ns_parse_id_option(int key, const char *text, long *id);

/* Takes the ids chosen with -S and -G (-1: unchanged), as util-linux does:
 * setgroups(0) (or --groups') and setgid, then setuid. A failed setgroups is passed over
 * when `setgroups_may_fail` (the user namespace denies it). Returns 0, or
 * 1 after the message. */
int ns_set_ids(long uid, long gid, int setgroups_may_fail);

/* --groups LIST (a bocal extension, setpriv's option name): the comma-
 * separated gids ns_set_ids gives as supplementary groups in place of none,
 * as runc gives a container's user its groups from /etc/group. Returns 0,
 * or -1 after the message. */
#define NS_MAX_GROUPS 64
int ns_parse_groups(const char *text);

/* The argv[1] a respawned child is given on WASI, where there is no fork:
 * the child starts this applet again and goes on after the fork point. */
#define NS_CHILD_MARK "--bocal-forked-child"

/* Forks as util-linux does. In the parent, waits for the child and ends
 * the same way it did (its exit status, or the same signal, raised again
 * on itself); never returns there. Returns 0 in the child, which goes on.
 * On WASI the child is this applet started again with NS_CHILD_MARK first
 * in its arguments (`argv`, argv[0] the applet), which notices the mark
 * and goes on from the same point. `quietly`: end as nsenter does (the
 * child's signal raised again as it is), else as unshare (see ns_exit_like). */
int ns_fork_and_wait(char **argv, int quietly);

/* Whether argv[1] is the mark; if so it is removed (argc, argv adjusted). */
int ns_is_respawned_child(int *argc, char ***argv);

/* Ends like a wait status, as util-linux's unshare: the exit code, or the
 * signal raised again on itself after resetting it to its default. */
void ns_exit_like(int status) __attribute__((noreturn));

/* A signal's number from its name (TERM, SIGTERM, 15), or -1. */
int ns_signal_number(const char *text);

/* execvp(argv) or, with no command, $SHELL (default /bin/sh) as a login
 * shell ("-sh"); on failure the util-linux message and 126/127. */
void ns_exec_command(char **argv) __attribute__((noreturn));

/* The flags of unshare --mount-proc's proc mount. */
#define NS_PROC_MOUNT_FLAGS (MS_NOSUID | MS_NOEXEC | MS_NODEV)

/* Mounts proc on `dir` as unshare --mount-proc does, or dies with its
 * message and status 1. */
void ns_mount_proc(const char *dir);

/* ns_fork_and_wait then, in the child, ns_mount_proc(proc_dir) if proc_dir
 * is not NULL and ns_exec_command, for when nothing else is left to do
 * between the fork and the exec: on WASI the command itself is started,
 * with the proc mount as a spawn action the child does in its own pid
 * namespace (one process start, where starting this applet again and then
 * the command took two), with the same messages and statuses. `quietly` as
 * for ns_fork_and_wait. */
void ns_fork_exec_and_wait(char **argv, const char *proc_dir, int quietly)
    __attribute__((noreturn));

#endif
