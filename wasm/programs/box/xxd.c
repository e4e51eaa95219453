/* xxd.c: vim's xxd: a hex dump (`OFFSET: hex groups  text`), -p for plain
 * hex, -i for a C array, and -r (with or without -p) to turn a dump back
 * into bytes; -c COLS, -g BYTES, -l LEN, -s OFFSET, -u, -d; an optional
 * output file after the input. Bad options print xxd's usage and exit 1;
 * an unreadable file exits 2. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "util.h"

struct xxd {
    int cols, group, plain, include, revert, upper, decimal;
    long long length, seek;
    const char *input_name;
};

static int usage(void) {
    fprintf(stderr,
            "Usage:\n       %s [options] [infile [outfile]]\n    or\n"
            "       %s -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]\n"
            "Options:\n"
            "    -c cols     octets per line (16; -i: 12, -p: 30)\n"
            "    -d          offsets in decimal\n"
            "    -g bytes    octets per group (2)\n"
            "    -h          this help\n"
            "    -i          C include file style\n"
            "    -l len      stop after len octets\n"
            "    -p          plain hex dump\n"
            "    -r          reverse: a hex dump back to binary\n"
            "    -s offset   start at offset\n"
            "    -u          upper case hex\n",
            applet_name, applet_name);
    return 1;
}

static void dump(struct xxd *x, FILE *in, FILE *out) {
    const char *digits = x->upper ? "0123456789ABCDEF" : "0123456789abcdef";
    unsigned char *line = xmalloc((size_t)x->cols);
    long long address = x->seek, total = 0;
    int plain_column = 0;
    for (;;) {
        int length = 0, c;
        while (length < x->cols && (x->length < 0 || total < x->length) &&
               (c = getc(in)) != EOF)
            line[length++] = (unsigned char)c, total++;
        if (length == 0) break;
        if (x->plain) {
            for (int i = 0; i < length; i++) {
                putc(digits[line[i] >> 4], out), putc(digits[line[i] & 15], out);
                if (++plain_column == x->cols) putc('\n', out), plain_column = 0;
            }
            continue;
        }
        fprintf(out, x->decimal ? "%08lld: " : "%08llx: ", address);
        int written = 0;
        for (int i = 0; i < length; i++) {
            putc(digits[line[i] >> 4], out), putc(digits[line[i] & 15], out);
            written += 2;
            if (x->group && (i + 1) % x->group == 0 && i + 1 < x->cols) putc(' ', out), written++;
        }
        int groups = x->group ? (x->cols + x->group - 1) / x->group : 1;
        int full = x->cols * 2 + groups - 1;
        fprintf(out, "%*s  ", full - written > 0 ? full - written : 0, "");
        for (int i = 0; i < length; i++) putc(line[i] >= 32 && line[i] < 127 ? line[i] : '.', out);
        putc('\n', out);
        address += length;
    }
    if (x->plain && plain_column) putc('\n', out);
    free(line);
}

static void include(struct xxd *x, FILE *in, FILE *out) {
    char *name = NULL;
    if (x->input_name) {
        name = strdup(x->input_name);
        for (char *p = name; *p; p++)
            if (!isalnum((unsigned char)*p)) *p = '_';
        if (isdigit((unsigned char)name[0])) {
            char *prefixed = xmalloc(strlen(name) + 3);
            sprintf(prefixed, "__%s", name);
            free(name);
            name = prefixed;
        }
        fprintf(out, "unsigned char %s[] = {\n", name);
    }
    long long total = 0;
    int c, column = 0;
    while ((x->length < 0 || total < x->length) && (c = getc(in)) != EOF) {
        if (total > 0) fputs(column == 0 ? ",\n" : ", ", out);
        if (column == 0) fputs("  ", out);
        fprintf(out, x->upper ? "0X%02X" : "0x%02x", c);
        total++;
        column = (column + 1) % x->cols;
    }
    if (total > 0) putc('\n', out);
    if (name) fprintf(out, "};\nunsigned int %s_len = %lld;\n", name, total), free(name);
}

static int hex_value(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* -r: plain hex is every pair of hex digits; a normal dump is read line by
 * line, from after its `OFFSET:` to the two blanks before the text. */
