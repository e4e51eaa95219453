/* ext_sys: the system calls through the extension's C library (wasm/lib):
 * uname's shape, host names (in a new UTS namespace natively), rlimits as
 * root and as uid 1000, sysinfo's shape, sleeps ended by a handled signal
 * from a child, the user database, spawn attributes and actions, execvp,
 * and the statuses of killed children. One deterministic line per check.
 * argv: scratch-dir self-path [child mode args...] */
#define _GNU_SOURCE
#include "bocal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifndef __wasi__
#include <sched.h>
#endif

static const char *self;
static const char *scratch;

static void yes(const char *name, int ok) { printf("%s: %s\n", name, ok ? "yes" : "no"); }
static void result(const char *name, long value) {
    printf("%s: %ld%s\n", name, value, value < 0 ? (errno == EPERM    ? " EPERM"
                                                   : errno == EINVAL ? " EINVAL"
                                                   : errno == EINTR  ? " EINTR"
                                                   : errno == EMFILE ? " EMFILE"
                                                   : errno == ENAMETOOLONG ? " ENAMETOOLONG"
                                                                     : " other")
                                                  : "");
}
static void on_signal(int sig) { (void)sig; }

static pid_t spawn_with(const char *mode, const posix_spawn_file_actions_t *fa,
                        const posix_spawnattr_t *attr) {
    char *argv[] = {(char *)self, (char *)scratch, (char *)self, (char *)mode, 0};
    pid_t pid = -1;
    int error = posix_spawn(&pid, self, fa, attr, argv, environ);
    if (error) printf("spawn %s failed: %d\n", mode, error);
    return pid;
}

static int wait_for(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

static int child(const char *mode) {
    if (!strcmp(mode, "killer")) {
        struct timespec t = {0, 200000000L};
        nanosleep(&t, 0);
        kill(getppid(), SIGUSR1);
    }
    if (!strcmp(mode, "host")) {
#ifndef __wasi__
        unshare(CLONE_NEWUTS); /* natively: not the test machine's name */
#endif
        char name[65];
        result("sethostname", sethostname("jar", 3));
        result("gethostname", gethostname(name, sizeof name));
        printf("hostname now: %s\n", name);
        struct utsname u;
        uname(&u);
        printf("uname nodename: %s\n", u.nodename);
        result("sethostname 65 bytes", sethostname("0123456789012345678901234567890123456789012345678901234567890123x", 65));
        setuid(1000);
        result("sethostname as 1000", sethostname("x", 1));
    }
    if (!strcmp(mode, "limits")) {
        struct rlimit l = {16, 32};
        setuid(1000);
        result("user lowers NOFILE", setrlimit(RLIMIT_NOFILE, &l));
        l.rlim_max = 256;
        result("user raises NOFILE hard", setrlimit(RLIMIT_NOFILE, &l));
        l.rlim_cur = 200;
        l.rlim_max = 100;
        result("soft above hard", setrlimit(RLIMIT_NOFILE, &l));
    }
    if (!strcmp(mode, "attrs")) {
        sigset_t mask;
        struct sigaction sa;
        sigprocmask(SIG_BLOCK, 0, &mask);
        sigaction(SIGUSR2, 0, &sa);
        printf("child: pgid is pid %d, sid is pid %d, USR1 blocked %d, USR2 default %d\n",
               getpgid(0) == getpid(), getsid(0) == getpid(), sigismember(&mask, SIGUSR1),
               sa.sa_handler == SIG_DFL);
    }
    if (!strcmp(mode, "cwd")) {
        char here[4096];
        printf("child cwd: %s\n", getcwd(here, sizeof here) ? here : "?");
    }
    if (!strcmp(mode, "execvp")) {
        char dir[4096];
        strcpy(dir, self);
        *strrchr(dir, '/') = 0;
        setenv("PATH", dir, 1);
        char *argv[] = {strrchr(self, '/') + 1, (char *)scratch, (char *)self, "said", 0};
        execvp(argv[0], argv);
        printf("execvp failed\n");
    }
    if (!strcmp(mode, "said")) printf("execvp found the program\n");
    if (!strcmp(mode, "wait")) pause();
    if (!strcmp(mode, "self-kill")) kill(getpid(), SIGKILL);
    return 0;
}

static void names(void) {
    struct utsname u;
    result("uname", uname(&u));
    printf("sysname: %s\n", u.sysname);
    yes("release, version, machine set", u.release[0] && u.version[0] && u.machine[0]);
    char name[65];
    gethostname(name, sizeof name);
    yes("gethostname is nodename", !strcmp(name, u.nodename));
    result("gethostname too small", gethostname(name, 1));
    wait_for(spawn_with("host", 0, 0));
}

static void limits(void) {
    struct rlimit l = {32, 64}, got;
    result("setrlimit NOFILE", setrlimit(RLIMIT_NOFILE, &l));
    result("getrlimit NOFILE", getrlimit(RLIMIT_NOFILE, &got));
    printf("NOFILE: %llu %llu\n", (unsigned long long)got.rlim_cur, (unsigned long long)got.rlim_max);
    int last = 0;
    while ((last = dup(0)) >= 0) continue;
    yes("dup stops with EMFILE", errno == EMFILE);
    for (int fd = 3; fd < 32; fd++) close(fd);
    wait_for(spawn_with("limits", 0, 0));
    struct sysinfo info;
    result("sysinfo", sysinfo(&info));
    yes("sysinfo shape", info.totalram > 0 && info.procs >= 1 && info.mem_unit >= 1);
}

static void sleeps(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGUSR1, &sa, 0);
    pid_t pid = spawn_with("killer", 0, 0);
    struct timespec request = {3, 0}, left = {0, 0};
    result("nanosleep interrupted", nanosleep(&request, &left));
    yes("time left between 2 and 3 s", left.tv_sec == 2 && left.tv_nsec > 0);
    wait_for(pid);
    pid = spawn_with("killer", 0, 0);
    unsigned rest = sleep(3);
    printf("sleep left: %u\n", rest);
    wait_for(pid);
    result("nanosleep bad ns", nanosleep(&(struct timespec){0, 1000000000L}, 0));
}

