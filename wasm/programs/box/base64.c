/* base64.c: base64 [-d] [-i] [-w COLS] [FILE]: RFC 4648 encoding wrapped
 * at COLS (76; 0 for none), or decoding, where newlines are skipped and any
 * other character outside the alphabet is invalid input (skipped with -i),
 * as GNU coreutils. What decodes before an error is still written. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "input.h"
#include "util.h"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int column;

static void put_wrapped(char c, unsigned long wrap) {
    putchar(c);
    if (wrap && ++column == (int)wrap) {
        putchar('\n');
        column = 0;
    }
}

static void encode(FILE *file, unsigned long wrap) {
    unsigned char in[3];
    size_t got;
    for (;;) {
        got = 0;
        int c;
        while (got < 3 && (c = getc(file)) != EOF) in[got++] = (unsigned char)c;
        if (got == 0) break;
        unsigned long bits = (unsigned long)in[0] << 16 | (got > 1 ? in[1] : 0) << 8 |
                             (got > 2 ? in[2] : 0);
        put_wrapped(alphabet[bits >> 18 & 63], wrap);
        put_wrapped(alphabet[bits >> 12 & 63], wrap);
        put_wrapped(got > 1 ? alphabet[bits >> 6 & 63] : '=', wrap);
        put_wrapped(got > 2 ? alphabet[bits & 63] : '=', wrap);
        if (got < 3) break;
    }
    if (column > 0) putchar('\n');
}

static int decode(FILE *file, int ignore_garbage) {
    unsigned long bits = 0;
    int count = 0, c, padding = 0;
    while ((c = getc(file)) != EOF) {
        if (c == '\n') continue;
        const char *found = c ? strchr(alphabet, c) : NULL;
        if (c == '=') {
            /* padding ends a quantum: only after 2 or 3 characters */
            if (count < 2) return 1;
            padding++;
            if (count + padding == 4) {
                if (count == 2) putchar((int)(bits >> 4 & 255));
                else putchar((int)(bits >> 10 & 255)), putchar((int)(bits >> 2 & 255));
                bits = 0, count = 0, padding = 0;
            }
            continue;
        }
        if (!found) {
            if (ignore_garbage) continue;
            goto partial;
        }
        if (padding) return 1;
        bits = bits << 6 | (unsigned long)(found - alphabet);
        if (++count == 4) {
            putchar((int)(bits >> 16 & 255));
            putchar((int)(bits >> 8 & 255));
            putchar((int)(bits & 255));
            bits = 0, count = 0;
        }
    }
    if (count == 0 && padding == 0) return 0;
partial:
    /* what a broken quantum still holds is written before failing */
    if (count == 2) putchar((int)(bits >> 4 & 255));
    if (count == 3) putchar((int)(bits >> 10 & 255)), putchar((int)(bits >> 2 & 255));
    return 1;
}

int base64_main(int argc, char **argv) {
    static const struct option_spec specs[] = {{"decode", 'd', 0},
                                               {"ignore-garbage", 'i', 0},
                                               {"wrap", 'w', 1},
                                               {NULL, 0, 0}};
    struct option_parser parser;
    int decoding = 0, ignore_garbage = 0, key;
    unsigned long long wrap = 76;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... [FILE]",
                              "Base64 encode or decode FILE, or standard input, to standard "
                              "output.\n\n"
                              "  -d, --decode          decode data\n"
                              "  -i, --ignore-garbage  when decoding, ignore non-alphabet "
                              "characters\n"
                              "  -w, --wrap=COLS       wrap encoded lines after COLS characters "
                              "(default 76, 0 for none)\n");
        case 'd': decoding = 1; break;
        case 'i': ignore_garbage = 1; break;
        case 'w': {
            char *end;
            errno = 0;
            wrap = strtoull(parser.arg, &end, 10);
            if (!*parser.arg || *end || errno || parser.arg[0] == '-')
                return warnx_("invalid wrap size: %s", quote(parser.arg)), 1;
            break;
        }
        }
    }
    if (parser.operand_count > 1)
        return warnx_("extra operand %s", quote(parser.operands[1])), try_help();
    const char *name = parser.operand_count ? parser.operands[0] : "-";
    FILE *file = open_input(name);
    if (!file) return 1;
    int status = 0;
    if (decoding) {
        status = decode(file, ignore_garbage);
        if (status) {
            fflush(stdout);
            warnx_("invalid input");
        }
    } else {
        encode(file, (unsigned long)wrap);
    }
    close_input(file);
    return status;
}
