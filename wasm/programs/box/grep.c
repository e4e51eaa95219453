/* grep.c: grep with GNU's options people use: -E -F -G, -e and -f patterns
 * (a pattern with newlines is several), -i -v -w -x, -c -l -L -n -h -H -q
 * -s, -m NUM, -r/-R (-R follows symbolic links; directories in name order: GNU keeps readdir's order, which
 * differs between filesystems). Basic and extended regular expressions are
 * the C library's regcomp/regexec; error messages are GNU's wording, looked
 * up by the regcomp error code. Exit status: 0 a line was selected, 1 none,
 * 2 an error (0 with -q once a line is selected). A file with a NUL in its
 * first 96 KiB is binary, as GNU judges: a match there is announced, not
 * printed. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "applets.h"
#include "input.h"
#include "util.h"
#include "walk.h"

enum grep_syntax { SYNTAX_BASIC, SYNTAX_EXTENDED, SYNTAX_FIXED };

struct grep {
    enum grep_syntax syntax;
    int ignore_case, invert, word, line, count, list, list_unmatched, number, quiet;
    int no_messages, recursive, with_name; /* with_name: -1 unset, 0 -h, 1 -H */
    long max_count;                        /* -m: selected lines per file, -1 for all */
    char **patterns;
    size_t pattern_count;
    regex_t *compiled;
    int selected_any, error;
};

static void add_patterns(struct grep *grep, const char *text) {
    const char *start = text;
    for (;;) {
        const char *newline = strchr(start, '\n');
        size_t length = newline ? (size_t)(newline - start) : strlen(start);
        char *pattern = xmalloc(length + 1);
        memcpy(pattern, start, length);
        pattern[length] = '\0';
        grep->patterns = realloc(grep->patterns, (grep->pattern_count + 1) * sizeof(char *));
        grep->patterns[grep->pattern_count++] = pattern;
        if (!newline) break;
        start = newline + 1;
    }
}

/* Whether `pattern` opens a bracket expression it never closes: 1, or 2
 * when the pattern ends right after `[` or `[^` (GNU then says "Invalid
 * regular expression"). musl's regcomp reports these with codes of its own,
 * so they are found here, before regcomp, to give GNU's messages on both
 * builds. */
static int bracket_unmatched(const char *pattern) {
    for (const char *p = pattern; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            continue;
        }
        if (*p != '[') continue;
        p++;
        if (*p == '^') p++;
        if (!*p) return 2;
        if (*p == ']') p++;
        for (; *p && *p != ']'; p++) {
            if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
                const char *close = strstr(p + 2, (char[]){p[1], ']', 0});
                if (!close) return 1;
                p = close + 1;
            }
        }
        if (!*p) return 1;
    }
    return 0;
}

/* GNU's message for a regcomp failure; musl says "bad \\{\\}" where glibc
 * says the brace is unmatched, so a BRE without `\\}` is reported so. */
static const char *compile_message(const char *pattern, int extended, int code) {
    if (code == REG_BADBR && !extended && strstr(pattern, "\\{") && !strstr(pattern, "\\}"))
        return gnu_regex_message(REG_EBRACE);
    return gnu_regex_message(code);
}

static int compile(struct grep *grep) {
    if (grep->syntax == SYNTAX_FIXED) return 0;
    grep->compiled = xmalloc(grep->pattern_count * sizeof(regex_t));
    int flags = (grep->syntax == SYNTAX_EXTENDED ? REG_EXTENDED : 0) |
                (grep->ignore_case ? REG_ICASE : 0);
    for (size_t i = 0; i < grep->pattern_count; i++) {
        int unmatched = bracket_unmatched(grep->patterns[i]);
        int code = unmatched == 1   ? REG_EBRACK
                   : unmatched == 2 ? REG_BADPAT
                                    : regcomp(&grep->compiled[i], grep->patterns[i], flags);
        if (code != 0) {
            warnx_("%s", compile_message(grep->patterns[i], flags & REG_EXTENDED, code));
            return -1;
        }
    }
    return 0;
}

