/* date.c: date [-u] [-d STRING] [-r FILE] [+FORMAT | -R | -I[FMT]], as GNU
 * coreutils: the time now, or given by -d (@SECONDS, "now", YYYY-MM-DD
 * [HH:MM[:SS]]) or a file's modification time, in GNU's default format or
 * a FORMAT with GNU's conversions and flags (- _ 0 ^ #, width, %N, %:z,
 * %P, %k, %l, %s), formatted here so both builds agree. Setting the clock
 * is refused (EPERM), as for an unprivileged process. */
#include "bocal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "applets.h"
#include "util.h"

enum { OPT_RFC_3339 = 256 };

static const char *const weekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                       "Thursday", "Friday", "Saturday"};
static const char *const months[] = {"January", "February", "March",     "April",
                                     "May",     "June",     "July",      "August",
                                     "September", "October", "November", "December"};

struct moment {
    struct tm tm;
    time_t seconds;
    long nanoseconds;
    int utc;
};

struct output {
    char *text;
    size_t length, capacity;
};

static void put(struct output *out, const char *text, size_t length) {
    if (out->length + length + 1 > out->capacity) {
        out->capacity = (out->length + length + 1) * 2;
        out->text = realloc(out->text, out->capacity);
        if (!out->text) warnx_("memory exhausted"), exit(1);
    }
    memcpy(out->text + out->length, text, length);
    out->length += length;
    out->text[out->length] = '\0';
}

/* Puts `text` with GNU's flags: '^' (or `upper`) upper-cases, `lower`
 * lower-cases, width pads with spaces (zeros with '0') on the left. */
static void put_text(struct output *out, const char *text, int flag, int width, int upper,
                     int lower) {
    char buffer[128];
    size_t length = strlen(text);
    if (length >= sizeof buffer) length = sizeof buffer - 1;
    memcpy(buffer, text, length);
    buffer[length] = '\0';
    if (flag == '^' || upper)
        for (size_t i = 0; i < length; i++) buffer[i] = (char)toupper((unsigned char)buffer[i]);
    else if (lower)
        for (size_t i = 0; i < length; i++) buffer[i] = (char)tolower((unsigned char)buffer[i]);
    char pad = flag == '0' ? '0' : ' ';
    for (int i = (int)length; i < width; i++) put(out, &pad, 1);
    put(out, buffer, length);
}

/* A number with GNU's padding: default `pad` ('0' or ' ') to `digits`,
 * '-' none, '_' spaces, '0' zeros; an explicit width replaces `digits`. */
static void put_number(struct output *out, long long value, int digits, char pad, int flag,
                       int width) {
    char buffer[64];
    if (flag == '-') digits = 0;
    else if (flag == '_') pad = ' ';
    else if (flag == '0') pad = '0';
    if (width > 0) digits = width;
    int negative = value < 0;
    int length = snprintf(buffer, sizeof buffer, "%lld", negative ? -value : value);
    int fill = digits - length - negative;
    if (pad == '0' && negative) put(out, "-", 1);
    for (int i = 0; i < fill; i++) put(out, &pad, 1);
    if (pad != '0' && negative) put(out, "-", 1);
    put(out, buffer, (size_t)length);
}

static int is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

/* ISO 8601 weeks in `year`, whose 1 January falls on `jan1` (Monday = 0). */
static int weeks_in(int year, int jan1) {
    return jan1 == 3 || (jan1 == 2 && is_leap(year)) ? 53 : 52;
}

/* ISO 8601 week-based year and week (%G, %V). */
static void iso_week(const struct tm *tm, int *year, int *week) {
    int wday = (tm->tm_wday + 6) % 7; /* Monday = 0 */
    int y = tm->tm_year + 1900;
    int jan1 = ((wday - tm->tm_yday) % 7 + 7) % 7;
    int w = (tm->tm_yday - wday + 10) / 7;
    if (w < 1) {
        y--;
        w = weeks_in(y, ((jan1 - 365 - is_leap(y)) % 7 + 7) % 7);
    } else if (w > weeks_in(y, jan1)) {
        y++, w = 1;
    }
    *year = y, *week = w;
}

