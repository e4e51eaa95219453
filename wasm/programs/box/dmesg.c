/* dmesg.c: dmesg [-r] [-t] [-x] [-T] [-k|-u] [-l LIST] [-f LIST] [-w|-W]:
 * prints the kernel's log from /dev/kmsg, as util-linux: "[SECONDS.MICROS]
 * TEXT" per record, -r with the raw "<PRI>" prefix, -x with facility and
 * level names, -t without the time, -T with the wall-clock time (boot time
 * from /proc/stat), -k/-u only the kernel's/userspace's records, -l/-f
 * only the given levels/facilities (comma-separated names), -w
 * waiting for new records (-W: only new ones). Clearing the ring (-c, -C)
 * needs syslog(2), which bocal has not: not offered. */
#include "bocal.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "applets.h"
#include "syslog-names.h"
#include "util.h"

struct settings {
    int raw, notime, decode, ctime, follow, only_new;
    unsigned levels;     /* bit per level; 0: all */
    unsigned facilities; /* bit per facility; 0: all */
    long boot_time;
};

/* Parses LIST (comma-separated names) into a bit set. */
static int parse_list(const char *list, int levels, unsigned *bits) {
    char *copy = strdup(list);
    for (char *name = strtok(copy, ","); name; name = strtok(NULL, ",")) {
        int number = levels ? syslog_level_number(name) : syslog_facility_number(name);
        if (number < 0) {
            warnx_("unknown %s '%s'", levels ? "level" : "facility", name);
            free(copy);
            return -1;
        }
        *bits |= 1u << number;
    }
    free(copy);
    return 0;
}

static long boot_time(void) {
    FILE *file = fopen("/proc/stat", "r");
    char line[256];
    long btime = 0;
    if (!file) return 0;
    while (fgets(line, sizeof line, file))
        if (sscanf(line, "btime %ld", &btime) == 1) break;
    fclose(file);
    return btime;
}

/* Prints one "PRI,SEQ,USEC,FLAGS;TEXT" record as the settings ask. */
static void print_record(const struct settings *s, char *record) {
    int priority;
    unsigned long long seq, usec;
    char *text = strchr(record, ';');
    if (!text || sscanf(record, "%d,%llu,%llu", &priority, &seq, &usec) != 3) return;
    text++;
    char *end = strchr(text, '\n');
    if (end) *end = '\0';
    int level = priority & 7, facility = priority >> 3;
    if (s->levels && !(s->levels & (1u << level))) return;
    if (s->facilities && !(s->facilities & (1u << facility))) return;
    if (s->raw) {
        printf("<%d>", priority);
    } else if (s->decode) {
        const char *name = syslog_facility_name(facility);
        printf("%-6s:%-6s: ", name ? name : "", syslog_level_name(level));
    }
    if (s->ctime && !s->raw) {
        time_t when = (time_t)(s->boot_time + (long)(usec / 1000000));
        char stamp[64];
        strftime(stamp, sizeof stamp, "%a %b %e %H:%M:%S %Y", localtime(&when));
        printf("[%s] ", stamp);
    } else if (!s->notime) {
        printf("[%5llu.%06llu] ", usec / 1000000, usec % 1000000);
    }
    puts(text);
}

int dmesg_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"raw", 'r', 0},       {"notime", 't', 0},   {"decode", 'x', 0},
        {"ctime", 'T', 0},     {"kernel", 'k', 0},   {"userspace", 'u', 0},
        {"level", 'l', 1},     {"facility", 'f', 1}, {"follow", 'w', 0},
        {"follow-new", 'W', 0}, {NULL, 0, 0}};
    struct settings s = {0};
    struct option_parser parser;
    int key;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case 'r': s.raw = 1; break;
        case 't': s.notime = 1; break;
        case 'x': s.decode = 1; break;
        case 'T': s.ctime = 1; break;
        case 'k': s.facilities |= 1; break;
        case 'u': s.facilities |= ~1u & 0xffffff; break;
        case 'l':
            if (parse_list(parser.arg, 1, &s.levels) < 0) return 1;
            break;
        case 'f':
            if (parse_list(parser.arg, 0, &s.facilities) < 0) return 1;
            break;
        case 'w': s.follow = 1; break;
        case 'W': s.follow = 1, s.only_new = 1; break;
        case OPT_HELP:
            printf("\nUsage:\n dmesg [options]\n\nDisplay or control the kernel ring buffer.\n\n"
                   "Options:\n"
                   " -f, --facility <list>       restrict output to defined facilities\n"
                   " -k, --kernel                display kernel messages\n"
                   " -l, --level <list>          restrict output to defined levels\n"
                   " -r, --raw                   print the raw message buffer\n"
                   " -T, --ctime                 show human-readable timestamp\n"
                   " -t, --notime                don't show any timestamp with messages\n"
                   " -u, --userspace             display userspace messages\n"
                   " -w, --follow                wait for new messages\n"
                   " -W, --follow-new            wait and print only new messages\n"
                   " -x, --decode                decode facility and level to readable string\n"
                   "\n -h, --help                  display this help\n");
            return 0;
        default: return 1;
        }
    }
    if (parser.operand_count > 0) {
        warnx_("bad usage");
        return try_help();
    }
    if (s.ctime) s.boot_time = boot_time();
    int fd = open("/dev/kmsg", O_RDONLY | (s.follow ? 0 : O_NONBLOCK));
    if (fd < 0) {
        warn_errno(errno, "read kernel buffer failed");
        return 1;
    }
    if (s.only_new) lseek(fd, 0, SEEK_END);
    char record[8192];
    for (;;) {
        ssize_t got = read(fd, record, sizeof record - 1);
        if (got < 0) {
            if (errno == EPIPE || errno == EINTR) continue; /* records were overwritten */
            if (errno == EAGAIN) break;
            warn_errno(errno, "read kernel buffer failed");
            return 1;
        }
        if (got == 0) break;
        record[got] = '\0';
        print_record(&s, record);
        if (s.follow) fflush(stdout);
    }
    close(fd);
    return 0;
}
