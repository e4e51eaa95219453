/* unshare: runs a program in new namespaces, as util-linux's unshare(1):
 * unshare(2) of the chosen kinds, then (with -f) a child that runs the
 * program so that it is the first process of a new pid namespace, then in
 * that child the id maps, the mount propagation, the root and working
 * directory, /proc, the credentials, and exec (or $SHELL). Options stop at
 * the first operand (getopt's '+'). On WASI, where there is no fork, the
 * child is this applet started again (ns-common.h). */
#include "ns-common.h"
#include "bocal.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "applets.h"
#include "util.h"

#ifndef __wasi__
#include <sys/prctl.h>
#endif

enum {
    OPT_MOUNT_PROC = 256, OPT_MAP_USER, OPT_MAP_GROUP, OPT_PROPAGATION, OPT_KILL_CHILD,
    OPT_SETGROUPS, OPT_GROUPS,
};

static const struct option_spec specs[] = {
    NS_KIND_OPTIONS,
    {"fork", 'f', 0},
    {"kill-child", OPT_KILL_CHILD, 2},
    {"mount-proc", OPT_MOUNT_PROC, 2},
    {"map-user", OPT_MAP_USER, 1},
    {"map-group", OPT_MAP_GROUP, 1},
    {"map-root-user", 'r', 0},
    {"map-current-user", 'c', 0},
    {"propagation", OPT_PROPAGATION, 1},
    {"setgroups", OPT_SETGROUPS, 1},
    {"root", 'R', 1},
    {"wd", 'w', 1},
    {"setuid", 'S', 1},
    {"setgid", 'G', 1},
    /* Not util-linux's: the runtime's supplementary groups (ns-common.h). */
    {"groups", OPT_GROUPS, 1},
    {NULL, 0, 0},
};

static const char synopsis[] = "unshare [options] [<program> [<argument>...]]";
static const char help_text[] =
    "Run a program with some namespaces unshared from the parent.\n"
    "\n"
    "Options:\n"
    " -m, --mount              new mount namespace\n"
    " -u, --uts                new UTS namespace (host and domain names)\n"
    " -i, --ipc                new System V IPC namespace\n"
    " -n, --net                new network namespace\n"
    " -p, --pid                new pid namespace (for the children)\n"
    " -U, --user               new user namespace\n"
    " -C, --cgroup             new cgroup namespace\n"
    " -T, --time               new time namespace (for the children)\n"
    "\n"
    " -f, --fork               run the program as a child of unshare\n"
    " --kill-child[=<signame>] signal the child when unshare dies (SIGKILL by default)\n"
    " --mount-proc[=<dir>]     mount proc at <dir> (/proc) first; implies --mount\n"
    " --map-user=<uid>|<name>  map the current user to this id; implies --user\n"
    " --map-group=<gid>|<name> map the current group to this id; implies --user\n"
    " -r, --map-root-user      map the current user and group to root; implies --user\n"
    " -c, --map-current-user   map the current ids to themselves; implies --user\n"
    " --propagation slave|shared|private|unchanged\n"
    "                          mount propagation in the new mount namespace\n"
    " --setgroups allow|deny   whether setgroups(2) is allowed in the user namespace\n"
    " -R, --root=<dir>         chroot to <dir> before running the program\n"
    " -w, --wd=<dir>           change to <dir> before running the program\n"
    " -S, --setuid <uid>       set the uid in the new namespaces\n"
    " -G, --setgid <gid>       set the gid in the new namespaces\n";

/* The environment variable a respawned child finds its parent's ids in (WASI). */
#define OUTER_IDS "BOCAL_UNSHARE_OUTER_IDS"

enum setgroups_choice { SETGROUPS_NONE, SETGROUPS_ALLOW, SETGROUPS_DENY };

struct unshare_options {
    int flags;
    int fork;
    int kill_signal;
    const char *proc_dir;
    long map_user, map_group; /* -1: no map */
    unsigned long propagation;
    int propagation_given;
    enum setgroups_choice setgroups;
    const char *root, *wd;
    long uid, gid; /* -1: unchanged */
    char **command;
};

/* A uid or gid from a number or a name; -1 if neither. */
static long parse_id(const char *text, int group) {
    char *end;
    long number = strtol(text, &end, 10);
    if (*text && !*end && number >= 0) return number;
    if (group) {
        struct group *entry = getgrnam(text);
        return entry ? (long)entry->gr_gid : -1;
    }
    struct passwd *entry = getpwnam(text);
    return entry ? (long)entry->pw_uid : -1;
}

static int parse_propagation(const char *text, unsigned long *flags) {
    if (strcmp(text, "slave") == 0) *flags = MS_REC | MS_SLAVE;
    else if (strcmp(text, "shared") == 0) *flags = MS_REC | MS_SHARED;
    else if (strcmp(text, "private") == 0) *flags = MS_REC | MS_PRIVATE;
    else if (strcmp(text, "unchanged") == 0) *flags = 0;
    else return -1;
    return 0;
}

