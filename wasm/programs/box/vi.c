/* vi.c: vi, a small full-screen editor for the files a learner writes (a
 * Dockerfile, a script). The terminal is raw while it runs, on the
 * alternate screen as vim uses it; keys are those of vi and vim:
 *   normal mode: h j k l and the arrows, w b e, 0 ^ $, gg G nG, ^F ^B ^D ^U,
 *     x X dd D yy Y p P J r C s S cc, i a A I o O, u (one level; again redoes),
 *     . (the last change's keys again),
 *     /RE ?RE n N, : commands (vi-ex.c), ZZ ZQ, ^G, ^L; a count before most;
 *   insert mode: text, Enter, Backspace (joining lines), the arrows, ESC.
 * A lone ESC is told from an arrow key's sequence by what the terminal has
 * already received (FIONREAD): a sequence arrives in one piece. */
#include "bocal.h"

#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "applets.h"
#include "util.h"
#include "vi.h"

static struct termios saved;
static int raw;
static volatile sig_atomic_t resized;

static void on_resize(int signal) {
    (void)signal;
    resized = 1;
}

static void leave_screen(void) {
    static const char leave[] = "\033[?1049l";
    if (write(1, leave, sizeof leave - 1) < 0) return;
}

static void restore_terminal(void) {
    if (raw) tcsetattr(0, TCSANOW, &saved);
    leave_screen();
}

static void on_fatal(int signal) {
    restore_terminal();
    _exit(128 + signal);
}

static void terminal_size(struct vi *v) {
    struct winsize size;
    const char *rows = getenv("LINES"), *columns = getenv("COLUMNS");
    v->rows = rows && atoi(rows) > 1 ? atoi(rows) : 24;
    v->columns = columns && atoi(columns) > 0 ? atoi(columns) : 80;
    if (ioctl(1, TIOCGWINSZ, &size) == 0 && size.ws_row > 1 && size.ws_col > 0) {
        v->rows = size.ws_row;
        v->columns = size.ws_col;
    }
}

/* A byte of the `.` being repeated, or from the terminal. */
static int fresh_byte(struct vi *v) {
    if (v->replay_at < v->replay.len) return (unsigned char)v->replay.s[v->replay_at++];
    for (;;) {
        unsigned char c;
        ssize_t n = read(0, &c, 1);
        if (n == 1) return c;
        if (n < 0 && errno == EINTR) {
            if (resized) {
                resized = 0;
                terminal_size(v);
                return VI_NONE;
            }
            continue;
        }
        return VI_EOF;
    }
}

static int read_byte(struct vi *v) {
    int c = v->pushed >= 0 ? v->pushed : fresh_byte(v);
    v->pushed = -1;
    if (v->recording && c >= 0 && c < 0x100) text_addc(&v->record, (char)c);
    return c;
}

/* C is read again next: not yet part of the recorded keys. */
static void push_back(struct vi *v, int c) {
    if (c < 0) return;
    v->pushed = c;
    if (v->recording && c < 0x100 && v->record.len) v->record.len--;
}

static int waiting_bytes(struct vi *v) {
    if (v->replay_at < v->replay.len) return 1;
    int n = 0;
    return ioctl(0, FIONREAD, &n) == 0 ? n : 0;
}

int vi_key(struct vi *v) {
    int c = read_byte(v);
    if (c != VI_ESC || v->pushed >= 0 || waiting_bytes(v) == 0) return c;
    int next = read_byte(v);
    if (next != '[' && next != 'O') {
        push_back(v, next); /* ESC, then another key */
        return VI_ESC;
    }
    int parameter = 0;
    for (;;) {
        c = read_byte(v);
        if (c < 0) return c;
        if (c >= '0' && c <= '9') parameter = parameter * 10 + c - '0';
        else if (c >= 0x40 && c <= 0x7e) break;
    }
    switch (c) {
    case 'A': return VI_UP;
    case 'B': return VI_DOWN;
    case 'C': return VI_RIGHT;
    case 'D': return VI_LEFT;
    case 'H': return VI_HOME;
    case 'F': return VI_END;
    case '~':
        switch (parameter) {
        case 1: case 7: return VI_HOME;
        case 4: case 8: return VI_END;
        case 3: return VI_DELETE;
        case 5: return VI_PAGE_UP;
        case 6: return VI_PAGE_DOWN;
        }
    }
    return VI_NONE;
}

