/* sed.c: the stream editor, POSIX sed with GNU's common extensions: -n -e
 * -f -i[SUFFIX] -E/-r -s -l N, the commands { } = a b c d D g G h H i l n N
 * p P q Q r R s t T w W x y z F : and #, addresses N, $, /RE/ (I, M),
 * \cREc, FIRST~STEP, ranges with ,N ,/RE/ ,+N ,~N and 0,/RE/, and s///
 * with g p N i m w and \L \U \l \u \E in the replacement. Exit status: 0,
 * 1 for a bad script or option, 2 when an input file could not be read,
 * 4 for an I/O error, or q's and Q's. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "applets.h"
#include "sed.h"
#include "util.h"

/* A growing byte string (pattern and hold space). */
struct buffer {
    char *data;
    size_t length, size;
};

static void reserve(struct buffer *b, size_t more) {
    if (b->length + more + 1 <= b->size) return;
    while (b->length + more + 1 > b->size) b->size = b->size ? b->size * 2 : 128;
    b->data = realloc(b->data, b->size);
    if (!b->data) warnx_("memory exhausted"), exit(4);
}

static void append(struct buffer *b, const char *data, size_t length) {
    reserve(b, length);
    memcpy(b->data + b->length, data, length);
    b->length += length;
    b->data[b->length] = '\0';
}

static void set(struct buffer *b, const char *data, size_t length) {
    b->length = 0;
    append(b, data, length);
}

struct sed {
    struct sed_script script;
    int quiet, separate, in_place, line_wrap;
    const char *suffix;
    char **files;
    int file_count, next_file;
    FILE *input;
    const char *input_name;
    struct buffer lookahead; /* the next line, read ahead to know `$` */
    int have_lookahead, lookahead_newline;
    long line_number;
    struct buffer pattern, hold;
    int newline; /* the current line ended with a newline */
    int replaced; /* for t and T */
    regex_t *last_regex;
    FILE *out;
    char *temp_name; /* -i: the file being written */
    const char *in_place_target;
    struct buffer appended; /* a, r and R output, written at the end of the cycle */
    int status, quit, quit_status;
    int missing_newline;
};

static int sed_help(void) {
    return print_help("[OPTION]... {script-only-if-no-other-script} [input-file]...",
                      "Edit each line of the input files (standard input by default) with a "
                      "script.\n\n"
                      "  -n, --quiet, --silent    print the pattern space only when told to\n"
                      "  -e, --expression=SCRIPT  add SCRIPT to the commands\n"
                      "  -f, --file=FILE          add the commands in FILE\n"
                      "  -i[SUFFIX], --in-place   edit files in place (backup with SUFFIX)\n"
                      "  -l, --line-length=N      wrap `l' output at N characters\n"
                      "  -E, -r, --regexp-extended  extended regular expressions\n"
                      "  -s, --separate           each file is its own input ($ is its last "
                      "line)\n"
                      "  -u, --unbuffered         (accepted; output is line-buffered anyway)\n");
}

/* ---- input ---------------------------------------------------------------- */

static void finish_in_place(struct sed *sed) {
    if (!sed->temp_name) return;
    fclose(sed->out);
    if (sed->suffix && *sed->suffix) {
        char *backup = xmalloc(strlen(sed->in_place_target) + strlen(sed->suffix) + 1);
        sprintf(backup, "%s%s", sed->in_place_target, sed->suffix);
        rename(sed->in_place_target, backup);
        free(backup);
    }
    if (rename(sed->temp_name, sed->in_place_target) != 0) {
        warn_errno(errno, "cannot rename %s", sed->temp_name);
        sed->status = 4;
    }
    free(sed->temp_name);
    sed->temp_name = NULL;
    sed->out = stdout;
}