static long utc_offset(const struct moment *m) {
#if defined(__wasi__)
    (void)m;
    return 0;
#else
    return m->utc ? 0 : m->tm.tm_gmtoff;
#endif
}

static const char *zone_name(const struct moment *m) {
#if defined(__wasi__)
    (void)m;
    return "UTC";
#else
    return m->utc ? "UTC" : m->tm.tm_zone;
#endif
}

static void format(struct output *out, const char *fmt, const struct moment *m);

static void put_offset(struct output *out, long offset, int colons) {
    char buffer[32];
    long a = offset < 0 ? -offset : offset;
    char sign = offset < 0 ? '-' : '+';
    if (colons == 0) snprintf(buffer, sizeof buffer, "%c%02ld%02ld", sign, a / 3600, a / 60 % 60);
    else if (colons == 1)
        snprintf(buffer, sizeof buffer, "%c%02ld:%02ld", sign, a / 3600, a / 60 % 60);
    else
        snprintf(buffer, sizeof buffer, "%c%02ld:%02ld:%02ld", sign, a / 3600, a / 60 % 60,
                 a % 60);
    put(out, buffer, strlen(buffer));
}

/* One conversion after '%' (flags, width and colons already taken). */
static void convert(struct output *out, char c, int flag, int width, int colons,
                    const struct moment *m) {
    const struct tm *tm = &m->tm;
    char buffer[64];
    int hour12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
    int year, week;
    switch (c) {
    case 'a': snprintf(buffer, 4, "%s", weekdays[tm->tm_wday]); put_text(out, buffer, flag, width, flag == '#', 0); break;
    case 'A': put_text(out, weekdays[tm->tm_wday], flag, width, flag == '#', 0); break;
    case 'b':
    case 'h': snprintf(buffer, 4, "%s", months[tm->tm_mon]); put_text(out, buffer, flag, width, flag == '#', 0); break;
    case 'B': put_text(out, months[tm->tm_mon], flag, width, flag == '#', 0); break;
    case 'c': format(out, "%a %b %e %H:%M:%S %Y", m); break;
    case 'C': put_number(out, (tm->tm_year + 1900) / 100, 2, '0', flag, width); break;
    case 'd': put_number(out, tm->tm_mday, 2, '0', flag, width); break;
    case 'D': format(out, "%m/%d/%y", m); break;
    case 'e': put_number(out, tm->tm_mday, 2, ' ', flag, width); break;
    case 'F': format(out, "%Y-%m-%d", m); break;
    case 'g': iso_week(tm, &year, &week); put_number(out, year % 100, 2, '0', flag, width); break;
    case 'G': iso_week(tm, &year, &week); put_number(out, year, 0, '0', flag, width); break;
    case 'H': put_number(out, tm->tm_hour, 2, '0', flag, width); break;
    case 'I': put_number(out, hour12, 2, '0', flag, width); break;
    case 'j': put_number(out, tm->tm_yday + 1, 3, '0', flag, width); break;
    case 'k': put_number(out, tm->tm_hour, 2, ' ', flag, width); break;
    case 'l': put_number(out, hour12, 2, ' ', flag, width); break;
    case 'm': put_number(out, tm->tm_mon + 1, 2, '0', flag, width); break;
    case 'M': put_number(out, tm->tm_min, 2, '0', flag, width); break;
    case 'n': put(out, "\n", 1); break;
    case 'N': {
        snprintf(buffer, sizeof buffer, "%09ld", m->nanoseconds);
        int digits = width > 0 && width < 9 ? width : 9;
        buffer[digits] = '\0';
        put(out, buffer, strlen(buffer));
        break;
    }
    case 'p': put_text(out, tm->tm_hour < 12 ? "AM" : "PM", flag, width, 0, flag == '#'); break;
    case 'P': put_text(out, tm->tm_hour < 12 ? "am" : "pm", flag, width, 0, 0); break;
    case 'q': put_number(out, tm->tm_mon / 3 + 1, 1, '0', flag, width); break;
    case 'r': format(out, "%I:%M:%S %p", m); break;
    case 'R': format(out, "%H:%M", m); break;
    case 's': put_number(out, (long long)m->seconds, 0, '0', flag, width); break;
    case 'S': put_number(out, tm->tm_sec, 2, '0', flag, width); break;
    case 't': put(out, "\t", 1); break;
    case 'T': format(out, "%H:%M:%S", m); break;
    case 'u': put_number(out, tm->tm_wday ? tm->tm_wday : 7, 1, '0', flag, width); break;
    case 'U': put_number(out, (tm->tm_yday + 7 - tm->tm_wday) / 7, 2, '0', flag, width); break;
    case 'V': iso_week(tm, &year, &week); put_number(out, week, 2, '0', flag, width); break;
    case 'w': put_number(out, tm->tm_wday, 1, '0', flag, width); break;
    case 'W':
        put_number(out, (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7, 2, '0', flag, width);
        break;
    case 'x': format(out, "%m/%d/%y", m); break;
    case 'X': format(out, "%H:%M:%S", m); break;
    case 'y': put_number(out, (tm->tm_year + 1900) % 100, 2, '0', flag, width); break;
    case 'Y': put_number(out, tm->tm_year + 1900, 0, '0', flag, width); break;
    case 'z': put_offset(out, utc_offset(m), colons); break;
    case 'Z': put_text(out, zone_name(m), flag, width, 0, flag == '#'); break;
    case '%': put(out, "%", 1); break;
    default: break;
    }
}

static void format(struct output *out, const char *fmt, const struct moment *m) {
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            put(out, p, 1);
            continue;
        }
        const char *start = p++;
        int flag = 0, width = 0, colons = 0;
        while (*p && strchr("-_0^#", *p)) flag = *p++;
        while (isdigit((unsigned char)*p)) width = width * 10 + (*p++ - '0');
        while (*p == ':') colons++, p++;
        if (*p == 'E' || *p == 'O') p++;
        if (!*p || !strchr("aAbBcCdDeFgGhHIjklmMnNpPqrRsStTuUVwWxXyYzZ%", *p) ||
            (colons && *p != 'z')) {
            /* Not a conversion: GNU copies it as it is. */
            if (!*p) p--;
            put(out, start, (size_t)(p - start + 1));
            continue;
        }
        convert(out, *p, flag, width, colons, m);
    }
}

