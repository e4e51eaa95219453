/* logger.c: logger [-t TAG] [-p PRIO] [-i] [-s] [-f FILE] [MESSAGE...]:
 * enters messages into the system log: the words of MESSAGE as one, or
 * each line of FILE or standard input. util-linux sends them to syslogd's
 * /dev/log; bocal has no syslog daemon (nor sockets), so this logger
 * writes each one as a record of the kernel's log, /dev/kmsg, as
 * "<PRI>TAG[PID]: MESSAGE", where dmesg shows it. The tag is the user's
 * name by default, the priority user.notice. */
#include "bocal.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "syslog-names.h"
#include "util.h"

enum { OPT_NO_ACT = 256 };

struct settings {
    const char *tag;
    int priority, with_pid, to_stderr, no_act;
    long pid;
};

/* facility.level, level alone (facility user) or a number; -1 if bad. */
static int parse_priority(const char *text) {
    char *end;
    long number = strtol(text, &end, 10);
    if (*text && !*end) return (int)(number & 0x3ff);
    char *copy = strdup(text);
    char *dot = strchr(copy, '.');
    int facility = 1, level;
    if (dot) {
        *dot = '\0';
        facility = syslog_facility_number(copy);
        if (facility < 0) {
            warnx_("unknown facility name: %s", copy);
            free(copy);
            return -1;
        }
    }
    const char *level_name = dot ? dot + 1 : copy;
    level = syslog_level_number(level_name);
    if (level < 0) {
        warnx_("unknown priority name: %s", level_name);
        free(copy);
        return -1;
    }
    free(copy);
    return facility << 3 | level;
}

static int log_line(const struct settings *s, int fd, const char *message) {
    char *line = xmalloc(strlen(s->tag) + strlen(message) + 64);
    if (s->with_pid) sprintf(line, "<%d>%s[%ld]: %s", s->priority, s->tag, s->pid, message);
    else sprintf(line, "<%d>%s: %s", s->priority, s->tag, message);
    if (s->to_stderr) fprintf(stderr, "%s\n", strchr(line, '>') + 1);
    int failed = 0;
    if (!s->no_act && write_all(fd, line, strlen(line)) < 0) {
        warn_errno(errno, "write failed");
        failed = 1;
    }
    free(line);
    return failed;
}

static const char *user_name(void) {
    struct passwd *pw = getpwuid(geteuid());
    if (pw) return pw->pw_name;
    const char *name = getenv("LOGNAME");
    return name ? name : "root";
}

int logger_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"tag", 't', 1},    {"priority", 'p', 1}, {"id", 'i', 0},
        {"stderr", 's', 0}, {"file", 'f', 1},     {"no-act", OPT_NO_ACT, 0},
        {"skip-empty", 'e', 0}, {NULL, 0, 0}};
    struct settings s = {.priority = 1 << 3 | 5};
    struct option_parser parser;
    const char *file = NULL;
    int key, skip_empty = 0;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case 't': s.tag = parser.arg; break;
        case 'p':
            if ((s.priority = parse_priority(parser.arg)) < 0) return 1;
            break;
        case 'i': s.with_pid = 1; break;
        case 's': s.to_stderr = 1; break;
        case 'f': file = parser.arg; break;
        case 'e': skip_empty = 1; break;
        case OPT_NO_ACT: s.no_act = 1; break;
        case OPT_HELP:
            printf("\nUsage:\n logger [options] [<message>]\n\nEnter messages into the system "
                   "log (here: the kernel's log, /dev/kmsg).\n\nOptions:\n"
                   " -i, --id                 log the logger command's PID\n"
                   " -f, --file <file>        log the contents of this file\n"
                   " -e, --skip-empty         do not log empty lines when processing files\n"
                   "     --no-act             do everything except the write the log\n"
                   " -p, --priority <prio>    mark given message with this priority\n"
                   " -s, --stderr             output message to standard error as well\n"
                   " -t, --tag <tag>          mark every line with this tag\n\n"
                   " -h, --help               display this help\n");
            return 0;
        default: return 1;
        }
    }
    if (!s.tag) s.tag = user_name();
    char self[32] = "";
    if (readlink("/proc/self", self, sizeof self - 1) > 0) s.pid = atol(self);
    int fd = -1;
    if (!s.no_act) {
        fd = open("/dev/kmsg", O_WRONLY);
        if (fd < 0) {
            warn_errno(errno, "socket /dev/kmsg");
            return 1;
        }
    }
    int failed = 0;
    if (parser.operand_count > 0) {
        size_t length = 1;
        for (int i = 0; i < parser.operand_count; i++) length += strlen(parser.operands[i]) + 1;
        char *message = xmalloc(length);
        message[0] = '\0';
        for (int i = 0; i < parser.operand_count; i++) {
            if (i) strcat(message, " ");
            strcat(message, parser.operands[i]);
        }
        failed = log_line(&s, fd, message);
        free(message);
    } else {
        FILE *input = stdin;
        if (file && !(input = fopen(file, "r"))) {
            warn_errno(errno, "file %s", file);
            return 1;
        }
        char line[4096];
        while (fgets(line, sizeof line, input)) {
            line[strcspn(line, "\n")] = '\0';
            if (skip_empty && !*line) continue;
            failed |= log_line(&s, fd, line);
        }
        if (input != stdin) fclose(input);
    }
    if (fd >= 0) close(fd);
    return failed;
}
