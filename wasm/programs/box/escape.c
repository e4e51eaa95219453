/* escape.c: the backslash escapes of echo -e, printf's format and %b. */
#include "escape.h"

#include <string.h>

static int octal_digit(char c) { return c >= '0' && c <= '7'; }

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static size_t put_octal(const char *digits, int max, FILE *out) {
    int value = 0;
    size_t used = 0;
    while ((int)used < max && octal_digit(digits[used])) value = value * 8 + (digits[used++] - '0');
    fputc(value & 0xff, out);
    return used;
}

size_t put_escape(const char *text, enum escape_style style, FILE *out, int *stop) {
    static const char simple[] = "\\\\a\ab\be\033f\fn\nr\rt\tv\v";
    char c = text[0];
    for (const char *p = simple; *p; p += 2) {
        if (p[0] == c) return fputc(p[1], out), 1;
    }
    if (c == 'c') return *stop = 1, 1;
    if (c == '"' && style == ESCAPE_FORMAT) return fputc('"', out), 1;
    if (c == 'x' && hex_value(text[1]) >= 0) {
        int value = hex_value(text[1]);
        size_t used = 2;
        if (hex_value(text[2]) >= 0) value = value * 16 + hex_value(text[2]), used = 3;
        fputc(value, out);
        return used;
    }
    if (c == '0' && style == ESCAPE_ECHO) return 1 + put_octal(text + 1, 3, out);
    if (octal_digit(c) && style == ESCAPE_FORMAT) return put_octal(text, 3, out);
    fputc('\\', out);
    if (c == '\0') return 0;
    fputc(c, out);
    return 1;
}
