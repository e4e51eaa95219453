/* vi-buffer.c: the lines being edited, reading and writing files with
 * vim's messages ("name" 3L, 42B; "name" [New]; ... written), and the one
 * level of undo: a copy of the buffer taken before each change, swapped
 * back by u (so a second u redoes, as in vi). A file's last line gets its
 * newline when written, as vim does. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "vi.h"

void text_add(struct text *t, const char *s, size_t n) {
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        if (!t->s) warnx_("memory exhausted"), exit(1);
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = 0;
}

void text_addc(struct text *t, char c) { text_add(t, &c, 1); }
void text_adds(struct text *t, const char *s) { text_add(t, s, strlen(s)); }

void text_printf(struct text *t, const char *format, ...) {
    char chunk[256];
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(chunk, sizeof chunk, format, ap);
    va_end(ap);
    if (n > 0) text_add(t, chunk, (size_t)n < sizeof chunk ? (size_t)n : sizeof chunk - 1);
}

static char *copy_of(const char *s, size_t n) {
    char *c = malloc(n + 1);
    if (!c) warnx_("memory exhausted"), exit(1);
    memcpy(c, s, n);
    c[n] = 0;
    return c;
}

void lines_init(struct lines *l) { l->count = 0; }

void lines_free(struct lines *l) {
    for (int i = 0; i < l->count; i++) free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->count = l->capacity = 0;
}

void lines_insert(struct lines *l, int at, const char *s, size_t n) {
    if (l->count == l->capacity) {
        l->capacity = l->capacity ? l->capacity * 2 : 64;
        l->v = realloc(l->v, sizeof *l->v * (size_t)l->capacity);
        if (!l->v) warnx_("memory exhausted"), exit(1);
    }
    memmove(l->v + at + 1, l->v + at, sizeof *l->v * (size_t)(l->count - at));
    l->v[at] = copy_of(s, n);
    l->count++;
}

void lines_delete(struct lines *l, int at, int count) {
    if (at + count > l->count) count = l->count - at;
    for (int i = 0; i < count; i++) free(l->v[at + i]);
    memmove(l->v + at, l->v + at + count, sizeof *l->v * (size_t)(l->count - at - count));
    l->count -= count;
}

void lines_copy(struct lines *to, const struct lines *from, int at, int count) {
    lines_free(to);
    for (int i = 0; i < count && at + i < from->count; i++)
        lines_insert(to, i, from->v[at + i], strlen(from->v[at + i]));
}

void vi_set_line(struct vi *v, int row, char *s) {
    free(v->buffer.v[row]);
    v->buffer.v[row] = s;
}

void vi_message(struct vi *v, int error, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    vsnprintf(v->message, sizeof v->message, format, ap);
    va_end(ap);
    v->message_error = error;
}

int vi_load(struct vi *v, const char *file) {
    lines_free(&v->buffer);
    v->row = v->col = v->top = 0;
    v->modified = 0;
    v->has_undo = 0;
    int fd = open(file, O_RDONLY);
    if (fd < 0) {
        lines_insert(&v->buffer, 0, "", 0);
        if (errno == ENOENT) vi_message(v, 0, "\"%s\" [New]", file);
        else vi_message(v, 1, "\"%s\" [Permission Denied]", file);
        return errno == ENOENT ? 0 : -1;
    }
    struct text data = {0};
    char chunk[8192];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0) text_add(&data, chunk, (size_t)n);
    close(fd);
    if (n < 0) {
        lines_insert(&v->buffer, 0, "", 0);
        vi_message(v, 1, "\"%s\" %s", file, strerror(errno));
        free(data.s);
        return -1;
    }
    int missing_newline = data.len > 0 && data.s[data.len - 1] != '\n';
    for (size_t at = 0; at < data.len;) {
        char *end = memchr(data.s + at, '\n', data.len - at);
        size_t length = end ? (size_t)(end - (data.s + at)) : data.len - at;
        lines_insert(&v->buffer, v->buffer.count, data.s + at, length);
        /* A NUL byte is kept in a line as a newline (which a line never
         * holds otherwise), as vim does, so a binary file is written back whole. */
        char *line = v->buffer.v[v->buffer.count - 1];
        for (size_t i = 0; i < length; i++)
            if (line[i] == 0) line[i] = '\n';
        at += length + 1;
    }
    int shown = v->buffer.count;
    if (v->buffer.count == 0) lines_insert(&v->buffer, 0, "", 0);
    vi_message(v, 0, "\"%s\"%s %dL, %zuB", file, missing_newline ? " [noeol]" : "", shown,
               data.len);
    free(data.s);
    return 0;
}

int vi_write(struct vi *v, const char *file) {
    const char *name = file ? file : v->file;
    if (!name) {
        vi_message(v, 1, "E32: No file name");
        return -1;
    }
    int existed = access(name, F_OK) == 0;
    int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0) {
        vi_message(v, 1, "\"%s\" E212: Can't open file for writing", name);
        return -1;
    }
    struct text data = {0};
    text_adds(&data, "");
    for (int i = 0; i < v->buffer.count; i++) {
        size_t start = data.len;
        text_adds(&data, v->buffer.v[i]);
        for (size_t k = start; k < data.len; k++)
            if (data.s[k] == '\n') data.s[k] = 0;
        text_addc(&data, '\n');
    }
    /* An empty buffer is an empty file, not one newline. */
    if (v->buffer.count == 1 && !v->buffer.v[0][0]) data.len = 0;
    size_t done = 0;
    while (done < data.len) {
        ssize_t n = write(fd, data.s + done, data.len - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += (size_t)n;
    }
    int failed = close(fd) < 0 || done < data.len;
    if (failed) vi_message(v, 1, "\"%s\" E514: Write error (file system full?)", name);
    else
        vi_message(v, 0, "\"%s\" %s%dL, %zuB written", name, existed ? "" : "[New] ",
                   data.len ? v->buffer.count : 0, data.len);
    free(data.s);
    if (failed) return -1;
    if (!file || (v->file && strcmp(file, v->file) == 0)) v->modified = 0;
    return 0;
}

void vi_save_undo(struct vi *v) {
    lines_copy(&v->undo, &v->buffer, 0, v->buffer.count);
    v->undo_row = v->row;
    v->undo_col = v->col;
    v->has_undo = 1;
}

void vi_undo(struct vi *v) {
    if (!v->has_undo) {
        vi_message(v, 0, "Already at oldest change");
        return;
    }
    struct lines now = v->buffer;
    int row = v->row, col = v->col;
    v->buffer = v->undo;
    v->undo = now;
    v->row = v->undo_row;
    v->col = v->undo_col;
    v->modified = 1; /* a write since the change is not undone */
    v->undo_row = row;
    v->undo_col = col;
    if (v->row >= v->buffer.count) v->row = v->buffer.count - 1;
    int length = (int)strlen(v->buffer.v[v->row]);
    if (v->col > length) v->col = length;
}
