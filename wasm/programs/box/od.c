/* od.c: od [-A d|o|x|n] [-t TYPE]... [-j SKIP] [-N COUNT] [-w WIDTH] [-v]
 * [-bcdiosx] [FILE]...: GNU coreutils' octal dump. TYPEs are a (named
 * characters), c (characters), d, o, u, x with a size 1, 2, 4 or 8 (or C S
 * I L), and an optional z for the printable text after the line. Fields
 * of several types line up as GNU's do; a line equal to the one before
 * becomes `*` unless -v. Multi-byte values are in the host's order (little
 * endian on both builds). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "input.h"
#include "util.h"

struct type {
    char kind; /* a c d o u x */
    int size;
    int width; /* of one field, its leading blank included */
    int pad;   /* extra blanks before each field, to line up with other types */
    int text;  /* z */
};

static int field_width(char kind, int size) {
    static const int decimal[9] = {0, 4, 6, 0, 11, 0, 0, 0, 20};  /* signed digits with - */
    static const int unsigned_[9] = {0, 3, 5, 0, 10, 0, 0, 0, 20};
    static const int octal[9] = {0, 3, 6, 0, 11, 0, 0, 0, 22};
    switch (kind) {
    case 'a': case 'c': return 4;
    case 'd': return decimal[size] + 1;
    case 'u': return unsigned_[size] + 1;
    case 'o': return octal[size] + 1;
    default: return size * 2 + 1;
    }
}

/* Parses one -t argument into `types`; -1 after GNU's message. */
static int parse_type(const char *text, struct type *types, int *count) {
    const char *p = text;
    while (*p) {
        struct type type = {0};
        type.kind = *p++;
        if (!strchr("acdoux", type.kind)) {
            warnx_("invalid character '%c' in type string %s", type.kind, quote(text));
            return -1;
        }
        if (type.kind == 'a' || type.kind == 'c') {
            type.size = 1;
        } else if (*p >= '0' && *p <= '9') {
            type.size = (int)strtol(p, (char **)&p, 10);
            if (type.size != 1 && type.size != 2 && type.size != 4 && type.size != 8) {
                warnx_("invalid type string %s;\nthis system doesn't provide a %d-byte integral "
                       "type",
                       quote(text), type.size);
                return -1;
            }
        } else if (*p && strchr("CSIL", *p)) {
            type.size = *p == 'C' ? 1 : *p == 'S' ? 2 : *p == 'I' ? 4 : 8;
            p++;
        } else {
            type.size = 4;
        }
        if (*p == 'z') type.text = 1, p++;
        type.width = field_width(type.kind, type.size);
        types[(*count)++] = type;
    }
    return 0;
}

static const char *names[33] = {"nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs",
                                "ht",  "nl",  "vt",  "ff",  "cr",  "so",  "si",  "dle", "dc1",
                                "dc2", "dc3", "dc4", "nak", "syn", "etb", "can", "em",  "sub",
                                "esc", "fs",  "gs",  "rs",  "us",  "sp"};

static void print_field(const struct type *type, const unsigned char *bytes) {
    char text[32];
    unsigned long long value = 0;
    for (int i = type->size - 1; i >= 0; i--) value = value << 8 | bytes[i];
    int width = type->width - 1 + type->pad;
    switch (type->kind) {
    case 'c': {
        unsigned char c = bytes[0];
        const char *escaped = NULL;
        switch (c) {
        case '\0': escaped = "\\0"; break;
        case '\a': escaped = "\\a"; break;
        case '\b': escaped = "\\b"; break;
        case '\f': escaped = "\\f"; break;
        case '\n': escaped = "\\n"; break;
        case '\r': escaped = "\\r"; break;
        case '\t': escaped = "\\t"; break;
        case '\v': escaped = "\\v"; break;
        }
        if (escaped) strcpy(text, escaped);
        else if (c >= 32 && c < 127) snprintf(text, sizeof text, "%c", c);
        else snprintf(text, sizeof text, "%03o", c);
        break;
    }
    case 'a': {
        unsigned char c = bytes[0] & 127;
        if (c <= 32) strcpy(text, names[c]);
        else if (c == 127) strcpy(text, "del");
        else snprintf(text, sizeof text, "%c", c);
        break;
    }
    case 'd': {
        long long signed_value = (long long)value;
        if (type->size < 8 && (value >> (type->size * 8 - 1)) & 1)
            signed_value = (long long)(value | ~0ULL << (type->size * 8));
        snprintf(text, sizeof text, "%lld", signed_value);
        break;
    }
    case 'u': snprintf(text, sizeof text, "%llu", value); break;
    case 'o': snprintf(text, sizeof text, "%0*llo", field_width('o', type->size) - 1, value); break;
    default: snprintf(text, sizeof text, "%0*llx", type->size * 2, value); break;
    }
    printf(" %*s", width, text);
}

static void print_address(char radix, unsigned long long address) {
    switch (radix) {
    case 'd': printf("%07llu", address); break;
    case 'x': printf("%06llx", address); break;
    case 'n': break;
    default: printf("%07llo", address);
    }
}

