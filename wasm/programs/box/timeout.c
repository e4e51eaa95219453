/* timeout.c: timeout [OPTION] DURATION COMMAND [ARG]...: runs COMMAND and
 * signals it (TERM, or -s SIG) when DURATION passes, as GNU coreutils: the
 * status is then 124 (or, with --preserve-status, the command's own), 125
 * when timeout itself fails, 126/127 when the command cannot run; -k
 * sends KILL that long after the first signal. Unless --foreground the
 * command runs in a process group of its own, and the signal goes to the
 * whole group. The wait sleeps in slices, woken early by SIGCHLD. */
#include "bocal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "applets.h"
#include "util.h"

enum { OPT_FOREGROUND = 256, OPT_PRESERVE };

extern char **environ;

static volatile sig_atomic_t child_changed;

static void on_child(int signal) {
    (void)signal;
    child_changed = 1;
}

/* Seconds in DURATION (a number with an optional s, m, h or d), or -1. */
static double duration(const char *text) {
    char *end;
    if (!*text || isspace((unsigned char)*text)) return -1;
    errno = 0;
    double value = strtod(text, &end);
    if (end == text || value < 0 || value != value) return -1;
    if (*end && end[1]) return -1;
    switch (*end) {
    case '\0':
    case 's': return value;
    case 'm': return value * 60;
    case 'h': return value * 3600;
    case 'd': return value * 86400;
    default: return -1;
    }
}

static const char *const signal_names[] = {
    "0",    "HUP",  "INT",    "QUIT", "ILL",  "TRAP", "ABRT",   "BUS",  "FPE",   "KILL", "USR1",
    "SEGV", "USR2", "PIPE",   "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
    "TTOU", "URG",  "XCPU",   "XFSZ", "VTALRM", "PROF", "WINCH", "IO",  "PWR",   "SYS"};

/* A signal by number or name (with or without SIG), or -1. */
static int signal_number(const char *text) {
    char *end;
    if (isdigit((unsigned char)*text)) {
        long number = strtol(text, &end, 10);
        return *end || number > 31 ? -1 : (int)number;
    }
    if (strncmp(text, "SIG", 3) == 0) text += 3;
    for (int i = 1; i < 32; i++)
        if (strcmp(text, signal_names[i]) == 0) return i;
    if (!strcmp(text, "IOT")) return 6;
    if (!strcmp(text, "POLL")) return 29;
    return -1;
}

/* Waits up to `seconds` (forever if 0) for `pid`; 1 with *status when it
 * ended, 0 on timeout. */
static int wait_for(pid_t pid, double seconds, int *status) {
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        child_changed = 0;
        pid_t done = waitpid(pid, status, WNOHANG);
        if (done == pid) return 1;
        if (done < 0 && errno != EINTR) return 1;
        clock_gettime(CLOCK_MONOTONIC, &now);
        double elapsed = (double)(now.tv_sec - start.tv_sec) +
                         (double)(now.tv_nsec - start.tv_nsec) / 1e9;
        if (seconds > 0 && elapsed >= seconds) return 0;
        double slice = seconds > 0 ? seconds - elapsed : 0.1;
        if (slice > 0.1) slice = 0.1;
        struct timespec pause = {0, (long)(slice * 1e9)};
        if (!child_changed) nanosleep(&pause, NULL);
    }
}

/* GNU's timeout sends KILL to its whole group, itself included: it ends
 * killed by that signal, which the shell shows as 137. */
static int die_by_kill(void) {
    char self[32] = "";
    fflush(stdout);
    /* Our pid through /proc/self: wasi-libc's headers hide getpid. */
    ssize_t length = readlink("/proc/self", self, sizeof self - 1);
    if (length > 0) kill((pid_t)atol(self), SIGKILL);
    return 128 + SIGKILL;
}

static void send(pid_t pid, int signal, int group) {
    kill(group ? -pid : pid, signal);
    /* A stopped command would not see the signal until continued. */
    if (signal != SIGKILL && signal != SIGCONT) kill(group ? -pid : pid, SIGCONT);
}