static int open_next_file(struct sed *sed) {
    while (sed->next_file < sed->file_count) {
        const char *name = sed->files[sed->next_file++];
        if (strcmp(name, "-") == 0 && !sed->in_place) {
            sed->input = stdin, sed->input_name = "-";
            return 1;
        }
        struct stat st;
        FILE *file = fopen(name, "r");
        if (!file) {
            warn_errno(errno, "can't read %s", name);
            sed->status = 2;
            continue;
        }
        if (fstat(fileno(file), &st) == 0 && S_ISDIR(st.st_mode)) {
            if (sed->in_place) warnx_("couldn't edit %s: not a regular file", name);
            else warnx_("read error on %s: Is a directory", name);
            sed->status = sed->in_place ? 4 : 2;
            fclose(file);
            continue;
        }
        sed->input = file, sed->input_name = name;
        if (sed->separate) sed->line_number = 0; /* -s and -i number each file's lines */
        if (sed->in_place) {
            const char *slash = strrchr(name, '/');
            size_t dir = slash ? (size_t)(slash - name + 1) : 0;
            sed->temp_name = xmalloc(dir + 32);
            int fd = -1;
            /* Our own mkstemp: wasi-libc has none. */
            for (unsigned attempt = 0; fd < 0 && attempt < 100; attempt++) {
                snprintf(sed->temp_name, dir + 32, "%.*ssed%06x", (int)dir, name,
                         (unsigned)(getpid() * 7919 + attempt) & 0xffffff);
                fd = open(sed->temp_name, O_WRONLY | O_CREAT | O_EXCL, 0600);
                if (fd < 0 && errno != EEXIST) break;
            }
            if (fd < 0) {
                warn_errno(errno, "couldn't open temporary file %s", sed->temp_name);
                exit(4);
            }
            fchmod(fd, st.st_mode & 07777);
            sed->out = fdopen(fd, "w");
            sed->in_place_target = name;
        }
        return 1;
    }
    return 0;
}

/* Reads one line from the current file into `into`; 1, or 0 at its end. */
static int read_raw(struct sed *sed, struct buffer *into, int *newline) {
    if (!sed->input) return 0;
    into->length = 0;
    int c, any = 0;
    while ((c = getc(sed->input)) != EOF) {
        any = 1;
        if (c == '\n') break;
        char ch = (char)c;
        append(into, &ch, 1);
    }
    reserve(into, 0);
    into->data[into->length] = '\0';
    *newline = c == '\n';
    return any;
}

/* Fills the lookahead with the next line of this file or, unless each file
 * stands alone (-s, -i), of the next ones. */
static void fill_lookahead(struct sed *sed, int cross_files) {
    sed->have_lookahead = 0;
    for (;;) {
        if (sed->input && read_raw(sed, &sed->lookahead, &sed->lookahead_newline)) {
            sed->have_lookahead = 1;
            return;
        }
        if (!cross_files) return;
        if (sed->input && sed->input != stdin) fclose(sed->input);
        sed->input = NULL;
        if (!open_next_file(sed)) return;
    }
}

/* The next input line into the pattern space (or appended with N); 0 at
 * the end of all input. */
static int next_line(struct sed *sed, int append_to_pattern) {
    if (!sed->have_lookahead) {
        if (!(sed->separate || sed->in_place)) return 0;
        /* The current file is done: finish it and start the next. */
        if (sed->input && sed->input != stdin) fclose(sed->input);
        sed->input = NULL;
        finish_in_place(sed);
        if (append_to_pattern) return 0;
        while (!sed->have_lookahead) {
            if (!open_next_file(sed)) return 0;
            fill_lookahead(sed, 0);
            if (!sed->have_lookahead) {
                fclose(sed->input), sed->input = NULL;
                finish_in_place(sed);
            }
        }
    }
    if (append_to_pattern) {
        append(&sed->pattern, "\n", 1);
        append(&sed->pattern, sed->lookahead.data, sed->lookahead.length);
    } else {
        set(&sed->pattern, sed->lookahead.data, sed->lookahead.length);
    }
    sed->newline = sed->lookahead_newline;
    sed->line_number++;
    fill_lookahead(sed, !(sed->separate || sed->in_place));
    return 1;
}

static int is_last_line(struct sed *sed) {
    if (sed->have_lookahead) return 0;
    if (sed->separate || sed->in_place) return 1;
    return 1;
}

/* ---- output --------------------------------------------------------------- */

/* Before any output: the newline a last line without one did not get, as
 * GNU sed adds it when more output follows. */
static void output_begin(struct sed *sed) {
    if (sed->missing_newline) putc('\n', sed->out);
    sed->missing_newline = 0;
}

/* Writes pattern-space text; without `newline` when it came from a last
 * line that had none. */
static void emit(struct sed *sed, const char *data, size_t length, int newline) {
    output_begin(sed);
    fwrite(data, 1, length, sed->out);
    if (newline) putc('\n', sed->out);
    else sed->missing_newline = 1;
}

/* Text of i and c, which carries its own newline. */
static void emit_text(struct sed *sed, const char *text, size_t length) {
    if (length == 0) return;
    output_begin(sed);
    fwrite(text, 1, length, sed->out);
}