/* ---- positions -------------------------------------------------------------- */

static char *line_at(struct vi *v, int row) { return v->buffer.v[row]; }
static int line_length(struct vi *v, int row) { return (int)strlen(v->buffer.v[row]); }
static int continuation(char c) { return ((unsigned char)c & 0xc0) == 0x80; }

static int next_char(const char *s, int at) {
    if (!s[at]) return at;
    do at++;
    while (s[at] && continuation(s[at]));
    return at;
}

static int previous_char(const char *s, int at) {
    if (at == 0) return 0;
    do at--;
    while (at > 0 && continuation(s[at]));
    return at;
}

/* Normal mode: the cursor on a character, not after the last. */
static void clamp(struct vi *v) {
    if (v->row >= v->buffer.count) v->row = v->buffer.count - 1;
    if (v->row < 0) v->row = 0;
    int length = line_length(v, v->row);
    int last = length ? previous_char(line_at(v, v->row), length) : 0;
    if (!v->insert && v->col > last) v->col = last;
    if (v->col > length) v->col = length;
    if (v->col < 0) v->col = 0;
}

static void remember_column(struct vi *v) {
    v->want_col = vi_display_column(line_at(v, v->row), v->col);
}

static void vertical(struct vi *v, int rows) {
    v->row += rows;
    if (v->row < 0) v->row = 0;
    if (v->row >= v->buffer.count) v->row = v->buffer.count - 1;
    const char *s = line_at(v, v->row);
    v->col = v->want_col < 0 ? (int)strlen(s) : vi_byte_at_column(s, v->want_col);
}

static int first_non_blank(struct vi *v, int row) {
    const char *s = line_at(v, row);
    int at = 0;
    while (s[at] == ' ' || s[at] == '\t') at++;
    return at;
}

/* 0 blank (and a line's end), 1 a word's letters, 2 other characters. */
static int kind(struct vi *v, int row, int col) {
    unsigned char c = (unsigned char)line_at(v, row)[col];
    if (c == 0 || c == ' ' || c == '\t') return 0;
    return isalnum(c) || c == '_' || c >= 0x80 ? 1 : 2;
}

static int step_forward(struct vi *v, int *row, int *col) {
    if (line_at(v, *row)[*col]) {
        *col = next_char(line_at(v, *row), *col);
        return 1;
    }
    if (*row + 1 >= v->buffer.count) return 0;
    (*row)++;
    *col = 0;
    return 1;
}

static int step_back(struct vi *v, int *row, int *col) {
    if (*col > 0) {
        *col = previous_char(line_at(v, *row), *col);
        return 1;
    }
    if (*row == 0) return 0;
    (*row)--;
    *col = line_length(v, *row);
    return 1;
}

static void word_forward(struct vi *v) {
    int row = v->row, col = v->col, start_row = row;
    int k = kind(v, row, col);
    if (k)
        while (kind(v, row, col) == k && row == start_row && step_forward(v, &row, &col)) {}
    while (kind(v, row, col) == 0) {
        if (row != start_row && line_length(v, row) == 0) break; /* an empty line is a word */
        if (!step_forward(v, &row, &col)) break;
    }
    v->row = row, v->col = col;
}

static void word_end(struct vi *v) {
    int row = v->row, col = v->col;
    step_forward(v, &row, &col);
    while (kind(v, row, col) == 0 && step_forward(v, &row, &col)) {}
    int k = kind(v, row, col);
    for (;;) {
        int r = row, c = col;
        if (!step_forward(v, &r, &c) || r != row || kind(v, r, c) != k) break;
        row = r, col = c;
    }
    v->row = row, v->col = col;
}

static void word_back(struct vi *v) {
    int row = v->row, col = v->col;
    if (!step_back(v, &row, &col)) return;
    while (kind(v, row, col) == 0) {
        if (line_length(v, row) == 0 && row != v->row) break;
        if (!step_back(v, &row, &col)) break;
    }
    int k = kind(v, row, col);
    while (col > 0) {
        int c = previous_char(line_at(v, row), col);
        if (kind(v, row, c) != k) break;
        col = c;
    }
    v->row = row, v->col = col;
}

