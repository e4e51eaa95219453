/* vi-screen.c: the screen: the lines from `top` on, each wrapped at the
 * terminal's width as vim shows them (tabs to the next multiple of 8,
 * control characters as ^X), `~` for the rows past the end, and the last
 * row for the message, the "-- INSERT --" mark or the ':' line being
 * typed. The whole screen is drawn again after each key, in one write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>

#include "vi.h"

/* The columns and length of the character at S (its display in CELL). */
static int cell(const char *s, int column, char cell_text[8], int *length) {
    unsigned char c = (unsigned char)*s;
    if (c == '\t') {
        int w = 8 - column % 8;
        memset(cell_text, ' ', (size_t)w);
        cell_text[w] = 0;
        *length = 1;
        return w;
    }
    if (c < 0x20 || c == 0x7f) {
        /* ^@ for a NUL byte, which a line holds as a newline (vi-buffer.c) */
        cell_text[0] = '^';
        cell_text[1] = (char)(c == 0x7f ? '?' : c == '\n' ? '@' : c + '@');
        cell_text[2] = 0;
        *length = 1;
        return 2;
    }
    int n = 1;
    if (c >= 0xc0)
        while (n < 4 && ((unsigned char)s[n] & 0xc0) == 0x80) n++;
    memcpy(cell_text, s, (size_t)n);
    cell_text[n] = 0;
    *length = n;
    return 1;
}

int vi_display_column(const char *line, int byte) {
    int column = 0;
    char text[8];
    for (int i = 0; i < byte && line[i];) {
        int length;
        column += cell(line + i, column, text, &length);
        i += length;
    }
    return column;
}

int vi_byte_at_column(const char *line, int column) {
    int at = 0, shown = 0, last = 0;
    char text[8];
    while (line[at]) {
        int length;
        int w = cell(line + at, shown, text, &length);
        if (shown + w > column) return at;
        last = at;
        shown += w;
        at += length;
    }
    return last;
}

static int line_rows(const struct vi *v, int row) {
    int width = vi_display_column(v->buffer.v[row], (int)strlen(v->buffer.v[row]));
    return width == 0 ? 1 : (width - 1) / v->columns + 1;
}

/* Scrolls so the cursor's line is whole on the screen. */
static void keep_cursor_shown(struct vi *v) {
    int text_rows = v->rows - 1;
    if (v->row < v->top) v->top = v->row;
    for (;;) {
        int used = 0;
        for (int i = v->top; i <= v->row; i++) used += line_rows(v, i);
        if (used <= text_rows || v->top == v->row) break;
        v->top++;
    }
}

void vi_flush(struct vi *v) {
    size_t done = 0;
    while (done < v->out.len) {
        ssize_t n = write(1, v->out.s + done, v->out.len - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += (size_t)n;
    }
    v->out.len = 0;
}

void vi_draw(struct vi *v, const char *command_line) {
    keep_cursor_shown(v);
    int text_rows = v->rows - 1;
    struct text *o = &v->out;
    text_adds(o, "\033[H");
    int screen_row = 0, cursor_row = 0, cursor_column = 0;
    for (int i = v->top; i < v->buffer.count && screen_row < text_rows; i++) {
        const char *line = v->buffer.v[i];
        int column = 0, at = 0;
        if (i == v->row) {
            int d = vi_display_column(line, v->col);
            cursor_row = screen_row + d / v->columns;
            cursor_column = d % v->columns;
        }
        char text[8];
        while (line[at] && screen_row < text_rows) {
            int length;
            int w = cell(line + at, column, text, &length);
            if (column + w > v->columns && column > 0) {
                text_adds(o, "\033[K\r\n");
                screen_row++;
                column = 0;
                if (screen_row >= text_rows) break;
                continue;
            }
            text_adds(o, text);
            column += w;
            at += length;
        }
        if (screen_row < text_rows) {
            text_adds(o, "\033[K\r\n");
            screen_row++;
        }
    }
    for (; screen_row < text_rows; screen_row++) text_adds(o, "~\033[K\r\n");
    if (command_line) {
        text_adds(o, command_line);
    } else if (v->message[0]) {
        if (v->message_error) text_printf(o, "\033[7m%s\033[27m", v->message);
        else text_adds(o, v->message);
    } else if (v->insert) {
        text_adds(o, "-- INSERT --");
    }
    text_adds(o, "\033[K");
    if (command_line)
        text_printf(o, "\033[%d;%dH", v->rows, vi_display_column(command_line, (int)strlen(command_line)) + 1);
    else
        text_printf(o, "\033[%d;%dH", cursor_row + 1, cursor_column + 1);
    vi_flush(v);
}
