/* ns-common.c: see ns-common.h. */
#define _WASI_EMULATED_GETPID /* getpid is bocal.h's, over the extension */
#include "ns-common.h"
#include "bocal.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util.h"

const struct ns_kind ns_kinds[] = {
    {"mnt", CLONE_NEWNS, "mnt", 'm', "mount"},
    {"net", CLONE_NEWNET, "net", 'n', "net"},
    {"pid", CLONE_NEWPID, "pid_for_children", 'p', "pid"},
    {"uts", CLONE_NEWUTS, "uts", 'u', "uts"},
    {"ipc", CLONE_NEWIPC, "ipc", 'i', "ipc"},
    {"user", CLONE_NEWUSER, "user", 'U', "user"},
    {"cgroup", CLONE_NEWCGROUP, "cgroup", 'C', "cgroup"},
    {"time", CLONE_NEWTIME, "time_for_children", 'T', "time"},
    {NULL, 0, NULL, 0, NULL},
};

const struct ns_kind *ns_kind_named(const char *name) {
    for (const struct ns_kind *kind = ns_kinds; kind->name; kind++)
        if (strcmp(kind->name, name) == 0) return kind;
    return NULL;
}

const struct ns_kind *ns_kind_of_option(int key) {
    for (const struct ns_kind *kind = ns_kinds; kind->name; kind++)
        if (kind->option == key) return kind;
    return NULL;
}

int ns_parse_id_option(int key, const char *text, long *id) {
    char *end;
    long number = strtol(text, &end, 10);
    if (!*text || *end || number < 0) {
        warnx_("failed to parse %s: '%s'", key == 'S' ? "uid" : "gid", text);
        return -1;
    }
    *id = number;
    return 0;
}

/* --groups (a bocal extension): the supplementary groups ns_set_ids gives. */
static gid_t ns_groups[NS_MAX_GROUPS];
static int ns_group_count;

int ns_parse_groups(const char *text) {
    ns_group_count = 0;
    for (const char *at = text; *at;) {
        char *end;
        long number = strtol(at, &end, 10);
        if (end == at || number < 0 || (*end && *end != ',') || ns_group_count == NS_MAX_GROUPS) {
            warnx_("failed to parse groups: '%s'", text);
            return -1;
        }
        ns_groups[ns_group_count++] = (gid_t)number;
        at = *end ? end + 1 : end;
    }
    return 0;
}

int ns_set_ids(long uid, long gid, int setgroups_may_fail) {
    if (gid >= 0) {
        if (setgroups((size_t)ns_group_count, ns_group_count ? ns_groups : NULL) < 0 &&
            !setgroups_may_fail) {
            warn_errno(errno, "setgroups failed");
            return 1;
        }
        if (setgid((gid_t)gid) < 0) {
            warn_errno(errno, "setgid failed");
            return 1;
        }
    }
    if (uid >= 0 && setuid((uid_t)uid) < 0) {
        warn_errno(errno, "setuid failed");
        return 1;
    }
    return 0;
}

void ns_exit_like(int status) {
    if (WIFEXITED(status)) exit(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) {
        int signo = WTERMSIG(status);
        sigset_t set;
        /* As util-linux's unshare: signal(2) refuses SIGKILL and SIGSTOP,
         * so a child killed by SIGKILL ends unshare with this message and
         * status 1, not with SIGKILL. */
        if (signo == SIGKILL || signo == SIGSTOP || signal(signo, SIG_DFL) == SIG_ERR) {
            warn_errno(EINVAL, "sigprocmask unblock failed");
            exit(1);
        }
        sigemptyset(&set);
        sigaddset(&set, signo);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        fflush(stdout);
        kill(getpid(), signo);
    }
    warnx_("child exit failed");
    exit(1);
}

/* nsenter's continue_as_child: the same signal raised again, without
 * resetting its disposition first (so SIGKILL works), else status 1. */
static void exit_like_quietly(int status) {
    if (WIFEXITED(status)) exit(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) {
        fflush(stdout);
        kill(getpid(), WTERMSIG(status));
    }
    exit(1);
}

static void wait_and_exit(pid_t pid, int quietly) {
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno == EINTR) continue;
        warn_errno(errno, "waitpid failed");
        exit(1);
    }
    if (quietly) exit_like_quietly(status);
    ns_exit_like(status);
}

#ifdef __wasi__
/* This program's file, to start it again: the kernel's /proc/self/exe. */
static const char *self_path(void) {
    static char path[4096];
    ssize_t length = readlink("/proc/self/exe", path, sizeof path - 1);
    if (length <= 0) return "/bin/box";
    path[length] = 0;
    return path;
}