static void revert(struct xxd *x, FILE *in, FILE *out) {
    char *line = NULL;
    size_t size = 0;
    long long position = 0;
    int high = -1;
    while (getline(&line, &size, in) >= 0) {
        char *p = line;
        if (!x->plain) {
            char *colon = strchr(line, ':');
            if (!colon) continue;
            long long address = strtoll(line, NULL, 16) + x->seek;
            for (; position < address; position++) putc(0, out);
            p = colon + 1;
            high = -1;
        }
        for (; *p && *p != '\n'; p++) {
            if (!x->plain && p[0] == ' ' && p[1] == ' ') break;
            int value = hex_value((unsigned char)*p);
            if (value < 0) {
                high = -1;
                continue;
            }
            if (high < 0) {
                high = value;
            } else {
                putc(high << 4 | value, out);
                position++;
                high = -1;
            }
        }
    }
    free(line);
}

/* As xxd reads numbers: strtol's prefix, garbage after it ignored. */
static int number(const char *text, long long *value) {
    *value = strtoll(text, NULL, 0);
    return 0;
}

int xxd_main(int argc, char **argv) {
    struct xxd x = {0};
    x.cols = -1, x.group = -1, x.length = -1;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        char *arg = argv[i];
        if (strcmp(arg, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage();
            return 0;
        }
        char option = arg[1];
        /* -ps, -plain and the like: xxd matches option words by prefix */
        if (strncmp(arg, "-ps", 3) == 0 || strcmp(arg, "-p") == 0 || strncmp(arg, "-plain", 6) == 0)
            option = 'p';
        long long value = 0;
        if (strchr("cglsn", option)) {
            const char *text = arg[2] ? arg + 2 : (i + 1 < argc ? argv[++i] : NULL);
            if (option == 'n') continue;
            if (!text || number(text, &value) != 0) return usage();
        } else if (arg[2] && option != 'p' && strcmp(arg, "-include") != 0 &&
                   strcmp(arg, "-revert") != 0) {
            return usage();
        }
        switch (option) {
        case 'c': x.cols = (int)value; break;
        case 'g': x.group = (int)value; break;
        case 'l': x.length = value; break;
        case 's': x.seek = value; break;
        case 'p': x.plain = 1; break;
        case 'i': x.include = 1; break;
        case 'r': x.revert = 1; break;
        case 'u': x.upper = 1; break;
        case 'd': x.decimal = 1; break;
        default: return usage();
        }
    }
    if (argc - i > 2) return usage();
    if (x.cols < 0) x.cols = x.plain ? 30 : x.include ? 12 : 16;
    if (x.cols == 0) x.cols = 16;
    if (x.cols > 256) {
        fprintf(stderr, "%s: invalid number of columns (max. 256).\n", applet_name);
        return 1;
    }
    if (x.group < 0) x.group = 2;
    FILE *in = stdin, *out = stdout;
    if (i < argc && strcmp(argv[i], "-") != 0) {
        x.input_name = argv[i];
        in = fopen(argv[i], "rb");
        if (!in) {
            fprintf(stderr, "%s: %s: %s\n", applet_name, argv[i], strerror(errno));
            return 2;
        }
    }
    if (i + 1 < argc && strcmp(argv[i + 1], "-") != 0) {
        out = fopen(argv[i + 1], x.revert ? "r+b" : "wb");
        if (!out && x.revert) out = fopen(argv[i + 1], "wb");
        if (!out) {
            fprintf(stderr, "%s: %s: %s\n", applet_name, argv[i + 1], strerror(errno));
            return 3;
        }
    }
    if (x.revert) {
        revert(&x, in, out);
    } else {
        if (x.seek > 0)
            for (long long s = 0; s < x.seek && getc(in) != EOF; s++) {}
        if (x.include) include(&x, in, out);
        else dump(&x, in, out);
    }
    if (out != stdout) fclose(out);
    return 0;
}
