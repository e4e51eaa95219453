/* xargs.c: xargs [OPTION]... [COMMAND [INITIAL-ARGS]...]: builds command
 * lines from standard input and runs them, as GNU findutils: items are
 * blank-separated with quotes and backslashes (or NUL-separated with -0,
 * DELIM-separated with -d); -n MAX items per command, -L MAX lines, -I
 * REPLACE one line per command with REPLACE substituted, -r nothing run for
 * no input, -t each command echoed to stderr, -P accepted (commands run one
 * at a time). Status 123 when a command failed, 124 on status 255, 125 on
 * a signal, 126/127 when the command cannot run. */
#include "bocal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "command.h"
#include "util.h"

/* Bytes of arguments per command line (GNU's default -s is 128 KiB). */
#define MAX_CHARS (128 * 1024)

struct settings {
    int max_args, max_lines, verbose, no_empty, nul, exit_on_size;
    int delimiter; /* -1: blanks and quotes */
    const char *replace;
    char **command;
    int command_count;
};

struct items {
    char **words;
    int count, capacity;
    size_t bytes;
    int lines;
};

static int status;

static void push(struct items *items, const char *text, size_t length) {
    if (items->count == items->capacity) {
        items->capacity = items->capacity ? items->capacity * 2 : 32;
        items->words = realloc(items->words, sizeof(char *) * (size_t)items->capacity);
        if (!items->words) warnx_("memory exhausted"), exit(1);
    }
    char *word = xmalloc(length + 1);
    memcpy(word, text, length);
    word[length] = '\0';
    items->words[items->count++] = word;
    items->bytes += length + 1;
}

/* Runs one command line; returns 0 to go on, or the status to stop with. */
static int run(const struct settings *s, char **args, int count) {
    char **argv = xmalloc(sizeof(char *) * (size_t)(s->command_count + count + 1));
    int n = 0;
    for (int i = 0; i < s->command_count; i++) argv[n++] = s->command[i];
    for (int i = 0; i < count; i++) argv[n++] = args[i];
    argv[n] = NULL;
    if (s->verbose) {
        fflush(stdout);
        for (int i = 0; i < n; i++) fprintf(stderr, "%s%s", i ? " " : "", argv[i]);
        fputc('\n', stderr);
    }
    int wait_status = command_run(argv);
    int result = 0;
    if (wait_status < 0) {
        int error = errno;
        warn_errno(error, "%s", argv[0]);
        result = error == ENOENT ? 127 : 126;
    } else if (WIFSIGNALED(wait_status)) {
        warnx_("%s: terminated by signal %d", argv[0], WTERMSIG(wait_status));
        result = 125;
    } else if (WEXITSTATUS(wait_status) == 255) {
        warnx_("%s: exited with status 255; aborting", argv[0]);
        result = 124;
    } else if (WEXITSTATUS(wait_status) != 0) {
        status = 123;
    }
    free(argv);
    return result;
}

/* Replaces REPLACE in each initial argument with `line`, and runs. */
static int run_replacing(const struct settings *s, const char *line) {
    char **argv = xmalloc(sizeof(char *) * (size_t)(s->command_count + 1));
    size_t rlen = strlen(s->replace);
    for (int i = 0; i < s->command_count; i++) {
        const char *word = s->command[i];
        size_t count = 0;
        for (const char *p = word; rlen && (p = strstr(p, s->replace)); p += rlen) count++;
        char *out = xmalloc(strlen(word) + count * strlen(line) + 1), *o = out;
        for (const char *p = word; *p;) {
            if (rlen && strncmp(p, s->replace, rlen) == 0) {
                o = stpcpy(o, line);
                p += rlen;
            } else {
                *o++ = *p++;
            }
        }
        *o = '\0';
        argv[i] = out;
    }
    struct settings bare = *s;
    bare.command = argv;
    bare.command_count = 0;
    bare.command_count = s->command_count;
    /* run() appends nothing: the whole line is the command. */
    int result;
    {
        struct settings plain = bare;
        result = run(&plain, NULL, 0);
    }
    for (int i = 0; i < s->command_count; i++) free(argv[i]);
    free(argv);
    return result;
}

