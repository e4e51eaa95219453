/* sort.c: sort with -n -r -u -f -b -s, -k KEYDEF (F[.C][nrbf][,F[.C][nrbf]]),
 * -t SEP and -o FILE, in the C locale (bytes compare as unsigned). As GNU:
 * without -t a field starts at a blank after a non-blank (leading blanks
 * belong to it); lines equal on all keys fall back to a byte comparison of
 * the whole line unless -s or -u; -u keeps the first of each equal run.
 * Errors exit 2. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "input.h"
#include "util.h"

struct sort_key {
    size_t start_field, start_char; /* 1-based; start_char 1 = field start */
    size_t end_field, end_char;     /* end_field 0: to end of line; end_char 0: field end */
    int numeric, reverse, blanks, fold, has_options;
};

static struct sort_key *keys;
static size_t key_count;
static int separator = -1; /* -t, or -1 for blank transitions */
static int stable, unique;
static struct sort_key global;

static int is_blank(char c) { return c == ' ' || c == '\t'; }

/* Start of field `field` (1-based) in line, or the line's end. */
static const char *field_start(const char *line, const char *end, size_t field) {
    const char *p = line;
    for (size_t f = 1; f < field && p < end; f++) {
        if (separator >= 0) {
            while (p < end && *p != separator) p++;
            if (p < end) p++;
            else return end;
        } else {
            while (p < end && is_blank(*p)) p++;
            while (p < end && !is_blank(*p)) p++;
        }
    }
    return p;
}

static const char *field_end(const char *start, const char *end) {
    const char *p = start;
    if (separator >= 0) {
        while (p < end && *p != separator) p++;
    } else {
        while (p < end && is_blank(*p)) p++;
        while (p < end && !is_blank(*p)) p++;
    }
    return p;
}

static void key_span(const struct sort_key *key, const char *line, size_t length,
                     const char **from, const char **to) {
    const char *end = line + length;
    const char *start = field_start(line, end, key->start_field);
    if (key->blanks)
        while (start < end && is_blank(*start)) start++;
    start += key->start_char - 1;
    if (start > end) start = end;
    const char *stop = end;
    if (key->end_field) {
        const char *f = field_start(line, end, key->end_field);
        if (key->end_char == 0) {
            stop = field_end(f, end);
        } else {
            if (key->blanks)
                while (f < end && is_blank(*f)) f++;
            stop = f + key->end_char;
            if (stop > end) stop = end;
        }
    }
    if (stop < start) stop = start;
    *from = start, *to = stop;
}

/* GNU -n: optional blanks, '-', digits, one '.', digits; anything else ends it. */
static int compare_numeric(const char *a, const char *a_end, const char *b, const char *b_end) {
    while (a < a_end && is_blank(*a)) a++;
    while (b < b_end && is_blank(*b)) b++;
    char buffer_a[128], buffer_b[128];
    size_t la = 0, lb = 0;
    if (a < a_end && *a == '-') buffer_a[la++] = *a++;
    while (a < a_end && la < 126 && (isdigit((unsigned char)*a) || *a == '.')) buffer_a[la++] = *a++;
    if (b < b_end && *b == '-') buffer_b[lb++] = *b++;
    while (b < b_end && lb < 126 && (isdigit((unsigned char)*b) || *b == '.')) buffer_b[lb++] = *b++;
    buffer_a[la] = buffer_b[lb] = '\0';
    double x = strtod(buffer_a, NULL), y = strtod(buffer_b, NULL);
    return x < y ? -1 : x > y;
}

static int compare_bytes(const char *a, const char *a_end, const char *b, const char *b_end,
                         int fold) {
    while (a < a_end && b < b_end) {
        int x = (unsigned char)*a++, y = (unsigned char)*b++;
        if (fold) x = toupper(x), y = toupper(y);
        if (x != y) return x - y;
    }
    return (a < a_end) - (b < b_end);
}

static int compare_key(const struct sort_key *key, const char *a, size_t la, const char *b,
                       size_t lb) {
    const char *as, *ae, *bs, *be;
    key_span(key, a, la, &as, &ae);
    key_span(key, b, lb, &bs, &be);
    int result = key->numeric ? compare_numeric(as, ae, bs, be)
                              : compare_bytes(as, ae, bs, be, key->fold);
    return key->reverse ? -result : result;
}

static struct lines all;

static int compare_keys(size_t i, size_t j) {
    const char *a = all.text[i], *b = all.text[j];
    size_t la = all.length[i], lb = all.length[j];
    for (size_t k = 0; k < key_count; k++) {
        int result = compare_key(&keys[k], a, la, b, lb);
        if (result) return result;
    }
    if (key_count == 0) {
        struct sort_key whole = global;
        whole.start_field = whole.start_char = 1;
        int result = compare_key(&whole, a, la, b, lb);
        if (result) return result;
    }
    return 0;
}

static int compare_lines(const void *x, const void *y) {
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    int result = compare_keys(i, j);
    if (result || stable || unique) return result ? result : (i > j) - (i < j);
    result = compare_bytes(all.text[i], all.text[i] + all.length[i], all.text[j],
                           all.text[j] + all.length[j], 0);
    if (global.reverse) result = -result;
    return result ? result : (i > j) - (i < j);
}

