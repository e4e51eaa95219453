/* ns_core: namespaces through the C library, one deterministic line per
 * check, run natively as root on Linux (real namespaces) and as its WASI
 * build on bocal, and compared. Identities are compared, never printed:
 * their numbers differ between kernels.
 *   uts:  unshare(CLONE_NEWUTS), a private host name, setns errors;
 *   pid:  unshare(CLONE_NEWPID), a child that is pid 1 with ppid 0, its
 *         own proc mount, a grandchild numbered 2, init ignoring signals
 *         from inside, spawning into the namespace after its init died;
 *   spawn: a child started in new pid and UTS namespaces (spawn's
 *         namespace flags on bocal, clone(2) natively);
 *   user: an unprivileged child (uid 1000) doing what `unshare -r` does.
 * argv: scratch-dir self-path [mode] */
#define _GNU_SOURCE
#include "bocal.h"
#include "bocal-mount.h"
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef __wasi__
#include <sys/wait.h>
#endif
#include "check.h"

static const char *self;
static const char *scratch;

static void link_of(const char *path, char *out, size_t size) {
    ssize_t n = readlink(path, out, size - 1);
    out[n < 0 ? 0 : n] = 0;
}

/* Runs this program again as `mode`; waits for it and returns its exit status (or -errno). */
static int run_self(const char *mode, pid_t *spawned) {
    char *argv[] = {(char *)self, (char *)scratch, (char *)self, (char *)mode, 0};
    pid_t pid = -1;
    int error = posix_spawn(&pid, self, 0, 0, argv, environ);
    if (error) return -error;
    if (spawned) *spawned = pid;
    int status = 0;
    pid_t waited = waitpid(pid, &status, 0);
    check_yes("waitpid returns the pid spawn gave", waited == pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void uts(void) {
    char before[64], after[64];
    link_of("/proc/self/ns/uts", before, sizeof before);
    check_yes("uts link reads uts:[N]", strncmp(before, "uts:[", 5) == 0);
    check_ok("unshare(CLONE_NEWUTS)", unshare(CLONE_NEWUTS));
    link_of("/proc/self/ns/uts", after, sizeof after);
    check_yes("uts identity changed", strcmp(before, after) != 0);
    check_ok("sethostname", sethostname("ns-core", 7));
    struct utsname names;
    uname(&names);
    check_str("uname nodename", names.nodename, "ns-core");
    int fd = open("/proc/self/ns/uts", O_RDONLY);
    check_err("setns with another kind's flag", setns(fd, CLONE_NEWPID), EINVAL);
    check_ok("setns with its own kind", setns(fd, CLONE_NEWUTS));
    close(fd);
    fd = open("/proc/self/cmdline", O_RDONLY);
    check_err("setns on a non-namespace fd", setns(fd, 0), EINVAL);
    close(fd);
    check_err("unshare of an unknown flag", unshare(1), EINVAL);
}

/* The numeric entries of /proc, space-separated. */
static void proc_pids(char *out, size_t size) {
    out[0] = 0;
    DIR *dir = opendir("/proc");
    if (!dir) return;
    int pids[64], count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) && count < 64) {
        if (entry->d_name[0] >= '1' && entry->d_name[0] <= '9') pids[count++] = atoi(entry->d_name);
    }
    closedir(dir);
    for (int i = 1; i < count; i++)
        for (int j = i; j > 0 && pids[j - 1] > pids[j]; j--) {
            int t = pids[j];
            pids[j] = pids[j - 1];
            pids[j - 1] = t;
        }
    for (int i = 0; i < count; i++)
        snprintf(out + strlen(out), size - strlen(out), "%s%d", i ? " " : "", pids[i]);
}

/* The value of `key:` in /proc/self/status. */
static void status_line(const char *key, char *out, size_t size) {
    static char text[4096];
    read_file("/proc/self/status", text, sizeof text);
    out[0] = 0;
    char *line = strstr(text, key);
    if (!line) return;
    line += strlen(key);
    while (*line == '\t' || *line == ' ') line++;
    size_t n = strcspn(line, "\n");
    if (n >= size) n = size - 1;
    memcpy(out, line, n);
    out[n] = 0;
}