/* Parses the -d forms we know; returns 0 and the time, or -1. */
static int parse_date(const char *text, time_t now, int utc, time_t *result, long *nanoseconds) {
    char *end;
    while (isspace((unsigned char)*text)) text++;
    *nanoseconds = 0;
    if (*text == '@') {
        /* Whole seconds and the fraction's digits apart: a double would
         * lose the nanoseconds. */
        const char *p = text + 1;
        int negative = *p == '-';
        if (*p == '-' || *p == '+') p++;
        if (!isdigit((unsigned char)*p)) return -1;
        long long whole = strtoll(p, &end, 10);
        long fraction = 0;
        if (*end == '.' || *end == ',') {
            int digits = 0;
            for (end++; isdigit((unsigned char)*end); end++)
                if (digits < 9) fraction = fraction * 10 + (*end - '0'), digits++;
            for (; digits < 9; digits++) fraction *= 10;
        }
        while (isspace((unsigned char)*end)) end++;
        if (*end) return -1;
        if (negative && fraction) whole++, fraction = 1000000000 - fraction;
        *result = (time_t)(negative ? -whole : whole);
        *nanoseconds = fraction;
        return 0;
    }
    if (*text == '\0' || strcmp(text, "now") == 0 || strcmp(text, "today") == 0) {
        *result = now;
        return 0;
    }
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    int year, month, day, hour = 0, minute = 0, second = 0, used = 0;
    if (sscanf(text, "%d-%d-%d%n", &year, &month, &day, &used) != 3) return -1;
    const char *rest = text + used;
    if (*rest == 'T' || *rest == ' ') {
        int more = 0;
        if (sscanf(rest + 1, "%d:%d%n", &hour, &minute, &more) != 2) return -1;
        rest += 1 + more;
        if (*rest == ':') {
            if (sscanf(rest + 1, "%d%n", &second, &more) != 1) return -1;
            rest += 1 + more;
        }
    }
    while (isspace((unsigned char)*rest)) rest++;
    if (*rest || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
        second > 60)
        return -1;
    tm.tm_year = year - 1900, tm.tm_mon = month - 1, tm.tm_mday = day;
    tm.tm_hour = hour, tm.tm_min = minute, tm.tm_sec = second;
    tm.tm_isdst = -1;
#ifdef __wasi__
    (void)utc;
    *result = timegm(&tm);
#else
    *result = utc ? timegm(&tm) : mktime(&tm);
#endif
    return 0;
}

