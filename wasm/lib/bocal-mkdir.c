/* bocal-mkdir.c: mkdir(2) and mkdirat(2) with their mode. WASI's
 * path_create_directory has no mode, so the kernel makes the directory
 * 0777 less the umask; here the permission bits the caller asked for (less
 * the umask, as Linux applies it) are then set with the extension's chmod.
 * Where we differ from Linux: for a moment between the two calls the
 * directory has the wider mode. Where the extension answers ENOSYS
 * (another WASI host) the directory keeps the host's mode. */
#ifdef __wasi__
#include "bocal.h"

int __real_mkdir(const char *, mode_t);
int __real_mkdirat(int, const char *, mode_t);

/* wasi-libc's mkdirat calls mkdir for AT_FDCWD: each real one is called
 * for its own case, or the wrappers would call each other forever. */
int __wrap_mkdirat(int dirfd, const char *path, mode_t mode) {
    int made = dirfd == AT_FDCWD ? __real_mkdir(path, mode) : __real_mkdirat(dirfd, path, mode);
    if (made < 0) return -1;
    int saved = errno;
    mode_t mask = umask(0);
    if (mask == (mode_t)-1) {
        errno = saved;
        return 0;
    }
    umask(mask);
    if (fchmodat(dirfd, path, mode & ~mask & 01777, AT_SYMLINK_NOFOLLOW) < 0 && errno != ENOSYS) {
        return -1;
    }
    errno = saved;
    return 0;
}

int __wrap_mkdir(const char *path, mode_t mode) { return __wrap_mkdirat(AT_FDCWD, path, mode); }
#endif
