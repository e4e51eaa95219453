/* ext_proc: processes, signals, pipes and spawn through the extension's C
 * library (wasm/lib), one deterministic line per check, so the WASI build on
 * bocal can be compared with the native build on Linux.
 * argv: scratch-dir self-path [child mode args...] */
#define _GNU_SOURCE
#include "bocal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifndef __wasi__
#include <sys/wait.h>
#endif

static const char *self;
static const char *scratch;
static volatile int caught;

static void line(const char *name, long value) { printf("%s: %ld\n", name, value); }
static void yes(const char *name, int ok) { printf("%s: %s\n", name, ok ? "yes" : "no"); }
static void on_signal(int sig) { caught = sig; }

static void sleep_ms(long ms) {
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, 0);
}

static void handle(int sig, int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = flags;
    sigaction(sig, &sa, 0);
}

/* Runs this program again with `mode`; its stdout into *out when out != 0. */
static pid_t spawn_self(const char *mode, const char *arg, int *out) {
    char *argv[] = {(char *)self, (char *)scratch, (char *)self, (char *)mode, (char *)arg, 0};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    int fds[2];
    if (out) {
        pipe(fds);
        posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
        posix_spawn_file_actions_addclose(&fa, fds[0]);
        posix_spawn_file_actions_addclose(&fa, fds[1]);
    }
    pid_t pid = -1;
    int error = posix_spawn(&pid, self, &fa, 0, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (error) printf("spawn %s failed: %s\n", mode, strerror(error));
    if (out) {
        close(fds[1]);
        *out = fds[0];
    }
    return pid;
}

/* Everything until end of file, as one string (the reads may come in pieces). */
static void read_all(int fd, char *text, size_t size) {
    size_t have = 0;
    ssize_t n;
    while (have + 1 < size && (n = read(fd, text + have, size - 1 - have)) > 0) have += (size_t)n;
    text[have] = 0;
    close(fd);
}

static int child(const char *mode, const char *arg) {
    if (!strcmp(mode, "exit")) return atoi(arg);
    if (!strcmp(mode, "self-kill")) kill(getpid(), atoi(arg));
    if (!strcmp(mode, "cwd")) {
        char here[4096];
        printf("%s\n", getcwd(here, sizeof here) ? here : "?");
    }
    if (!strcmp(mode, "killer")) {
        sleep_ms(200);
        kill(getppid(), SIGUSR1);
        sleep_ms(200);
        printf("x");
    }
    if (!strcmp(mode, "exec")) {
        char *argv[] = {(char *)self, (char *)scratch, (char *)self, "said", (char *)arg, 0};
        execv(self, argv);
        printf("execv failed\n");
    }
    if (!strcmp(mode, "said")) printf("exec'd with %s\n", arg);
    if (!strcmp(mode, "ids")) printf("%d\n", getppid());
    return 0;
}

static void ids(void) {
    pid_t me = getpid();
    yes("getpid positive", me > 0);
    yes("getpgrp == getpgid(0)", getpgrp() == getpgid(0));
    yes("getsid(0) == getsid(me)", getsid(0) == getsid(me));
    int out;
    pid_t pid = spawn_self("ids", "", &out);
    char text[32];
    read_all(out, text, sizeof text);
    waitpid(pid, 0, 0);
    yes("child's getppid is our pid", atoi(text) == me);
    line("umask old", umask(027));
    line("umask new", umask(022));
}

static void signals_to_self(void) {
    handle(SIGUSR1, 0);
    caught = 0;
    kill(getpid(), SIGUSR1);
    line("handler ran for kill(self)", caught);
    sigset_t block, pending, old;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &old);
    caught = 0;
    kill(getpid(), SIGUSR1);
    line("blocked: handler not run", caught);
    sigpending(&pending);
    line("sigpending has SIGUSR1", sigismember(&pending, SIGUSR1));
    sigset_t wait_mask;
    sigemptyset(&wait_mask);
    int r = sigsuspend(&wait_mask);
    line("sigsuspend returns -1", r);
    yes("sigsuspend errno EINTR", errno == EINTR);
    line("handler ran in sigsuspend", caught);
    sigprocmask(SIG_SETMASK, 0, &old);
    line("mask restored after sigsuspend", sigismember(&old, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &block, 0);
    struct sigaction query;
    sigaction(SIGUSR1, 0, &query);
    yes("sigaction query gives the handler", query.sa_handler == on_signal);
    line("kill signal 0 to self", kill(getpid(), 0));
    yes("kill bad signal EINVAL", kill(getpid(), 99) == -1 && errno == EINVAL);
}

static void restart(int flags, const char *name) {
    handle(SIGUSR1, flags);
    caught = 0;
    int out;
    pid_t pid = spawn_self("killer", "", &out);
    char c = 0;
    errno = 0;
    ssize_t n = read(out, &c, 1);
    printf("%s: read %zd errno %s handler %d\n", name, n, n < 0 && errno == EINTR ? "EINTR" : "-",
           caught);
    close(out);
    waitpid(pid, 0, 0);
}

static void statuses(void) {
    int status = 0;
    pid_t pid = spawn_self("exit", "7", 0);
    pid_t got = waitpid(pid, &status, 0);
    yes("waitpid returns the child", got == pid);
    line("WIFEXITED", WIFEXITED(status));
    line("WEXITSTATUS", WEXITSTATUS(status));
    pid = spawn_self("self-kill", "15", 0);
    waitpid(pid, &status, 0);
    line("WIFSIGNALED", WIFSIGNALED(status));
    line("WTERMSIG", WTERMSIG(status));
    pid = spawn_self("exit", "0", 0);
    sleep_ms(300);
    handle(SIGCHLD, 0);
    got = waitpid(-1, &status, WNOHANG);
    yes("WNOHANG reaps an exited child", got == pid);
    got = waitpid(-1, &status, WNOHANG);
    line("WNOHANG with no children", got == -1 ? errno == ECHILD : got);
    caught = 0;
    pid = spawn_self("exit", "0", 0);
    waitpid(pid, &status, 0);
    line("SIGCHLD handler ran", caught);
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGCHLD, &dfl, 0);
}