static int is_word_char(char c) { return isalnum((unsigned char)c) || c == '_'; }

/* Where `pattern` occurs in `text` at or after `from`: start and end. */
static int find_fixed(const struct grep *grep, const char *pattern, const char *text,
                      size_t length, size_t from, size_t *start, size_t *end) {
    size_t size = strlen(pattern);
    for (size_t at = from; at + size <= length; at++) {
        int same = grep->ignore_case ? strncasecmp(text + at, pattern, size) == 0
                                     : strncmp(text + at, pattern, size) == 0;
        if (same) return *start = at, *end = at + size, 1;
    }
    return 0;
}

static int find_regex(const regex_t *regex, const char *text, size_t from, size_t *start,
                      size_t *end) {
    regmatch_t match;
    if (regexec(regex, text + from, 1, &match, from > 0 ? REG_NOTBOL : 0) != 0) return 0;
    *start = from + (size_t)match.rm_so;
    *end = from + (size_t)match.rm_eo;
    return 1;
}

/* Whether pattern `i` matches `text` under -w and -x: -x wants a match of the
 * whole line (POSIX matching is leftmost-longest, so the first match tells),
 * -w one with no word character on either side. */
static int pattern_matches(const struct grep *grep, size_t i, const char *text, size_t length) {
    size_t from = 0, start, end;
    for (;;) {
        int found = grep->syntax == SYNTAX_FIXED
                        ? find_fixed(grep, grep->patterns[i], text, length, from, &start, &end)
                        : find_regex(&grep->compiled[i], text, from, &start, &end);
        if (!found) return 0;
        if (grep->line) return start == 0 && end == length;
        if (!grep->word) return 1;
        int before = start > 0 && is_word_char(text[start - 1]);
        int after = end < length && is_word_char(text[end]);
        if (!before && !after) return 1;
        if (start >= length) return 0;
        from = start + 1;
    }
}

/* Whether a line is selected. regexec sees C strings, so a line with NUL
 * bytes (binary data) is matched piece by piece between them, as GNU
 * treats NUL as a line end in binary files. */
static int line_selected(const struct grep *grep, const char *text, size_t length) {
    int matched = 0;
    for (const char *piece = text; !matched && piece <= text + length;) {
        size_t piece_length = strlen(piece);
        for (size_t i = 0; i < grep->pattern_count && !matched; i++)
            matched = pattern_matches(grep, i, piece, piece_length);
        piece += piece_length + 1;
    }
    return matched != grep->invert;
}

/* Lines of a file with GNU's look at its first bytes: a NUL among the first
 * GREP_PEEK bytes makes it binary. Those bytes are read ahead and handed
 * out before the rest is read line by line, so endless input streams. */
#define GREP_PEEK 98304

struct line_reader {
    FILE *file;
    char *peeked;
    size_t peeked_length, at;
    int binary;
};

static void reader_init(struct line_reader *reader, FILE *file) {
    static char buffer[GREP_PEEK];
    reader->file = file;
    reader->peeked = buffer;
    reader->peeked_length = fread(buffer, 1, sizeof buffer, file);
    reader->at = 0;
    reader->binary = memchr(buffer, '\0', reader->peeked_length) != NULL;
}

/* The next line in *line (malloc'd, newline kept), its length, or -1 at the end. */
static ssize_t reader_next(struct line_reader *reader, char **line, size_t *size) {
    if (reader->at >= reader->peeked_length) return getline(line, size, reader->file);
    const char *start = reader->peeked + reader->at;
    size_t left = reader->peeked_length - reader->at;
    const char *newline = memchr(start, '\n', left);
    size_t length = newline ? (size_t)(newline - start) + 1 : left;
    reader->at += length;
    char *rest = NULL;
    size_t rest_size = 0;
    ssize_t more = newline ? 0 : getline(&rest, &rest_size, reader->file);
    size_t total = length + (more > 0 ? (size_t)more : 0);
    if (*size < total + 1) {
        *line = realloc(*line, total + 1);
        *size = total + 1;
    }
    memcpy(*line, start, length);
    if (more > 0) memcpy(*line + length, rest, (size_t)more);
    (*line)[total] = '\0';
    free(rest);
    return (ssize_t)total;
}

