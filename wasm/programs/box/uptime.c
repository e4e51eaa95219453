/* uptime.c: uptime [-p] [-s]: the time, how long the system has been up,
 * the users logged in and the load averages, as procps-ng (from
 * /proc/uptime and /proc/loadavg). bocal keeps no utmp: the user count is
 * what /var/run/utmp holds natively and 0 where it is missing. */
#include "bocal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#ifndef __wasi__
#include <utmp.h>
#endif

#include "applets.h"
#include "util.h"

static int read_uptime(double *seconds) {
    FILE *file = fopen("/proc/uptime", "r");
    int ok = file && fscanf(file, "%lf", seconds) == 1;
    if (file) fclose(file);
    return ok ? 0 : -1;
}

static int user_count(void) {
#ifdef __wasi__
    return 0;
#else
    int count = 0;
    struct utmp *entry;
    setutent();
    while ((entry = getutent()))
        if (entry->ut_type == USER_PROCESS && entry->ut_user[0]) count++;
    endutent();
    return count;
#endif
}

static void pretty(long seconds) {
    long years = seconds / (365 * 86400);
    seconds %= 365 * 86400;
    long weeks = seconds / (7 * 86400);
    seconds %= 7 * 86400;
    long days = seconds / 86400, hours = seconds / 3600 % 24, minutes = seconds / 60 % 60;
    const char *names[] = {"year", "week", "day", "hour", "minute"};
    long values[] = {years, weeks, days, hours, minutes};
    int shown = 0;
    fputs("up ", stdout);
    for (int i = 0; i < 5; i++) {
        if (!values[i]) continue;
        printf("%s%ld %s%s", shown++ ? ", " : "", values[i], names[i], values[i] == 1 ? "" : "s");
    }
    if (!shown) fputs("0 minutes", stdout);
    putchar('\n');
}

int uptime_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"pretty", 'p', 0}, {"since", 's', 0}, {NULL, 0, 0}};
    struct option_parser parser;
    int key, mode = 0;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case 'p':
        case 's': mode = key; break;
        case OPT_HELP:
            fputs("\nUsage:\n uptime [options]\n\nOptions:\n"
                  " -p, --pretty   show uptime in pretty format\n"
                  " -h, --help     display this help and exit\n"
                  " -s, --since    system up since\n\n"
                  "For more details see uptime(1).\n",
                  stdout);
            return 0;
        default: return 1;
        }
    }
    if (parser.operand_count) {
        fputs("\nUsage:\n uptime [options]\n", stderr);
        return 1;
    }
    double up;
    if (read_uptime(&up) < 0) {
        warn_errno(errno, "cannot read /proc/uptime");
        return 1;
    }
    time_t now = time(NULL);
    if (mode == 's') {
        time_t since = now - (time_t)up;
        char text[64];
        strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", localtime(&since));
        puts(text);
        return 0;
    }
    if (mode == 'p') {
        pretty((long)up);
        return 0;
    }
    double load[3] = {0, 0, 0};
    FILE *file = fopen("/proc/loadavg", "r");
    if (file) {
        if (fscanf(file, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) load[0] = 0;
        fclose(file);
    }
    struct tm *tm = localtime(&now);
    printf(" %02d:%02d:%02d up ", tm->tm_hour, tm->tm_min, tm->tm_sec);
    long seconds = (long)up, days = seconds / 86400, minutes = seconds / 60 % 60;
    long hours = seconds / 3600 % 24;
    if (days) printf("%ld day%s, ", days, days == 1 ? "" : "s");
    if (hours) printf("%2ld:%02ld, ", hours, minutes);
    else printf("%ld min, ", minutes);
    int users = user_count();
    /* procps-ng 4.0 says "user" for 0 and 1. */
    printf("%2d user%s,  load average: %.2f, %.2f, %.2f\n", users, users > 1 ? "s" : "",
           load[0], load[1], load[2]);
    return 0;
}