static void pipes_and_dup(const char *dir) {
    int fds[2];
    line("pipe", pipe(fds));
    write(fds[1], "hi", 2);
    int copy = dup(fds[0]);
    yes("dup gives a new fd", copy > fds[1]);
    char buf[4] = {0};
    line("read through the dup", read(copy, buf, 2));
    line("dup2 onto 9", dup2(fds[1], 9));
    write(9, "ok", 2);
    line("read what fd 9 wrote", read(fds[0], buf, 2));
    printf("bytes: %.2s\n", buf);
    line("dup2 same fd", dup2(9, 9));
    line("dup2 bad fd", dup2(77, 9) == -1 ? errno == EBADF : -1);
    close(9);
    close(copy);
    close(fds[1]);
    line("read at EOF", read(fds[0], buf, 2));
    close(fds[0]);
    char sub[4096];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    mkdir(sub, 0755);
    chdir(sub);
    int out;
    pid_t pid = spawn_self("cwd", "", &out);
    char text[4096];
    read_all(out, text, sizeof text);
    waitpid(pid, 0, 0);
    printf("child cwd: %s", text);
    pid = spawn_self("exec", "hello", &out);
    read_all(out, text, sizeof text);
    int status;
    waitpid(pid, &status, 0);
    printf("exec output: %s", text);
    line("exec child status", WEXITSTATUS(status));
}

int main(int argc, char **argv) {
    setvbuf(stdout, 0, _IONBF, 0);
    if (argc < 3) return 2;
    scratch = argv[1];
    self = argv[2];
    if (argc > 3) return child(argv[3], argc > 4 ? argv[4] : "");
    ids();
    signals_to_self();
    restart(SA_RESTART, "SA_RESTART read");
    restart(0, "no SA_RESTART read");
    statuses();
    pipes_and_dup(argv[1]);
    return 0;
}
