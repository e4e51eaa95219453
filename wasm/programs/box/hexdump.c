/* hexdump.c: util-linux's hexdump in its two everyday formats: the default
 * (offset, then eight 16-bit little-endian words, lines padded to full
 * width) and -C (canonical: offset, sixteen bytes in two groups, |text|),
 * with -n LENGTH, -s OFFSET and -v. The files are one stream; a line equal
 * to the one before becomes `*` unless -v. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "input.h"
#include "util.h"

static void canonical_line(unsigned long long address, const unsigned char *bytes, size_t length) {
    printf("%08llx ", address);
    for (size_t i = 0; i < 16; i++) {
        if (i == 8) putchar(' ');
        if (i < length) printf(" %02x", bytes[i]);
        else fputs("   ", stdout);
    }
    fputs("  |", stdout);
    for (size_t i = 0; i < length; i++) putchar(bytes[i] >= 32 && bytes[i] < 127 ? bytes[i] : '.');
    puts("|");
}

static void default_line(unsigned long long address, const unsigned char *bytes, size_t length) {
    printf("%07llx", address);
    for (size_t i = 0; i < 16; i += 2) {
        if (i < length) printf(" %04x", bytes[i] | (i + 1 < length ? bytes[i + 1] : 0) << 8);
        else fputs("     ", stdout);
    }
    putchar('\n');
}

int hexdump_main(int argc, char **argv) {
    static const struct option_spec specs[] = {{"canonical", 'C', 0}, {"length", 'n', 1},
                                               {"skip", 's', 1},      {"no-squeezing", 'v', 0},
                                               {NULL, 0, 0}};
    struct option_parser parser;
    int canonical = 0, all = 0, key, limited = 0;
    unsigned long long limit = 0, skip = 0;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[options] <file>...",
                              "Display file contents in hexadecimal.\n\n"
                              "  -C, --canonical       canonical hex+ASCII display\n"
                              "  -n, --length <length> interpret only length bytes of input\n"
                              "  -s, --skip <offset>   skip offset bytes from the beginning\n"
                              "  -v, --no-squeezing    output identical lines\n");
        case 'C': canonical = 1; break;
        case 'v': all = 1; break;
        case 'n': case 's': {
            unsigned long long value;
            if (parse_count(parser.arg, &value) != 0) {
                warnx_("failed to parse %s: '%s': %s", key == 'n' ? "length" : "offset", parser.arg,
                       strerror(EINVAL));
                return 1;
            }
            if (key == 'n') limit = value, limited = 1;
            else skip = value;
            break;
        }
        }
    }
    struct joined_input in = {.names = parser.operands,
                              .count = parser.operand_count,
                              .skip = skip,
                              .limit = limit,
                              .limited = limited};
    unsigned char line[16], previous[16];
    int have_previous = 0, starred = 0;
    unsigned long long address = skip;
    for (;;) {
        size_t length = joined_read(&in, line, 16);
        if (length == 0) break;
        if (!all && have_previous && length == 16 && memcmp(line, previous, 16) == 0) {
            if (!starred) puts("*");
            starred = 1;
        } else {
            starred = 0;
            if (canonical) canonical_line(address, line, length);
            else default_line(address, line, length);
        }
        memcpy(previous, line, length);
        have_previous = length == 16;
        address += length;
    }
    if (in.taken > 0) printf(canonical ? "%08llx\n" : "%07llx\n", address);
    if (in.failed && !in.opened) {
        warnx_("all input file arguments failed");
        return 1;
    }
    return in.failed ? 1 : 0;
}