/* Searches one open file; `name` is what output shows. A binary file's
 * first selected line is not printed: GNU's notice goes to stderr instead,
 * and the file ends there. */
static void search_file(struct grep *grep, FILE *file, const char *name) {
    char *line = NULL;
    size_t size = 0, count = 0, number = 0;
    ssize_t got;
    struct line_reader reader;
    reader_init(&reader, file);
    while ((got = reader_next(&reader, &line, &size)) >= 0) {
        size_t length = (size_t)got;
        int newline = length > 0 && line[length - 1] == '\n';
        if (newline) line[--length] = '\0';
        number++;
        if (grep->max_count >= 0 && count >= (size_t)grep->max_count) break;
        if (!line_selected(grep, line, length)) continue;
        count++;
        grep->selected_any = 1;
        if (grep->quiet) exit(0);
        if (grep->list || grep->list_unmatched) break;
        if (grep->count) continue;
        if (reader.binary) {
            fflush(stdout);
            fprintf(stderr, "%s: %s: binary file matches\n", applet_name, name);
            break;
        }
        if (grep->with_name == 1) printf("%s:", name);
        if (grep->number) printf("%zu:", number);
        fwrite(line, 1, length, stdout);
        putchar('\n');
    }
    free(line);
    if (ferror(file)) warn_errno(errno, "%s", name), grep->error = 1;
    if (grep->count) {
        if (grep->with_name == 1) printf("%s:", name);
        printf("%zu\n", count);
    }
    if (grep->list && count) printf("%s\n", name);
    if (grep->list_unmatched && !count) printf("%s\n", name);
}

static void search_path(struct grep *grep, const char *path, int top);

static void search_directory(struct grep *grep, const char *path) {
    DIR *dir = opendir(path);
    if (!dir) {
        if (!grep->no_messages) warn_errno(errno, "%s", path);
        grep->error = 1;
        return;
    }
    size_t count;
    char **names = read_names(dir, &count);
    sort_names(names, count);
    for (size_t i = 0; i < count; i++) {
        char *child = strcmp(path, ".") == 0 ? names[i] : path_join(path, names[i]);
        search_path(grep, child, 0);
    }
}

/* One operand (top) or a file found by -r: directories are searched with -r,
 * else reported as GNU does; symbolic links below the top are followed by -R
 * only. */
static void search_path(struct grep *grep, const char *path, int top) {
    struct stat st;
    int follow = top || grep->recursive == 2;
    int status = follow ? stat(path, &st) : lstat(path, &st);
    if (status == 0 && S_ISLNK(st.st_mode)) return;
    if (status == 0 && S_ISDIR(st.st_mode)) {
        if (grep->recursive) return search_directory(grep, path);
        if (!grep->no_messages) warnx_("%s: Is a directory", path);
        grep->error = 1;
        return;
    }
    FILE *file = fopen(path, "r");
    if (!file) {
        if (!grep->no_messages) warn_errno(errno, "%s", path);
        grep->error = 1;
        return;
    }
    search_file(grep, file, path);
    fclose(file);
}

static int read_pattern_file(struct grep *grep, const char *name) {
    FILE *file = open_input(name);
    if (!file) return -1;
    struct lines lines = {0};
    read_lines(file, &lines);
    close_input(file);
    for (size_t i = 0; i < lines.count; i++) add_patterns(grep, lines.text[i]);
    return 0;
}

