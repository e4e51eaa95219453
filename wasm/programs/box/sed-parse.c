/* sed-parse.c: compiles a sed script (every -e and -f piece, joined by
 * newlines as GNU sed joins them) into commands. Errors are worded and
 * located as GNU sed does: `-e expression #N, char M: ...` where M counts
 * the characters read so far, or `file F line L: ...` for -f. */
#include <ctype.h>
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sed.h"
#include "util.h"

struct parser {
    const struct sed_source *sources;
    int source_count;
    int source;      /* current piece */
    const char *p;   /* next character of the piece */
    int failed;
    int block_depth;
    int *blocks;     /* indexes of open { commands */
    int extended;
};

static int error_at(struct parser *parser, const char *message) {
    const struct sed_source *source = &parser->sources[parser->source];
    if (source->file) {
        int line = 1;
        for (const char *q = source->text; q < parser->p && *q; q++)
            if (*q == '\n' && q + 1 < parser->p) line++;
        warnx_("file %s line %d: %s", source->file, line, message);
    } else {
        int number = 0;
        for (int i = 0; i <= parser->source; i++)
            if (!parser->sources[i].file) number++;
        warnx_("-e expression #%d, char %d: %s", number, (int)(parser->p - source->text),
               message);
    }
    parser->failed = 1;
    return -1;
}

/* The next character, crossing from one -e piece to the next as a newline
 * (so `-e 'a\' -e 'text'` works); 0 at the very end. */
static int peek(struct parser *parser) {
    if (*parser->p) return (unsigned char)*parser->p;
    return parser->source + 1 < parser->source_count ? '\n' : 0;
}

static int next_char(struct parser *parser) {
    if (*parser->p) return (unsigned char)*parser->p++;
    if (parser->source + 1 < parser->source_count) {
        parser->source++;
        parser->p = parser->sources[parser->source].text;
        return '\n';
    }
    return 0;
}

static void skip_blanks(struct parser *parser) {
    while (peek(parser) == ' ' || peek(parser) == '\t') next_char(parser);
}

/* GNU sed's words where they are its own, else glibc's. */
static const char *regex_error_text(int code) {
    if (code == REG_EBRACK) return "unterminated address regex";
    if (code == REG_ESUBREG) return "Invalid reference \\1 on `s' command's RHS";
    return gnu_regex_message(code);
}

/* Reads up to the unescaped `delimiter`: `\delimiter` becomes the
 * delimiter itself, `\n` a newline, other escapes stay for regcomp (or the
 * replacement). Returns a new string, or NULL at the end of the script. */
static char *read_delimited(struct parser *parser, int delimiter, int is_regex) {
    size_t length = 0, size = 64;
    char *text = xmalloc(size);
    int bracket = 0;
    for (;;) {
        int c = next_char(parser);
        if (c == 0 || (c == '\n' && is_regex && !bracket)) return free(text), NULL;
        if (length + 3 > size) text = realloc(text, size *= 2);
        if (c == delimiter && !bracket) break;
        if (c == '\\') {
            int d = next_char(parser);
            if (d == 0) return free(text), NULL;
            if (d == delimiter) text[length++] = (char)d;
            else if (d == 'n' && is_regex) text[length++] = '\n';
            else if (d == 't' && is_regex) text[length++] = '\t';
            else if (d == '\n' && !is_regex) text[length++] = '\n';
            else text[length++] = '\\', text[length++] = (char)d;
            continue;
        }
        /* Inside [...] the delimiter is an ordinary character (POSIX). */
        if (is_regex && c == '[' && !bracket) {
            bracket = 1;
            text[length++] = (char)c;
            if (peek(parser) == '^') text[length++] = (char)next_char(parser);
            if (peek(parser) == ']') text[length++] = (char)next_char(parser);
            continue;
        }
        if (bracket && c == '[' && (peek(parser) == ':' || peek(parser) == '.' ||
                                    peek(parser) == '=')) {
            int kind = next_char(parser);
            text[length++] = '[', text[length++] = (char)kind;
            int previous = 0;
            for (;;) {
                int e = next_char(parser);
                if (e == 0) return free(text), NULL;
                if (length + 3 > size) text = realloc(text, size *= 2);
                text[length++] = (char)e;
                if (e == ']' && previous == kind) break;
                previous = e;
            }
            continue;
        }
        if (bracket && c == ']') bracket = 0;
        text[length++] = (char)c;
    }
    text[length] = '\0';
    return text;
}