/* Parses argv; returns -1 to go on, or an exit status. */
static int parse(int argc, char **argv, struct unshare_options *o) {
    struct option_parser parser;
    options_init(&parser, argc, argv);
    parser.in_order = 1;
    int key;
    while ((key = next_option(&parser, specs)) != OPT_END) {
        const struct ns_kind *kind = ns_kind_of_option(key);
        if (kind) {
            o->flags |= kind->flag;
            if (parser.arg) {
                warnx_("persisting a namespace in a file (--%s=FILE) is not supported",
                       kind->option_name);
                return 1;
            }
            continue;
        }
        switch (key) {
        case OPT_ERROR:
            return 1;
        case OPT_HELP:
            return print_help(synopsis, help_text);
        case 'f':
            o->fork = 1;
            break;
        case OPT_KILL_CHILD:
            o->fork = 1;
            o->kill_signal = parser.arg ? ns_signal_number(parser.arg) : SIGKILL;
            if (o->kill_signal < 0) {
                warnx_("unknown signal: %s", parser.arg);
                return 1;
            }
            break;
        case OPT_MOUNT_PROC:
            o->flags |= CLONE_NEWNS;
            o->proc_dir = parser.arg ? parser.arg : "/proc";
            break;
        case OPT_MAP_USER:
            o->flags |= CLONE_NEWUSER;
            if ((o->map_user = parse_id(parser.arg, 0)) < 0) {
                warnx_("failed to parse uid: '%s'", parser.arg);
                return 1;
            }
            break;
        case OPT_MAP_GROUP:
            o->flags |= CLONE_NEWUSER;
            if ((o->map_group = parse_id(parser.arg, 1)) < 0) {
                warnx_("failed to parse gid: '%s'", parser.arg);
                return 1;
            }
            break;
        case 'r':
            o->flags |= CLONE_NEWUSER;
            o->map_user = o->map_group = 0;
            break;
        case 'c':
            o->flags |= CLONE_NEWUSER;
            o->map_user = (long)geteuid();
            o->map_group = (long)getegid();
            break;
        case OPT_PROPAGATION:
            if (parse_propagation(parser.arg, &o->propagation) < 0) {
                warnx_("unsupported propagation mode: %s", parser.arg);
                return 1;
            }
            o->propagation_given = 1;
            break;
        case OPT_GROUPS:
            if (ns_parse_groups(parser.arg) < 0) return 1;
            break;
        case OPT_SETGROUPS:
            if (strcmp(parser.arg, "allow") == 0) o->setgroups = SETGROUPS_ALLOW;
            else if (strcmp(parser.arg, "deny") == 0) o->setgroups = SETGROUPS_DENY;
            else {
                warnx_("unsupported --setgroups argument '%s'", parser.arg);
                return 1;
            }
            break;
        case 'R':
            o->root = parser.arg;
            break;
        case 'w':
            o->wd = parser.arg;
            break;
        case 'S':
        case 'G':
            if (ns_parse_id_option(key, parser.arg, key == 'S' ? &o->uid : &o->gid) < 0) return 1;
            break;
        }
    }
    o->command = parser.operands;
    return -1;
}

/* Writes `text` to `path` (a /proc/self file), or dies as util-linux. */
static void write_proc(const char *path, const char *text) {
    int fd = open(path, O_WRONLY);
    if (fd < 0) {
        warn_errno(errno, "cannot open %s", path);
        exit(1);
    }
    if (write_all(fd, text, strlen(text)) < 0) {
        warn_errno(errno, "write failed %s", path);
        exit(1);
    }
    close(fd);
}

static void map_id(const char *path, long inside, unsigned outside) {
    char line[64];
    snprintf(line, sizeof line, "%ld %u 1", inside, outside);
    write_proc(path, line);
}

/* The id maps and setgroups of the new user namespace. */
static void write_maps(struct unshare_options *o, uid_t real_euid, gid_t real_egid) {
    if (o->map_user >= 0) map_id("/proc/self/uid_map", o->map_user, real_euid);
    if (o->map_group >= 0) {
        if (o->setgroups == SETGROUPS_ALLOW) {
            warnx_("options --setgroups=allow and --map-group are mutually exclusive");
            exit(1);
        }
        write_proc("/proc/self/setgroups", "deny");
        map_id("/proc/self/gid_map", o->map_group, real_egid);
    }
    if (o->setgroups != SETGROUPS_NONE)
        write_proc("/proc/self/setgroups", o->setgroups == SETGROUPS_ALLOW ? "allow" : "deny");
}

