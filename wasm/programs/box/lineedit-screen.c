/* lineedit-screen.c: how the edited line is shown. The text follows the
 * prompt's last line and wraps at the terminal's width like any output; the
 * editor remembers only the cursor's row below the prompt's row, so a
 * redraw goes up to that row, writes the prompt's last line and the text,
 * clears what is left of an older, longer text, and moves the cursor back
 * to its column with relative moves (CUU, CR, CUF: what every terminal,
 * the Linux console and xterm.js do). When the text ends exactly at the
 * right margin the terminal waits to wrap; a newline makes the row below
 * real, so the arithmetic stays row = column / width. Output processing
 * stays on while editing (the editor sets OPOST ONLCR): "\n" starts a row. */
#define _GNU_SOURCE
#include "bocal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lineedit-state.h"

char *lineedit_prompt_text;

/* The columns of one character (East Asian wide and emoji ranges count 2,
 * combining marks 0, as wcwidth does for the usual scripts). */
static int char_width(unsigned c) {
    if (c >= 0x300 && c <= 0x36f) return 0;
    if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf && c != 0x303f) ||
        (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
        (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
        (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
        (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd))
        return 2;
    return 1;
}

int text_width(const char *text, size_t length) {
    const unsigned char *s = (const unsigned char *)text;
    int width = 0, hidden = 0;
    for (size_t i = 0; i < length;) {
        unsigned c = s[i];
        if (c == 1 || c == 2) {
            hidden = c == 1;
            i++;
        } else if (c == 033) {
            /* ESC [ parameters final, or ESC and one character */
            i++;
            if (i < length && s[i] == '[') {
                i++;
                while (i < length && (s[i] < 0x40 || s[i] > 0x7e)) i++;
            }
            i++;
        } else if (c < 0x80) {
            if (!hidden && c >= 0x20 && c != 0x7f) width++;
            i++;
        } else {
            int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
            unsigned code = extra == 3 ? c & 7 : extra == 2 ? c & 15 : c & 31;
            i++;
            for (; extra > 0 && i < length && (s[i] & 0xc0) == 0x80; extra--, i++)
                code = code << 6 | (s[i] & 0x3f);
            if (!hidden) width += char_width(code);
        }
    }
    return width;
}

void screen_printf(struct editor *e, const char *format, ...) {
    char chunk[64];
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(chunk, sizeof chunk, format, ap);
    va_end(ap);
    if (n > 0) buf_addn(&e->out, chunk, (size_t)n < sizeof chunk ? (size_t)n : sizeof chunk - 1);
}

void screen_flush(struct editor *e) {
    size_t done = 0;
    while (done < e->out.len) {
        ssize_t n = write(2, e->out.s + done, e->out.len - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += (size_t)n;
    }
    e->out.len = 0;
}

void screen_beep(struct editor *e) { buf_add(&e->out, '\a'); }

static int columns(const struct editor *e) { return e->columns > 0 ? e->columns : 80; }

/* Columns from the prompt's row start to the text's end (or to the cursor). */
static int end_column(const struct editor *e) {
    return e->shown_width + text_width(e->line.s, e->line.len);
}

/* A new row when the text stopped at the right margin (see the top). */
static void settle_margin(struct editor *e, int end) {
    if (end > 0 && end % columns(e) == 0) buf_adds(&e->out, "\n");
}

void screen_redraw(struct editor *e) {
    int width = columns(e);
    if (e->row > 0) screen_printf(e, "\033[%dA", e->row);
    buf_add(&e->out, '\r');
    buf_adds(&e->out, e->shown);
    buf_addn(&e->out, e->line.s, e->line.len);
    int end = end_column(e);
    settle_margin(e, end);
    buf_adds(&e->out, "\033[J");
    int at = e->shown_width + text_width(e->line.s, e->cursor);
    int up = end / width - at / width;
    if (up > 0) screen_printf(e, "\033[%dA", up);
    buf_add(&e->out, '\r');
    if (at % width) screen_printf(e, "\033[%dC", at % width);
    e->row = at / width;
}

void screen_append(struct editor *e, const char *text, size_t length) {
    buf_addn(&e->out, text, length);
    int end = end_column(e);
    settle_margin(e, end);
    e->row = end / columns(e);
}

void screen_leave(struct editor *e) {
    int end = end_column(e);
    int down = end / columns(e) - e->row;
    if (down > 0) screen_printf(e, "\033[%dB", down);
    /* At the margin the row below is already a new, empty one. */
    if (end == 0 || end % columns(e) != 0) buf_add(&e->out, '\n');
    else buf_add(&e->out, '\r');
    e->row = 0;
}

void screen_restart(struct editor *e, int clear) {
    if (clear) buf_adds(&e->out, "\033[H\033[2J");
    const char *prompt = lineedit_prompt_text ? lineedit_prompt_text : "";
    const char *last = strrchr(prompt, '\n');
    if (last) buf_addn(&e->out, prompt, (size_t)(last + 1 - prompt));
    e->row = 0;
    screen_redraw(e);
}

void screen_list(struct editor *e, char **names, int count) {
    int widest = 0;
    for (int i = 0; i < count; i++) {
        int w = text_width(names[i], strlen(names[i]));
        if (w > widest) widest = w;
    }
    int cell = widest + 2;
    int per_row = columns(e) / cell;
    if (per_row < 1) per_row = 1;
    int rows = (count + per_row - 1) / per_row;
    /* Down the columns first, as bash and ls do. */
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < per_row; c++) {
            int i = c * rows + r;
            if (i >= count) break;
            buf_adds(&e->out, names[i]);
            int last = (c + 1) * rows + r >= count;
            if (!last)
                for (int pad = text_width(names[i], strlen(names[i])); pad < cell; pad++)
                    buf_add(&e->out, ' ');
        }
        buf_add(&e->out, '\n');
    }
}