/* ---- changes ---------------------------------------------------------------- */

static void changed(struct vi *v) {
    v->modified = 1;
    v->changes++;
}

/* A command ended (back in normal mode): its keys are `.`'s if it changed something. */
static void end_command(struct vi *v, long changes_before) {
    if (v->recording && v->changes != changes_before) {
        v->last_change.len = 0;
        text_add(&v->last_change, v->record.s, v->record.len);
    }
    v->recording = 0;
}

static void insert_text(struct vi *v, const char *text, size_t n) {
    const char *s = line_at(v, v->row);
    size_t length = strlen(s);
    char *line = malloc(length + n + 1);
    if (!line) warnx_("memory exhausted"), exit(1);
    memcpy(line, s, (size_t)v->col);
    memcpy(line + v->col, text, n);
    memcpy(line + v->col + n, s + v->col, length - (size_t)v->col + 1);
    vi_set_line(v, v->row, line);
    v->col += (int)n;
    changed(v);
}

/* Removes bytes [from, to) of the cursor's line; into the register if YANK. */
static void cut(struct vi *v, int from, int to, int yank) {
    char *s = line_at(v, v->row);
    if (to <= from) return;
    if (yank) {
        lines_free(&v->yank);
        lines_insert(&v->yank, 0, s + from, (size_t)(to - from));
        v->yank_lines = 0;
    }
    memmove(s + from, s + to, strlen(s + to) + 1);
    v->col = from;
    changed(v);
}

static void split_line(struct vi *v) {
    char *s = line_at(v, v->row);
    lines_insert(&v->buffer, v->row + 1, s + v->col, strlen(s + v->col));
    s[v->col] = 0;
    v->row++;
    v->col = 0;
    changed(v);
}

/* Joins the next line to this one; with SPACE as J does (blanks squeezed). */
static void join_lines(struct vi *v, int space) {
    if (v->row + 1 >= v->buffer.count) return;
    const char *next = line_at(v, v->row + 1);
    int length = line_length(v, v->row);
    if (space) next += first_non_blank(v, v->row + 1);
    struct text joined = {0};
    text_adds(&joined, line_at(v, v->row));
    int blank = space && length > 0 && *next && *next != ')';
    if (blank) text_addc(&joined, ' ');
    text_adds(&joined, next);
    vi_set_line(v, v->row, joined.s);
    lines_delete(&v->buffer, v->row + 1, 1);
    v->col = space ? length : length;
    changed(v);
}

static void report_lines(struct vi *v, int count, const char *what) {
    if (count > 2) vi_message(v, 0, "%d %s", count, what);
}

static void delete_lines(struct vi *v, int count) {
    if (v->row + count > v->buffer.count) count = v->buffer.count - v->row;
    lines_copy(&v->yank, &v->buffer, v->row, count);
    v->yank_lines = 1;
    lines_delete(&v->buffer, v->row, count);
    if (v->buffer.count == 0) lines_insert(&v->buffer, 0, "", 0);
    if (v->row >= v->buffer.count) v->row = v->buffer.count - 1;
    v->col = first_non_blank(v, v->row);
    changed(v);
    report_lines(v, count, "fewer lines");
}

static void put(struct vi *v, int before, int count) {
    if (!v->yank.count) {
        vi_message(v, 1, "E353: Nothing in register \"");
        return;
    }
    vi_save_undo(v);
    if (v->yank_lines) {
        int at = before ? v->row : v->row + 1;
        for (int n = 0; n < count; n++)
            for (int i = v->yank.count - 1; i >= 0; i--)
                lines_insert(&v->buffer, at, v->yank.v[i], strlen(v->yank.v[i]));
        v->row = at;
        v->col = first_non_blank(v, at);
        report_lines(v, v->yank.count * count, "more lines");
    } else {
        if (!before && line_length(v, v->row)) v->col = next_char(line_at(v, v->row), v->col);
        for (int n = 0; n < count; n++) insert_text(v, v->yank.v[0], strlen(v->yank.v[0]));
        v->col = previous_char(line_at(v, v->row), v->col);
    }
    changed(v);
}

