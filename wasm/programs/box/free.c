/* free.c: free [-b|-k|-m|-g|-h] [--si] [-t] [-w] [-s N] [-c N]: memory in
 * use and free, from /proc/meminfo, as procps-ng 4.0: used is total minus
 * available, buff/cache is Buffers + Cached + SReclaimable. -h scales to
 * the largest unit that keeps the number below 1024 (one decimal below
 * 10, truncated, as procps). */
#include "bocal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "applets.h"
#include "util.h"

enum { OPT_SI = 256, OPT_KILO, OPT_MEGA, OPT_GIGA, OPT_TERA, OPT_PETA, OPT_TEBI, OPT_PEBI };

struct meminfo {
    unsigned long long total, free, available, buffers, cached, reclaimable, shmem;
    unsigned long long swap_total, swap_free;
    int has_available;
};

struct settings {
    int shift;     /* power of the unit: 0 bytes, 1 K, 2 M ... */
    int si, human, wide, totals;
};

static int read_meminfo(struct meminfo *m) {
    FILE *file = fopen("/proc/meminfo", "r");
    char line[256];
    memset(m, 0, sizeof *m);
    if (!file) return -1;
    while (fgets(line, sizeof line, file)) {
        char key[64];
        unsigned long long value;
        if (sscanf(line, "%63[^:]: %llu", key, &value) != 2) continue;
        value *= 1024;
        if (!strcmp(key, "MemTotal")) m->total = value;
        else if (!strcmp(key, "MemFree")) m->free = value;
        else if (!strcmp(key, "MemAvailable")) m->available = value, m->has_available = 1;
        else if (!strcmp(key, "Buffers")) m->buffers = value;
        else if (!strcmp(key, "Cached")) m->cached = value;
        else if (!strcmp(key, "SReclaimable")) m->reclaimable = value;
        else if (!strcmp(key, "Shmem")) m->shmem = value;
        else if (!strcmp(key, "SwapTotal")) m->swap_total = value;
        else if (!strcmp(key, "SwapFree")) m->swap_free = value;
    }
    fclose(file);
    return 0;
}

static const char *scaled(const struct settings *s, unsigned long long bytes) {
    static char buffers[8][32];
    static int next;
    char *out = buffers[next++ & 7];
    unsigned long long base = s->si ? 1000 : 1024;
    if (!s->human) {
        unsigned long long divisor = 1;
        for (int i = 0; i < s->shift; i++) divisor *= base;
        snprintf(out, 32, "%llu", bytes / divisor);
        return out;
    }
    static const char units[] = "BKMGTPE";
    if (bytes < base) {
        snprintf(out, 32, "%lluB", bytes);
        return out;
    }
    double value = (double)bytes;
    int unit = 0;
    while (unit < 6 && value >= (double)base) value /= (double)base, unit++;
    const char *suffix = s->si ? "" : "i";
    if (value < 10) snprintf(out, 32, "%.1f%c%s", value, units[unit], suffix);
    else snprintf(out, 32, "%lld%c%s", (long long)value, units[unit], suffix);
    return out;
}

static void show(const struct settings *s, const struct meminfo *m) {
    unsigned long long cache = m->cached + m->reclaimable;
    unsigned long long available = m->has_available ? m->available : m->free;
    unsigned long long used = m->total > available ? m->total - available : 0;
    if (s->wide)
        printf("               total        used        free      shared     buffers       "
               "cache   available\n");
    else
        printf("               total        used        free      shared  buff/cache   "
               "available\n");
    printf("%-8s%12s %11s %11s %11s", "Mem:", scaled(s, m->total), scaled(s, used),
           scaled(s, m->free), scaled(s, m->shmem));
    if (s->wide) printf(" %11s %11s", scaled(s, m->buffers), scaled(s, cache));
    else printf(" %11s", scaled(s, m->buffers + cache));
    printf(" %11s\n", scaled(s, available));
    unsigned long long swap_used = m->swap_total - m->swap_free;
    printf("%-8s%12s %11s %11s\n", "Swap:", scaled(s, m->swap_total), scaled(s, swap_used),
           scaled(s, m->swap_free));
    if (s->totals)
        printf("%-8s%12s %11s %11s\n", "Total:", scaled(s, m->total + m->swap_total),
               scaled(s, used + swap_used), scaled(s, m->free + m->swap_free));
}

