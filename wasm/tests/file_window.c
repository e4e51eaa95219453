/* file_window: reads of regular files that on bocal go through the read
 * window (docs/design/file-reads.md): after a read(2) of a tmpfs file the
 * kernel lends the file's offset to the process's worker, which reads on
 * without syscalls until the kernel takes the offset back. Every scenario
 * checks that what a program sees is what Linux shows: data written,
 * truncated or appended by another fd, pread and pwrite, lseek, an offset
 * shared by dup and with a child, a parent and a child reading one
 * description at once, an fd closed or replaced, a file unlinked. It prints one deterministic line per check, so the WASI build
 * on bocal can be compared with the native build on Linux.
 *
 *   file_window DIR           runs every scenario with its files in DIR
 *   file_window child N       reads N bytes from stdin, prints them, exits
 *   file_window words         reads stdin (a file of 32-bit word indexes,
 *                             shared with its parent) to its end; prints
 *                             how many words it read, their sum and sum of
 *                             squares, and whether each read was in order */
#define _GNU_SOURCE
#include "bocal.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#ifndef __wasi__
#include <spawn.h>
#include <sys/wait.h>
#endif

extern char **environ;
static const char *self;
static char dir[512];

/* The byte at offset `at` of a pattern file: not periodic in 4 KiB or 64 KiB. */
static unsigned char pattern(long at) { return (unsigned char)((at * 7 + at / 251) & 0xff); }

static const char *path(const char *name) {
    static char buffer[2][600];
    static int which;
    which ^= 1;
    snprintf(buffer[which], sizeof buffer[which], "%s/%s", dir, name);
    return buffer[which];
}

/* Makes `name` with `size` bytes of the pattern. */
static void make_file(const char *name, long size) {
    int fd = open(path(name), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        printf("create %s: %s\n", name, strerror(errno));
        exit(1);
    }
    static unsigned char block[65536];
    for (long done = 0; done < size;) {
        long n = size - done < (long)sizeof block ? size - done : (long)sizeof block;
        for (long i = 0; i < n; i++) block[i] = pattern(done + i);
        if (write(fd, block, (size_t)n) != n) {
            printf("write %s: %s\n", name, strerror(errno));
            exit(1);
        }
        done += n;
    }
    close(fd);
}

static int open_or_die(const char *name, int flags) {
    int fd = open(path(name), flags);
    if (fd < 0) {
        printf("open %s: %s\n", name, strerror(errno));
        exit(1);
    }
    return fd;
}

/* Reads up to n bytes; prints them as text, with the count. */
static void read_text(const char *label, int fd, size_t n) {
    char buffer[256] = {0};
    ssize_t got = read(fd, buffer, n < sizeof buffer - 1 ? n : sizeof buffer - 1);
    if (got < 0) printf("%s: %s\n", label, strerror(errno));
    else printf("%s: %zd \"%.*s\"\n", label, got, (int)got, buffer);
}

static long where(int fd) { return (long)lseek(fd, 0, SEEK_CUR); }

/* A 3 MiB file read to its end in odd-sized reads and two-vector readvs
 * (more than the window holds, so it wraps): every byte is checked. */
static void sequential(void) {
    const long size = 3 * 1024 * 1024 + 1234;
    make_file("big", size);
    int fd = open_or_die("big", O_RDONLY);
    static unsigned char a[70000], b[5000];
    long at = 0, bad = -1, calls = 0;
    for (;;) {
        ssize_t got;
        if (calls % 3 == 2) {
            struct iovec v[2] = {{a, 3000}, {b, sizeof b}};
            got = readv(fd, v, 2);
            for (ssize_t i = 0; i < got && bad < 0; i++) {
                unsigned char c = i < 3000 ? a[i] : b[i - 3000];
                if (c != pattern(at + i)) bad = at + i;
            }
        } else {
            size_t want = calls % 3 == 0 ? 7001 : sizeof a;
            got = read(fd, a, want);
            for (ssize_t i = 0; i < got && bad < 0; i++)
                if (a[i] != pattern(at + i)) bad = at + i;
        }
        if (got < 0) {
            printf("sequential: read: %s\n", strerror(errno));
            break;
        }
        if (got == 0) break;
        at += got;
        calls++;
    }
    printf("sequential: %ld bytes, first wrong byte %ld, offset at end %ld\n", at, bad, where(fd));
    close(fd);
    unlink(path("big"));
}

static void text_file(const char *name, const char *text) {
    int fd = open(path(name), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
        printf("create %s failed\n", name);
        exit(1);
    }
    close(fd);
}

static const char *const ALPHABET =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz";

/* A write through another fd is seen by the next read of a reader that
 * read ahead of it, as on Linux (the page cache is one copy). */
static void concurrent_write(void) {
    text_file("w", ALPHABET);
    int reader = open_or_die("w", O_RDONLY);
    int writer = open_or_die("w", O_WRONLY);
    read_text("write: first read", reader, 4);
    pwrite(writer, "XYZ", 3, 6);
    read_text("write: after pwrite at 6", reader, 6);
    write(writer, "!!", 2); /* the writer's own offset: 0 */
    lseek(reader, 0, SEEK_SET);
    read_text("write: from the start", reader, 12);
    close(writer);
    close(reader);
}