/* Reads all of standard input. */
static char *read_input(size_t *length) {
    size_t capacity = 65536;
    char *data = xmalloc(capacity);
    *length = 0;
    for (;;) {
        if (*length == capacity) {
            capacity *= 2;
            data = realloc(data, capacity);
            if (!data) warnx_("memory exhausted"), exit(1);
        }
        ssize_t got = read(0, data + *length, capacity - *length);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            warn_errno(errno, "read error");
            exit(1);
        }
        if (got == 0) break;
        *length += (size_t)got;
    }
    return data;
}

/* Splits blank-separated input with GNU xargs' quoting. Returns 0, or the
 * quote character left unmatched (the items before it are kept). Each item
 * records whether a newline ended it, for -L (a line ending in a blank
 * goes on on the next, as GNU's). */
static int split_quoted(const char *data, size_t length, struct items *items, char *line_end) {
    char *word = xmalloc(length + 1);
    size_t w = 0;
    int in_word = 0;
    for (size_t i = 0; i < length; i++) {
        char c = data[i];
        if (c == '\'' || c == '"') {
            char quote = c;
            in_word = 1;
            for (i++; i < length && data[i] != quote; i++) {
                if (data[i] == '\n') break;
                word[w++] = data[i];
            }
            if (i >= length || data[i] != quote) {
                free(word);
                return quote;
            }
        } else if (c == '\\' && i + 1 < length) {
            word[w++] = data[++i];
            in_word = 1;
        } else if (c == ' ' || c == '\t' || c == '\n') {
            int continued = i > 0 && (data[i - 1] == ' ' || data[i - 1] == '\t');
            if (in_word) {
                push(items, word, w);
                line_end[items->count - 1] = (char)(c == '\n');
            } else if (c == '\n' && items->count > 0 && !continued) {
                line_end[items->count - 1] = 1;
            }
            w = 0, in_word = 0;
        } else {
            word[w++] = c;
            in_word = 1;
        }
    }
    if (in_word) {
        push(items, word, w);
        line_end[items->count - 1] = 1;
    }
    free(word);
    return 0;
}

static int parse_number(const char *text, char option, int *value) {
    char *end;
    long number = strtol(text, &end, 10);
    if (!*text || *end) {
        warnx_("invalid number \"%s\" for -%c option", text, option);
        return try_help(), -1;
    }
    if (number < 1) {
        warnx_("value %s for -%c option should be >= 1", text, option);
        return try_help(), -1;
    }
    *value = number > 0x7fffffff ? 0x7fffffff : (int)number;
    return 0;
}

static int delimiter_of(const char *text) {
    if (text[0] != '\\' || text[1] == '\0') {
        if (text[1] != '\0') {
            warnx_("Invalid input delimiter specification %s: the delimiter must be either a "
                   "single character or an escape sequence starting with \\.",
                   text);
            return -2;
        }
        return (unsigned char)text[0];
    }
    switch (text[1]) {
    case 'n': return '\n';
    case 't': return '\t';
    case '0': return '\0';
    case '\\': return '\\';
    case 'a': return '\a';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'r': return '\r';
    case 'v': return '\v';
    default: return (unsigned char)text[1];
    }
}

static const char help[] =
    "Run COMMAND with arguments INITIAL-ARGS and more arguments read from input.\n\n"
    "  -0, --null                   items are separated by a null, not whitespace\n"
    "  -d, --delimiter=CHARACTER    items in input stream are separated by CHARACTER\n"
    "  -I R                         same as --replace=R\n"
    "  -i, --replace[=R]            replace R in INITIAL-ARGS with names read from\n"
    "                                 standard input, split at newlines\n"
    "  -L, --max-lines=MAX-LINES    use at most MAX-LINES non-blank input lines per\n"
    "                                 command line\n"
    "  -n, --max-args=MAX-ARGS      use at most MAX-ARGS arguments per command line\n"
    "  -P, --max-procs=MAX-PROCS    accepted; commands run one at a time\n"
    "  -r, --no-run-if-empty        if there are no arguments, then do not run COMMAND\n"
    "  -t, --verbose                print commands before executing them\n"
    "  -x, --exit                   exit if the size is exceeded\n"
    "      --help                   display this help and exit\n";

