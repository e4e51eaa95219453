/* input.c: opening input files and reading them whole (see input.h). */
#include "input.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "util.h"

FILE *open_input(const char *name) {
    if (strcmp(name, "-") == 0) return stdin;
    FILE *file = fopen(name, "r");
    if (!file) warn_errno(errno, "%s", quotef(name));
    return file;
}

void close_input(FILE *file) {
    if (file == stdin) clearerr(stdin);
    else fclose(file);
}

static void push_line(struct lines *lines, char *text, size_t length) {
    if (lines->count == lines->capacity) {
        lines->capacity = lines->capacity ? lines->capacity * 2 : 64;
        lines->text = realloc(lines->text, lines->capacity * sizeof *lines->text);
        lines->length = realloc(lines->length, lines->capacity * sizeof *lines->length);
        if (!lines->text || !lines->length) {
            warnx_("memory exhausted");
            exit(2);
        }
    }
    lines->text[lines->count] = text;
    lines->length[lines->count++] = length;
}

int read_lines(FILE *file, struct lines *lines) {
    char *line = NULL;
    size_t size = 0;
    ssize_t got;
    errno = 0;
    while ((got = getline(&line, &size, file)) >= 0) {
        size_t length = (size_t)got;
        if (length > 0 && line[length - 1] == '\n') line[--length] = '\0';
        push_line(lines, line, length);
        line = NULL;
        size = 0;
    }
    free(line);
    return ferror(file) ? -1 : 0;
}

/* The next file of `in` that opens, or NULL when none is left. */
static FILE *open_next(struct joined_input *in) {
    int total = in->count ? in->count : 1;
    while (in->next < total) {
        const char *name = in->count ? in->names[in->next] : "-";
        int standard = !in->count || (in->dash_is_stdin && strcmp(name, "-") == 0);
        in->next++;
        FILE *file = standard ? stdin : fopen(name, "rb");
        if (file) {
            in->opened++;
            return file;
        }
        warn_errno(errno, "%s", name);
        in->failed++;
    }
    return NULL;
}

size_t joined_read(struct joined_input *in, unsigned char *buffer, size_t size) {
    size_t length = 0;
    while (length < size && (!in->limited || in->taken < in->limit)) {
        if (!in->file && !(in->file = open_next(in))) break;
        int c = getc(in->file);
        if (c == EOF) {
            if (in->file != stdin) fclose(in->file);
            in->file = NULL;
            continue;
        }
        if (in->skipped < in->skip) {
            in->skipped++;
            continue;
        }
        buffer[length++] = (unsigned char)c;
        in->taken++;
    }
    return length;
}
