/* vi.h: the small full-screen editor's shared state. vi.c reads keys and
 * runs normal and insert mode; vi-buffer.c holds the lines, files and the
 * undo copy; vi-screen.c draws; vi-ex.c runs the ':' commands and searches. */
#ifndef BOX_VI_H
#define BOX_VI_H

#include <stddef.h>

struct text {
    char *s;
    size_t len, cap;
};
void text_add(struct text *t, const char *s, size_t n);
void text_addc(struct text *t, char c);
void text_adds(struct text *t, const char *s);
void text_printf(struct text *t, const char *format, ...) __attribute__((format(printf, 2, 3)));

struct lines {
    char **v;  /* NUL-terminated lines without their newline; always at least one */
    int count, capacity;
};

struct vi {
    struct lines buffer;
    int row, col;        /* the cursor: a line, a byte offset in it */
    int want_col;        /* the display column j and k keep (-1: the end, after $) */
    int top;             /* the first line shown */
    int rows, columns;   /* the terminal's size */
    char *file;          /* the file name, or NULL */
    int modified;
    int insert;          /* insert mode */
    char message[512];   /* the last row's text, until the next key */
    int message_error;   /* shown in reverse video, as vim's errors */
    struct lines yank;   /* the unnamed register */
    int yank_lines;      /* it holds whole lines (else yank.v[0] is text) */
    struct lines undo;   /* the buffer before the last change */
    int undo_row, undo_col, has_undo;
    char *pattern;       /* the last search */
    int backward;        /* its direction: ? */
    int quit;
    int pushed;          /* a key read ahead, or -1 */
    long changes;        /* counts changes to the buffer */
    /* `.`: the keys of the last command that changed the buffer (up to the
     * ESC ending its insert), read again from `replay`. */
    struct text record, last_change, replay;
    size_t replay_at;
    int recording;
    struct text out;
};

/* Keys beyond bytes. */
enum {
    VI_UP = 256, VI_DOWN, VI_LEFT, VI_RIGHT, VI_HOME, VI_END, VI_DELETE, VI_PAGE_UP,
    VI_PAGE_DOWN, VI_NONE, VI_EOF = -1,
};
#define VI_CTRL(c) ((c) & 0x1f)
#define VI_ESC 033

/* vi.c */
int vi_key(struct vi *v);

/* vi-buffer.c */
void lines_init(struct lines *l);
void lines_free(struct lines *l);
void lines_insert(struct lines *l, int at, const char *s, size_t n);
void lines_delete(struct lines *l, int at, int count);
void lines_copy(struct lines *to, const struct lines *from, int at, int count);
/* Reads FILE into the buffer; sets the message vim shows ("f" 3L, 42B). */
int vi_load(struct vi *v, const char *file);
/* Writes the buffer to FILE (the buffer's own when NULL) with the message. */
int vi_write(struct vi *v, const char *file);
/* Keeps a copy of the buffer before a change, for u. */
void vi_save_undo(struct vi *v);
void vi_undo(struct vi *v);
void vi_set_line(struct vi *v, int row, char *s);
void vi_message(struct vi *v, int error, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* vi-screen.c */
void vi_draw(struct vi *v, const char *command_line);
void vi_flush(struct vi *v);
int vi_display_column(const char *line, int byte);
/* The byte offset in LINE shown at display column COLUMN (or the last). */
int vi_byte_at_column(const char *line, int column);

/* vi-ex.c */
/* Reads a ':' '/' or '?' line on the last row; NULL when ESC abandoned it. */
char *vi_read_command(struct vi *v, char kind);
void vi_ex(struct vi *v, const char *command);
void vi_search(struct vi *v, const char *pattern, int backward);
void vi_search_next(struct vi *v, int reverse);

#endif