static void users(void) {
    struct passwd *p = getpwnam("root");
    if (p) printf("root: %s %u %u %s\n", p->pw_name, p->pw_uid, p->pw_gid, p->pw_dir);
    p = getpwuid(0);
    printf("uid 0: %s\n", p ? p->pw_name : "none");
    yes("no such user", getpwnam("no-such-user-here") == 0);
    struct group *g = getgrgid(0);
    printf("gid 0: %s\n", g ? g->gr_name : "none");
    g = getgrnam("root");
    printf("group root: %d\n", g ? (int)g->gr_gid : -1);
    setpwent();
    p = getpwent();
    printf("first entry: %s\n", p ? p->pw_name : "none");
    endpwent();
}

static void spawning(void) {
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t mask, none;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    struct sigaction ignore = {.sa_handler = SIG_IGN};
    sigaction(SIGUSR2, &ignore, 0);
    sigemptyset(&none);
    sigaddset(&none, SIGUSR2);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK |
                                        POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setsigmask(&attr, &mask);
    posix_spawnattr_setsigdefault(&attr, &none);
    wait_for(spawn_with("attrs", 0, &attr));
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    wait_for(spawn_with("attrs", 0, &attr));
    posix_spawnattr_destroy(&attr);
    ignore.sa_handler = SIG_DFL;
    sigaction(SIGUSR2, &ignore, 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addchdir_np(&fa, "/");
    wait_for(spawn_with("cwd", &fa, 0));
    posix_spawn_file_actions_destroy(&fa);
    char text[256] = {0};
    int fd = open("out", O_RDONLY);
    read(fd, text, sizeof text - 1);
    close(fd);
    printf("out holds: %s", text);
    wait_for(spawn_with("execvp", 0, 0));
    pid_t pid = spawn_with("wait", 0, 0);
    struct timespec t = {0, 100000000L};
    nanosleep(&t, 0);
    kill(pid, SIGTERM);
    int status = wait_for(pid);
    printf("killed child: signaled %d signal %d shell %d\n", WIFSIGNALED(status),
           WTERMSIG(status), WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status));
    status = wait_for(spawn_with("self-kill", 0, 0));
    printf("self-killed child: signaled %d signal %d\n", WIFSIGNALED(status), WTERMSIG(status));
}

int main(int argc, char **argv) {
    setvbuf(stdout, 0, _IONBF, 0);
    if (argc < 3) return 2;
    scratch = argv[1];
    self = argv[2];
    if (argc > 3) return child(argv[3]);
    if (chdir(scratch) < 0) return 3;
    names();
    limits();
    sleeps();
    users();
    spawning();
    return 0;
}