/* pid 1 of a new pid namespace. */
static int namespace_init(void) {
    char text[256];
    check_int("init getpid", getpid(), 1);
    check_int("init getppid", getppid(), 0);
    check_ok("init unshare(CLONE_NEWNS)", unshare(CLONE_NEWNS));
    check_ok("init makes / private", mount("none", "/", 0, MS_REC | MS_PRIVATE, 0));
    check_ok("init mounts proc", mount("proc", "/proc", "proc", 0, 0));
    proc_pids(text, sizeof text);
    check_str("init sees pids", text, "1");
    link_of("/proc/self", text, sizeof text);
    check_str("/proc/self", text, "1");
    status_line("NSpid:", text, sizeof text);
    check_str("NSpid", text, "1");
    check_ok("init ignores SIGTERM from itself", kill(1, SIGTERM));
    check_ok("init ignores SIGKILL from itself", kill(1, SIGKILL));
    pid_t grandchild = 0;
    check_int("grandchild exit", run_self("grandchild", &grandchild), 0);
    check_int("grandchild pid", grandchild, 2);
    return finish();
}

static int namespace_grandchild(void) {
    check_int("grandchild getpid", getpid(), 2);
    check_int("grandchild getppid", getppid(), 1);
    check_ok("grandchild kill(1, SIGTERM)", kill(1, SIGTERM));
    check_err("grandchild kill of an outside pid", kill(99999, 0), ESRCH);
    return finish();
}

static void pid(void) {
    char own[64], children[64];
    pid_t me = getpid();
    check_ok("unshare(CLONE_NEWPID)", unshare(CLONE_NEWPID));
    check_yes("caller keeps its pid", getpid() == me);
    check_err("second unshare(CLONE_NEWPID)", unshare(CLONE_NEWPID), EINVAL);
    link_of("/proc/self/ns/pid", own, sizeof own);
    link_of("/proc/self/ns/pid_for_children", children, sizeof children);
    check_yes("pid_for_children differs", strcmp(own, children) != 0);
    pid_t init = 0;
    check_int("init exit", run_self("init", &init), 0);
    check_yes("init's pid here is not 1", init != 1);
    char *argv[] = {(char *)self, (char *)scratch, (char *)self, (char *)"grandchild", 0};
    pid_t late = 0;
    check_code("spawn after init died", posix_spawn(&late, self, 0, 0, argv, environ), ENOMEM);
}

/* Started in new pid and UTS namespaces: on bocal by spawn's namespace
 * flags, natively by clone(2) with the same flags then execve. */
static int spawned(void) {
    check_int("spawned getpid", getpid(), 1);
    check_int("spawned getppid", getppid(), 0);
    check_ok("spawned sethostname", sethostname("spawned", 7));
    return finish();
}

#ifndef __wasi__
#include <sched.h>
static char clone_stack[64 * 1024];
static int exec_spawned(void *argv) {
    execve(self, (char *const *)argv, environ);
    return 127;
}
#endif

/* Runs this program as `spawned` in new pid and UTS namespaces; its pid here. */
static pid_t spawn_in_namespaces(void) {
    char *argv[] = {(char *)self, (char *)scratch, (char *)self, (char *)"spawned", 0};
#ifdef __wasi__
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    check_code("setnsflags of a non-namespace flag", posix_spawnattr_setnsflags_np(&attr, 1), EINVAL);
    posix_spawnattr_setnsflags_np(&attr, CLONE_NEWPID | CLONE_NEWUTS);
    pid_t pid = -1;
    int error = posix_spawn(&pid, self, 0, &attr, argv, environ);
    return error ? -error : pid;
#else
    printf("setnsflags of a non-namespace flag: EINVAL\n");
    pid_t pid = clone(exec_spawned, clone_stack + sizeof clone_stack,
                      CLONE_NEWPID | CLONE_NEWUTS | SIGCHLD, argv);
    return pid < 0 ? -errno : pid;
#endif
}