static const char help[] = "\nUsage:\n free [options]\n\nOptions:\n"
                  " -b, --bytes         show output in bytes\n"
                  "     --kilo          show output in kilobytes\n"
                  "     --mega          show output in megabytes\n"
                  "     --giga          show output in gigabytes\n"
                  " -k, --kibi          show output in kibibytes\n"
                  " -m, --mebi          show output in mebibytes\n"
                  " -g, --gibi          show output in gibibytes\n"
                  " -h, --human         show human-readable output\n"
                  "     --si            use powers of 1000 not 1024\n"
                  " -t, --total         show total for RAM + swap\n"
                  " -s N, --seconds N   repeat printing every N seconds\n"
                  " -c N, --count N     repeat printing N times, then exit\n"
                  " -w, --wide          wide output\n\n"
                  "     --help     display this help and exit\n\n"
                  "For more details see free(1).\n";

static int positive(const char *text, double *value) {
    char *end;
    *value = strtod(text, &end);
    return *text && !*end && *value > 0 ? 0 : -1;
}

int free_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"bytes", 'b', 0},   {"kibi", 'k', 0},    {"mebi", 'm', 0},    {"gibi", 'g', 0},
        {"tebi", OPT_TEBI, 0}, {"pebi", OPT_PEBI, 0}, {"kilo", OPT_KILO, 0},
        {"mega", OPT_MEGA, 0}, {"giga", OPT_GIGA, 0}, {"tera", OPT_TERA, 0},
        {"peta", OPT_PETA, 0}, {"human", 'h', 0},  {"si", OPT_SI, 0},    {"total", 't', 0},
        {"wide", 'w', 0},    {"seconds", 's', 1}, {"count", 'c', 1},   {"lohi", 'l', 0},
        {NULL, 0, 0}};
    struct settings s = {.shift = 1};
    struct option_parser parser;
    int key;
    double seconds = 0, count = 0;
    int repeat = 0;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case 'b': s.shift = 0; break;
        case 'k': s.shift = 1; break;
        case 'm': s.shift = 2; break;
        case 'g': s.shift = 3; break;
        case OPT_TEBI: s.shift = 4; break;
        case OPT_PEBI: s.shift = 5; break;
        case OPT_KILO: s.shift = 1, s.si = 1; break;
        case OPT_MEGA: s.shift = 2, s.si = 1; break;
        case OPT_GIGA: s.shift = 3, s.si = 1; break;
        case OPT_TERA: s.shift = 4, s.si = 1; break;
        case OPT_PETA: s.shift = 5, s.si = 1; break;
        case 'h': s.human = 1; break;
        case OPT_SI: s.si = 1; break;
        case 't': s.totals = 1; break;
        case 'w': s.wide = 1; break;
        case 'l': break;
        case 's':
            if (positive(parser.arg, &seconds) < 0) {
                fprintf(stderr, "free: seconds argument failed: '%s': %s\n", parser.arg,
                        strerror(EINVAL));
                return 1;
            }
            repeat = 1;
            break;
        case 'c':
            if (positive(parser.arg, &count) < 0 || count != (double)(long)count) {
                fprintf(stderr, "free: failed to parse count argument: '%s': %s\n", parser.arg,
                        strerror(count == 0 ? ERANGE : EINVAL));
                return 1;
            }
            repeat = 1;
            break;
        case OPT_HELP:
            fputs(help, stdout);
            return 0;
        default: return 1;
        }
    }
    if (parser.operand_count) {
        fputs(help, stderr);
        return 1;
    }
    if (repeat && seconds == 0) seconds = 1;
    for (long shown = 0;; shown++) {
        struct meminfo m;
        if (read_meminfo(&m) < 0) {
            warn_errno(errno, "cannot read /proc/meminfo");
            return 1;
        }
        show(&s, &m);
        if (!repeat || (count > 0 && shown + 1 >= (long)count)) break;
        putchar('\n');
        fflush(stdout);
        struct timespec pause = {(time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9)};
        nanosleep(&pause, NULL);
    }
    return 0;
}
