/* bocal-cwd.c: keeps wasi-libc's working directory and the kernel's in step.
 *
 * wasi-libc resolves relative paths itself, from the string __wasilibc_cwd
 * that its chdir() updates; the kernel keeps the process's cwd, which
 * children inherit and /proc/<pid>/cwd shows. At start-up a constructor
 * takes the kernel's cwd from /proc/self/cwd (a plain WASI readlink, so a
 * program that never uses the extension still runs on any WASI host: there
 * the readlink fails and the cwd stays "/"). wasi-libc's chdir() is kept;
 * the kernel learns the new cwd lazily, from __bocal_sync_cwd, before every
 * call that starts a program or resolves a path from AT_FDCWD. Until then
 * /proc/<pid>/cwd shows the previous directory: where we differ from Linux. */
#ifdef __wasi__
#include "bocal.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define BOCAL_AT_FDCWD (-100)

extern char *__wasilibc_cwd;

/* The cwd the kernel has, as last set or read here. */
static char *kernel_cwd;

static void adopt(const char *path) {
    char *copy = strdup(path);
    char *mine = strdup(path);
    if (!copy || !mine) {
        free(copy);
        free(mine);
        return;
    }
    __wasilibc_cwd = copy;
    free(kernel_cwd);
    kernel_cwd = mine;
}

__attribute__((constructor(101))) static void cwd_from_kernel(void) {
    char target[PATH_MAX];
    int saved = errno;
    ssize_t n = readlink("/proc/self/cwd", target, sizeof target - 1);
    errno = saved;
    if (n <= 0 || target[0] != '/') return;
    target[n] = 0;
    adopt(target);
}

int __bocal_sync_cwd(void) {
    if (kernel_cwd && strcmp(kernel_cwd, __wasilibc_cwd) == 0) return 0;
    if (!kernel_cwd && strcmp(__wasilibc_cwd, "/") == 0) return 0;
    int64_t args[8] = {BOCAL_AT_FDCWD};
    const char *path = __wasilibc_cwd;
    if (__bocal_call_io(BOCAL_CHDIR, args, path, strlen(path), 0, 0, 0, 0) < 0) return -1;
    char *mine = strdup(path);
    if (!mine) return 0;
    free(kernel_cwd);
    kernel_cwd = mine;
    return 0;
}

/* fchdir(2): the kernel changes directory, then wasi-libc adopts its path. */
int fchdir(int fd) {
    char path[PATH_MAX];
    uint32_t length = 0;
    if (__bocal_call(BOCAL_FCHDIR, fd, 0, 0, 0, 0) < 0) return -1;
    int64_t none[8] = {0};
    if (__bocal_call_io(BOCAL_GETCWD, none, 0, 0, path, sizeof path - 1, 0, &length) < 0)
        return -1;
    if (length >= sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    path[length] = 0;
    adopt(path);
    return 0;
}
#endif
