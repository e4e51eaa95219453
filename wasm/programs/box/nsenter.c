/* nsenter: runs a program in the namespaces of another process, as
 * util-linux's nsenter(1): every namespace file is opened first (the
 * target's /proc/PID/ns/NAME, or the file given), then setns(2) in two
 * passes (all but user, then user, so that both entering and leaving a
 * more privileged user namespace work), then root and working directory,
 * then a child when a pid namespace was entered (-F: none), the ids, and
 * exec (or $SHELL). Options stop at the first operand. */
#include "ns-common.h"
#include "bocal.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "applets.h"
#include "util.h"

enum { OPT_PRESERVE = 256, OPT_GROUPS };

/* The environment variable a respawned child (WASI) finds the ids to take in. */
#define CHILD_IDS "BOCAL_NSENTER_CHILD_IDS"

static const struct option_spec specs[] = {
    {"all", 'a', 0},
    {"target", 't', 1},
    NS_KIND_OPTIONS,
    {"setuid", 'S', 1},
    {"setgid", 'G', 1},
    {"preserve-credentials", OPT_PRESERVE, 0},
    /* Not util-linux's: exec -u's supplementary groups (ns-common.h). */
    {"groups", OPT_GROUPS, 1},
    {"root", 'r', 2},
    {"wd", 'w', 2},
    {"no-fork", 'F', 0},
    {NULL, 0, 0},
};

static const char synopsis[] = "nsenter [options] [<program> [<argument>...]]";
static const char help_text[] =
    "Run a program with the namespaces of other processes.\n"
    "\n"
    "Options:\n"
    " -a, --all              enter every namespace of the target process\n"
    " -t, --target <pid>     the process whose namespaces are entered\n"
    " -m, --mount[=<file>]   enter the mount namespace\n"
    " -u, --uts[=<file>]     enter the UTS namespace (host and domain names)\n"
    " -i, --ipc[=<file>]     enter the System V IPC namespace\n"
    " -n, --net[=<file>]     enter the network namespace\n"
    " -p, --pid[=<file>]     enter the pid namespace\n"
    " -C, --cgroup[=<file>]  enter the cgroup namespace\n"
    " -U, --user[=<file>]    enter the user namespace\n"
    " -T, --time[=<file>]    enter the time namespace\n"
    " -S, --setuid <uid>     set the uid in the entered namespaces\n"
    " -G, --setgid <gid>     set the gid in the entered namespaces\n"
    "     --preserve-credentials do not touch the ids after entering a user namespace\n"
    " -r, --root[=<dir>]     set the root directory (the target's by default)\n"
    " -w, --wd[=<dir>]       set the working directory (the target's by default)\n"
    " -F, --no-fork          do not fork before running the program\n";

/* util-linux's order: user first (skipped on the first pass), mnt late. */
struct ns_file {
    const char *name;
    int type;
    int fd;
    const char *path; /* given with --NAME=FILE */
    int wanted;
};

static struct ns_file files[] = {
    {"user", CLONE_NEWUSER, -1, NULL, 0}, {"cgroup", CLONE_NEWCGROUP, -1, NULL, 0},
    {"ipc", CLONE_NEWIPC, -1, NULL, 0},   {"uts", CLONE_NEWUTS, -1, NULL, 0},
    {"net", CLONE_NEWNET, -1, NULL, 0},   {"pid", CLONE_NEWPID, -1, NULL, 0},
    {"mnt", CLONE_NEWNS, -1, NULL, 0},    {"time", CLONE_NEWTIME, -1, NULL, 0},
    {NULL, 0, -1, NULL, 0},
};

struct nsenter_options {
    long target; /* 0: none */
    int all, fork, preserve;
    int root_wanted, wd_wanted;
    const char *root_path, *wd_path;
    long uid, gid; /* -1: unchanged */
    char **command;
};

static int parse_number(const char *text, long *value) {
    char *end;
    long number = strtol(text, &end, 10);
    if (!*text || *end || number < 0) return -1;
    *value = number;
    return 0;
}

static int parse(int argc, char **argv, struct nsenter_options *o) {
    struct option_parser parser;
    options_init(&parser, argc, argv);
    parser.in_order = 1;
    int key;
    while ((key = next_option(&parser, specs)) != OPT_END) {
        const struct ns_kind *kind = ns_kind_of_option(key);
        if (kind) {
            struct ns_file *file = files;
            while (file->type != kind->flag) file++;
            file->wanted = 1;
            file->path = parser.arg;
            continue;
        }
        switch (key) {
        case OPT_ERROR:
            return 1;
        case OPT_HELP:
            return print_help(synopsis, help_text);
        case 'a':
            o->all = 1;
            break;
        case 't':
            if (parse_number(parser.arg, &o->target) < 0 || o->target == 0) {
                warnx_("failed to parse pid: '%s'", parser.arg);
                return 1;
            }
            break;
        case 'S':
        case 'G':
            if (ns_parse_id_option(key, parser.arg, key == 'S' ? &o->uid : &o->gid) < 0) return 1;
            break;
        case OPT_GROUPS:
            if (ns_parse_groups(parser.arg) < 0) return 1;
            break;
        case OPT_PRESERVE:
            o->preserve = 1;
            break;
        case 'r':
            o->root_wanted = 1;
            o->root_path = parser.arg;
            break;
        case 'w':
            o->wd_wanted = 1;
            o->wd_path = parser.arg;
            break;
        case 'F':
            o->fork = 0;
            break;
        }
    }
    o->command = parser.operands;
    return -1;
}