static regex_t *compile_regex(struct parser *parser, const char *pattern, int flags) {
    if (*pattern == '\0') return NULL; /* the last regex used */
    regex_t *regex = xmalloc(sizeof *regex);
    int code = regcomp(regex, pattern, flags | (parser->extended ? REG_EXTENDED : 0));
    if (code != 0) {
        error_at(parser, regex_error_text(code));
        free(regex);
        return NULL;
    }
    return regex;
}

static long read_number(struct parser *parser) {
    long value = 0;
    while (isdigit(peek(parser))) value = value * 10 + (next_char(parser) - '0');
    return value;
}

/* One address; returns 1 when there was one, 0 when not, -1 on error. */
static int parse_address(struct parser *parser, struct sed_address *address, int second) {
    int c = peek(parser);
    if (isdigit(c)) {
        address->kind = ADDRESS_LINE;
        address->line = read_number(parser);
        if (!second && peek(parser) == '~') {
            next_char(parser);
            address->kind = ADDRESS_STEP;
            address->step = read_number(parser);
        }
        return 1;
    }
    if (second && (c == '+' || c == '~')) {
        next_char(parser);
        if (!isdigit(peek(parser))) return error_at(parser, "expected newer version of sed");
        address->kind = c == '+' ? ADDRESS_PLUS : ADDRESS_MULT;
        address->line = read_number(parser);
        return 1;
    }
    if (c == '$') {
        next_char(parser);
        address->kind = ADDRESS_LAST;
        return 1;
    }
    if (c == '/' || c == '\\') {
        next_char(parser);
        int delimiter = c == '/' ? '/' : next_char(parser);
        char *pattern = read_delimited(parser, delimiter, 1);
        if (!pattern) return error_at(parser, "unterminated address regex");
        int flags = 0;
        while (peek(parser) == 'I' || peek(parser) == 'M') {
            if (next_char(parser) == 'I') flags |= REG_ICASE;
            else flags |= REG_NEWLINE;
        }
        address->kind = ADDRESS_REGEX;
        address->regex = compile_regex(parser, pattern, flags);
        free(pattern);
        return parser->failed ? -1 : 1;
    }
    return 0;
}

/* Text of a, i, c: GNU's one-liner form (`a text`) or POSIX's (`a\` then
 * lines, each but the last ending in a backslash). */
static int parse_text(struct parser *parser, struct sed_command *command) {
    skip_blanks(parser);
    if (peek(parser) == 0) return error_at(parser, "expected \\ after `a', `c' or `i'");
    if (peek(parser) == '\\') {
        next_char(parser);
        if (peek(parser) == '\n') next_char(parser);
    }
    size_t length = 0, size = 64;
    char *text = xmalloc(size);
    int c;
    for (;;) {
        c = next_char(parser);
        if (c == 0 || c == '\n') break;
        if (length + 2 > size) text = realloc(text, size *= 2);
        if (c == '\\') {
            c = next_char(parser);
            if (c == 0) break;
        }
        text[length++] = (char)c;
    }
    if (length > 0 || c != 0) text[length++] = '\n'; /* `a\` at the very end adds nothing */
    command->text = text;
    command->text_length = length;
    return 0;
}

/* A label or a file name: the rest of the line (labels also end at `;`). */
static char *read_word(struct parser *parser, int stop_at_semicolon) {
    skip_blanks(parser);
    size_t length = 0, size = 32;
    char *word = xmalloc(size);
    while (peek(parser) && peek(parser) != '\n' && !(stop_at_semicolon && peek(parser) == ';')) {
        if (length + 2 > size) word = realloc(word, size *= 2);
        word[length++] = (char)next_char(parser);
    }
    while (stop_at_semicolon && length > 0 && (word[length - 1] == ' ' || word[length - 1] == '\t'))
        length--;
    word[length] = '\0';
    return word;
}

static FILE *open_output(const char *name) {
    if (strcmp(name, "/dev/stdout") == 0) return stdout;
    if (strcmp(name, "/dev/stderr") == 0) return stderr;
    FILE *file = fopen(name, "w");
    if (!file) {
        warn_errno(errno, "couldn't open file %s", name);
        exit(4);
    }
    return file;
}