static void flush_appended(struct sed *sed) {
    if (sed->appended.length) output_begin(sed);
    if (sed->appended.length) fwrite(sed->appended.data, 1, sed->appended.length, sed->out);
    sed->appended.length = 0;
}

static void append_file(struct sed *sed, const char *name) {
    FILE *file = fopen(name, "r");
    if (!file) return; /* a missing r file is silently ignored */
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, file)) > 0) append(&sed->appended, chunk, got);
    fclose(file);
}

/* `l`: the pattern space unambiguously, wrapped at `width` (0: never). */
static void list_pattern(struct sed *sed, int width) {
    int column = 0;
    output_begin(sed);
    for (size_t i = 0; i < sed->pattern.length; i++) {
        unsigned char c = (unsigned char)sed->pattern.data[i];
        char piece[8];
        const char *names = "\\\\\aa\bb\ff\nn\rr\tt\vv";
        const char *named = NULL;
        for (const char *n = names; *n; n += 2)
            if ((unsigned char)*n == c) named = n;
        if (named) snprintf(piece, sizeof piece, "\\%c", named[1]);
        else if (c < 32 || c >= 127) snprintf(piece, sizeof piece, "\\%03o", c);
        else piece[0] = (char)c, piece[1] = '\0';
        int length = (int)strlen(piece);
        if (width > 1 && column + length > width - 1) {
            fputs("\\\n", sed->out);
            column = 0;
        }
        fputs(piece, sed->out);
        column += length;
    }
    fputs("$\n", sed->out);
}

/* ---- matching ------------------------------------------------------------- */

static regex_t *use_regex(struct sed *sed, regex_t *regex) {
    if (regex) sed->last_regex = regex;
    else if (!sed->last_regex) warnx_("no previous regular expression"), exit(1);
    return sed->last_regex;
}

static int matches_regex(struct sed *sed, regex_t *regex) {
    return regexec(use_regex(sed, regex), sed->pattern.data, 0, NULL, 0) == 0;
}

static int matches_one(struct sed *sed, struct sed_address *address) {
    switch (address->kind) {
    case ADDRESS_NONE: return 1;
    case ADDRESS_LINE: return sed->line_number == address->line;
    case ADDRESS_LAST: return is_last_line(sed);
    case ADDRESS_REGEX: return matches_regex(sed, address->regex);
    case ADDRESS_STEP:
        if (address->step <= 0) return sed->line_number == address->line;
        return sed->line_number >= address->line &&
               (sed->line_number - address->line) % address->step == 0;
    default: return 0;
    }
}

static int selects(struct sed *sed, struct sed_command *command) {
    struct sed_address *first = &command->first, *second = &command->second;
    int result;
    if (second->kind == ADDRESS_NONE) {
        result = matches_one(sed, first);
    } else if (command->in_range) {
        result = 1;
        switch (second->kind) {
        case ADDRESS_LINE:
            if (sed->line_number >= second->line) command->in_range = 0;
            if (sed->line_number > second->line) result = 0;
            break;
        case ADDRESS_PLUS:
            if (sed->line_number >= command->range_end) command->in_range = 0;
            break;
        case ADDRESS_MULT:
            if (second->line <= 0 || sed->line_number % second->line == 0) command->in_range = 0;
            break;
        default:
            if (matches_one(sed, second)) command->in_range = 0;
        }
    } else {
        int zero = first->kind == ADDRESS_LINE && first->line == 0;
        result = zero ? sed->line_number >= 1 && !command->range_end : matches_one(sed, first);
        if (zero && result) {
            command->range_end = 1; /* a 0,/RE/ range opens once */
            command->in_range = !matches_one(sed, second);
        } else if (result) {
            command->in_range = 1;
            switch (second->kind) {
            case ADDRESS_LINE:
                if (second->line <= sed->line_number) command->in_range = 0;
                break;
            case ADDRESS_PLUS:
                command->range_end = sed->line_number + second->line;
                if (second->line == 0) command->in_range = 0;
                break;
            case ADDRESS_MULT:
                if (second->line <= 0 || sed->line_number % second->line == 0)
                    command->in_range = 0;
                break;
            case ADDRESS_LAST:
                if (is_last_line(sed)) command->in_range = 0;
                break;
            default: break;
            }
        }
    }
    return result != command->negate;
}

/* ---- s ------------------------------------------------------------------- */

enum case_mode { CASE_NONE, CASE_UPPER, CASE_LOWER };