/* A namespace or directory file: `path`, or /proc/TARGET/NAME. Dies as util-linux. */
static int open_target_file(const struct nsenter_options *o, const char *path, const char *name) {
    char buffer[64];
    if (!path && !o->target) {
        warnx_("neither filename nor target pid supplied for %s", name);
        exit(1);
    }
    if (!path) {
        snprintf(buffer, sizeof buffer, "/proc/%ld/%s", o->target, name);
        path = buffer;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        warn_errno(errno, "cannot open %s", path);
        exit(1);
    }
    return fd;
}

/* Whether the caller and the target share the namespace of `name` (--all skips its user one). */
static int same_namespace(long target, const char *name) {
    char path[64];
    struct stat mine, theirs;
    snprintf(path, sizeof path, "/proc/self/ns/%s", name);
    if (stat(path, &mine) < 0) return 0;
    snprintf(path, sizeof path, "/proc/%ld/ns/%s", target, name);
    if (stat(path, &theirs) < 0) return 0;
    return mine.st_dev == theirs.st_dev && mine.st_ino == theirs.st_ino;
}

static void choose_all(const struct nsenter_options *o) {
    if (!o->target) {
        warnx_("no target PID specified for --all");
        exit(1);
    }
    for (struct ns_file *file = files; file->name; file++) {
        if (file->wanted) continue;
        char path[64];
        struct stat st;
        snprintf(path, sizeof path, "/proc/%ld/ns/%s", o->target, file->name);
        if (stat(path, &st) < 0) continue;
        if (file->type == CLONE_NEWUSER && same_namespace(o->target, "user")) continue;
        file->wanted = 1;
    }
}

/* Opens, enters, and moves to the target's root and cwd: all before the fork. */
static void enter(struct nsenter_options *o, int *namespaces) {
    if (o->all) choose_all(o);
    for (struct ns_file *file = files; file->name; file++) {
        if (!file->wanted) continue;
        char name[16];
        snprintf(name, sizeof name, "ns/%s", file->name);
        file->fd = open_target_file(o, file->path, name);
        *namespaces |= file->type;
    }
    int root_fd = o->root_wanted ? open_target_file(o, o->root_path, "root") : -1;
    int wd_fd = o->wd_wanted ? open_target_file(o, o->wd_path, "cwd") : -1;
    if ((*namespaces & CLONE_NEWUSER) && !o->preserve) setgroups(0, NULL);
    for (int pass = 0; pass < 2; pass++) {
        for (struct ns_file *file = files + 1 - pass; file->name; file++) {
            if (file->fd < 0) continue;
            if (setns(file->fd, file->type) < 0) {
                if (pass == 0) continue;
                warn_errno(errno, "reassociate to namespace 'ns/%s' failed", file->name);
                exit(1);
            }
            close(file->fd);
            file->fd = -1;
        }
    }
    if (root_fd >= 0 && wd_fd < 0) wd_fd = open(".", O_RDONLY);
    if (root_fd >= 0) {
        if (fchdir(root_fd) < 0) {
            warn_errno(errno, "change directory by root file descriptor failed");
            exit(1);
        }
        if (chroot(".") < 0) {
            warn_errno(errno, "chroot failed");
            exit(1);
        }
        close(root_fd);
    }
    if (wd_fd >= 0) {
        if (fchdir(wd_fd) < 0) {
            warn_errno(errno, "change directory by working directory file descriptor failed");
            exit(1);
        }
        close(wd_fd);
    }
}

int nsenter_main(int argc, char **argv) {
    int respawned = ns_is_respawned_child(&argc, &argv);
    struct nsenter_options o = {.fork = -1, .uid = -1, .gid = -1};
    int status = parse(argc, argv, &o);
    if (status >= 0) return status;
    int namespaces = 0, force = 0;
    if (!respawned) {
        enter(&o, &namespaces);
        force = (namespaces & CLONE_NEWUSER) && !o.preserve;
        if (force && o.uid < 0) o.uid = 0;
        if (force && o.gid < 0) o.gid = 0;
        if (o.fork == -1 && (namespaces & CLONE_NEWPID)) o.fork = 1;
        if (o.fork == 1) {
#ifdef __wasi__
            /* With no ids to take, the child would only exec: the command
             * is started at once (one process start instead of two). */
            if (o.uid < 0 && o.gid < 0) ns_fork_exec_and_wait(o.command, NULL, 1);
            char ids[48];
            snprintf(ids, sizeof ids, "%ld:%ld:%d", o.uid, o.gid, force);
            setenv(CHILD_IDS, ids, 1);
#endif
            ns_fork_and_wait(argv, 1);
        }
    } else {
        /* Started again as the child: the namespaces, root and cwd were
         * set by the parent and are inherited; the ids it chose remain. */
        const char *ids = getenv(CHILD_IDS);
        if (!ids || sscanf(ids, "%ld:%ld:%d", &o.uid, &o.gid, &force) != 3) {
            warnx_("child exit failed");
            return 1;
        }
        unsetenv(CHILD_IDS);
    }
    if (ns_set_ids(o.uid, o.gid, force) != 0) return 1;
    ns_exec_command(o.command);
}
