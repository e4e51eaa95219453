/* tr.c: tr [-c|-C] [-d] [-s] SET1 [SET2] on bytes: ranges (a-z), escapes
 * (\n \t \\ \NNN ...), classes ([:alpha:] [:digit:] [:lower:] [:upper:]
 * [:space:] [:blank:] [:alnum:] [:punct:] [:print:] [:cntrl:] [:graph:]
 * [:xdigit:]) and [c*n] repeats. When translating, a shorter SET2 is padded
 * with its last byte, as GNU does. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "applets.h"
#include "util.h"

struct byte_set {
    unsigned char bytes[4096];
    size_t length;
};

static int push(struct byte_set *set, int c) {
    if (set->length >= sizeof set->bytes) return -1;
    set->bytes[set->length++] = (unsigned char)c;
    return 0;
}

static int escape(const char **p) {
    const char *s = *p;
    if (*s != '\\' || s[1] == '\0') return *(*p)++ & 0xff;
    s++;
    if (*s >= '0' && *s <= '7') {
        int value = 0;
        for (int i = 0; i < 3 && *s >= '0' && *s <= '7'; i++) value = value * 8 + (*s++ - '0');
        *p = s;
        return value & 0xff;
    }
    *p = s + 1;
    switch (*s) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case 'a': return '\a';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'v': return '\v';
    default: return (unsigned char)*s;
    }
}

static int class_member(const char *name, size_t length, int c) {
    static const struct {
        const char *name;
        int (*test)(int);
    } classes[] = {{"alnum", isalnum}, {"alpha", isalpha}, {"blank", isblank},
                   {"cntrl", iscntrl}, {"digit", isdigit}, {"graph", isgraph},
                   {"lower", islower}, {"print", isprint}, {"punct", ispunct},
                   {"space", isspace}, {"upper", isupper}, {"xdigit", isxdigit}};
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (strlen(classes[i].name) == length && strncmp(classes[i].name, name, length) == 0)
            return classes[i].test(c) ? 1 : 0;
    return -1;
}

/* Expands a SET operand into bytes; prints GNU's message and returns -1 on error. */
static int expand(const char *text, struct byte_set *set) {
    const char *p = text;
    while (*p) {
        if (p[0] == '[' && p[1] == ':') {
            const char *close = strstr(p + 2, ":]");
            if (close) {
                size_t length = (size_t)(close - p - 2);
                if (class_member(p + 2, length, 'a') < 0) {
                    warnx_("invalid character class %s", quote(strndup(p + 2, length)));
                    return -1;
                }
                for (int c = 0; c < 256; c++)
                    if (class_member(p + 2, length, c) == 1) push(set, c);
                p = close + 2;
                continue;
            }
        }
        if (p[0] == '[' && p[1] && p[2] == '*') {
            const char *q = p + 1;
            int c = escape(&q);
            char *end;
            unsigned long times = strtoul(q + 1, &end, 10);
            if (*end == ']') {
                if (times == 0) times = sizeof set->bytes - set->length;
                for (unsigned long i = 0; i < times; i++)
                    if (push(set, c) != 0) break;
                p = end + 1;
                continue;
            }
        }
        int first = escape(&p);
        if (p[0] == '-' && p[1]) {
            p++;
            int last = escape(&p);
            if (last < first) {
                warnx_("range-endpoints of '%c-%c' are in reverse collating sequence order",
                       first, last);
                return -1;
            }
            for (int c = first; c <= last; c++) push(set, c);
            continue;
        }
        push(set, first);
    }
    return 0;
}

static int tr_help(void) {
    return print_help("[OPTION]... STRING1 [STRING2]",
                      "Translate, squeeze, and/or delete characters from standard input,\n"
                      "writing to standard output.\n\n"
                      "  -c, -C, --complement    use the complement of STRING1\n"
                      "  -d, --delete            delete characters in STRING1\n"
                      "  -s, --squeeze-repeats   squeeze repeats of the last set's characters\n");
}

static int check_operands(int count, char **operands, int delete, int squeeze) {
    int needed = delete && squeeze ? 2 : delete || squeeze ? 1 : 2;
    int most = delete && !squeeze ? 1 : 2;
    if (count == 0) return warnx_("missing operand"), try_help();
    if (count < needed) {
        warnx_("missing operand after %s", quote(operands[count - 1]));
        if (!delete && !squeeze)
            fputs("Two strings must be given when translating.\n", stderr);
        else
            fputs("Two strings must be given when both deleting and squeezing repeats.\n",
                  stderr);
        return try_help();
    }
    if (count > most) {
        warnx_("extra operand %s", quote(operands[most]));
        if (delete && !squeeze)
            fputs("Only one string may be given when deleting without squeezing repeats.\n",
                  stderr);
        return try_help();
    }
    return 0;
}

int tr_main(int argc, char **argv) {
    static const struct option_spec specs[] = {{"complement", 'c', 0}, {NULL, 'C', 0},
                                               {"delete", 'd', 0},     {"squeeze-repeats", 's', 0},
                                               {NULL, 0, 0}};
    int complement = 0, delete = 0, squeeze = 0, key;
    struct option_parser parser;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP: return tr_help();
        case 'c': case 'C': complement = 1; break;
        case 'd': delete = 1; break;
        case 's': squeeze = 1; break;
        }
    }
    if (check_operands(parser.operand_count, parser.operands, delete, squeeze) != 0) return 1;
    static struct byte_set set1, set2;
    if (expand(parser.operands[0], &set1) != 0) return 1;
    if (parser.operand_count > 1 && expand(parser.operands[1], &set2) != 0) return 1;
    int in1[256] = {0}, in_squeeze[256] = {0}, map[256];
    for (size_t i = 0; i < set1.length; i++) in1[set1.bytes[i]] = 1;
    if (complement) {
        set1.length = 0;
        for (int c = 0; c < 256; c++)
            if (!in1[c]) push(&set1, c);
        for (int c = 0; c < 256; c++) in1[c] = !in1[c];
    }
    for (int c = 0; c < 256; c++) map[c] = c;
    int translating = !delete && parser.operand_count > 1;
    if (translating) {
        if (set2.length == 0) return warnx_("when not truncating set1, string2 must be non-empty"), 1;
        for (size_t i = 0; i < set1.length; i++)
            map[set1.bytes[i]] = set2.bytes[i < set2.length ? i : set2.length - 1];
    }
    const struct byte_set *squeezed = parser.operand_count > 1 ? &set2 : &set1;
    if (squeeze)
        for (size_t i = 0; i < squeezed->length; i++) in_squeeze[squeezed->bytes[i]] = 1;
    if (squeeze && parser.operand_count == 1 && complement)
        for (int c = 0; c < 256; c++) in_squeeze[c] = in1[c];
    static unsigned char buffer[65536], out[65536];
    int last = -1;
    ssize_t got;
    while ((got = read(0, buffer, sizeof buffer)) > 0) {
        size_t n = 0;
        for (ssize_t i = 0; i < got; i++) {
            int c = buffer[i];
            if (delete && in1[c]) continue;
            c = map[c];
            if (squeeze && c == last && in_squeeze[c]) continue;
            out[n++] = (unsigned char)c;
            last = c;
        }
        if (write_all(1, out, n) != 0) return warn_errno(errno, "write error"), 1;
    }
    return 0;
}