static void add_cased(struct buffer *out, const char *text, size_t length, enum case_mode *mode,
                      int *one) {
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        if (*mode == CASE_UPPER && c >= 'a' && c <= 'z') c = (char)(c - 32);
        if (*mode == CASE_LOWER && c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (*one == 'u' && c >= 'a' && c <= 'z') c = (char)(c - 32);
        if (*one == 'l' && c >= 'A' && c <= 'Z') c = (char)(c + 32);
        *one = 0;
        append(out, &c, 1);
    }
}

static void add_replacement(struct buffer *out, const char *replacement, const char *subject,
                            const regmatch_t *match) {
    enum case_mode mode = CASE_NONE;
    int one = 0;
    for (const char *r = replacement; *r; r++) {
        if (*r == '&') {
            add_cased(out, subject + match[0].rm_so, (size_t)(match[0].rm_eo - match[0].rm_so),
                      &mode, &one);
            continue;
        }
        if (*r != '\\' || !r[1]) {
            add_cased(out, r, 1, &mode, &one);
            continue;
        }
        r++;
        if (*r >= '0' && *r <= '9') {
            const regmatch_t *group = &match[*r - '0'];
            if (group->rm_so >= 0)
                add_cased(out, subject + group->rm_so, (size_t)(group->rm_eo - group->rm_so),
                          &mode, &one);
        } else if (*r == 'n') {
            add_cased(out, "\n", 1, &mode, &one);
        } else if (*r == 't') {
            add_cased(out, "\t", 1, &mode, &one);
        } else if (*r == 'U' || *r == 'L') {
            mode = *r == 'U' ? CASE_UPPER : CASE_LOWER, one = 0;
        } else if (*r == 'E') {
            mode = CASE_NONE, one = 0;
        } else if (*r == 'u' || *r == 'l') {
            one = *r;
        } else {
            add_cased(out, r, 1, &mode, &one);
        }
    }
}

static int substitute(struct sed *sed, struct sed_command *command) {
    regex_t *regex = use_regex(sed, command->regex);
    const char *subject = sed->pattern.data;
    size_t length = sed->pattern.length, position = 0;
    struct buffer out = {0};
    regmatch_t match[10];
    int count = 0, done = 0, occurrence = command->occurrence ? command->occurrence : 1;
    size_t previous_end = (size_t)-1;
    while (position <= length) {
        if (regexec(regex, subject + position, 10, match, position ? REG_NOTBOL : 0) != 0) break;
        size_t start = position + (size_t)match[0].rm_so, end = position + (size_t)match[0].rm_eo;
        if (start == end && start == previous_end) {
            /* An empty match right after the previous match is not one. */
            if (start >= length) break;
            append(&out, subject + start, 1);
            position = start + 1;
            continue;
        }
        count++;
        append(&out, subject + position, start - position);
        if (count >= occurrence && (command->global || count == occurrence)) {
            for (int i = 0; i < 10; i++)
                if (match[i].rm_so >= 0) match[i].rm_so += (regoff_t)position, match[i].rm_eo += (regoff_t)position;
            add_replacement(&out, command->replacement, subject, match);
            done = 1;
        } else {
            append(&out, subject + start, end - start);
        }
        previous_end = end;
        position = end;
        if (done && !command->global) break;
        if (start == end) {
            if (start >= length) break;
            append(&out, subject + start, 1);
            position = start + 1;
        }
    }
    if (!done) {
        free(out.data);
        return 0;
    }
    if (position < length) append(&out, subject + position, length - position);
    reserve(&out, 0);
    free(sed->pattern.data);
    sed->pattern = out;
    sed->replaced = 1;
    if (command->print) emit(sed, sed->pattern.data, sed->pattern.length, sed->newline);
    if (command->file) {
        fwrite(sed->pattern.data, 1, sed->pattern.length, command->file);
        putc('\n', command->file);
        fflush(command->file);
    }
    return 1;
}

/* ---- the cycle ------------------------------------------------------------ */

enum cycle_end { CYCLE_PRINT, CYCLE_DELETE, CYCLE_RESTART, CYCLE_QUIT, CYCLE_QUIT_SILENT };