static int grep_help(void) {
    return print_help("[OPTION]... PATTERNS [FILE]...",
                      "Search for PATTERNS in each FILE.\n\n"
                      "  -E, -F, -G     extended, fixed-string, basic (default) patterns\n"
                      "  -e PATTERNS    use PATTERNS;   -f FILE  take PATTERNS from FILE\n"
                      "  -i  ignore case   -v  select non-matching lines\n"
                      "  -w  whole words   -x  whole lines\n"
                      "  -c  count   -l/-L  list files with/without matches   -n  line numbers\n"
                      "  -h/-H  without/with file names   -q  quiet   -s  no file messages\n"
                      "  -m NUM         stop after NUM selected lines\n"
                      "  -r, -R         search directories recursively\n");
}

int grep_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"extended-regexp", 'E', 0}, {"fixed-strings", 'F', 0}, {"basic-regexp", 'G', 0},
        {"regexp", 'e', 1},          {"file", 'f', 1},          {"ignore-case", 'i', 0},
        {"invert-match", 'v', 0},    {"word-regexp", 'w', 0},   {"line-regexp", 'x', 0},
        {"count", 'c', 0},           {"files-with-matches", 'l', 0},
        {"files-without-match", 'L', 0}, {"line-number", 'n', 0}, {"no-filename", 'h', 0},
        {"with-filename", 'H', 0},   {"quiet", 'q', 0},         {"silent", 'q', 0},
        {"no-messages", 's', 0},     {"recursive", 'r', 0},     {"dereference-recursive", 'R', 0},
        {"max-count", 'm', 1},       {NULL, 'y', 0},            {NULL, 0, 0}};
    struct grep grep = {.with_name = -1, .max_count = -1};
    struct option_parser parser;
    int key, have_patterns = 0;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 2;
        case OPT_HELP: return grep_help();
        case 'E': grep.syntax = SYNTAX_EXTENDED; break;
        case 'F': grep.syntax = SYNTAX_FIXED; break;
        case 'G': grep.syntax = SYNTAX_BASIC; break;
        case 'e': add_patterns(&grep, parser.arg), have_patterns = 1; break;
        case 'f':
            if (read_pattern_file(&grep, parser.arg) != 0) return 2;
            have_patterns = 1;
            break;
        case 'i': case 'y': grep.ignore_case = 1; break;
        case 'v': grep.invert = 1; break;
        case 'w': grep.word = 1; break;
        case 'x': grep.line = 1; break;
        case 'c': grep.count = 1; break;
        case 'l': grep.list = 1, grep.list_unmatched = 0; break;
        case 'L': grep.list_unmatched = 1, grep.list = 0; break;
        case 'n': grep.number = 1; break;
        case 'h': grep.with_name = 0; break;
        case 'H': grep.with_name = 1; break;
        case 'q': grep.quiet = 1; break;
        case 's': grep.no_messages = 1; break;
        case 'm': {
            char *end;
            grep.max_count = strtol(parser.arg, &end, 10);
            if (*end || end == parser.arg) return warnx_("invalid max count"), 2;
            break;
        }
        case 'r': grep.recursive = 1; break;
        case 'R': grep.recursive = 2; break;
        }
    }
    char **operands = parser.operands;
    int count = parser.operand_count;
    if (!have_patterns) {
        if (count == 0) {
            fprintf(stderr, "Usage: %s [OPTION]... PATTERNS [FILE]...\n", applet_name);
            return try_help(), 2;
        }
        add_patterns(&grep, operands[0]);
        operands++, count--;
    }
    if (compile(&grep) != 0) return 2;
    if (grep.with_name == -1) grep.with_name = count > 1 || grep.recursive;
    if (count == 0 && grep.recursive) {
        search_directory(&grep, ".");
    } else if (count == 0) {
        search_file(&grep, stdin, "(standard input)");
    }
    for (int i = 0; i < count; i++) {
        if (strcmp(operands[i], "-") == 0) search_file(&grep, stdin, "(standard input)");
        else search_path(&grep, operands[i], 1);
    }
    if (grep.error && !(grep.quiet && grep.selected_any)) return 2;
    return grep.selected_any ? 0 : 1;
}