/* ---- insert mode ------------------------------------------------------------ */

static void insert_key(struct vi *v, int key) {
    char *s = line_at(v, v->row);
    switch (key) {
    case VI_ESC:
    case VI_CTRL('C'):
        v->insert = 0;
        v->col = previous_char(s, v->col);
        return;
    case '\r':
    case '\n': split_line(v); return;
    case 0x7f:
    case VI_CTRL('H'):
        if (v->col > 0) {
            cut(v, previous_char(s, v->col), v->col, 0);
        } else if (v->row > 0) {
            v->row--;
            join_lines(v, 0);
        }
        return;
    case VI_CTRL('W'): {
        int from = v->col;
        while (from > 0 && (s[from - 1] == ' ' || s[from - 1] == '\t')) from--;
        while (from > 0 && s[from - 1] != ' ' && s[from - 1] != '\t') from--;
        cut(v, from, v->col, 0);
        return;
    }
    case VI_CTRL('U'): cut(v, 0, v->col, 0); return;
    case VI_DELETE: cut(v, v->col, next_char(s, v->col), 0); return;
    case VI_LEFT: v->col = previous_char(s, v->col); return;
    case VI_RIGHT: v->col = next_char(s, v->col); return;
    case VI_HOME: v->col = 0; return;
    case VI_END: v->col = (int)strlen(s); return;
    case VI_UP: remember_column(v), vertical(v, -1); return;
    case VI_DOWN: remember_column(v), vertical(v, 1); return;
    }
    if (key == '\t' || (key >= 0x20 && key < 0x100 && key != 0x7f)) {
        char bytes[4] = {(char)key};
        size_t n = 1, want = key >= 0xf0 ? 4 : key >= 0xe0 ? 3 : key >= 0xc0 ? 2 : 1;
        while (n < want) {
            int c = read_byte(v);
            if (c < 0x80 || c > 0xbf) {
                push_back(v, c);
                break;
            }
            bytes[n++] = (char)c;
        }
        insert_text(v, bytes, n);
    }
}

static void start_insert(struct vi *v) {
    v->insert = 1;
    v->message[0] = 0;
}

/* ---- normal mode ------------------------------------------------------------ */

static void show_info(struct vi *v) {
    int percent = (v->row + 1) * 100 / v->buffer.count;
    vi_message(v, 0, "\"%s\"%s %d line%s --%d%%--", v->file ? v->file : "[No Name]",
               v->modified ? " [Modified]" : "", v->buffer.count,
               v->buffer.count == 1 ? "" : "s", percent);
}

static void page(struct vi *v, int rows) {
    int text_rows = v->rows - 1;
    v->top += rows;
    if (v->top > v->buffer.count - 1) v->top = v->buffer.count - 1;
    if (v->top < 0) v->top = 0;
    if (v->row < v->top) v->row = v->top;
    if (v->row > v->top + text_rows - 1) v->row = v->top + text_rows - 1;
    if (v->row >= v->buffer.count) v->row = v->buffer.count - 1;
    v->col = first_non_blank(v, v->row);
}