static int iso_format(const char *spec, const char **format_out) {
    static const char *const names[] = {"hours", "minutes", "date", "seconds", "ns"};
    static const char *const formats[] = {"%Y-%m-%dT%H%:z", "%Y-%m-%dT%H:%M%:z", "%Y-%m-%d",
                                          "%Y-%m-%dT%H:%M:%S%:z",
                                          "%Y-%m-%dT%H:%M:%S,%N%:z"};
    size_t length = strlen(spec);
    int found = -1;
    for (int i = 0; i < 5; i++) {
        if (length && strncmp(names[i], spec, length) == 0) {
            if (found >= 0 && strlen(names[i]) != length) {
                found = -2;
                break;
            }
            found = i;
        }
    }
    if (found < 0) {
        warnx_("%s argument %s for %s", found == -2 ? "ambiguous" : "invalid", quote(spec),
               quote("--iso-8601"));
        fputs("Valid arguments are:\n", stderr);
        for (int i = 0; i < 5; i++) fprintf(stderr, "  - %s\n", quote(names[i]));
        return try_help();
    }
    *format_out = formats[found];
    return 0;
}

int date_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"date", 'd', 1},        {"reference", 'r', 1},   {"utc", 'u', 0},
        {"universal", 'u', 0},   {"rfc-email", 'R', 0},   {"iso-8601", 'I', 2},
        {"rfc-3339", OPT_RFC_3339, 1}, {NULL, 0, 0}};
    struct option_parser parser;
    const char *date_text = NULL, *reference = NULL, *fmt = NULL;
    int utc = 0, key, formats = 0;
    options_init(&parser, argc, argv);
    /* -I takes an optional argument glued to it (-Iseconds, --iso-8601=ns). */
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case 'd': date_text = parser.arg; break;
        case 'r': reference = parser.arg; break;
        case 'u': utc = 1; break;
        case 'R': fmt = "%a, %d %b %Y %H:%M:%S %z", formats++; break;
        case 'I':
            if (iso_format(parser.arg ? parser.arg : "date", &fmt)) return 1;
            formats++;
            break;
        case OPT_RFC_3339: {
            static const char *const names[] = {"date", "seconds", "ns"};
            static const char *const forms[] = {"%Y-%m-%d", "%Y-%m-%d %H:%M:%S%:z",
                                                "%Y-%m-%d %H:%M:%S.%N%:z"};
            int found = -1;
            for (int i = 0; i < 3; i++)
                if (*parser.arg && strncmp(names[i], parser.arg, strlen(parser.arg)) == 0)
                    found = i;
            if (found < 0) {
                warnx_("invalid argument %s for %s", quote(parser.arg), quote("--rfc-3339"));
                fputs("Valid arguments are:\n", stderr);
                for (int i = 0; i < 3; i++) fprintf(stderr, "  - %s\n", quote(names[i]));
                return try_help();
            }
            fmt = forms[found], formats++;
            break;
        }
        case OPT_HELP:
            return print_help(
                "[OPTION]... [+FORMAT]",
                "Display the current time in the given FORMAT.\n\n"
                "  -d, --date=STRING          display time described by STRING, not 'now'\n"
                "                               (@SECONDS, now, YYYY-MM-DD [HH:MM[:SS]])\n"
                "  -I[FMT], --iso-8601[=FMT]  output date/time in ISO 8601 format;\n"
                "                               FMT is date, hours, minutes, seconds or ns\n"
                "  -R, --rfc-email            output date and time in RFC 5322 format\n"
                "      --rfc-3339=FMT         output date/time in RFC 3339 format\n"
                "  -r, --reference=FILE       display the last modification time of FILE\n"
                "  -u, --utc, --universal     print Coordinated Universal Time (UTC)\n"
                "      --help     display this help and exit\n");
        default: return 1;
        }
    }
    if (date_text && reference) {
        warnx_("the options to specify dates for printing are mutually exclusive");
        return try_help();
    }
    for (int i = 0; i < parser.operand_count; i++) {
        const char *operand = parser.operands[i];
        if (operand[0] == '+' && i == 0) {
            if (parser.operand_count > 1) {
                warnx_("extra operand %s", quote(parser.operands[1]));
                return try_help();
            }
            if (formats) {
                warnx_("multiple output formats specified");
                return 1;
            }
            fmt = operand + 1;
            continue;
        }
        if (i > 0) {
            warnx_("extra operand %s", quote(operand));
            return try_help();
        }
        if (date_text || reference) {
            warnx_("the argument %s lacks a leading '+';\nwhen using an option to specify "
                   "date(s), any non-option\nargument must be a format string beginning "
                   "with '+'",
                   quote(operand));
            return try_help();
        }
        if (parser.operand_count > 1) {
            warnx_("extra operand %s", quote(parser.operands[1]));
            return try_help();
        }
        /* MMDDhhmm[[CC]YY][.ss]: setting the clock. */
        size_t length = strspn(operand, "0123456789");
        if (!(length == 8 || length == 10 || length == 12) ||
            !(operand[length] == '\0' ||
              (operand[length] == '.' && strlen(operand + length) == 3))) {
            warnx_("invalid date %s", quote(operand));
            return 1;
        }
        warn_errno(EPERM, "cannot set date");
        return 1;
    }
    if (formats > 1) {
        warnx_("multiple output formats specified");
        return 1;
    }
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    struct moment m = {.seconds = now.tv_sec, .nanoseconds = now.tv_nsec, .utc = utc};
    if (utc) setenv("TZ", "UTC0", 1);
    if (date_text) {
        if (parse_date(date_text, now.tv_sec, utc, &m.seconds, &m.nanoseconds) < 0) {
            warnx_("invalid date %s", quote(date_text));
            return 1;
        }
    } else if (reference) {
        struct stat st;
        if (stat(reference, &st) < 0) {
            warn_errno(errno, "%s", quotef(reference));
            return 1;
        }
        m.seconds = st.st_mtim.tv_sec;
        m.nanoseconds = st.st_mtim.tv_nsec;
    }
    struct tm *tm = utc ? gmtime(&m.seconds) : localtime(&m.seconds);
    if (!tm) {
        warnx_("time %lld is out of range", (long long)m.seconds);
        return 1;
    }
    m.tm = *tm;
    struct output out = {0};
    put(&out, "", 0);
    format(&out, fmt ? fmt : "%a %b %e %H:%M:%S %Z %Y", &m);
    put(&out, "\n", 1);
    fwrite(out.text, 1, out.length, stdout);
    free(out.text);
    return 0;
}
