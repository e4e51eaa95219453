/* input.h: reading the files a filter applet names (grep, sort, uniq, cut,
 * tr's standard input): "-" is standard input, a failure is reported as GNU
 * tools word it ("PROG: NAME: strerror"). */
#ifndef BOX_INPUT_H
#define BOX_INPUT_H

#include <stdio.h>

/* Opens `name` for reading ("-" is stdin). On failure prints
 * `PROG: NAME: error` and returns NULL. */
FILE *open_input(const char *name);
/* Closes what open_input returned (stdin stays open). */
void close_input(FILE *file);

/* A growing array of lines without their newlines. */
struct lines {
    char **text;
    size_t *length;
    size_t count, capacity;
};

/* Appends every line of `file` to `lines`; a last line without a newline
 * counts. Returns 0, or -1 with errno set on a read error. */
int read_lines(FILE *file, struct lines *lines);

#endif
