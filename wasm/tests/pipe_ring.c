/* pipe_ring: pipes between processes that got their pipe ends when they
 * started, which on bocal read and write the pipe's shared ring directly
 * (docs/design/pipes.md). The parent makes each pipe and runs this program
 * again as writers and readers; it prints one deterministic line per check,
 * so the WASI build on bocal can be compared with the native build on Linux.
 *
 *   pipe_ring                     runs every scenario
 *   pipe_ring write SIZE COUNT C  COUNT writes of SIZE bytes of C to stdout
 *   pipe_ring check SIZE          reads stdin to its end; counts bytes and
 *                                 SIZE-byte blocks not all one byte (torn)
 *   (and the child modes of the scenarios below) */
#define _GNU_SOURCE
#include "bocal.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#ifndef __wasi__
#include <spawn.h>
#include <sys/wait.h>
#endif

extern char **environ;
static const char *self;
static volatile int caught;

static void on_signal(int sig) { caught = sig; }

static void sleep_ms(long ms) {
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, 0);
}

static const char *errno_word(int e) {
    switch (e) {
    case EAGAIN: return "EAGAIN";
    case EPIPE: return "EPIPE";
    case EINTR: return "EINTR";
    default: return strerror(e);
    }
}

/* Runs `self mode a b c` with stdin `in` and stdout `out` (-1: inherited),
 * closing `close_fd` in the child too. */
static pid_t run(int in, int out, int close_fd, const char *mode, const char *a, const char *b,
                 const char *c) {
    char *argv[] = {(char *)self, (char *)mode, (char *)a, (char *)b, (char *)c, 0};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (in >= 0) posix_spawn_file_actions_adddup2(&fa, in, 0);
    if (out >= 0) posix_spawn_file_actions_adddup2(&fa, out, 1);
    if (close_fd >= 0) posix_spawn_file_actions_addclose(&fa, close_fd);
    pid_t pid = -1;
    int error = posix_spawn(&pid, self, &fa, 0, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (error) printf("spawn %s failed: %s\n", mode, strerror(error));
    return pid;
}

/* How a child ended, as one word. */
static void report(const char *name, pid_t pid) {
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) printf("%s: waitpid failed\n", name);
    else if (WIFSIGNALED(status)) printf("%s: signal %d\n", name, WTERMSIG(status));
    else if (WEXITSTATUS(status) != 0) printf("%s: exit %d\n", name, WEXITSTATUS(status));
}

static int write_blocks(size_t size, long count, int byte) {
    char *block = malloc(size);
    memset(block, byte, size);
    for (long i = 0; i < count; i++) {
        size_t done = 0;
        while (done < size) {
            ssize_t n = write(1, block + done, size - done);
            if (n < 0) {
                fprintf(stderr, "write: %s\n", errno_word(errno));
                return 3;
            }
            done += (size_t)n;
        }
    }
    return 0;
}

static int check_blocks(size_t size) {
    static char buffer[65536];
    char *block = malloc(size);
    size_t filled = 0;
    long long bytes = 0, torn = 0;
    ssize_t n;
    while ((n = read(0, buffer, sizeof buffer)) != 0) {
        if (n < 0) {
            if (errno == EINTR) continue;
            printf("read: %s\n", errno_word(errno));
            return 3;
        }
        bytes += n;
        for (ssize_t i = 0; i < n; i++) {
            block[filled++] = buffer[i];
            if (filled == size) {
                for (size_t j = 1; j < size; j++) {
                    if (block[j] != block[0]) {
                        torn++;
                        break;
                    }
                }
                filled = 0;
            }
        }
    }
    printf("bytes %lld torn %lld\n", bytes, torn);
    return 0;
}

