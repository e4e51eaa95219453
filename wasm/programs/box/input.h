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

/* The files an applet names read as one stream of bytes, as od and hexdump
 * read them: a file that cannot be opened is reported ("PROG: NAME: error")
 * and passed over; the first `skip` bytes are passed over and, when
 * `limited`, at most `limit` read. Set the first six fields; the rest start
 * at 0. */
struct joined_input {
    char **names;      /* the operands; none (count 0): standard input */
    int count;
    int dash_is_stdin; /* "-" names standard input (od; to hexdump it is a file) */
    unsigned long long skip, limit;
    int limited;
    FILE *file;                       /* the one being read */
    int next, opened, failed;         /* names tried; how many opened and failed */
    unsigned long long skipped, taken; /* bytes passed over and read so far */
};

/* Reads up to `size` bytes into `buffer`; how many (fewer only at the end). */
size_t joined_read(struct joined_input *in, unsigned char *buffer, size_t size);

#endif