int timeout_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"signal", 's', 1},          {"kill-after", 'k', 1}, {"foreground", OPT_FOREGROUND, 0},
        {"preserve-status", OPT_PRESERVE, 0}, {"verbose", 'v', 0}, {NULL, 0, 0}};
    struct option_parser parser;
    int key, sig = SIGTERM, foreground = 0, preserve = 0, verbose = 0;
    double kill_after = 0;
    options_init(&parser, argc, argv);
    parser.in_order = 1;
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case 's':
            sig = signal_number(parser.arg);
            if (sig < 0) {
                warnx_("%s: invalid signal", quote(parser.arg));
                return try_help(), 125;
            }
            break;
        case 'k':
            kill_after = duration(parser.arg);
            if (kill_after < 0) {
                warnx_("invalid time interval %s", quote(parser.arg));
                return try_help(), 125;
            }
            break;
        case OPT_FOREGROUND: foreground = 1; break;
        case OPT_PRESERVE: preserve = 1; break;
        case 'v': verbose = 1; break;
        case OPT_HELP:
            return print_help(
                "[OPTION] DURATION COMMAND [ARG]...\n  or:  timeout [OPTION]",
                "Start COMMAND, and kill it if still running after DURATION.\n\n"
                "      --preserve-status\n"
                "                 exit with the same status as COMMAND, even when the\n"
                "                   command times out\n"
                "      --foreground\n"
                "                 when not running timeout directly from a shell prompt,\n"
                "                   allow COMMAND to read from the TTY and get TTY signals\n"
                "  -k, --kill-after=DURATION\n"
                "                 also send a KILL signal if COMMAND is still running\n"
                "                   this long after the initial signal was sent\n"
                "  -s, --signal=SIGNAL\n"
                "                 specify the signal to be sent on timeout\n"
                "  -v, --verbose  diagnose to stderr any signal sent upon timeout\n"
                "      --help     display this help and exit\n\n"
                "DURATION is a floating point number with an optional suffix:\n"
                "'s' for seconds (the default), 'm' for minutes, 'h' for hours or 'd' for "
                "days.\nA duration of 0 disables the associated timeout.\n\n"
                "Exit status is 124 if COMMAND times out and --preserve-status is not "
                "specified,\n125 if timeout itself fails, 126 if COMMAND is found but cannot "
                "be invoked,\n127 if COMMAND cannot be found, or the exit status of COMMAND "
                "otherwise.\n");
        default: return 125;
        }
    }
    if (parser.operand_count < 2) return try_help(), 125; /* GNU says no more */
    double seconds = duration(parser.operands[0]);
    if (seconds < 0) {
        warnx_("invalid time interval %s", quote(parser.operands[0]));
        return try_help(), 125;
    }
    char **command = parser.operands + 1;
    struct sigaction action = {0};
    action.sa_handler = on_child;
    sigaction(SIGCHLD, &action, NULL);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    if (!foreground) {
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
        posix_spawnattr_setpgroup(&attributes, 0);
    }
    pid_t pid;
    fflush(stdout);
    int error = posix_spawnp(&pid, command[0], NULL, &attributes, command, environ);
    posix_spawnattr_destroy(&attributes);
    if (error) {
        warn_errno(error, "failed to run command %s", quote(command[0]));
        return error == ENOENT ? 127 : 126;
    }
    int status = 0, timed_out = 0;
    if (!wait_for(pid, seconds, &status)) {
        timed_out = 1;
        if (verbose)
            fprintf(stderr, "timeout: sending signal %s to command %s\n", signal_names[sig],
                    quote(command[0]));
        send(pid, sig, !foreground);
        if (!wait_for(pid, kill_after, &status)) {
            if (verbose)
                fprintf(stderr, "timeout: sending signal KILL to command %s\n",
                        quote(command[0]));
            send(pid, SIGKILL, !foreground);
            wait_for(pid, 0, &status);
            return die_by_kill();
        }
    }
    if (timed_out && sig == SIGKILL) return die_by_kill();
    int code = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
    if (timed_out && !preserve) return 124;
    return code;
}
