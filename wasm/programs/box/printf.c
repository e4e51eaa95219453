/* printf.c: printf(1): the format's escapes and conversions %s %b %c %d %i
 * %u %o %x %X %%, flags, widths and precisions (also `*`), the format used
 * again while arguments remain, GNU's messages for bad numbers (the value
 * converted so far is printed and the exit status becomes 1). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "escape.h"
#include "util.h"

struct state {
    char **args;
    int count;
    int next;
    int status;
};

static const char *take(struct state *state) {
    return state->next < state->count ? state->args[state->next++] : NULL;
}

static long long to_number(struct state *state, const char *text, int is_unsigned) {
    if (!text || !*text) return 0;
    if (text[0] == '\'' || text[0] == '"') return (unsigned char)text[1];
    char *end;
    errno = 0;
    long long value = is_unsigned && text[0] != '-' ? (long long)strtoull(text, &end, 0)
                                                     : strtoll(text, &end, 0);
    if (end == text) {
        warnx_("%s: expected a numeric value", quote(text));
        state->status = 1;
    } else if (*end) {
        warnx_("%s: value not completely converted", quote(text));
        state->status = 1;
    } else if (errno == ERANGE) {
        warnx_("%s: %s", quote(text), strerror(ERANGE));
        state->status = 1;
    }
    return value;
}

/* %b: the argument's escapes (echo's octal); returns 1 after \c. */
static int put_b(const char *text) {
    int stop = 0;
    while (*text && !stop) {
        if (*text != '\\') putchar(*text++);
        else text += 1 + put_escape(text + 1, ESCAPE_ECHO, stdout, &stop);
    }
    return stop;
}

/* One conversion at `spec` (just after '%'); returns characters consumed,
 * or 0 with *stop set after %b's \c. */
static size_t convert(const char *spec, struct state *state, int *stop) {
    char format[64] = "%";
    size_t length = 1, used = 0;
    int star[2], stars = 0;
    while (spec[used] && strchr("-+ #0", spec[used]) && length < 20) format[length++] = spec[used++];
    for (int part = 0; part < 2; part++) {
        if (part == 1) {
            if (spec[used] != '.') break;
            format[length++] = spec[used++];
        }
        if (spec[used] == '*') {
            star[stars++] = (int)to_number(state, take(state), 0);
            format[length++] = spec[used++];
        } else {
            while (spec[used] >= '0' && spec[used] <= '9' && length < 40)
                format[length++] = spec[used++];
        }
    }
    char conversion = spec[used];
    if (!conversion || !strchr("sbcdiuoxX%", conversion)) {
        warnx_("%%%.*s: invalid conversion specification", (int)used + (conversion != 0),
               spec);
        state->status = 1;
        *stop = 2;
        return 0;
    }
    used++;
    if (conversion == '%') return putchar('%'), used;
    const char *arg = conversion == '%' ? NULL : take(state);
    if (conversion == 'b') {
        if (put_b(arg ? arg : "")) *stop = 1;
        return used;
    }
    if (conversion == 's' || conversion == 'c') {
        format[length++] = conversion;
        format[length] = '\0';
        const char *text = arg ? arg : "";
        if (conversion == 'c') {
            format[length - 1] = 'c';
            if (stars == 2) printf(format, star[0], star[1], text[0]);
            else if (stars == 1) printf(format, star[0], text[0]);
            else printf(format, text[0]);
        } else if (stars == 2) printf(format, star[0], star[1], text);
        else if (stars == 1) printf(format, star[0], text);
        else printf(format, text);
        return used;
    }
    format[length++] = 'l';
    format[length++] = 'l';
    format[length++] = conversion;
    format[length] = '\0';
    long long value = to_number(state, arg, strchr("uoxX", conversion) != NULL);
    if (stars == 2) printf(format, star[0], star[1], value);
    else if (stars == 1) printf(format, star[0], value);
    else printf(format, value);
    return used;
}

/* One pass over the format; returns 1 when output must stop (\c). */
static int run_format(const char *format, struct state *state) {
    for (const char *p = format; *p;) {
        int stop = 0;
        if (*p == '\\') p += 1 + put_escape(p + 1, ESCAPE_FORMAT, stdout, &stop);
        else if (*p == '%') p += 1 + convert(p + 1, state, &stop);
        else putchar(*p++);
        if (stop) return stop;
    }
    return 0;
}

int printf_main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "--help") == 0)
        return print_help("FORMAT [ARGUMENT]...",
                          "Print ARGUMENT(s) according to FORMAT.\n\n"
                          "FORMAT controls the output as in C printf. Interpreted sequences "
                          "are \\\\ \\a \\b \\c \\e \\f \\n \\r \\t \\v \\NNN \\xHH,\n"
                          "%%%% and the conversions %%b %%c %%d %%i %%o %%s %%u %%x %%X.\n");
    int first = argc > 1 && strcmp(argv[1], "--") == 0 ? 2 : 1;
    if (argc <= first) return warnx_("missing operand"), try_help();
    struct state state = {argv + first + 1, argc - first - 1, 0, 0};
    do {
        int start = state.next;
        int stop = run_format(argv[first], &state);
        if (stop == 2) return 1;
        if (stop || state.next == start) break;
    } while (state.next < state.count);
    if (state.next < state.count && state.next == 0)
        warnx_("warning: ignoring excess arguments, starting with %s",
               quote(state.args[state.next]));
    return state.status;
}