static int parse_substitute(struct parser *parser, struct sed_command *command) {
    int delimiter = next_char(parser);
    if (delimiter == 0 || delimiter == '\n' || delimiter == '\\')
        return error_at(parser, "unterminated `s' command");
    char *pattern = read_delimited(parser, delimiter, 1);
    if (!pattern) return error_at(parser, "unterminated `s' command");
    char *replacement = read_delimited(parser, delimiter, 0);
    if (!replacement) return free(pattern), error_at(parser, "unterminated `s' command");
    command->replacement = replacement;
    int flags = 0;
    for (;;) {
        int c = peek(parser);
        if (c == 'g') {
            next_char(parser);
            if (command->global) return error_at(parser, "multiple `g' options to `s' command");
            command->global = 1;
        } else if (c == 'p') {
            next_char(parser);
            if (command->print) return error_at(parser, "multiple `p' options to `s' command");
            command->print = 1;
        } else if (c == 'i' || c == 'I') {
            next_char(parser);
            flags |= REG_ICASE;
        } else if (c == 'm' || c == 'M') {
            next_char(parser);
            flags |= REG_NEWLINE;
        } else if (isdigit(c)) {
            if (command->occurrence)
                return next_char(parser), error_at(parser, "multiple number options to `s' command");
            long n = read_number(parser);
            if (n == 0) return error_at(parser, "number option to `s' command may not be zero");
            command->occurrence = (int)n;
        } else if (c == 'w') {
            next_char(parser);
            char *name = read_word(parser, 0);
            if (!*name) return error_at(parser, "missing filename in r/R/w/W commands");
            command->file = open_output(name);
            break;
        } else if (c == 'e') {
            next_char(parser);
            return error_at(parser, "unknown option to `s'");
        } else if (c == 0 || c == '\n' || c == ';' || c == '}' || c == '#' || c == ' ' ||
                   c == '\t') {
            break;
        } else {
            next_char(parser);
            return error_at(parser, "unknown option to `s'");
        }
    }
    command->ignore_case = (flags & REG_ICASE) != 0;
    command->regex = compile_regex(parser, pattern, flags);
    free(pattern);
    if (parser->failed) return -1;
    /* \N beyond the regex's groups is an error, as in GNU sed. */
    for (const char *r = replacement; *r; r++) {
        if (*r != '\\' || !r[1]) continue;
        r++;
        if (*r >= '1' && *r <= '9' && command->regex &&
            (size_t)(*r - '0') > command->regex->re_nsub) {
            char message[64];
            snprintf(message, sizeof message, "invalid reference \\%c on `s' command's RHS", *r);
            return error_at(parser, message);
        }
    }
    return 0;
}

static int parse_transliterate(struct parser *parser, struct sed_command *command) {
    int delimiter = next_char(parser);
    char *from = delimiter ? read_delimited(parser, delimiter, 1) : NULL;
    char *to = from ? read_delimited(parser, delimiter, 1) : NULL;
    if (!to) return free(from), error_at(parser, "unterminated `y' command");
    for (int i = 0; i < 256; i++) command->map[i] = (unsigned char)i;
    /* Unescape \\ (the delimiter and \n were done by read_delimited). */
    char *sides[2] = {from, to};
    for (int s = 0; s < 2; s++) {
        char *w = sides[s];
        for (char *r = sides[s]; *r; r++) {
            if (*r == '\\' && r[1] == '\\') r++;
            *w++ = *r;
        }
        *w = '\0';
    }
    if (strlen(from) != strlen(to)) {
        free(from), free(to);
        return error_at(parser, "strings for `y' command are different lengths");
    }
    for (size_t i = 0; from[i]; i++) command->map[(unsigned char)from[i]] = (unsigned char)to[i];
    free(from), free(to);
    return 0;
}

static struct sed_command *new_command(struct sed_script *script) {
    if (script->count == script->capacity) {
        script->capacity = script->capacity ? script->capacity * 2 : 16;
        script->commands = realloc(script->commands, (size_t)script->capacity * sizeof(struct sed_command));
    }
    struct sed_command *command = &script->commands[script->count++];
    memset(command, 0, sizeof *command);
    command->number = -1;
    command->jump = -1;
    return command;
}

/* After a command: blanks, then `;`, a newline, `}`, `#` or the end. */
static int end_of_command(struct parser *parser) {
    skip_blanks(parser);
    int c = peek(parser);
    if (c == ';' || c == '\n') return next_char(parser), 0;
    if (c == 0 || c == '}' || c == '#') return 0;
    next_char(parser);
    return error_at(parser, "extra characters after command");
}

