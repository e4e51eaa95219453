/* awk-io.c: awk's streams, named by the string that opened them: output
 * files (> and >>), output and input pipes (| "cmd", "cmd" | getline, run
 * by /bin/sh -c through posix_spawn on both builds), input files (getline
 * < "file"), and reading records by RS (a newline by default, one
 * character, "" for paragraphs, or a longer string as an ERE). */
#include "bocal.h"

#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "awk.h"
#include "util.h"

extern char **environ;

enum stream_kind { STREAM_OUT_FILE, STREAM_OUT_PIPE, STREAM_IN_FILE, STREAM_IN_PIPE };

struct stream {
    char *name;
    enum stream_kind kind;
    FILE *file;
    pid_t pid;
    struct stream *next;
};

static struct stream *streams;

/* Runs `sh -c command` with its stdin or stdout on a pipe whose other end
 * is returned as a FILE. */
static FILE *spawn_pipe(const char *command, int reading, pid_t *pid) {
    int fds[2];
    fflush(stdout);
    if (pipe(fds) != 0) return NULL;
    int child_end = reading ? fds[1] : fds[0], our_end = reading ? fds[0] : fds[1];
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, child_end, reading ? 1 : 0);
    posix_spawn_file_actions_addclose(&actions, our_end);
    if (child_end != (reading ? 1 : 0)) posix_spawn_file_actions_addclose(&actions, child_end);
    char *argv[] = {"sh", "-c", (char *)command, NULL};
    int error = posix_spawn(pid, "/bin/sh", &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(child_end);
    if (error != 0) {
        close(our_end);
        errno = error;
        return NULL;
    }
    /* our end must not leak into later children */
    fcntl(our_end, F_SETFD, FD_CLOEXEC);
    return fdopen(our_end, reading ? "r" : "w");
}

static int wait_for(pid_t pid) {
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 256 + WTERMSIG(status);
    return 0;
}

int awk_system(const char *command) {
    pid_t pid;
    char *argv[] = {"sh", "-c", (char *)command, NULL};
    int error = posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, environ);
    if (error != 0) return -1;
    return wait_for(pid);
}

static struct stream *find(const char *name) {
    for (struct stream *stream = streams; stream; stream = stream->next)
        if (strcmp(stream->name, name) == 0) return stream;
    return NULL;
}

static struct stream *add_stream(const char *name, enum stream_kind kind, FILE *file, pid_t pid) {
    struct stream *stream = xmalloc(sizeof *stream);
    stream->name = strdup(name);
    stream->kind = kind, stream->file = file, stream->pid = pid;
    stream->next = streams;
    streams = stream;
    return stream;
}

FILE *output_stream(enum redirect_kind kind, const char *name) {
    struct stream *stream = find(name);
    if (stream) return stream->file;
    if (strcmp(name, "/dev/stdout") == 0 || strcmp(name, "-") == 0) return stdout;
    if (strcmp(name, "/dev/stderr") == 0) return stderr;
    FILE *file;
    pid_t pid = 0;
    if (kind == REDIRECT_PIPE) file = spawn_pipe(name, 0, &pid);
    else file = fopen(name, kind == REDIRECT_APPEND ? "a" : "w");
    if (!file) {
        fflush(stdout);
        fprintf(stderr, "%s: cannot open \"%s\" for output (%s)\n", applet_name, name,
                strerror(errno));
        exit(2);
    }
    add_stream(name, kind == REDIRECT_PIPE ? STREAM_OUT_PIPE : STREAM_OUT_FILE, file, pid);
    return file;
}

FILE *input_stream(const char *name, int command) {
    struct stream *stream = find(name);
    if (stream) return stream->file;
    FILE *file;
    pid_t pid = 0;
    if (command) file = spawn_pipe(name, 1, &pid);
    else if (strcmp(name, "-") == 0 || strcmp(name, "/dev/stdin") == 0) file = stdin;
    else file = fopen(name, "r");
    if (!file) return NULL;
    add_stream(name, command ? STREAM_IN_PIPE : STREAM_IN_FILE, file, pid);
    return file;
}

static int finish(struct stream *stream) {
    int status = 0;
    if (stream->file == stdin) return 0;
    if (stream->kind == STREAM_OUT_PIPE || stream->kind == STREAM_IN_PIPE) {
        fclose(stream->file);
        status = wait_for(stream->pid);
    } else {
        status = fclose(stream->file) == 0 ? 0 : -1;
    }
    return status;
}

void forget_reader(FILE *file);

