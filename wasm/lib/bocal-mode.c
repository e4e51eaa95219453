/* bocal-mode.c: a file's mode and owner and the special files:
 * chmod(2), fchmod(2), fchmodat(2), chown(2), fchown(2), lchown(2),
 * fchownat(2), mknod(2), mknodat(2), mkfifo(3), mkfifoat(3). wasi-libc's
 * chmod family answers ENOTSUP (WASI has no modes): it is still what runs
 * where the extension answers ENOSYS. */
#ifdef __wasi__
#include "bocal.h"
#include <string.h>

#define BOCAL_AT_FDCWD (-100)

int __real_chmod(const char *, mode_t);
int __real_fchmod(int, mode_t);
int __real_fchmodat(int, const char *, mode_t, int);

/* A path call relative to `dirfd`: args[0] is the kernel's dirfd. */
static int path_call(int number, int dirfd, int64_t a1, int64_t a2, int64_t a3,
                     const char *path) {
    int64_t args[8] = {dirfd == AT_FDCWD ? BOCAL_AT_FDCWD : dirfd, a1, a2, a3};
    if (dirfd == AT_FDCWD && __bocal_sync_cwd() < 0) return -1;
    return (int)__bocal_call_io(number, args, path, strlen(path), 0, 0, 0, 0);
}

static int follow(int flags) { return (flags & AT_SYMLINK_NOFOLLOW) ? 0 : 1; }

int __wrap_fchmodat(int dirfd, const char *path, mode_t mode, int flags) {
    if (flags & ~AT_SYMLINK_NOFOLLOW) {
        errno = EINVAL;
        return -1;
    }
    /* Linux has no mode on a symbolic link: fchmodat with NOFOLLOW is ENOTSUP. */
    int result = path_call(BOCAL_CHMOD, dirfd, mode & 07777, follow(flags), 0, path);
    if (result < 0 && errno == ENOSYS) return __real_fchmodat(dirfd, path, mode, flags);
    return result;
}

int __wrap_chmod(const char *path, mode_t mode) {
    int result = path_call(BOCAL_CHMOD, AT_FDCWD, mode & 07777, 1, 0, path);
    if (result < 0 && errno == ENOSYS) return __real_chmod(path, mode);
    return result;
}

int __wrap_fchmod(int fd, mode_t mode) {
    int result = (int)__bocal_call(BOCAL_FCHMOD, fd, mode & 07777, 0, 0, 0);
    if (result < 0 && errno == ENOSYS) return __real_fchmod(fd, mode);
    return result;
}

/* (uid_t)-1 and (gid_t)-1 leave the id as it is, on the wire and here. */
int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags) {
    if (flags & ~AT_SYMLINK_NOFOLLOW) {
        errno = EINVAL;
        return -1;
    }
    return path_call(BOCAL_CHOWN, dirfd, (uint32_t)uid, (uint32_t)gid, follow(flags), path);
}

int chown(const char *path, uid_t uid, gid_t gid) {
    return fchownat(AT_FDCWD, path, uid, gid, 0);
}

int lchown(const char *path, uid_t uid, gid_t gid) {
    return fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

int fchown(int fd, uid_t uid, gid_t gid) {
    return (int)__bocal_call(BOCAL_FCHOWN, fd, (uint32_t)uid, (uint32_t)gid, 0, 0);
}

int mknodat(int dirfd, const char *path, mode_t mode, dev_t device) {
    return path_call(BOCAL_MKNOD, dirfd, mode, (int64_t)device, 0, path);
}

int mknod(const char *path, mode_t mode, dev_t device) {
    return mknodat(AT_FDCWD, path, mode, device);
}

int mkfifoat(int dirfd, const char *path, mode_t mode) {
    return mknodat(dirfd, path, S_IFIFO | (mode & 07777), 0);
}

int mkfifo(const char *path, mode_t mode) { return mkfifoat(AT_FDCWD, path, mode); }
#endif