int xargs_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"null", '0', 0},       {"delimiter", 'd', 1},     {NULL, 'I', 1},
        {"replace", 'i', 2},    {"max-lines", 'L', 1},     {"max-args", 'n', 1},
        {"max-procs", 'P', 1},  {"no-run-if-empty", 'r', 0}, {"verbose", 't', 0},
        {"exit", 'x', 0},       {NULL, 0, 0}};
    struct settings s = {.delimiter = -1};
    struct option_parser parser;
    int key;
    options_init(&parser, argc, argv);
    parser.in_order = 1; /* the command's own options are its words */
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case '0': s.nul = 1, s.delimiter = 0; break;
        case 'd':
            s.delimiter = delimiter_of(parser.arg);
            if (s.delimiter == -2) return 1;
            break;
        case 'I': s.replace = parser.arg, s.max_lines = 1; break;
        case 'i': s.replace = parser.arg ? parser.arg : "{}", s.max_lines = 1; break;
        case 'L':
            if (parse_number(parser.arg, 'L', &s.max_lines) < 0) return 1;
            break;
        case 'n':
            if (parse_number(parser.arg, 'n', &s.max_args) < 0) return 1;
            break;
        case 'P': {
            char *end;
            long procs = strtol(parser.arg, &end, 10);
            if (!*parser.arg || *end || procs < 0) {
                warnx_("invalid number \"%s\" for -P option", parser.arg);
                return try_help(), 1;
            }
            break;
        }
        case 'r': s.no_empty = 1; break;
        case 't': s.verbose = 1; break;
        case 'x': s.exit_on_size = 1; break;
        case OPT_HELP: return print_help("[OPTION]... COMMAND [INITIAL-ARGS]...", help);
        default: return 1;
        }
    }
    static char *echo[] = {"echo", NULL};
    if (parser.operand_count > 0) {
        s.command = parser.operands;
        s.command_count = parser.operand_count;
    } else {
        s.command = echo;
        s.command_count = 1;
    }
    size_t length;
    char *data = read_input(&length);
    struct items items = {0};
    char *line_end = xmalloc(length + 2);
    int bad_quote = 0;
    if (s.replace || s.delimiter >= 0) {
        int delimiter = s.delimiter >= 0 ? s.delimiter : '\n';
        size_t start = 0;
        for (size_t i = 0; i <= length; i++) {
            if (i < length && data[i] != delimiter) continue;
            if (i == length && i == start) break;
            const char *text = data + start;
            size_t n = i - start;
            if (s.replace && s.delimiter < 0) {
                /* -I: blanks at the start of a line are dropped; blank lines skipped. */
                while (n > 0 && (*text == ' ' || *text == '\t')) text++, n--;
                if (n == 0) {
                    start = i + 1;
                    continue;
                }
            }
            push(&items, text, n);
            line_end[items.count - 1] = 1;
            start = i + 1;
        }
    } else {
        bad_quote = split_quoted(data, length, &items, line_end);
    }
    if (items.count == 0 && !s.no_empty && !bad_quote && !s.replace) {
        int result = run(&s, NULL, 0);
        return result ? result : status;
    }
    int index = 0;
    while (index < items.count) {
        if (s.replace) {
            int result = run_replacing(&s, items.words[index++]);
            if (result) return result;
            continue;
        }
        int count = 0, lines = 0;
        size_t bytes = 0;
        while (index + count < items.count) {
            if (s.max_args && count >= s.max_args) break;
            if (s.max_lines && lines >= s.max_lines) break;
            size_t size = strlen(items.words[index + count]) + 1;
            if (count > 0 && bytes + size > MAX_CHARS) break;
            bytes += size;
            if (line_end[index + count]) lines++;
            count++;
        }
        int result = run(&s, items.words + index, count);
        if (result) return result;
        index += count;
    }
    if (bad_quote) {
        /* GNU reports it when reading reaches it, after the commands before. */
        warnx_("unmatched %s quote; by default quotes are special to xargs unless you use "
               "the -0 option",
               bad_quote == '\'' ? "single" : "double");
        return 1;
    }
    return status;
}
