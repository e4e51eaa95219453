/* wasi_args: conformance checks for the process interface: args_get and
 * args_sizes_get (empty and non-ASCII arguments), environ_get and
 * environ_sizes_get, stdin (fd_read on fd 0), stdout and stderr, and
 * proc_exit through return, exit(), _Exit() and atexit handlers.
 * Usage: wasi_args SCRATCH_DIR [EXIT_MODE [CODE]] [ARG...]
 *   EXIT_MODE is one of: return, exit, _Exit, atexit (default: return 0).
 * Prints every argument, the environment variables whose names start with
 * T_ (sorted), and what stdin held. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

#include "check.h"

/* Prints s with bytes outside printable ASCII as \xNN, so output is exact. */
static void print_escaped(const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x20 && *p < 0x7f && *p != '\\')
            putchar(*p);
        else
            printf("\\x%02x", *p);
    }
}

static int by_string(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void arguments(int argc, char **argv) {
    check_yes("argv[0] is present", argc >= 1 && argv[0] != NULL);
    check_yes("argv is NULL-terminated", argv[argc] == NULL);
    printf("argc: %d\n", argc);
    for (int i = 1; i < argc; i++) {
        printf("argv[%d] length %zu: ", i, strlen(argv[i]));
        print_escaped(argv[i]);
        putchar('\n');
    }
}

static void environment(void) {
    char *vars[256];
    int n = 0;
    for (char **e = environ; *e && n < 256; e++)
        if (strncmp(*e, "T_", 2) == 0) vars[n++] = *e;
    qsort(vars, n, sizeof vars[0], by_string);
    printf("T_ variables: %d\n", n);
    for (int i = 0; i < n; i++) {
        printf("env: ");
        print_escaped(vars[i]);
        putchar('\n');
    }
    const char *empty = getenv("T_EMPTY");
    check_yes("getenv of an empty value is \"\"", empty != NULL && empty[0] == '\0');
    check_yes("getenv of an unset name is NULL", getenv("T_UNSET_NAME") == NULL);
    check_ok("setenv", setenv("T_NEW", "v", 1));
    check_str("getenv after setenv", getenv("T_NEW") ? getenv("T_NEW") : "(null)", "v");
    check_ok("unsetenv", unsetenv("T_NEW"));
    check_yes("getenv after unsetenv", getenv("T_NEW") == NULL);
}

static void streams(void) {
    char buf[4096];
    size_t total = 0;
    ssize_t n;
    while (total < sizeof buf - 1 && (n = read(0, buf + total, sizeof buf - 1 - total)) > 0)
        total += (size_t)n;
    buf[total] = '\0';
    printf("stdin bytes: %zu\nstdin: ", total);
    print_escaped(buf);
    putchar('\n');
    check_int("read stdin at EOF", read(0, buf, 1), 0);
    fflush(stdout);
    check_int("write(1) directly", write(1, "direct line\n", 12), 12);
    check_int("write(2) directly", write(2, "to stderr\n", 10), 10);
    check_yes("fprintf(stderr)", fprintf(stderr, "stderr via stdio\n") > 0);
    check_err("write on a closed fd", write(42, "x", 1), EBADF);
}

static void at_exit_handler(void) {
    printf("atexit handler ran\n");
}

int main(int argc, char **argv) {
    enter_scratch(argc, argv);
    arguments(argc, argv);
    environment();
    streams();
    const char *mode = argc > 2 ? argv[2] : "return";
    int code = argc > 3 ? atoi(argv[3]) : 0;
    if (strcmp(mode, "exit") == 0) {
        printf("exiting with exit(%d)\n", code);
        exit(code);
    }
    if (strcmp(mode, "_Exit") == 0) {
        printf("exiting with _Exit(%d)\n", code);
        fflush(stdout);
        atexit(at_exit_handler);
        _Exit(code);
    }
    if (strcmp(mode, "atexit") == 0) {
        atexit(at_exit_handler);
        printf("returning %d with an atexit handler\n", code);
        return code;
    }
    if (failures) return finish();
    printf("returning %d\n", code);
    return code;
}