static enum cycle_end run_script(struct sed *sed) {
    struct sed_script *script = &sed->script;
    int pc = 0;
    while (pc < script->count) {
        struct sed_command *command = &script->commands[pc];
        if (command->name == '}' || command->name == ':' || command->name == '#') {
            pc++;
            continue;
        }
        if (!selects(sed, command)) {
            pc = command->name == '{' ? command->jump : pc + 1;
            continue;
        }
        pc++;
        switch (command->name) {
        case '{': break;
        case '=': output_begin(sed), fprintf(sed->out, "%ld\n", sed->line_number); break;
        case 'a': append(&sed->appended, command->text, command->text_length); break;
        case 'i': emit_text(sed, command->text, command->text_length); break;
        case 'c':
            if (command->second.kind == ADDRESS_NONE || !command->in_range || command->negate)
                emit_text(sed, command->text, command->text_length);
            return CYCLE_DELETE;
        case 'b': pc = command->jump; break;
        case 't':
            if (sed->replaced) sed->replaced = 0, pc = command->jump;
            break;
        case 'T':
            if (!sed->replaced) pc = command->jump;
            else sed->replaced = 0;
            break;
        case 'd': return CYCLE_DELETE;
        case 'D': {
            char *newline = memchr(sed->pattern.data, '\n', sed->pattern.length);
            if (!newline) return CYCLE_DELETE;
            size_t skip = (size_t)(newline - sed->pattern.data) + 1;
            memmove(sed->pattern.data, newline + 1, sed->pattern.length - skip + 1);
            sed->pattern.length -= skip;
            return CYCLE_RESTART;
        }
        case 'g': set(&sed->pattern, sed->hold.data ? sed->hold.data : "", sed->hold.length); break;
        case 'G':
            append(&sed->pattern, "\n", 1);
            append(&sed->pattern, sed->hold.data ? sed->hold.data : "", sed->hold.length);
            break;
        case 'h': set(&sed->hold, sed->pattern.data, sed->pattern.length); break;
        case 'H':
            append(&sed->hold, "\n", 1);
            append(&sed->hold, sed->pattern.data, sed->pattern.length);
            break;
        case 'x': {
            struct buffer swap = sed->pattern;
            sed->pattern = sed->hold;
            sed->hold = swap;
            reserve(&sed->pattern, 0);
            sed->pattern.data[sed->pattern.length] = '\0';
            break;
        }
        case 'l':
            list_pattern(sed, command->number >= 0 ? command->number : sed->line_wrap);
            break;
        case 'n':
            if (!sed->have_lookahead && !(sed->separate || sed->in_place)) return CYCLE_QUIT;
            if (!sed->quiet) emit(sed, sed->pattern.data, sed->pattern.length, sed->newline);
            flush_appended(sed);
            if (!next_line(sed, 0)) return CYCLE_QUIT_SILENT;
            break;
        case 'N':
            if (!sed->have_lookahead) return CYCLE_QUIT;
            flush_appended(sed);
            next_line(sed, 1);
            break;
        case 'p': emit(sed, sed->pattern.data, sed->pattern.length, sed->newline); break;
        case 'P': {
            char *newline = memchr(sed->pattern.data, '\n', sed->pattern.length);
            size_t length = newline ? (size_t)(newline - sed->pattern.data) : sed->pattern.length;
            emit(sed, sed->pattern.data, length, 1);
            break;
        }
        case 'q':
            sed->quit_status = command->number > 0 ? command->number : 0;
            return CYCLE_QUIT;
        case 'Q':
            sed->quit_status = command->number > 0 ? command->number : 0;
            return CYCLE_QUIT_SILENT;
        case 'r': append_file(sed, command->text); break;
        case 'R': {
            if (!command->file) command->file = fopen(command->text, "r");
            struct buffer line = {0};
            int newline;
            FILE *saved = sed->input;
            sed->input = command->file;
            if (command->file && read_raw(sed, &line, &newline)) {
                append(&sed->appended, line.data, line.length);
                append(&sed->appended, "\n", 1);
            }
            sed->input = saved;
            free(line.data);
            break;
        }
        case 's': substitute(sed, command); break;
        case 'w':
            fwrite(sed->pattern.data, 1, sed->pattern.length, command->file);
            putc('\n', command->file);
            fflush(command->file);
            break;
        case 'W': {
            char *newline = memchr(sed->pattern.data, '\n', sed->pattern.length);
            size_t length = newline ? (size_t)(newline - sed->pattern.data) : sed->pattern.length;
            fwrite(sed->pattern.data, 1, length, command->file);
            putc('\n', command->file);
            fflush(command->file);
            break;
        }
        case 'y':
            for (size_t i = 0; i < sed->pattern.length; i++)
                sed->pattern.data[i] = (char)command->map[(unsigned char)sed->pattern.data[i]];
            break;
        case 'z': sed->pattern.length = 0, sed->pattern.data[0] = '\0'; break;
        case 'F': output_begin(sed), fprintf(sed->out, "%s\n", sed->input_name ? sed->input_name : "-"); break;
        }
    }
    return CYCLE_PRINT;
}

