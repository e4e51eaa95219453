/* kill.c: kill [-s SIGNAL | -SIGNAL | -n NUMBER] PID... and kill -l [SIGNAL]
 * with procps-ng's wording: names without "SIG", -l lists them sixteen to a
 * line, a failing pid reports "(PID): strerror" and makes the exit status 1. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bocal.h"

#include "applets.h"
#include "util.h"

static const char *const signal_names[] = {
    NULL,   "HUP",  "INT",    "QUIT", "ILL",  "TRAP", "ABRT", "BUS",  "FPE",    "KILL", "USR1",
    "SEGV", "USR2", "PIPE",   "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
    "TTOU", "URG",  "XCPU",   "XFSZ", "VTALRM", "PROF", "WINCH", "POLL", "PWR", "SYS"};
#define SIGNAL_COUNT 32

/* The signal number of a name (with or without SIG, any case) or number; -1. */
static int signal_number(const char *text) {
    if (isdigit((unsigned char)*text)) {
        char *end;
        long value = strtol(text, &end, 10);
        return *end || value < 0 || value >= SIGNAL_COUNT + 32 ? -1 : (int)value;
    }
    if (strncasecmp(text, "SIG", 3) == 0) text += 3;
    for (int i = 1; i < SIGNAL_COUNT; i++)
        if (strcasecmp(text, signal_names[i]) == 0) return i;
    if (strcasecmp(text, "IOT") == 0) return 6;
    if (strcasecmp(text, "IO") == 0) return 29;
    return -1;
}

static int list_signals(const char *which) {
    if (which) {
        int number = signal_number(which);
        if (number > 128) number -= 128;
        if (number <= 0 || number >= SIGNAL_COUNT) {
            warnx_("unknown signal name %s", which);
            return 0; /* procps-ng 4.0 exits 0 here */
        }
        if (isdigit((unsigned char)*which)) puts(signal_names[number]);
        else printf("%d\n", number);
        return 0;
    }
    for (int i = 1; i < SIGNAL_COUNT; i++)
        printf("%s%c", signal_names[i], i % 16 == 0 || i == SIGNAL_COUNT - 1 ? '\n' : ' ');
    return 0;
}

/* procps's usage text, on stderr after an error (returns 1) or on stdout
 * for --help (returns 0). */
static int kill_usage_to(FILE *out) {
    fputs("\nUsage:\n kill [options] <pid> [...]\n\nOptions:\n"
          " <pid> [...]            send signal to every <pid> listed\n"
          " -<signal>, -s, --signal <signal>\n"
          "                        specify the <signal> to be sent\n"
          " -q, --queue <value>    integer value to be sent with the signal\n"
          " -l, --list=[<signal>]  list all signal names, or convert one to a name\n"
          " -L, --table            list all signal names in a nice table\n\n"
          " -h, --help     display this help and exit\n"
          " -V, --version  output version information and exit\n\n"
          "For more details see kill(1).\n",
          out);
    return out == stdout ? 0 : 1;
}

static int kill_usage(void) { return kill_usage_to(stderr); }

int kill_main(int argc, char **argv) {
    int sig = 15, i = 1;
    if (argc < 2) return kill_usage();
    const char *word = argv[1];
    if (strcmp(word, "--help") == 0 || strcmp(word, "-h") == 0) return kill_usage_to(stdout);
    if (strcmp(word, "-l") == 0 || strcmp(word, "--list") == 0)
        return list_signals(argc > 2 ? argv[2] : NULL);
    if (strncmp(word, "--list=", 7) == 0) return list_signals(word + 7);
    if (strcmp(word, "-s") == 0 || strcmp(word, "--signal") == 0 || strcmp(word, "-n") == 0) {
        if (argc < 3) return kill_usage();
        sig = signal_number(argv[2]); /* unknown: -1, and kill(2) says EINVAL, as procps */
        i = 3;
    } else if (word[0] == '-' && word[1] && !(word[1] == '-' && !word[2])) {
        sig = signal_number(word + 1);
        if (sig < 0) return warnx_("invalid argument %c", word[1]), kill_usage();
        i = 2;
    }
    if (i < argc && strcmp(argv[i], "--") == 0) i++;
    if (i >= argc) return kill_usage();
    int status = 0;
    for (; i < argc; i++) {
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (*end || end == argv[i]) {
            warnx_("failed to parse argument: %s", quote(argv[i]));
            status = 1;
            continue;
        }
        if (kill((pid_t)pid, sig) != 0) {
            warnx_("(%ld): %s", pid, strerror(errno));
            status = 1;
        }
    }
    return status;
}