int od_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"address-radix", 'A', 1}, {"format", 't', 1},   {"skip-bytes", 'j', 1},
        {"read-bytes", 'N', 1},    {"width", 'w', 1},    {"output-duplicates", 'v', 0},
        {NULL, 'b', 0},            {NULL, 'c', 0},       {NULL, 'd', 0},
        {NULL, 'i', 0},            {NULL, 'o', 0},       {NULL, 's', 0},
        {NULL, 'x', 0},            {NULL, 'l', 0},       {NULL, 0, 0}};
    struct option_parser parser;
    struct type *types = xmalloc(sizeof(struct type) * (size_t)(argc * 8 + 2));
    int type_count = 0, key, all = 0;
    char radix = 'o';
    unsigned long long skip = 0, limit = 0, width = 16;
    int limited = 0;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        const char *shortcut = NULL;
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... [FILE]...",
                              "Write an unambiguous representation, octal bytes by default, of "
                              "FILE to standard output.\n\n"
                              "  -A, --address-radix=RADIX   d, o, x or n for the offsets\n"
                              "  -j, --skip-bytes=BYTES      skip BYTES input bytes first\n"
                              "  -N, --read-bytes=BYTES      limit dump to BYTES input bytes\n"
                              "  -t, --format=TYPE           a, c, d[SIZE], o[SIZE], u[SIZE], "
                              "x[SIZE], with z for text\n"
                              "  -v, --output-duplicates     do not use * to mark line "
                              "suppression\n"
                              "  -w, --width=BYTES           BYTES per output line\n"
                              "  -b -c -d -i -l -o -s -x     same as -t o1, c, u2, dI, dL, o2, "
                              "d2, x2\n");
        case 'A':
            if (strlen(parser.arg) != 1 || !strchr("doxn", parser.arg[0])) {
                warnx_("invalid output address radix '%s'; it must be one character from [doxn]",
                       parser.arg);
                return 1;
            }
            radix = parser.arg[0];
            break;
        case 't':
            if (parse_type(parser.arg, types, &type_count) != 0) return 1;
            break;
        case 'j': case 'N': case 'w': {
            unsigned long long value;
            int hex = parser.arg[0] == '0' && (parser.arg[1] == 'x' || parser.arg[1] == 'X');
            char *end;
            if (hex) value = strtoull(parser.arg + 2, &end, 16);
            if ((hex && *end) || (!hex && parse_count(parser.arg, &value) != 0)) {
                warnx_("invalid %s argument %s",
                       key == 'j' ? "--skip-bytes" : key == 'N' ? "--read-bytes" : "--width",
                       quote(parser.arg));
                return 1;
            }
            if (key == 'j') skip = value;
            else if (key == 'N') limit = value, limited = 1;
            else width = value;
            break;
        }
        case 'v': all = 1; break;
        case 'b': shortcut = "o1"; break;
        case 'c': shortcut = "c"; break;
        case 'd': shortcut = "u2"; break;
        case 'i': shortcut = "dI"; break;
        case 'l': shortcut = "dL"; break;
        case 'o': shortcut = "o2"; break;
        case 's': shortcut = "d2"; break;
        case 'x': shortcut = "x2"; break;
        }
        if (shortcut) parse_type(shortcut, types, &type_count);
    }
    if (type_count == 0) parse_type("o2", types, &type_count);
    /* every size must divide the line width */
    int largest = 1;
    for (int i = 0; i < type_count; i++)
        if (types[i].size > largest) largest = types[i].size;
    if (width == 0 || width % (unsigned long long)largest != 0) {
        warnx_("warning: invalid width %llu; using %d instead", width, largest * 2);
        width = (unsigned long long)largest * 2;
    }
    /* line the types up: each gets the widest's block width */
    int widest = 0;
    for (int i = 0; i < type_count; i++) {
        int block = types[i].width * (largest / types[i].size);
        if (block > widest) widest = block;
    }
    for (int i = 0; i < type_count; i++) {
        int fields = largest / types[i].size;
        types[i].pad = (widest - types[i].width * fields) / fields;
    }

    struct joined_input in = {.names = parser.operands,
                              .count = parser.operand_count,
                              .dash_is_stdin = 1,
                              .skip = skip,
                              .limit = limit,
                              .limited = limited};
    unsigned char *line = xmalloc((size_t)width + 8), *previous = xmalloc((size_t)width + 8);
    size_t previous_length = 0;
    int starred = 0, have_previous = 0;
    unsigned long long address = skip;
    for (;;) {
        size_t length = joined_read(&in, line, width);
        if (length == 0) break;
        if (!all && have_previous && length == width && previous_length == width &&
            memcmp(line, previous, width) == 0) {
            if (!starred) puts("*");
            starred = 1;
            address += length;
            continue;
        }
        starred = 0;
        memset(line + length, 0, 8);
        for (int t = 0; t < type_count; t++) {
            if (t == 0) print_address(radix, address);
            else if (radix != 'n') printf("%*s", radix == 'x' ? 6 : 7, "");
            size_t used = 0;
            for (size_t i = 0; i < length; i += (size_t)types[t].size, used++)
                print_field(&types[t], line + i);
            if (types[t].text) {
                size_t fields = width / (size_t)types[t].size;
                printf("%*s  >", (int)((fields - used) * (size_t)(types[t].width + types[t].pad)), "");
                for (size_t i = 0; i < length; i++)
                    putchar(line[i] >= 32 && line[i] < 127 ? line[i] : '.');
                putchar('<');
            }
            putchar('\n');
        }
        memcpy(previous, line, length);
        previous_length = length, have_previous = 1;
        address += length;
    }
    if (in.skipped < skip && in.opened) {
        warnx_("cannot skip past end of combined input");
        return 1;
    }
    if (radix != 'n' && in.opened) {
        print_address(radix, address);
        putchar('\n');
    }
    return in.failed ? 1 : 0;
}