/* Truncation by another fd ends the reader's file where it now ends; the
 * file grown again reads zeros past the old end. */
static void truncation(void) {
    text_file("t", ALPHABET);
    int reader = open_or_die("t", O_RDONLY);
    int writer = open_or_die("t", O_WRONLY);
    read_text("truncate: first read", reader, 5);
    ftruncate(writer, 12);
    read_text("truncate: after truncating to 12", reader, 20);
    read_text("truncate: at the end", reader, 20);
    ftruncate(writer, 16);
    char zeros[8];
    ssize_t got = read(reader, zeros, sizeof zeros);
    int all_zero = 1;
    for (ssize_t i = 0; i < got; i++) all_zero &= zeros[i] == 0;
    printf("truncate: grown to 16, read %zd bytes, all zero %d\n", got, all_zero);
    close(writer);
    close(reader);
}

/* A reader at the end of the file sees what an O_APPEND writer adds. */
static void append(void) {
    text_file("a", "0123456789");
    int reader = open_or_die("a", O_RDONLY);
    read_text("append: whole file", reader, 40);
    read_text("append: at the end", reader, 40);
    int writer = open_or_die("a", O_WRONLY | O_APPEND);
    write(writer, "more", 4);
    read_text("append: after the append", reader, 40);
    close(writer);
    close(reader);
}

/* pread leaves the offset alone; pwrite through the reader's own fd (O_RDWR) shows. */
static void positioned(void) {
    text_file("p", ALPHABET);
    int fd = open_or_die("p", O_RDWR);
    read_text("pread: read", fd, 10);
    char buffer[8] = {0};
    ssize_t got = pread(fd, buffer, 5, 2);
    printf("pread: %zd \"%.*s\", offset %ld\n", got, (int)got, buffer, where(fd));
    read_text("pread: read after pread", fd, 5);
    pwrite(fd, "##", 2, 16);
    read_text("pread: read after pwrite at 16", fd, 5);
    write(fd, "W", 1);
    printf("pread: offset after write %ld\n", where(fd));
    lseek(fd, 0, SEEK_SET);
    read_text("pread: from the start", fd, 24);
    close(fd);
}

/* lseek sees the offset the reads reached, and moves it for the next read. */
static void seeking(void) {
    text_file("s", ALPHABET);
    int fd = open_or_die("s", O_RDONLY);
    read_text("seek: read", fd, 10);
    read_text("seek: read", fd, 7);
    printf("seek: SEEK_CUR %ld\n", where(fd));
    printf("seek: SEEK_SET 3 -> %ld\n", (long)lseek(fd, 3, SEEK_SET));
    read_text("seek: read", fd, 4);
    printf("seek: SEEK_END -5 -> %ld\n", (long)lseek(fd, -5, SEEK_END));
    read_text("seek: read", fd, 10);
    printf("seek: SEEK_CUR -20 -> %ld\n", (long)lseek(fd, -20, SEEK_CUR));
    read_text("seek: read", fd, 3);
    close(fd);
}

/* A dup'd fd shares the offset: reads through either continue each other. */
static void duplicated(void) {
    text_file("d", ALPHABET);
    int fd = open_or_die("d", O_RDONLY);
    read_text("dup: first fd", fd, 5);
    read_text("dup: first fd", fd, 5);
    int copy = dup(fd);
    read_text("dup: copy", copy, 5);
    read_text("dup: first fd", fd, 5);
    printf("dup: offsets %ld %ld\n", where(fd), where(copy));
    close(fd);
    read_text("dup: copy after closing the first", copy, 5);
    close(copy);
}