/* stdout is a pipe nobody reads: fill it without blocking, then one more byte. */
static int nonblock_fill(void) {
    fcntl(1, F_SETFL, fcntl(1, F_GETFL) | O_NONBLOCK);
    char block[4096];
    memset(block, 'n', sizeof block);
    long total = 0;
    ssize_t n;
    while ((n = write(1, block, sizeof block)) > 0) total += n;
    int first = errno;
    n = write(1, block, 1);
    fprintf(stderr, "filled %ld then %s, one byte: %s\n", total, errno_word(first),
            n < 0 ? errno_word(errno) : "written");
    return 0;
}

static int nonblock_read(void) {
    fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK);
    char byte;
    ssize_t n = read(0, &byte, 1);
    printf("empty read: %s\n", n < 0 ? errno_word(errno) : "data");
    return 0;
}

/* `in` is left out where only `hup` is asked: with no writer and no byte,
 * Linux reports POLLHUP alone while WASI's poll_oneoff can only say "fd_read
 * ready, hung up", which wasi-libc's poll turns into POLLIN|POLLHUP. */
static void poll_line(const char *name, int fd, short events, int show_in) {
    struct pollfd p = {fd, events, 0};
    int n = poll(&p, 1, 0);
    int ready = 0;
    ioctl(fd, FIONREAD, &ready);
    printf("%s: %d%s%s, FIONREAD %d\n", name, n, show_in && (p.revents & POLLIN) ? " in" : "",
           p.revents & POLLHUP ? " hup" : "", ready);
}

/* stdin is a pipe: poll it and count its bytes, at the three points the parent sets up. */
static int poll_child(void) {
    poll_line("empty", 0, POLLIN, 1);
    printf("-\n");
    fflush(stdout);
    sleep_ms(300);
    poll_line("three bytes", 0, POLLIN, 1);
    char bytes[3];
    read(0, bytes, 3);
    sleep_ms(300);
    poll_line("writer gone", 0, POLLIN, 0);
    return 0;
}

/* Blocks reading stdin with a SIGUSR1 handler without SA_RESTART. */
static int signal_read(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, 0);
    char got[64];
    size_t have = 0;
    ssize_t n;
    while ((n = read(0, got + have, sizeof got - 1 - have)) != 0) {
        if (n < 0) {
            printf("read: %s%s\n", errno_word(errno), caught == SIGUSR1 ? " after SIGUSR1" : "");
            caught = 0;
            continue;
        }
        have += (size_t)n;
    }
    got[have] = 0;
    printf("got %s\n", got);
    return 0;
}

static int child(int argc, char **argv) {
    const char *mode = argv[1];
    if (!strcmp(mode, "write") && argc == 5)
        return write_blocks((size_t)atol(argv[2]), atol(argv[3]), argv[4][0]);
    if (!strcmp(mode, "write-ignoring-sigpipe") && argc == 5) {
        struct sigaction ignore;
        memset(&ignore, 0, sizeof ignore);
        ignore.sa_handler = SIG_IGN;
        sigaction(SIGPIPE, &ignore, 0);
        return write_blocks((size_t)atol(argv[2]), atol(argv[3]), argv[4][0]);
    }
    if (!strcmp(mode, "check") && argc == 3) return check_blocks((size_t)atol(argv[2]));
    if (!strcmp(mode, "nonblock-fill")) return nonblock_fill();
    if (!strcmp(mode, "nonblock-read")) return nonblock_read();
    if (!strcmp(mode, "poll")) return poll_child();
    if (!strcmp(mode, "signal-read")) return signal_read();
    if (!strcmp(mode, "exit")) return 0;
    fprintf(stderr, "pipe_ring: unknown mode %s\n", mode);
    return 2;
}

static void pipe_or_die(int fds[2]) {
    if (pipe(fds) != 0) {
        printf("pipe: %s\n", strerror(errno));
        exit(1);
    }
}

