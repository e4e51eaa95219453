/* util.c: messages, option parsing and helpers shared by the applets (see
 * util.h). The option parser is ours rather than getopt_long so that the
 * WASI build (musl's getopt) and the native one (glibc's) behave and word
 * their errors the same, as GNU coreutils do. */
#include "util.h"

#include <errno.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *applet_name = "box";

void warnx_(const char *format, ...) {
    va_list args;
    fflush(stdout);
    fprintf(stderr, "%s: ", applet_name);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
}

void warn_errno(int errnum, const char *format, ...) {
    va_list args;
    fflush(stdout);
    fprintf(stderr, "%s: ", applet_name);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fprintf(stderr, ": %s\n", strerror(errnum));
}

int try_help_named;

int try_help(void) {
    if (try_help_named) fprintf(stderr, "%s: ", applet_name);
    fprintf(stderr, "Try '%s --help' for more information.\n", applet_name);
    return 1;
}

int print_help(const char *synopsis, const char *text) {
    printf("Usage: %s %s\n%s", applet_name, synopsis, text);
    return 0;
}

static int is_safe(const char *name) {
    if (*name == '\0') return 0;
    for (const char *p = name; *p; p++) {
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                    "_-+./,:@%^=",
                    *p))
            return 0;
    }
    return 1;
}

static char quote_buffers[2][4096];
static int quote_next;

const char *quote(const char *name) {
    char *buffer = quote_buffers[quote_next];
    quote_next ^= 1;
    snprintf(buffer, sizeof quote_buffers[0], "'%s'", name);
    return buffer;
}

const char *quotef(const char *name) { return is_safe(name) ? name : quote(name); }

void options_init(struct option_parser *parser, int argc, char **argv) {
    memset(parser, 0, sizeof *parser);
    parser->argc = argc;
    parser->argv = argv;
    parser->index = 1;
    parser->operands = xmalloc(sizeof(char *) * (size_t)(argc + 1));
}

int parse_help_only(struct option_parser *parser, int argc, char **argv, const char *synopsis,
                    const char *text) {
    static const struct option_spec none[] = {{NULL, 0, 0}};
    int key;
    options_init(parser, argc, argv);
    while ((key = next_option(parser, none)) != OPT_END) {
        if (key == OPT_ERROR) return 1;
        if (key == OPT_HELP) return print_help(synopsis, text);
    }
    return -1;
}

static int short_option(struct option_parser *parser, const struct option_spec *specs) {
    char letter = *parser->cluster++;
    const struct option_spec *spec = specs;
    while (spec->key && spec->key != (unsigned char)letter) spec++;
    if (!spec->key) {
        warnx_("invalid option -- '%c'", letter);
        return try_help(), OPT_ERROR;
    }
    if (spec->has_arg == 2) {
        parser->arg = *parser->cluster ? parser->cluster : NULL;
        parser->cluster = NULL;
    } else if (spec->has_arg) {
        if (*parser->cluster) {
            parser->arg = parser->cluster;
        } else if (parser->index < parser->argc) {
            parser->arg = parser->argv[parser->index++];
        } else {
            warnx_("option requires an argument -- '%c'", letter);
            return try_help(), OPT_ERROR;
        }
        parser->cluster = NULL;
    }
    if (parser->cluster && !*parser->cluster) parser->cluster = NULL;
    return spec->key;
}

static int long_option(struct option_parser *parser, const struct option_spec *specs,
                       const char *word) {
    const char *name = word + 2;
    const char *equals = strchr(name, '=');
    size_t length = equals ? (size_t)(equals - name) : strlen(name);
    const struct option_spec *found = NULL;
    int matches = 0;
    if (length == 4 && strncmp(name, "help", 4) == 0 && !equals) return OPT_HELP;
    for (const struct option_spec *spec = specs; spec->key; spec++) {
        if (!spec->long_name || strncmp(spec->long_name, name, length) != 0) continue;
        if (strlen(spec->long_name) == length) {
            found = spec, matches = 1;
            break;
        }
        found = spec, matches++;
    }
    if (matches == 0 && strncmp("help", name, length) == 0 && !equals) return OPT_HELP;
    if (matches != 1) {
        warnx_(matches ? "option '%s' is ambiguous" : "unrecognized option '%s'", word);
        return try_help(), OPT_ERROR;
    }
    if (found->has_arg == 2) {
        parser->arg = equals ? equals + 1 : NULL;
    } else if (found->has_arg) {
        if (equals) {
            parser->arg = equals + 1;
        } else if (parser->index < parser->argc) {
            parser->arg = parser->argv[parser->index++];
        } else {
            warnx_("option '--%s' requires an argument", found->long_name);
            return try_help(), OPT_ERROR;
        }
    } else if (equals) {
        warnx_("option '--%s' doesn't allow an argument", found->long_name);
        return try_help(), OPT_ERROR;
    }
    return found->key;
}