int ns_fork_and_wait(char **argv, int quietly) {
    int argc = 0;
    while (argv[argc]) argc++;
    char **child = xmalloc((argc + 2) * sizeof *child);
    child[0] = argv[0];
    child[1] = NS_CHILD_MARK;
    for (int i = 1; i <= argc; i++) child[i + 1] = argv[i];
    fflush(stdout);
    pid_t pid;
    extern char **environ;
    int error = posix_spawn(&pid, self_path(), NULL, NULL, child, environ);
    free(child);
    if (error) {
        warn_errno(error, "fork failed");
        exit(1);
    }
    wait_and_exit(pid, quietly);
    return -1;
}
#else
int ns_fork_and_wait(char **argv, int quietly) {
    (void)argv;
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        warn_errno(errno, "fork failed");
        exit(1);
    }
    if (pid == 0) return 0;
    wait_and_exit(pid, quietly);
    return -1;
}
#endif

int ns_is_respawned_child(int *argc, char ***argv) {
#ifdef __wasi__
    if (*argc < 2 || strcmp((*argv)[1], NS_CHILD_MARK) != 0) return 0;
    (*argv)[1] = (*argv)[0];
    (*argv)++;
    (*argc)--;
    return 1;
#else
    (void)argc;
    (void)argv;
    return 0;
#endif
}

static const char *const signal_names[] = {
    "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV",
    "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
    "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
};

int ns_signal_number(const char *text) {
    if (isdigit((unsigned char)*text)) {
        char *end;
        long number = strtol(text, &end, 10);
        return *end || number < 1 || number > 64 ? -1 : (int)number;
    }
    if (strncasecmp(text, "SIG", 3) == 0) text += 3;
    for (int i = 0; i < (int)(sizeof signal_names / sizeof *signal_names); i++)
        if (strcasecmp(text, signal_names[i]) == 0) return i + 1;
    return -1;
}

void ns_exec_command(char **argv) {
    if (argv && argv[0]) {
        execvp(argv[0], argv);
        int error = errno;
        warn_errno(error, "failed to execute %s", argv[0]);
        exit(error == ENOENT ? 127 : 126);
    }
    const char *shell = getenv("SHELL");
    if (!shell || !*shell) shell = "/bin/sh";
    const char *base = strrchr(shell, '/');
    base = base ? base + 1 : shell;
    char *login = xmalloc(strlen(base) + 2);
    login[0] = '-';
    strcpy(login + 1, base);
    char *shell_argv[2] = {login, NULL};
    execv(shell, shell_argv);
    int error = errno;
    warn_errno(error, "failed to execute %s", shell);
    exit(error == ENOENT ? 127 : 126);
}

void ns_mount_proc(const char *dir) {
    if (mount("proc", dir, "proc", NS_PROC_MOUNT_FLAGS, NULL) < 0) {
        warn_errno(errno, "mount %s failed", dir);
        exit(1);
    }
}

void ns_fork_exec_and_wait(char **argv, const char *proc_dir, int quietly) {
#ifdef __wasi__
    fflush(stdout);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (proc_dir && posix_spawn_file_actions_addmount_np(&actions, "proc", proc_dir, "proc",
                                                         NS_PROC_MOUNT_FLAGS, NULL) != 0) {
        warn_errno(ENOMEM, "fork failed");
        exit(1);
    }
    extern char **environ;
    const char *shell = NULL;
    char *shell_argv[2] = {NULL, NULL};
    if (!argv || !argv[0]) {
        shell = getenv("SHELL");
        if (!shell || !*shell) shell = "/bin/sh";
        const char *base = strrchr(shell, '/');
        base = base ? base + 1 : shell;
        shell_argv[0] = xmalloc(strlen(base) + 2);
        shell_argv[0][0] = '-';
        strcpy(shell_argv[0] + 1, base);
    }
    pid_t pid;
    int error = shell ? posix_spawn(&pid, shell, &actions, NULL, shell_argv, environ)
                      : posix_spawnp(&pid, argv[0], &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error && proc_dir && posix_spawn_failed_action_np() == 1) {
        /* The child's mount failed: its message and status, as util-linux's child ends. */
        warn_errno(error, "mount %s failed", proc_dir);
        exit(1);
    }
    if (error) {
        warn_errno(error, "failed to execute %s", shell ? shell : argv[0]);
        exit(error == ENOENT ? 127 : 126);
    }
    wait_and_exit(pid, quietly);
    exit(1);
#else
    ns_fork_and_wait(NULL, quietly);
    if (proc_dir) ns_mount_proc(proc_dir);
    ns_exec_command(argv);
#endif
}
