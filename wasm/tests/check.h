/* check.h: the checks every conformance program (wasi_*.c, ns_*.c, ...) prints with.
 * Each check prints one line "name: observed". When the observation is not
 * what Linux does, the line ends with " -- expected X" and the program
 * exits 1 at the end. A broken setup step exits 2 at once. The functions
 * are static: each program is one translation unit. */
#ifndef BOCAL_TESTS_CHECK_H
#define BOCAL_TESTS_CHECK_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int failures;

static const char *errno_name(int e) {
    static char other[32];
    switch (e) {
    case 0: return "ok";
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case ENOTEMPTY: return "ENOTEMPTY";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case ELOOP: return "ELOOP";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case EPERM: return "EPERM";
    case EACCES: return "EACCES";
    case EXDEV: return "EXDEV";
    case ESPIPE: return "ESPIPE";
    case ENOTSOCK: return "ENOTSOCK";
    case ENOSYS: return "ENOSYS";
    case ENOTSUP: return "ENOTSUP";
    case EFAULT: return "EFAULT";
    case EAGAIN: return "EAGAIN";
    case EBUSY: return "EBUSY";
    case EMLINK: return "EMLINK";
    case ENOSPC: return "ENOSPC";
    case EFBIG: return "EFBIG";
    case ERANGE: return "ERANGE";
    case ENOBUFS: return "ENOBUFS";
    case EIO: return "EIO";
    case ESRCH: return "ESRCH";
    case ENOMEM: return "ENOMEM";
    case E2BIG: return "E2BIG";
    case EIDRM: return "EIDRM";
    case EINTR: return "EINTR";
    case ENOMSG: return "ENOMSG";
    case EPIPE: return "EPIPE";
#ifdef ENOTCAPABLE
    case ENOTCAPABLE: return "ENOTCAPABLE";
#endif
    default: snprintf(other, sizeof other, "errno %d", e); return other;
    }
}

static void report(const char *name, const char *observed, const char *expected) {
    if (strcmp(observed, expected) == 0) {
        printf("%s: %s\n", name, observed);
    } else {
        printf("%s: %s -- expected %s\n", name, observed, expected);
        failures++;
    }
}

/* A call returning -1/errno on failure must succeed. */
static void check_ok(const char *name, long ret) {
    report(name, errno_name(ret < 0 ? errno : 0), "ok");
}

/* A call returning -1/errno must fail with `expected`. */
static void check_err(const char *name, long ret, int expected) {
    report(name, errno_name(ret < 0 ? errno : 0), errno_name(expected));
}

/* A call returning an error number (posix_fadvise, posix_fallocate). */
static void check_code(const char *name, int code, int expected) {
    report(name, errno_name(code), errno_name(expected));
}

/* A call's value, and its errno's name when it is negative: for programs
 * whose lines are compared with what they print on Linux (ipc_*.c). */
static void result(const char *what, long value) {
    printf("%s: %ld %s\n", what, value, value < 0 ? errno_name(errno) : "");
    fflush(stdout);
}

/* A count or offset; a -1 where a count was expected shows the errno. */
static void check_int(const char *name, long long got, long long want) {
    char a[32], b[32];
    if (got == -1 && want != -1)
        snprintf(a, sizeof a, "%s", errno_name(errno));
    else
        snprintf(a, sizeof a, "%lld", got);
    snprintf(b, sizeof b, "%lld", want);
    report(name, a, b);
}

static void check_yes(const char *name, int cond) {
    report(name, cond ? "yes" : "no", "yes");
}

static void check_str(const char *name, const char *got, const char *want) {
    report(name, got, want);
}

/* A setup step that must work for the remaining checks to mean anything. */
static void must(const char *what, long ret) {
    if (ret >= 0) return;
    printf("setup %s: %s\n", what, errno_name(errno));
    exit(2);
}

static int finish(void) {
    fflush(stdout);
    return failures ? 1 : 0;
}

/* Enters the scratch directory given as argv[1]; stdout is line-buffered. */
static void enter_scratch(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0); /* a hang still shows the last check */
    if (argc < 2) {
        fprintf(stderr, "usage: %s SCRATCH_DIR\n", argv[0]);
        exit(2);
    }
    must("chdir scratch", chdir(argv[1]));
}

/* Creates or replaces the file at `path` with `text`; setup, so it must work. */
static void write_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    must("create file", fd);
    must("write file", write(fd, text, strlen(text)));
    must("close file", close(fd));
}

/* Reads the whole file at `path` into buf (NUL-terminated); an errno name on failure. */
static const char *read_file(const char *path, char *buf, size_t size) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return errno_name(errno);
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0) return errno_name(errno);
    buf[n] = '\0';
    return buf;
}

#endif
