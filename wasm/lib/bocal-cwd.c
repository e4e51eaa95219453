/* bocal-cwd.c: chdir(2), fchdir(2) and getcwd(3), keeping wasi-libc's
 * working directory and the kernel's in step.
 *
 * wasi-libc resolves relative paths itself, from the string __wasilibc_cwd;
 * the kernel keeps the process's cwd, which children inherit and
 * /proc/<pid>/cwd shows. At start-up a constructor takes the kernel's cwd
 * from getcwd (one call, where reading /proc/self/cwd walked procfs at
 * every start), or from /proc/self/cwd when it was removed, so that
 * relative paths fail there rather than resolve from "/"; on another WASI
 * host both fail and the cwd stays "/". chdir and fchdir tell the kernel at once and then
 * adopt the kernel's absolute path, so the string is the one Linux's getcwd
 * would give (symbolic links resolved); getcwd asks the kernel too, so a
 * renamed directory shows its new name. Where the extension answers ENOSYS
 * (another WASI host) wasi-libc's own chdir and getcwd are used: see
 * scripts/build-wasm.ts for the `__wrap_`/`__real_` names. */
#ifdef __wasi__
#include "bocal.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define BOCAL_AT_FDCWD (-100)

extern char *__wasilibc_cwd;
int __real_chdir(const char *);
char *__real_getcwd(char *, size_t);

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

static ssize_t kernel_getcwd(char *path);

/* Forced into every program by the build (--undefined), for its constructor. */
__attribute__((constructor(101))) void __bocal_cwd_init(void) {
    __bocal_root_init();
    char target[PATH_MAX];
    int saved = errno;
    ssize_t n = kernel_getcwd(target);
    if (n < 0 && errno == ENOENT) {
        n = readlink("/proc/self/cwd", target, sizeof target - 1);
        if (n > 0) target[n] = 0;
    }
    errno = saved;
    if (n <= 0 || target[0] != '/') return;
    adopt(target);
}

/* The kernel's cwd into `path` (PATH_MAX bytes): its length, or -1/errno. */
static ssize_t kernel_getcwd(char *path) {
    uint32_t length = 0;
    int64_t none[8] = {0};
    if (__bocal_call_io(BOCAL_GETCWD, none, 0, 0, path, PATH_MAX - 1, 0, &length) < 0) return -1;
    if (length >= PATH_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    path[length] = 0;
    return length;
}

/* After the kernel changed directory: wasi-libc takes the kernel's path. */
static int adopt_kernel_cwd(void) {
    char path[PATH_MAX];
    if (kernel_getcwd(path) < 0) return -1;
    adopt(path);
    return 0;
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

int __wrap_chdir(const char *path) {
    int64_t args[8] = {BOCAL_AT_FDCWD};
    if (__bocal_sync_cwd() < 0 && errno == ENOSYS) return __real_chdir(path);
    if (__bocal_call_io(BOCAL_CHDIR, args, path, strlen(path), 0, 0, 0, 0) < 0) {
        return errno == ENOSYS ? __real_chdir(path) : -1;
    }
    return adopt_kernel_cwd();
}

int fchdir(int fd) {
    if (__bocal_call(BOCAL_FCHDIR, fd, 0, 0, 0, 0) < 0) return -1;
    return adopt_kernel_cwd();
}

/* getcwd(3), with glibc's and musl's extension: a NULL buffer is allocated. */
char *__wrap_getcwd(char *buf, size_t size) {
    char path[PATH_MAX];
    if (__bocal_sync_cwd() < 0 || kernel_getcwd(path) < 0) {
        return errno == ENOSYS ? __real_getcwd(buf, size) : NULL;
    }
    size_t need = strlen(path) + 1;
    if (buf == NULL) {
        if (size != 0 && size < need) {
            errno = ERANGE;
            return NULL;
        }
        buf = malloc(size ? size : need);
        if (!buf) return NULL;
    } else if (size == 0) {
        errno = EINVAL;
        return NULL;
    } else if (size < need) {
        errno = ERANGE;
        return NULL;
    }
    if (strcmp(path, __wasilibc_cwd) != 0) adopt(path);
    memcpy(buf, path, need);
    return buf;
}
#endif