/* A child given the fd as stdin shares the description, and its offset. */
static void shared_with_child(void) {
    text_file("c", ALPHABET);
    int fd = open_or_die("c", O_RDONLY);
    read_text("child: parent reads", fd, 5);
    read_text("child: parent reads", fd, 5);
    char *argv[] = {(char *)self, "child", "6", 0};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd, 0);
    pid_t pid = -1;
    int error = posix_spawn(&pid, self, &fa, 0, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (error) {
        printf("child: spawn failed: %s\n", strerror(error));
        return;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    printf("child: exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    printf("child: parent's offset %ld\n", where(fd));
    read_text("child: parent reads after the child", fd, 5);
    close(fd);
}

/* What one reader of a words file saw: each word is its own index, so a
 * read that is one piece of the file holds consecutive indexes. */
struct tally {
    unsigned long long words, sum, squares;
    int in_order;
};

static void read_words(int fd, struct tally *t) {
    static unsigned int buffer[1000];
    t->in_order = 1;
    for (;;) {
        ssize_t got = read(fd, buffer, sizeof buffer);
        if (got <= 0) break;
        if (got % 4 != 0) t->in_order = 0;
        for (ssize_t i = 0; i < got / 4; i++) {
            if (i > 0 && buffer[i] != buffer[i - 1] + 1) t->in_order = 0;
            t->words++;
            t->sum += buffer[i];
            t->squares += (unsigned long long)buffer[i] * buffer[i];
        }
    }
}

/* A parent and a child read one shared description at the same time:
 * between them every word is read exactly once, each read in one piece. */
static void concurrent_readers(void) {
    const unsigned int n = 1024 * 1024;
    int out = open(path("words"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    static unsigned int block[4096];
    for (unsigned int at = 0; at < n; at += 4096) {
        for (unsigned int i = 0; i < 4096; i++) block[i] = at + i;
        if (write(out, block, sizeof block) != (ssize_t)sizeof block) printf("words: write failed\n");
    }
    close(out);
    int fd = open_or_die("words", O_RDONLY);
    int fds[2];
    if (pipe(fds) != 0) {
        printf("words: pipe: %s\n", strerror(errno));
        return;
    }
    unsigned int first[4];
    read(fd, first, sizeof first); /* the window is lent before the child starts */
    char *argv[] = {(char *)self, "words", 0};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd, 0);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    pid_t pid = -1;
    int error = posix_spawn(&pid, self, &fa, 0, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (error) {
        printf("words: spawn failed: %s\n", strerror(error));
        return;
    }
    struct tally mine = {4, 0 + 1 + 2 + 3, 0 + 1 + 4 + 9, 1};
    struct tally rest = {0};
    read_words(fd, &rest);
    mine.words += rest.words;
    mine.sum += rest.sum;
    mine.squares += rest.squares;
    char line[200] = {0};
    ssize_t got = 0, r;
    while ((r = read(fds[0], line + got, sizeof line - 1 - (size_t)got)) > 0) got += r;
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    struct tally child = {0};
    sscanf(line, "%llu %llu %llu %d", &child.words, &child.sum, &child.squares, &child.in_order);
    unsigned long long words = mine.words + child.words;
    unsigned long long sum = mine.sum + child.sum, squares = mine.squares + child.squares;
    unsigned long long want_sum = (unsigned long long)n * (n - 1) / 2;
    unsigned long long want_squares = (unsigned long long)(n - 1) * n * (2ULL * n - 1) / 6;
    printf("words: %llu of %u read, sums right %d, reads in one piece %d, child exited %d\n", words, n,
           sum == want_sum && squares == want_squares, rest.in_order && child.in_order,
           WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    close(fd);
    unlink(path("words"));
}

/* An fd closed and its number reused, or replaced by dup2, reads the new file. */
static void replaced(void) {
    text_file("r1", "1111111111111111111111111111111111111111");
    text_file("r2", "2222222222222222222222222222222222222222");
    int fd = open_or_die("r1", O_RDONLY);
    read_text("replace: r1", fd, 4);
    read_text("replace: r1", fd, 4);
    close(fd);
    int again = open_or_die("r2", O_RDONLY);
    printf("replace: same number %d\n", again == fd);
    read_text("replace: reused number reads r2", again, 4);
    int other = open_or_die("r1", O_RDONLY);
    read_text("replace: r1 again", other, 3);
    read_text("replace: r1 again", other, 3);
    dup2(again, other);
    read_text("replace: after dup2 of r2's fd", other, 4);
    close(other);
    close(again);
}

/* An unlinked file stays readable through an open fd, as on Linux. */
static void unlinked(void) {
    text_file("u", ALPHABET);
    int fd = open_or_die("u", O_RDONLY);
    read_text("unlink: read", fd, 6);
    unlink(path("u"));
    read_text("unlink: read after unlink", fd, 6);
    struct stat st;
    fstat(fd, &st);
    printf("unlink: links %ld\n", (long)st.st_nlink);
    close(fd);
}

/* Two files read in turn: each fd keeps its own offset. */
static void two_files(void) {
    text_file("x", "xxxxxxxxxxXXXXXXXXXXxxxxxxxxxx");
    text_file("y", "yyyyyyyyyyYYYYYYYYYYyyyyyyyyyy");
    int x = open_or_die("x", O_RDONLY);
    int y = open_or_die("y", O_RDONLY);
    for (int i = 0; i < 3; i++) {
        read_text("two: x", x, 10);
        read_text("two: y", y, 10);
    }
    read_text("two: x at the end", x, 10);
    close(x);
    close(y);
}

int main(int argc, char **argv) {
    self = argv[0];
    setvbuf(stdout, 0, _IONBF, 0);
    if (argc == 2 && strcmp(argv[1], "words") == 0) {
        struct tally t = {0};
        read_words(0, &t);
        printf("%llu %llu %llu %d\n", t.words, t.sum, t.squares, t.in_order);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "child") == 0) {
        read_text("child: child reads", 0, (size_t)atoi(argv[2]));
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: file_window DIR\n");
        return 2;
    }
    snprintf(dir, sizeof dir, "%s", argv[1]);
    sequential();
    concurrent_write();
    truncation();
    append();
    positioned();
    seeking();
    duplicated();
    shared_with_child();
    concurrent_readers();
    replaced();
    unlinked();
    two_files();
    return 0;
}