/* Writers and a reader, all children: prints the reader's line. */
static void writers_and_reader(const char *name, int writers, const char *size, const char *count,
                               long delay_ms, int reader_first) {
    int data[2], result[2];
    pipe_or_die(data);
    pipe_or_die(result);
    pid_t pids[8];
    int n = 0;
    pid_t reader = -1;
    if (reader_first) reader = run(data[0], result[1], data[1], "check", size, 0, 0);
    sleep_ms(delay_ms);
    for (int i = 0; i < writers; i++) {
        char byte[2] = {(char)('a' + i), 0};
        pids[n++] = run(-1, data[1], data[0], "write", size, count, byte);
    }
    sleep_ms(reader_first ? 0 : delay_ms);
    if (!reader_first) reader = run(data[0], result[1], data[1], "check", size, 0, 0);
    close(data[0]);
    close(data[1]);
    close(result[1]);
    char line[128] = {0};
    ssize_t got = 0, r;
    while ((r = read(result[0], line + got, sizeof line - 1 - (size_t)got)) > 0) got += r;
    close(result[0]);
    printf("%s: %s", name, line);
    for (int i = 0; i < n; i++) report("writer", pids[i]);
    report("reader", reader);
}

int main(int argc, char **argv) {
    self = argv[0];
    setvbuf(stdout, 0, _IONBF, 0);
    if (argc > 1) return child(argc, argv);
    dup2(1, 2); /* the children's reports on stderr go with the rest */

    /* Three writers of PIPE_BUF-sized writes: never interleaved within one. */
    writers_and_reader("three writers of 4096", 3, "4096", "300", 0, 0);
    /* A reader asleep on an empty pipe, woken by a writer that starts later. */
    writers_and_reader("reader first", 1, "1000", "5", 200, 1);
    /* A writer of 1 MiB blocked on a full pipe, drained by a reader that starts later. */
    writers_and_reader("writer first", 1, "65536", "16", 200, 0);

    /* No reader left: EPIPE, and SIGPIPE unless ignored. */
    int fds[2];
    pipe_or_die(fds);
    pid_t gone = run(fds[0], -1, fds[1], "exit", 0, 0, 0);
    report("reader", gone);
    close(fds[0]);
    pid_t killed = run(-1, fds[1], -1, "write", "10", "1", "z");
    report("writer with SIGPIPE", killed);
    pid_t ignoring = run(-1, fds[1], -1, "write-ignoring-sigpipe", "10", "1", "z");
    report("writer ignoring SIGPIPE", ignoring);
    close(fds[1]);

    /* O_NONBLOCK: a full pipe and an empty one answer EAGAIN. */
    pipe_or_die(fds);
    pid_t filler = run(-1, fds[1], fds[0], "nonblock-fill", 0, 0, 0);
    report("filler", filler);
    close(fds[1]);
    close(fds[0]);
    pipe_or_die(fds);
    pid_t reader = run(fds[0], -1, fds[1], "nonblock-read", 0, 0, 0);
    report("nonblocking reader", reader);
    close(fds[0]);
    close(fds[1]);

    /* poll and FIONREAD see what the pipe holds. */
    int out[2];
    pipe_or_die(fds);
    pipe_or_die(out);
    pid_t poller = run(fds[0], out[1], fds[1], "poll", 0, 0, 0);
    close(fds[0]);
    close(out[1]);
    char text[512] = {0};
    ssize_t got = 0, r;
    while (!strchr(text, '-') && (r = read(out[0], text + got, sizeof text - 1 - (size_t)got)) > 0)
        got += r;
    write(fds[1], "abc", 3);
    sleep_ms(150);
    close(fds[1]);
    while ((r = read(out[0], text + got, sizeof text - 1 - (size_t)got)) > 0) got += r;
    close(out[0]);
    printf("%s", text);
    report("poller", poller);

    /* A signal interrupts a blocked read (EINTR without SA_RESTART); nothing written is lost. */
    pipe_or_die(fds);
    pid_t sleeper = run(fds[0], -1, fds[1], "signal-read", 0, 0, 0);
    close(fds[0]);
    sleep_ms(200);
    kill(sleeper, SIGUSR1);
    sleep_ms(100);
    write(fds[1], "abc", 3);
    close(fds[1]);
    report("signalled reader", sleeper);
    return 0;
}
