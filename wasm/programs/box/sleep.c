/* sleep.c: sleep NUMBER[SUFFIX]...: pauses for the sum of the intervals;
 * each is a decimal number (fractions allowed) with an optional s, m, h or
 * d suffix, as GNU sleep. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bocal.h"

#include "applets.h"
#include "util.h"

/* Seconds in `text`, or -1 when it is not a valid interval. */
static double interval(const char *text) {
    char *end;
    if (!*text || strchr(" \t\n", *text)) return -1;
    errno = 0;
    double value = strtod(text, &end);
    if (end == text || errno == ERANGE || value < 0 || value != value) return -1;
    if (*end == '\0') return value;
    if (end[1] != '\0') return -1;
    switch (*end) {
    case 's': return value;
    case 'm': return value * 60;
    case 'h': return value * 3600;
    case 'd': return value * 86400;
    default: return -1;
    }
}

int sleep_main(int argc, char **argv) {
    struct option_parser parser;
    int done = parse_help_only(&parser, argc, argv, "NUMBER[SUFFIX]...",
                              "Pause for NUMBER seconds; SUFFIX may be s, m, h or d.\n");
    if (done >= 0) return done;
    if (parser.operand_count == 0) return warnx_("missing operand"), try_help();
    double total = 0;
    int bad = 0;
    for (int i = 0; i < parser.operand_count; i++) {
        double seconds = interval(parser.operands[i]);
        if (seconds < 0) warnx_("invalid time interval %s", quote(parser.operands[i])), bad = 1;
        else total += seconds;
    }
    if (bad) return try_help();
    struct timespec request = {(time_t)total, (long)((total - (double)(time_t)total) * 1e9)};
    while (nanosleep(&request, &request) != 0 && errno == EINTR) continue;
    return 0;
}
