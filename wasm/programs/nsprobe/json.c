/* json.c: the writer of json.h. Strings are escaped as RFC 8259 requires
 * (quote, backslash, control characters); bytes above 0x7f pass through, so
 * a file's non-UTF-8 content stays as it was read. */
#include "json.h"

#include <stdio.h>

#define MAX_DEPTH 16

static bool written[MAX_DEPTH];
static int depth;
static bool after_key;

/* The comma before a value, unless it follows a key or opens its container. */
static void separate(void) {
    if (after_key) {
        after_key = false;
        return;
    }
    if (depth > 0 && written[depth - 1]) putchar(',');
    if (depth > 0) written[depth - 1] = true;
}

static void open_container(char bracket) {
    separate();
    putchar(bracket);
    if (depth < MAX_DEPTH) written[depth] = false;
    depth++;
}

static void close_container(char bracket) {
    depth--;
    putchar(bracket);
}

void json_begin_object(void) { open_container('{'); }
void json_end_object(void) { close_container('}'); }
void json_begin_array(void) { open_container('['); }
void json_end_array(void) { close_container(']'); }

static void quoted(const char *text) {
    putchar('"');
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        if (*c == '"' || *c == '\\') printf("\\%c", *c);
        else if (*c == '\n') fputs("\\n", stdout);
        else if (*c == '\t') fputs("\\t", stdout);
        else if (*c < 0x20) printf("\\u%04x", *c);
        else putchar(*c);
    }
    putchar('"');
}

void json_key(const char *key) {
    separate();
    quoted(key);
    putchar(':');
    after_key = true;
}

void json_string(const char *text) {
    if (!text) return json_null();
    separate();
    quoted(text);
}

void json_number(long long value) {
    separate();
    printf("%lld", value);
}

void json_bool(bool value) {
    separate();
    fputs(value ? "true" : "false", stdout);
}

void json_null(void) {
    separate();
    fputs("null", stdout);
}

void json_member_string(const char *key, const char *text) {
    json_key(key);
    json_string(text);
}

void json_member_number(const char *key, long long value) {
    json_key(key);
    json_number(value);
}