static void run(struct sed *sed) {
    if (!(sed->separate || sed->in_place)) {
        fill_lookahead(sed, 1);
    } else {
        while (!sed->have_lookahead && open_next_file(sed)) {
            fill_lookahead(sed, 0);
            if (!sed->have_lookahead) {
                if (sed->input != stdin) fclose(sed->input);
                sed->input = NULL;
                finish_in_place(sed);
            }
        }
    }
    int restart = 0;
    while (!sed->quit) {
        if (!restart) {
            if (!next_line(sed, 0)) break;
            sed->replaced = 0;
        }
        restart = 0;
        enum cycle_end end = run_script(sed);
        if (end == CYCLE_PRINT || end == CYCLE_QUIT || end == CYCLE_RESTART) {
            if (!sed->quiet && end != CYCLE_RESTART)
                emit(sed, sed->pattern.data, sed->pattern.length, sed->newline);
        }
        if (end == CYCLE_RESTART) {
            if (!sed->quiet) {
                /* D with a newline: print nothing more; the rest restarts. */
            }
            restart = 1;
        }
        flush_appended(sed);
        if (end == CYCLE_QUIT || end == CYCLE_QUIT_SILENT) sed->quit = 1;
    }
    /* q in the middle of a file: what was written so far replaces it, as
     * with GNU sed. */
    if (sed->in_place && sed->temp_name) {
        finish_in_place(sed);
    }
}

static char *read_script_file(const char *name) {
    FILE *file = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
    if (!file) {
        warn_errno(errno, "couldn't open file %s", name);
        exit(4);
    }
    struct buffer text = {0};
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, file)) > 0) append(&text, chunk, got);
    reserve(&text, 0);
    text.data[text.length] = '\0';
    if (text.length && text.data[text.length - 1] == '\n') text.data[--text.length] = '\0';
    if (file != stdin) fclose(file);
    return text.data;
}

int sed_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"quiet", 'n', 0},         {"silent", 'n', 0},     {"expression", 'e', 1},
        {"file", 'f', 1},          {"in-place", 'i', 0},   {"line-length", 'l', 1},
        {"regexp-extended", 'E', 0}, {NULL, 'r', 0},       {"separate", 's', 0},
        {"unbuffered", 'u', 0},    {"posix", 256, 0},      {NULL, 0, 0}};
    struct sed sed = {0};
    sed.line_wrap = 70;
    sed.out = stdout;
    struct sed_source *sources = xmalloc(sizeof *sources * (size_t)(argc + 1));
    int source_count = 0, key;
    struct option_parser parser;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP: return sed_help();
        case 'n': sed.quiet = 1; break;
        case 'e': sources[source_count++] = (struct sed_source){parser.arg, NULL}; break;
        case 'f':
            sources[source_count++] = (struct sed_source){read_script_file(parser.arg), parser.arg};
            break;
        case 'i':
            sed.in_place = 1, sed.separate = 1;
            if (parser.cluster) sed.suffix = parser.cluster, parser.cluster = NULL;
            break;
        case 'l': sed.line_wrap = atoi(parser.arg); break;
        case 'E': case 'r': sed.script.extended = 1; break;
        case 's': sed.separate = 1; break;
        default: break;
        }
    }
    int first_file = 0;
    if (source_count == 0) {
        if (parser.operand_count == 0) {
            fprintf(stderr, "Usage: %s [OPTION]... {script-only-if-no-other-script} "
                            "[input-file]...\n", applet_name);
            try_help();
            return 1;
        }
        sources[source_count++] = (struct sed_source){parser.operands[0], NULL};
        first_file = 1;
    }
    if (strncmp(sources[0].text, "#n", 2) == 0 &&
        (sources[0].text[2] == '\n' || sources[0].text[2] == '\0'))
        sed.quiet = 1;
    int compiled = sed_compile(&sed.script, sources, source_count);
    if (compiled != 0) return -compiled;
    static char *standard_input[] = {"-"};
    sed.files = parser.operands + first_file;
    sed.file_count = parser.operand_count - first_file;
    if (sed.file_count == 0) {
        if (sed.in_place) return warnx_("no input files"), 1;
        sed.files = standard_input, sed.file_count = 1;
    }
    run(&sed);
    if (sed.quit_status) return sed.quit_status;
    return sed.status;
}