static int parse_position(const char **text, size_t *field, size_t *character) {
    char *end;
    if (!isdigit((unsigned char)**text)) return -1;
    *field = strtoul(*text, &end, 10);
    *text = end;
    if (**text == '.') {
        (*text)++;
        if (!isdigit((unsigned char)**text)) return -1;
        *character = strtoul(*text, &end, 10);
        *text = end;
    }
    return 0;
}

static void parse_key_options(const char **text, struct sort_key *key) {
    for (;; (*text)++) {
        switch (**text) {
        case 'n': key->numeric = key->has_options = 1; break;
        case 'r': key->reverse = key->has_options = 1; break;
        case 'b': key->blanks = key->has_options = 1; break;
        case 'f': key->fold = key->has_options = 1; break;
        default: return;
        }
    }
}

static int add_key(const char *spec) {
    struct sort_key key = {.start_char = 1};
    const char *p = spec;
    if (parse_position(&p, &key.start_field, &key.start_char) != 0 || key.start_field == 0 ||
        key.start_char == 0) {
        warnx_("invalid number at field start: invalid count at start of %s", quote(spec));
        return -1;
    }
    parse_key_options(&p, &key);
    if (*p == ',') {
        p++;
        if (parse_position(&p, &key.end_field, &key.end_char) != 0 || key.end_field == 0) {
            warnx_("invalid number after ',': invalid count at start of %s", quote(p));
            return -1;
        }
        parse_key_options(&p, &key);
    }
    if (*p) {
        warnx_("stray character in field spec: invalid field specification %s", quote(spec));
        return -1;
    }
    keys = realloc(keys, (key_count + 1) * sizeof *keys);
    keys[key_count++] = key;
    return 0;
}

static int sort_help(void) {
    return print_help("[OPTION]... [FILE]...",
                      "Write sorted concatenation of all FILE(s) to standard output.\n\n"
                      "  -b  ignore leading blanks   -f  fold lower case to upper case\n"
                      "  -n  compare numerically     -r  reverse the result\n"
                      "  -k, --key=KEYDEF   sort via a key: F[.C][OPTS][,F[.C][OPTS]]\n"
                      "  -o, --output=FILE  write result to FILE\n"
                      "  -s, --stable       no last-resort comparison\n"
                      "  -t, --field-separator=SEP   use SEP instead of blanks\n"
                      "  -u, --unique       output only the first of an equal run\n");
}

static int parse_arguments(int argc, char **argv, struct option_parser *parser,
                           const char **output) {
    static const struct option_spec specs[] = {
        {"ignore-leading-blanks", 'b', 0}, {"ignore-case", 'f', 0}, {"numeric-sort", 'n', 0},
        {"reverse", 'r', 0},  {"key", 'k', 1},     {"output", 'o', 1}, {"stable", 's', 0},
        {"field-separator", 't', 1},       {"unique", 'u', 0},      {NULL, 0, 0}};
    int key;
    options_init(parser, argc, argv);
    while ((key = next_option(parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 2;
        case OPT_HELP: return sort_help(), 0;
        case 'b': global.blanks = 1; break;
        case 'f': global.fold = 1; break;
        case 'n': global.numeric = 1; break;
        case 'r': global.reverse = 1; break;
        case 's': stable = 1; break;
        case 'u': unique = 1; break;
        case 'o': *output = parser->arg; break;
        case 'k':
            if (add_key(parser->arg) != 0) return 2;
            break;
        case 't':
            if (strlen(parser->arg) != 1) {
                warnx_("multi-character tab %s", quote(parser->arg));
                return 2;
            }
            separator = (unsigned char)parser->arg[0];
            break;
        }
    }
    return -1;
}

int sort_main(int argc, char **argv) {
    struct option_parser parser;
    const char *output = NULL;
    int early = parse_arguments(argc, argv, &parser, &output);
    if (early >= 0) return early;
    for (size_t k = 0; k < key_count; k++) {
        if (keys[k].has_options) continue;
        keys[k].numeric = global.numeric, keys[k].reverse = global.reverse;
        keys[k].blanks = global.blanks, keys[k].fold = global.fold;
    }
    char *stdin_name[] = {"-"};
    char **names = parser.operand_count ? parser.operands : stdin_name;
    int count = parser.operand_count ? parser.operand_count : 1;
    for (int i = 0; i < count; i++) {
        FILE *file = strcmp(names[i], "-") == 0 ? stdin : fopen(names[i], "r");
        if (!file || read_lines(file, &all) != 0) {
            warn_errno(errno, "cannot read: %s", quotef(names[i]));
            return 2;
        }
        close_input(file);
    }
    size_t *order = xmalloc(all.count * sizeof(size_t));
    for (size_t i = 0; i < all.count; i++) order[i] = i;
    qsort(order, all.count, sizeof(size_t), compare_lines);
    FILE *out = stdout;
    if (output && !(out = fopen(output, "w"))) {
        warn_errno(errno, "open failed: %s", quotef(output));
        return 2;
    }
    for (size_t n = 0; n < all.count; n++) {
        size_t i = order[n];
        if (unique && n > 0 && compare_keys(order[n - 1], i) == 0) continue;
        fwrite(all.text[i], 1, all.length[i], out);
        fputc('\n', out);
    }
    if (out != stdout) fclose(out);
    return 0;
}