static int parse_command(struct parser *parser, struct sed_script *script) {
    struct sed_command *command = new_command(script);
    int index = script->count - 1;
    int got = parse_address(parser, &command->first, 0);
    if (got < 0) return -1;
    if (got && peek(parser) == ',') {
        next_char(parser);
        skip_blanks(parser);
        int second = parse_address(parser, &command->second, 1);
        if (second < 0) return -1;
        if (second == 0) return next_char(parser), error_at(parser, "unexpected `,'");
    }
    skip_blanks(parser);
    while (peek(parser) == '!') {
        next_char(parser);
        if (command->negate) return error_at(parser, "multiple `!'s");
        command->negate = 1;
        skip_blanks(parser);
    }
    int name = next_char(parser);
    command->name = (char)name;
    int zero = command->first.kind == ADDRESS_LINE && command->first.line == 0;
    if (zero && (command->second.kind != ADDRESS_REGEX || name == 0))
        return error_at(parser, "invalid usage of line address 0");
    int addresses = command->second.kind != ADDRESS_NONE ? 2 : command->first.kind != ADDRESS_NONE;
    switch (name) {
    case 0: return error_at(parser, "missing command");
    case '{':
        parser->blocks = realloc(parser->blocks, (size_t)(parser->block_depth + 1) * sizeof(int));
        parser->blocks[parser->block_depth++] = index;
        return 0;
    case '}':
        if (addresses) return error_at(parser, "} doesn't want any addresses");
        if (parser->block_depth == 0) return error_at(parser, "unexpected `}'");
        script->commands[parser->blocks[--parser->block_depth]].jump = index + 1;
        return end_of_command(parser);
    case '=': case 'd': case 'D': case 'g': case 'G': case 'h': case 'H': case 'n': case 'N':
    case 'p': case 'P': case 'x': case 'z': case 'F':
        return end_of_command(parser);
    case '#':
        if (addresses) return error_at(parser, "comments don't accept any addresses");
        while (peek(parser) && peek(parser) != '\n') next_char(parser);
        return 0;
    case 'l': case 'q': case 'Q': case 'L':
        if ((name == 'q' || name == 'Q') && addresses > 1)
            return error_at(parser, "command only uses one address");
        skip_blanks(parser);
        if (isdigit(peek(parser))) command->number = (int)read_number(parser);
        return end_of_command(parser);
    case 'a': case 'i': case 'c':
        return parse_text(parser, command);
    case ':': {
        if (addresses) return error_at(parser, ": doesn't want any addresses");
        command->text = read_word(parser, 1);
        if (!*command->text) return error_at(parser, "\":\" lacks a label");
        if (peek(parser) == ';') next_char(parser);
        return 0;
    }
    case 'b': case 't': case 'T':
        command->text = read_word(parser, 1);
        if (peek(parser) == ';') next_char(parser);
        return 0;
    case 'r': case 'R': case 'w': case 'W':
        command->text = read_word(parser, 0);
        if (!*command->text) return error_at(parser, "missing filename in r/R/w/W commands");
        if (name == 'w' || name == 'W') command->file = open_output(command->text);
        return 0;
    case 's':
        if (parse_substitute(parser, command) != 0) return -1;
        return end_of_command(parser);
    case 'y':
        if (parse_transliterate(parser, command) != 0) return -1;
        return end_of_command(parser);
    default: {
        char message[64];
        snprintf(message, sizeof message, "unknown command: `%c'", name);
        return error_at(parser, message);
    }
    }
}

/* Points each b, t and T at its label's command (or past the end). */
static int resolve_labels(struct sed_script *script) {
    for (int i = 0; i < script->count; i++) {
        struct sed_command *command = &script->commands[i];
        if (command->name != 'b' && command->name != 't' && command->name != 'T') continue;
        command->jump = script->count;
        if (!*command->text) continue;
        int found = 0;
        for (int j = 0; j < script->count && !found; j++)
            if (script->commands[j].name == ':' &&
                strcmp(script->commands[j].text, command->text) == 0)
                command->jump = j, found = 1;
        if (!found) {
            warnx_("can't find label for jump to `%s'", command->text);
            return -4; /* GNU sed exits 4 here, as for its other panics */
        }
    }
    return 0;
}

int sed_compile(struct sed_script *script, const struct sed_source *sources, int count) {
    struct parser parser = {sources, count, 0, sources[0].text, 0, 0, NULL, script->extended};
    for (;;) {
        while (peek(&parser) == ' ' || peek(&parser) == '\t' || peek(&parser) == '\n' ||
               peek(&parser) == ';')
            next_char(&parser);
        if (peek(&parser) == 0) break;
        if (parse_command(&parser, script) != 0) return -1;
    }
    if (parser.block_depth > 0) {
        parser.p = parser.sources[parser.source].text;
        return error_at(&parser, "unmatched `{'");
    }
    free(parser.blocks);
    return resolve_labels(script);
}