int close_stream(const char *name) {
    for (struct stream **link = &streams; *link; link = &(*link)->next) {
        struct stream *stream = *link;
        if (strcmp(stream->name, name) != 0) continue;
        *link = stream->next;
        forget_reader(stream->file);
        int status = finish(stream);
        free(stream->name);
        free(stream);
        return status;
    }
    return -1;
}

void close_all_streams(void) {
    fflush(stdout);
    /* in the order they were opened, as the list is newest first */
    while (streams) {
        struct stream **last = &streams;
        while ((*last)->next) last = &(*last)->next;
        struct stream *stream = *last;
        *last = NULL;
        finish(stream);
        free(stream->name);
        free(stream);
    }
}

int flush_stream(const char *name) {
    if (!name) {
        for (struct stream *stream = streams; stream; stream = stream->next)
            if (stream->kind == STREAM_OUT_FILE || stream->kind == STREAM_OUT_PIPE)
                fflush(stream->file);
        return 0;
    }
    struct stream *stream = find(name);
    if (!stream) return strcmp(name, "/dev/stdout") == 0 ? fflush(stdout), 0 : -1;
    return fflush(stream->file) == 0 ? 0 : -1;
}

/* ---- records ----------------------------------------------------------------- */

/* A stream read with a regex RS is read whole, then cut. */
struct reader {
    FILE *file;
    char *data;
    size_t length, position;
    struct reader *next;
};

static struct reader *readers;
static char *record_buffer;
static size_t record_size;

void forget_reader(FILE *file) {
    for (struct reader **link = &readers; *link; link = &(*link)->next)
        if ((*link)->file == file) {
            struct reader *reader = *link;
            *link = reader->next;
            free(reader->data);
            free(reader);
            return;
        }
}

static void keep(size_t length, int c) {
    if (length + 2 > record_size) {
        record_size = record_size ? record_size * 2 : 256;
        record_buffer = realloc(record_buffer, record_size);
    }
    record_buffer[length] = (char)c;
}

static struct reader *slurp(FILE *file) {
    for (struct reader *reader = readers; reader; reader = reader->next)
        if (reader->file == file) return reader;
    struct reader *reader = xmalloc(sizeof *reader);
    memset(reader, 0, sizeof *reader);
    reader->file = file;
    size_t size = 4096;
    reader->data = xmalloc(size);
    size_t got;
    while ((got = fread(reader->data + reader->length, 1, size - reader->length - 1, file)) > 0) {
        reader->length += got;
        if (size - reader->length < 1024) reader->data = realloc(reader->data, size *= 2);
    }
    reader->data[reader->length] = '\0';
    reader->next = readers;
    readers = reader;
    return reader;
}

static int read_by_regex(FILE *file, const char *rs, char **record, size_t *length) {
    struct reader *reader = slurp(file);
    if (reader->position >= reader->length) return 0;
    const char *start = reader->data + reader->position;
    regmatch_t match;
    size_t size;
    if (regexec(dynamic_regex(rs), start, 1, &match, 0) == 0 && match.rm_eo > match.rm_so) {
        size = (size_t)match.rm_so;
        reader->position += (size_t)match.rm_eo;
    } else {
        size = reader->length - reader->position;
        reader->position = reader->length;
    }
    keep(size, 0);
    memcpy(record_buffer, start, size);
    record_buffer[size] = '\0';
    *record = record_buffer, *length = size;
    return 1;
}

int read_record(FILE *file, char **record, size_t *length) {
    struct cell *rs_cell = &awk_globals[V_RS];
    const char *rs = cell_str(rs_cell);
    size_t n = 0;
    int c;
    if (strlen(rs) > 1) return read_by_regex(file, rs, record, length);
    if (rs[0] == '\0') {
        /* paragraph mode: blank lines separate, leading newlines skipped */
        while ((c = getc(file)) == '\n') {}
        if (c == EOF) return 0;
        ungetc(c, file);
        int newlines = 0;
        while ((c = getc(file)) != EOF) {
            if (c == '\n') {
                newlines++;
                continue;
            }
            if (newlines >= 2) {
                ungetc(c, file);
                break;
            }
            for (; newlines > 0; newlines--) keep(n++, '\n');
            keep(n++, c);
        }
    } else {
        int separator = (unsigned char)rs[0], any = 0;
        while ((c = getc(file)) != EOF) {
            any = 1;
            if (c == separator) break;
            keep(n++, c);
        }
        if (!any) return 0;
    }
    keep(n, 0);
    record_buffer[n] = '\0';
    *record = record_buffer, *length = n;
    return 1;
}