static void normal_key(struct vi *v, int key, int count) {
    int given = count;
    if (count < 1) count = 1;
    char *s = line_at(v, v->row);
    switch (key) {
    case 'h': case VI_LEFT: case 0x7f: case VI_CTRL('H'):
        for (int i = 0; i < count; i++) v->col = previous_char(s, v->col);
        remember_column(v);
        return;
    case 'l': case VI_RIGHT: case ' ':
        for (int i = 0; i < count && s[next_char(s, v->col)]; i++) v->col = next_char(s, v->col);
        remember_column(v);
        return;
    case 'j': case VI_DOWN: case VI_CTRL('N'): vertical(v, count); return;
    case 'k': case VI_UP: case VI_CTRL('P'): vertical(v, -count); return;
    case '+': case '\r': case '\n':
        vertical(v, count), v->col = first_non_blank(v, v->row), remember_column(v);
        return;
    case '-':
        vertical(v, -count), v->col = first_non_blank(v, v->row), remember_column(v);
        return;
    case '0': case VI_HOME: v->col = 0, remember_column(v); return;
    case '^': v->col = first_non_blank(v, v->row), remember_column(v); return;
    case '$': case VI_END:
        vertical(v, count - 1);
        v->col = (int)strlen(line_at(v, v->row));
        v->want_col = -1;
        return;
    case 'w': for (int i = 0; i < count; i++) word_forward(v); remember_column(v); return;
    case 'b': for (int i = 0; i < count; i++) word_back(v); remember_column(v); return;
    case 'e': for (int i = 0; i < count; i++) word_end(v); remember_column(v); return;
    case 'G':
        v->row = (given > 0 ? given : v->buffer.count) - 1;
        clamp(v);
        v->col = first_non_blank(v, v->row);
        remember_column(v);
        return;
    case VI_CTRL('F'): case VI_PAGE_DOWN: page(v, count * (v->rows - 3)); return;
    case VI_CTRL('B'): case VI_PAGE_UP: page(v, -count * (v->rows - 3)); return;
    case VI_CTRL('D'): vertical(v, (v->rows - 1) / 2); v->top += (v->rows - 1) / 2; return;
    case VI_CTRL('U'): vertical(v, -(v->rows - 1) / 2); v->top -= (v->rows - 1) / 2;
        if (v->top < 0) v->top = 0;
        return;
    case 'x': case VI_DELETE: {
        if (!*s) return;
        vi_save_undo(v);
        int to = v->col;
        for (int i = 0; i < count && s[to]; i++) to = next_char(s, to);
        cut(v, v->col, to, 1);
        return;
    }
    case 'X': {
        if (v->col == 0) return;
        vi_save_undo(v);
        int from = v->col;
        for (int i = 0; i < count && from > 0; i++) from = previous_char(s, from);
        cut(v, from, v->col, 1);
        return;
    }
    case 'D': vi_save_undo(v); cut(v, v->col, (int)strlen(s), 1); return;
    case 'C':
        vi_save_undo(v);
        cut(v, v->col, (int)strlen(s), 1);
        start_insert(v);
        return;
    case 's':
        vi_save_undo(v);
        if (*s) cut(v, v->col, next_char(s, v->col), 1);
        start_insert(v);
        return;
    case 'S':
        vi_save_undo(v);
        cut(v, 0, (int)strlen(s), 1);
        start_insert(v);
        return;
    case 'J':
        vi_save_undo(v);
        for (int i = 0; i < (count > 1 ? count - 1 : 1); i++) join_lines(v, 1);
        return;
    case 'p': put(v, 0, count); return;
    case 'P': put(v, 1, count); return;
    case 'Y':
        lines_copy(&v->yank, &v->buffer, v->row, count);
        v->yank_lines = 1;
        report_lines(v, v->yank.count, "lines yanked");
        return;
    case 'i': vi_save_undo(v); start_insert(v); return;
    case 'a':
        vi_save_undo(v);
        if (*s) v->col = next_char(s, v->col);
        start_insert(v);
        return;
    case 'A': vi_save_undo(v); v->col = (int)strlen(s); start_insert(v); return;
    case 'I': vi_save_undo(v); v->col = first_non_blank(v, v->row); start_insert(v); return;
    case 'o':
        vi_save_undo(v);
        lines_insert(&v->buffer, v->row + 1, "", 0);
        v->row++, v->col = 0;
        changed(v);
        start_insert(v);
        return;
    case 'O':
        vi_save_undo(v);
        lines_insert(&v->buffer, v->row, "", 0);
        v->col = 0;
        changed(v);
        start_insert(v);
        return;
    case 'u': vi_undo(v); return;
    case 'n': vi_search_next(v, 0); return;
    case 'N': vi_search_next(v, 1); return;
    case VI_CTRL('G'): show_info(v); return;
    case VI_CTRL('L'): text_adds(&v->out, "\033[2J"); return;
    case VI_NONE: return;
    }
    /* Keys that take another key. */
    if (key == ':' || key == '/' || key == '?') {
        v->message[0] = 0;
        char *line = vi_read_command(v, (char)key);
        if (!line) return;
        if (key == ':') vi_ex(v, line);
        else vi_search(v, line, key == '?');
        free(line);
        return;
    }
    int second = vi_key(v);
    if (key == 'd' && second == 'd') {
        vi_save_undo(v);
        delete_lines(v, count);
    } else if (key == 'd' && second == 'w') {
        vi_save_undo(v);
        int row = v->row, col = v->col;
        for (int i = 0; i < count; i++) word_forward(v);
        int to = v->row == row ? v->col : (int)strlen(s);
        v->row = row, v->col = col;
        cut(v, col, to, 1);
    } else if (key == 'c' && second == 'c') {
        normal_key(v, 'S', count);
    } else if (key == 'c' && second == 'w') {
        vi_save_undo(v);
        int row = v->row, from = v->col;
        word_end(v);
        int to = v->row == row ? next_char(s, v->col) : (int)strlen(s);
        v->row = row;
        cut(v, from, to, 1);
        start_insert(v);
    } else if (key == 'y' && second == 'y') {
        normal_key(v, 'Y', count);
    } else if (key == 'g' && second == 'g') {
        v->row = (given > 0 ? given : 1) - 1;
        clamp(v);
        v->col = first_non_blank(v, v->row);
        remember_column(v);
    } else if (key == 'r' && second >= 0x20 && second < 0x100) {
        if (!*s) return;
        vi_save_undo(v);
        char bytes[4] = {(char)second};
        size_t n = 1;
        while (second >= 0xc0 && n < 4) {
            int c = read_byte(v);
            if (c < 0x80 || c > 0xbf) {
                push_back(v, c);
                break;
            }
            bytes[n++] = (char)c;
        }
        int at = v->col;
        cut(v, at, next_char(s, at), 0);
        insert_text(v, bytes, n);
        v->col = at;
    } else if (key == 'Z' && second == 'Z') {
        vi_ex(v, "x");
    } else if (key == 'Z' && second == 'Q') {
        vi_ex(v, "q!");
    }
}

