/* lineedit-state.h: what the line editor's files share: the line being
 * edited, how it is shown on the terminal, and the keys. lineedit.c reads
 * keys and edits; lineedit-screen.c draws; lineedit-history.c keeps the
 * history and runs ^R; lineedit-complete.c completes on Tab. */
#ifndef BOX_LINEEDIT_STATE_H
#define BOX_LINEEDIT_STATE_H

#include <stddef.h>

#include "sh.h"

/* Keys that are not one byte: what the escape sequences of xterm, the Linux
 * console and xterm.js decode to. */
enum {
    KEY_UP = 256, KEY_DOWN, KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END, KEY_DELETE,
    KEY_WORD_LEFT, KEY_WORD_RIGHT, KEY_KILL_WORD_LEFT, KEY_KILL_WORD_RIGHT,
    KEY_NONE,       /* a sequence the editor ignores */
    KEY_EOF = -1,   /* the terminal hung up */
    KEY_INTERRUPTED = -2, /* a signal (not SIGWINCH) interrupted the read */
};

#define KEY_CTRL(c) ((c) & 0x1f)

struct editor {
    struct buf line;       /* the text, NUL-terminated; line.len bytes */
    size_t cursor;         /* a byte offset, always at a character's start */
    const char *shown;     /* what precedes the text on its first row: the
                              prompt's last line, or ^R's "(reverse-i-search)" */
    int shown_width;       /* its columns */
    int columns;           /* the terminal's width */
    int row;               /* the cursor's row, from the row the prompt ends on */
    struct buf out;        /* output gathered for one write */
    int history_at;        /* the history entry shown; history_count: the new line */
    char *draft;           /* the new line, kept while history entries are shown */
};

/* lineedit.c */
int editor_key(struct editor *e);
void editor_set_line(struct editor *e, const char *text, size_t cursor);
void editor_insert(struct editor *e, const char *text, size_t length);

/* lineedit-screen.c */
/* Columns of TEXT on a terminal: UTF-8 characters, wide ones 2, escape
 * sequences and \001...\002 (readline's invisible marks) none. */
int text_width(const char *text, size_t length);
void screen_redraw(struct editor *e);
/* Shows TEXT inserted at the end of the line (the cursor is there). */
void screen_append(struct editor *e, const char *text, size_t length);
/* Moves the cursor below the text, to a new row. */
void screen_leave(struct editor *e);
/* Clears the screen, or starts below the text (after a listing): the
 * prompt's first lines, then the line. */
void screen_restart(struct editor *e, int clear);
/* Lists NAMES in columns across the terminal (after screen_leave). */
void screen_list(struct editor *e, char **names, int count);
void screen_printf(struct editor *e, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
void screen_flush(struct editor *e);
void screen_beep(struct editor *e);
/* The whole prompt as last shown (lineedit_prompt). */
extern char *lineedit_prompt_text;

/* lineedit-history.c */
extern int history_count;
const char *history_entry(int index);
void history_load(void);
void history_add(const char *line);
/* ^R: searches back, as the user types; returns the key that ended the
 * search (to be acted on), with the found line in the editor. */
int history_search(struct editor *e);

/* lineedit-complete.c */
/* Tab: completes the word before the cursor; AGAIN when the previous key
 * was Tab too (then several matches are listed). */
void complete_word(struct editor *e, int again);

#endif