static void spawn_flags(void) {
    char before[64];
    gethostname(before, sizeof before);
    pid_t pid = spawn_in_namespaces();
    int status = -1;
    /* Printed after the wait: the child prints meanwhile. */
    int waited = pid > 1 && waitpid(pid, &status, 0) == pid;
    check_yes("spawn with namespace flags", pid > 1);
    check_yes("waitpid of it", waited);
    check_int("its exit status", WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
    char after[64];
    gethostname(after, sizeof after);
    check_str("host name here unchanged", after, before);
}

/* Becomes uid/gid 1000 and runs itself again as `unprivileged` (the exec
 * makes Linux's /proc/self files its own again: a set*id leaves the
 * process non-dumpable, with root-owned /proc files, until then). */
static int user_child(void) {
    must("setgroups", setgroups(0, 0));
    must("setgid 1000", setgid(1000));
    must("setuid 1000", setuid(1000));
    char *argv[] = {(char *)self, (char *)scratch, (char *)self, (char *)"unprivileged", 0};
    execve(self, argv, environ);
    printf("setup exec: %s\n", errno_name(errno));
    return 2;
}

/* An unprivileged process doing what `unshare -r` does. */
static int unprivileged(void) {
    char text[256];
    check_int("uid outside", getuid(), 1000);
    check_err("unprivileged unshare(CLONE_NEWUTS)", unshare(CLONE_NEWUTS), EPERM);
    check_ok("unshare(CLONE_NEWUSER)", unshare(CLONE_NEWUSER));
    check_int("uid before the map", getuid(), 65534);
    int fd = open("/proc/self/uid_map", O_WRONLY);
    check_err("uid_map of another uid", write(fd, "0 0 1", 5), EPERM);
    close(fd);
    fd = open("/proc/self/uid_map", O_WRONLY);
    check_err("uid_map garbage", write(fd, "0 x 1", 5), EINVAL);
    close(fd);
    fd = open("/proc/self/uid_map", O_WRONLY);
    check_int("uid_map 0 1000 1", write(fd, "0 1000 1", 8), 8);
    close(fd);
    fd = open("/proc/self/uid_map", O_WRONLY);
    check_err("uid_map a second time", write(fd, "0 1000 1", 8), EPERM);
    close(fd);
    fd = open("/proc/self/gid_map", O_WRONLY);
    check_err("gid_map before setgroups deny", write(fd, "0 1000 1", 8), EPERM);
    close(fd);
    fd = open("/proc/self/setgroups", O_WRONLY);
    check_int("setgroups deny", write(fd, "deny", 4), 4);
    close(fd);
    fd = open("/proc/self/gid_map", O_WRONLY);
    check_int("gid_map 0 1000 1", write(fd, "0 1000 1\n", 9), 9);
    close(fd);
    check_int("uid inside", getuid(), 0);
    check_int("gid inside", getgid(), 0);
    check_str("uid_map reads", read_file("/proc/self/uid_map", text, sizeof text),
              "         0       1000          1\n");
    check_str("setgroups reads", read_file("/proc/self/setgroups", text, sizeof text), "deny\n");
    gid_t none[1] = {0};
    check_err("setgroups(2) after deny", setgroups(1, none), EPERM);
    check_err("sethostname of the host's names", sethostname("x", 1), EPERM);
    check_err("mount in the host's mount namespace", mount("tmpfs", "/tmp", "tmpfs", 0, 0), EPERM);
    check_ok("unshare(CLONE_NEWUTS|CLONE_NEWNS)", unshare(CLONE_NEWUTS | CLONE_NEWNS));
    check_ok("sethostname inside", sethostname("inside", 6));
    check_ok("mount tmpfs inside", mount("tmpfs", "/tmp", "tmpfs", 0, 0));
    check_err("setuid to an unmapped uid", setuid(5), EINVAL);
    return finish();
}

int main(int argc, char **argv) {
    self = argc > 2 ? argv[2] : "";
    scratch = argc > 1 ? argv[1] : "";
    /* The unprivileged one (uid 1000) may not enter root's scratch directory. */
    if (argc > 3 && !strcmp(argv[3], "unprivileged")) {
        setvbuf(stdout, NULL, _IOLBF, 0);
        return unprivileged();
    }
    enter_scratch(argc, argv);
    if (argc > 3) {
        if (!strcmp(argv[3], "init")) return namespace_init();
        if (!strcmp(argv[3], "grandchild")) return namespace_grandchild();
        if (!strcmp(argv[3], "user")) return user_child();
        if (!strcmp(argv[3], "spawned")) return spawned();
        return 2;
    }
    uts();
    spawn_flags();
    check_int("user child exit", run_self("user", 0), 0);
    pid();
    return finish();
}