int vi_main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--help") == 0)
        return print_help("[FILE]", "Edit FILE (a small vi: see :w :q :wq :q! and /RE)");
    if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
        warnx_("unrecognized option '%s'", argv[1]);
        return try_help();
    }
    static struct vi editor;
    struct vi *v = &editor;
    v->pushed = -1;
    terminal_size(v);
    if (argc > 1) {
        v->file = strdup(argv[1]);
        vi_load(v, v->file);
    } else {
        lines_insert(&v->buffer, 0, "", 0);
    }
    if (tcgetattr(0, &saved) == 0) {
        struct termios t = saved;
        t.c_lflag &= ~(ICANON | ECHO | ISIG | IEXTEN);
        t.c_iflag &= ~(ICRNL | INLCR | IGNCR | IXON);
        t.c_oflag &= ~OPOST;
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
        raw = tcsetattr(0, TCSANOW, &t) == 0;
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_fatal;
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    action.sa_handler = on_resize;
    sigaction(SIGWINCH, &action, NULL);
    text_adds(&v->out, "\033[?1049h\033[H\033[2J");
    int ended = 0;
    long changes_before = 0;
    while (!v->quit) {
        clamp(v);
        if (v->replay_at >= v->replay.len) vi_draw(v, NULL);
        if (!v->insert) {
            v->record.len = 0;
            v->recording = 1;
            changes_before = v->changes;
        }
        int count = 0;
        int key = vi_key(v);
        if (key == VI_EOF) {
            ended = 1;
            break;
        }
        if (v->insert) {
            insert_key(v, key);
            if (!v->insert) end_command(v, changes_before);
            continue;
        }
        if (key == '.') {
            v->recording = 0;
            v->replay.len = 0;
            if (v->last_change.len) text_add(&v->replay, v->last_change.s, v->last_change.len);
            v->replay_at = 0;
            continue;
        }
        while ((key >= '1' && key <= '9') || (key == '0' && count > 0)) {
            count = count * 10 + key - '0';
            key = vi_key(v);
        }
        if (key == VI_EOF) {
            ended = 1;
            break;
        }
        normal_key(v, key, count);
        if (!v->insert) end_command(v, changes_before);
    }
    /* The last message (":wq"'s "written") shows before the screen is left, as vim does. */
    if (!ended && v->message[0]) vi_draw(v, NULL);
    restore_terminal();
    if (ended) fputs("Vim: Error reading input, exiting...\n", stderr);
    return ended ? 1 : 0;
}
