/* lineedit-history.c: the lines entered, oldest first, for up/down and ^R.
 * As busybox ash: kept in $HISTFILE (by default ~/.ash_history; an empty
 * HISTFILE keeps none), read when the first line is edited and appended to
 * as each line is entered, so a shell started later finds the lines of the
 * ones before; the last HISTORY_MAX lines are kept. Empty lines and a line
 * equal to the one before are not added.
 *
 * ^R searches as readline does: the prompt becomes
 * (reverse-i-search)`TEXT': and the line the newest entry holding TEXT;
 * typing extends TEXT, ^R finds an older one, Backspace shortens TEXT, ^G
 * gives the line back as it was, and any other key ends the search with the
 * entry found and is then acted on (Enter runs it). */
#define _GNU_SOURCE
#include "bocal.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lineedit-state.h"

#define HISTORY_MAX 500

static char *entries[HISTORY_MAX];
int history_count;
static int loaded;

const char *history_entry(int index) {
    return index >= 0 && index < history_count ? entries[index] : "";
}

/* The history file's path in a static buffer, or NULL for none. */
static const char *history_file(void) {
    static char path[4096];
    const char *file = var_get("HISTFILE");
    if (file) return *file ? file : NULL;
    const char *home = var_get("HOME");
    if (!home || !*home) return NULL;
    snprintf(path, sizeof path, "%s/.ash_history", strcmp(home, "/") == 0 ? "" : home);
    return path;
}

static void remember(const char *line, size_t length) {
    if (history_count == HISTORY_MAX) {
        free(entries[0]);
        memmove(entries, entries + 1, sizeof entries[0] * (HISTORY_MAX - 1));
        history_count--;
    }
    entries[history_count++] = sh_strndup(line, length);
}

void history_load(void) {
    if (loaded) return;
    loaded = 1;
    const char *path = history_file();
    int fd = path ? open(path, O_RDONLY) : -1;
    if (fd < 0) return;
    struct buf text = {0};
    char chunk[4096];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0) buf_addn(&text, chunk, (size_t)n);
    close(fd);
    int lines = 0;
    for (size_t start = 0; start < text.len;) {
        char *end = memchr(text.s + start, '\n', text.len - start);
        size_t length = end ? (size_t)(end - (text.s + start)) : text.len - start;
        if (length) remember(text.s + start, length);
        lines++;
        start += length + 1;
    }
    free(text.s);
    /* A file grown past the limit is cut back to the lines kept. */
    if (lines > HISTORY_MAX) {
        int out = open(path, O_WRONLY | O_TRUNC);
        for (int i = 0; out >= 0 && i < history_count; i++) {
            write(out, entries[i], strlen(entries[i]));
            write(out, "\n", 1);
        }
        if (out >= 0) close(out);
    }
}

void history_add(const char *line) {
    size_t length = strlen(line);
    if (length == 0) return;
    if (history_count && strcmp(entries[history_count - 1], line) == 0) return;
    remember(line, length);
    const char *path = history_file();
    int fd = path ? open(path, O_WRONLY | O_APPEND | O_CREAT, 0600) : -1;
    if (fd < 0) return;
    struct buf record = {0};
    buf_addn(&record, line, length);
    buf_add(&record, '\n');
    write(fd, record.s, record.len);
    free(record.s);
    close(fd);
}

/* The newest entry at or before FROM holding QUERY, or -1. */
static int find_back(int from, const char *query, size_t *offset) {
    for (int i = from < history_count ? from : history_count - 1; i >= 0; i--) {
        const char *at = strstr(entries[i], query);
        if (at) {
            *offset = (size_t)(at - entries[i]);
            return i;
        }
    }
    return -1;
}

static void show_search(struct editor *e, const char *query, int failed, struct buf *prompt) {
    prompt->len = 0;
    buf_adds(prompt, failed ? "(failed reverse-i-search)`" : "(reverse-i-search)`");
    buf_adds(prompt, query);
    buf_adds(prompt, "': ");
    e->shown = prompt->s;
    e->shown_width = text_width(prompt->s, prompt->len);
    screen_redraw(e);
    screen_flush(e);
}

int history_search(struct editor *e) {
    const char *shown = e->shown;
    int shown_width = e->shown_width;
    char *original = sh_strdup(e->line.s);
    size_t original_cursor = e->cursor;
    struct buf query = {0}, prompt = {0};
    buf_adds(&query, "");
    int found = -1, failed = 0;
    int key;
    show_search(e, query.s, 0, &prompt);
    for (;;) {
        key = editor_key(e);
        int from;
        if (key == KEY_CTRL('R')) {
            from = (found >= 0 ? found : history_count) - 1;
        } else if (key == 0x7f || key == KEY_CTRL('H')) {
            if (query.len) query.s[--query.len] = 0;
            from = history_count - 1;
        } else if (key >= 0x20 && key < 0x100 && key != 0x7f) {
            buf_add(&query, (char)key);
            from = found >= 0 ? found : history_count - 1;
        } else {
            break;
        }
        size_t offset = 0;
        int match = query.len ? find_back(from, query.s, &offset) : -1;
        failed = query.len && match < 0;
        if (match >= 0) {
            found = match;
            editor_set_line(e, entries[match], offset);
        } else if (!query.len) {
            found = -1;
            editor_set_line(e, original, original_cursor);
        }
        if (failed) screen_beep(e);
        show_search(e, query.s, failed, &prompt);
    }
    if (key == KEY_CTRL('G')) {
        editor_set_line(e, original, original_cursor);
        key = KEY_NONE;
    } else if (found >= 0) {
        e->history_at = found;
    }
    e->shown = shown;
    e->shown_width = shown_width;
    screen_redraw(e);
    free(original);
    free(query.s);
    free(prompt.s);
    return key;
}
