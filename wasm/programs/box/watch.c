/* watch.c: watch [-n SECS] [-t] [-x] [-g] [-e] COMMAND...: runs COMMAND
 * (through sh -c, or directly with -x) every SECS seconds (default 2, at
 * least 0.1) and redraws the screen with its output, as procps-ng: a title
 * line "Every Ns: COMMAND" with the host name and time on the right, a
 * blank line, then the output cut to the terminal's size; -t leaves the
 * title out, -g stops when the output changes, -e stops (after a key on a
 * terminal) when the command fails. ^C ends it. */
#include "bocal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "applets.h"
#include "util.h"

extern char **environ;

static volatile sig_atomic_t interrupted;

static void on_signal(int signal) {
    (void)signal;
    interrupted = 1;
}

struct settings {
    double interval;
    int no_title, exec_direct, until_change, stop_on_error;
    int rows, columns;
};

/* Runs argv with stdout and stderr into a pipe; returns the output and the
 * wait status in *status (-1 when it could not start). */
static char *capture(char **argv, int *status) {
    int fds[2];
    if (pipe(fds) < 0) {
        *status = -1;
        return strdup("");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    pid_t pid;
    int error = posix_spawnp(&pid, argv[0], &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    size_t length = 0, capacity = 4096;
    char *output = xmalloc(capacity);
    if (error) {
        length = (size_t)snprintf(output, capacity, "sh: %s: %s\n", argv[0], strerror(error));
        close(fds[0]);
        *status = -1;
        return output;
    }
    for (;;) {
        if (length + 1 >= capacity) {
            capacity *= 2;
            output = realloc(output, capacity);
            if (!output) warnx_("memory exhausted"), exit(1);
        }
        ssize_t got = read(fds[0], output + length, capacity - length - 1);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        length += (size_t)got;
    }
    output[length] = '\0';
    close(fds[0]);
    while (waitpid(pid, status, 0) < 0 && errno == EINTR) continue;
    return output;
}

static void draw(const struct settings *s, const char *title, const char *output) {
    int row = 0;
    fputs("\033[H\033[2J", stdout);
    if (!s->no_title) {
        char host[256] = "", stamp[64], right[400], left[1024];
        gethostname(host, sizeof host - 1);
        time_t now = time(NULL);
        strftime(stamp, sizeof stamp, "%a %b %e %H:%M:%S %Y", localtime(&now));
        snprintf(right, sizeof right, "%s: %s", host, stamp);
        snprintf(left, sizeof left, "Every %.1fs: %s", s->interval, title);
        int room = s->columns - (int)strlen(right) - 1;
        if (room < 0) room = 0;
        if ((int)strlen(left) > room) left[room] = '\0';
        printf("%-*s %s\n\n", room, left, right);
        row = 2;
    }
    /* The output, cut at the width and at the last row. */
    const char *p = output;
    while (*p && row < s->rows) {
        const char *end = strchr(p, '\n');
        size_t length = end ? (size_t)(end - p) : strlen(p);
        size_t shown = length > (size_t)s->columns ? (size_t)s->columns : length;
        fwrite(p, 1, shown, stdout);
        row++;
        if (row < s->rows && end) putchar('\n');
        if (!end) break;
        p = end + 1;
    }
    fflush(stdout);
}

int watch_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"interval", 'n', 1}, {"no-title", 't', 0}, {"exec", 'x', 0},
        {"chgexit", 'g', 0},  {"errexit", 'e', 0},  {NULL, 0, 0}};
    struct settings s = {.interval = 2.0};
    struct option_parser parser;
    int key;
    options_init(&parser, argc, argv);
    parser.in_order = 1;
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case 'n': {
            char *end;
            s.interval = strtod(parser.arg, &end);
            if (!*parser.arg || *end) {
                fprintf(stderr, "watch: failed to parse argument: '%s'\n", parser.arg);
                return 1;
            }
            if (s.interval < 0.1) s.interval = 0.1;
            break;
        }
        case 't': s.no_title = 1; break;
        case 'x': s.exec_direct = 1; break;
        case 'g': s.until_change = 1; break;
        case 'e': s.stop_on_error = 1; break;
        case OPT_HELP:
            fputs("\nUsage:\n watch [options] command\n\nOptions:\n"
                  "  -e, --errexit          exit if command has a non-zero exit\n"
                  "  -g, --chgexit          exit when output from command changes\n"
                  "  -n, --interval <secs>  seconds to wait between updates\n"
                  "  -t, --no-title         turn off header\n"
                  "  -x, --exec             pass command to exec instead of \"sh -c\"\n\n"
                  " -h, --help     display this help and exit\n",
                  stdout);
            return 0;
        default: return 1;
        }
    }
    if (parser.operand_count == 0) {
        fputs("\nUsage:\n watch [options] command\n", stderr);
        return 1;
    }
    /* The title shows the words joined by spaces, as given. */
    size_t length = 1;
    for (int i = 0; i < parser.operand_count; i++) length += strlen(parser.operands[i]) + 1;
    char *title = xmalloc(length);
    title[0] = '\0';
    for (int i = 0; i < parser.operand_count; i++) {
        if (i) strcat(title, " ");
        strcat(title, parser.operands[i]);
    }
    char *shell[] = {"sh", "-c", title, NULL};
    char **command = s.exec_direct ? parser.operands : shell;
    struct winsize size;
    if (ioctl(1, TIOCGWINSZ, &size) == 0 && size.ws_row && size.ws_col) {
        s.rows = size.ws_row, s.columns = size.ws_col;
    } else {
        const char *lines = getenv("LINES"), *columns = getenv("COLUMNS");
        s.rows = lines ? atoi(lines) : 24;
        s.columns = columns ? atoi(columns) : 80;
        if (s.rows <= 0) s.rows = 24;
        if (s.columns <= 0) s.columns = 80;
    }
    /* On a terminal, the alternate screen, given back at the end (^C too). */
    int screen = isatty(1);
    if (screen) {
        struct sigaction action = {0};
        action.sa_handler = on_signal;
        sigaction(SIGINT, &action, NULL);
        sigaction(SIGTERM, &action, NULL);
        sigaction(SIGHUP, &action, NULL);
        fputs("\033[?1049h", stdout);
    }
    char *last = NULL;
    int result = 0;
    while (!interrupted) {
        int status;
        char *output = capture(command, &status);
        draw(&s, title, output);
        int changed = last && strcmp(last, output) != 0;
        free(last);
        last = output;
        if (s.until_change && changed) break;
        if (s.stop_on_error && status != 0) {
            printf("\ncommand exit with a non-zero status, press a key to exit");
            fflush(stdout);
            char key_pressed;
            if (isatty(0) && read(0, &key_pressed, 1) < 0) key_pressed = 0;
            result = 8;
            break;
        }
        struct timespec pause = {(time_t)s.interval,
                                 (long)((s.interval - (double)(time_t)s.interval) * 1e9)};
        while (!interrupted && nanosleep(&pause, &pause) < 0 && errno == EINTR) continue;
    }
    if (screen) fputs("\033[?1049l", stdout);
    else putchar('\n');
    return result;
}