/* The new mount namespace's propagation (--propagation, private by default). */
static void change_propagation(struct unshare_options *o) {
    if ((o->flags & CLONE_NEWNS) && o->propagation &&
        mount("none", "/", NULL, o->propagation, NULL) < 0) {
        warn_errno(errno, "cannot change root filesystem propagation");
        exit(1);
    }
}

/* Before --mount-proc's mount: the mount at its directory made private.
 * The recursive change of / already made an existing proc mount private,
 * unless another propagation was asked for. */
static void make_proc_private(struct unshare_options *o) {
    if (!o->root && o->propagation != (MS_REC | MS_PRIVATE) &&
        mount("none", o->proc_dir, NULL, MS_PRIVATE | MS_REC, NULL) < 0 && errno != EINVAL) {
        warn_errno(errno, "cannot change %s filesystem propagation", o->proc_dir);
        exit(1);
    }
}

/* Everything after the fork point, in the process that runs the command
 * (the maps too, unless the parent wrote them: `maps_written`). */
static void run_child(struct unshare_options *o, uid_t real_euid, gid_t real_egid,
                      int maps_written) {
#ifndef __wasi__
    if (o->kill_signal && prctl(PR_SET_PDEATHSIG, o->kill_signal) < 0) {
        warn_errno(errno, "prctl failed");
        exit(1);
    }
#endif
    if (!maps_written) write_maps(o, real_euid, real_egid);
    change_propagation(o);
    if (o->root) {
        if (chroot(o->root) < 0) {
            warn_errno(errno, "cannot change root directory to '%s'", o->root);
            exit(1);
        }
        if (!o->wd) o->wd = "/";
    }
    if (o->wd && chdir(o->wd) < 0) {
        warn_errno(errno, "cannot chdir to '%s'", o->wd);
        exit(1);
    }
    if (o->proc_dir) {
        make_proc_private(o);
        ns_mount_proc(o->proc_dir);
    }
    /* setgroups is denied in a user namespace whose gid map was written */
    if (ns_set_ids(o->uid, o->gid, o->setgroups == SETGROUPS_DENY || o->map_group >= 0) != 0)
        exit(1);
    ns_exec_command(o->command);
}

int unshare_main(int argc, char **argv) {
    char **original = argv;
    int respawned = ns_is_respawned_child(&argc, &argv);
    if (respawned) original = argv;
    struct unshare_options o = {
        .map_user = -1, .map_group = -1, .propagation = MS_REC | MS_PRIVATE,
        .uid = -1, .gid = -1,
    };
    int status = parse(argc, argv, &o);
    if (status >= 0) return status;
#ifdef __wasi__
    if (o.kill_signal) {
        warnx_("--kill-child is not supported on bocal (no parent-death signal)");
        return 1;
    }
#endif
    /* The ids the maps name, read before unshare(CLONE_NEWUSER) changes
     * them; without a new user namespace there are no maps to write. */
    int new_user = (o.flags & CLONE_NEWUSER) != 0;
    uid_t real_euid = new_user ? geteuid() : 0;
    gid_t real_egid = new_user ? getegid() : 0;
    if (respawned) {
        /* Started again after unshare(CLONE_NEWUSER), it would see the
         * overflow ids: the parent passed the ids it had before. */
        const char *ids = getenv(OUTER_IDS);
        unsigned uid, gid;
        if (ids && sscanf(ids, "%u:%u", &uid, &gid) == 2) real_euid = uid, real_egid = gid;
        unsetenv(OUTER_IDS);
    } else {
        if (unshare(o.flags) < 0) {
            warn_errno(errno, "unshare failed");
            return 1;
        }
        if (o.fork) {
#ifdef __wasi__
            /* A forked child keeps the capabilities unshare(CLONE_NEWUSER)
             * gave; the child started again here is a new program and has
             * none until its namespace maps its euid. So the maps Linux's
             * child writes are written now, by this process, for both. */
            write_maps(&o, real_euid, real_egid);
            /* With no root or directory to change, or ids to set, the child
             * would only change the propagation of the mount namespace it
             * shares with this process, mount /proc, then exec: the
             * propagation is changed here, and the command started at once
             * with the proc mount as a spawn action that the child does,
             * in its own pid namespace. */
            if (!o.root && !o.wd && o.uid < 0 && o.gid < 0) {
                change_propagation(&o);
                if (o.proc_dir) make_proc_private(&o);
                ns_fork_exec_and_wait(o.command, o.proc_dir, 0);
            }
            char ids[32];
            snprintf(ids, sizeof ids, "%u:%u", (unsigned)real_euid, (unsigned)real_egid);
            setenv(OUTER_IDS, ids, 1);
#endif
            ns_fork_and_wait(original, 0);
        }
    }
    run_child(&o, real_euid, real_egid, respawned);
    return 1;
}