int next_option(struct option_parser *parser, const struct option_spec *specs) {
    parser->arg = NULL;
    if (parser->cluster) return short_option(parser, specs);
    while (parser->index < parser->argc) {
        char *word = parser->argv[parser->index++];
        if (parser->done || word[0] != '-' || word[1] == '\0') {
            parser->operands[parser->operand_count++] = word;
            if (parser->in_order) parser->done = 1;
            continue;
        }
        if (strcmp(word, "--") == 0) {
            parser->done = 1;
            continue;
        }
        if (word[1] == '-') return long_option(parser, specs, word);
        parser->cluster = word + 1;
        return short_option(parser, specs);
    }
    parser->operands[parser->operand_count] = NULL;
    return OPT_END;
}

int write_all(int fd, const void *buffer, size_t length) {
    const char *bytes = buffer;
    while (length > 0) {
        ssize_t written = write(fd, bytes, length);
        if (written < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        bytes += written;
        length -= (size_t)written;
    }
    return 0;
}

char *path_basename(const char *path) {
    size_t end = strlen(path);
    while (end > 1 && path[end - 1] == '/') end--;
    size_t start = end;
    while (start > 0 && path[start - 1] != '/') start--;
    if (end == 1 && path[0] == '/') start = 0;
    char *result = xmalloc(end - start + 1);
    memcpy(result, path + start, end - start);
    result[end - start] = '\0';
    return result;
}

char *path_join(const char *dir, const char *name) {
    size_t length = strlen(dir);
    int slash = length > 0 && dir[length - 1] == '/';
    char *result = xmalloc(length + strlen(name) + 2);
    sprintf(result, slash ? "%s%s" : "%s/%s", dir, name);
    return result;
}

void *xmalloc(size_t size) {
    void *memory = malloc(size ? size : 1);
    if (!memory) {
        warnx_("memory exhausted");
        exit(1);
    }
    return memory;
}

int parse_count(const char *text, unsigned long long *value) {
    char *end;
    if (*text < '0' || *text > '9') return -1;
    errno = 0;
    unsigned long long number = strtoull(text, &end, 10);
    if (errno) return -1;
    static const char units[] = "kKMGTPE";
    if (*end) {
        const char *unit = strchr(units, *end);
        if (!unit) return -1;
        int power = unit == units ? 1 : (int)(unit - units);
        unsigned long long base = 1024;
        if (end[1] == 'B' && end[2] == '\0') base = 1000;
        else if (end[1] == 'i' && end[2] == 'B' && end[3] == '\0') base = 1024;
        else if (end[1] != '\0') return -1;
        for (int i = 0; i < power; i++) number *= base;
    }
    *value = number;
    return 0;
}

const char *gnu_regex_message(int code) {
    switch (code) {
    case REG_EBRACK: return "Unmatched [, [^, [:, [., or [=";
    case REG_EPAREN: return "Unmatched ( or \\(";
    case REG_EBRACE: return "Unmatched \\{";
    case REG_BADBR: return "Invalid content of \\{\\}";
    case REG_ERANGE: return "Invalid range end";
    case REG_ECTYPE: return "Invalid character class name";
    case REG_EESCAPE: return "Trailing backslash";
    case REG_ESUBREG: return "Invalid back reference";
    case REG_BADRPT: return "Invalid preceding regular expression";
    case REG_ESPACE: return "Memory exhausted";
    default: return "Invalid regular expression";
    }
}
