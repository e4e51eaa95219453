/* bocal-stat.c: stat(2), lstat(2), fstat(2) and fstatat(2) over the
 * extension's STAT call, so st_mode holds the permission bits and the file
 * type (a fifo is S_IFIFO), and st_uid, st_gid, st_nlink, st_rdev,
 * st_blksize and st_blocks are the kernel's. WASI's filestat has none of
 * these: wasi-libc fills them with zeros. Where the extension answers
 * ENOSYS (another WASI host), wasi-libc's own functions run. The wire
 * layout is documented in src/kernel/syscalls/fs-stat.ts. */
#ifdef __wasi__
#include "bocal.h"
#include <string.h>

#define BOCAL_AT_FDCWD (-100)
#define STAT_FIELDS 16

int __real_stat(const char *__restrict, struct stat *__restrict);
int __real_lstat(const char *__restrict, struct stat *__restrict);
int __real_fstat(int, struct stat *);
int __real_fstatat(int, const char *__restrict, struct stat *__restrict, int);

static void fill(struct stat *st, const int64_t f[STAT_FIELDS]) {
    memset(st, 0, sizeof *st);
    st->st_dev = (dev_t)f[0];
    st->st_ino = (ino_t)f[1];
    st->st_mode = (mode_t)f[2];
    st->st_nlink = (nlink_t)f[3];
    st->st_uid = (uid_t)f[4];
    st->st_gid = (gid_t)f[5];
    st->st_rdev = (dev_t)f[6];
    st->st_size = (off_t)f[7];
    st->st_blksize = (blksize_t)f[8];
    st->st_blocks = (blkcnt_t)f[9];
    st->st_atim = (struct timespec){(time_t)f[10], (long)f[11]};
    st->st_mtim = (struct timespec){(time_t)f[12], (long)f[13]};
    st->st_ctim = (struct timespec){(time_t)f[14], (long)f[15]};
}

/* The kernel's fstatat: 0, or -1 with errno (ENOSYS on another WASI host). */
static int kernel_stat(int dirfd, const char *path, int follow, int empty_path,
                       struct stat *st) {
    int64_t fields[STAT_FIELDS];
    int64_t args[8] = {dirfd == AT_FDCWD ? BOCAL_AT_FDCWD : dirfd, follow, empty_path};
    if (dirfd == AT_FDCWD && __bocal_sync_cwd() < 0) return -1;
    if (__bocal_call_io(BOCAL_STAT, args, path, strlen(path), fields, sizeof fields, 0, 0) < 0) {
        return -1;
    }
    fill(st, fields);
    return 0;
}

int __wrap_fstatat(int dirfd, const char *__restrict path, struct stat *__restrict st,
                   int flags) {
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) {
        errno = EINVAL;
        return -1;
    }
    int follow = !(flags & AT_SYMLINK_NOFOLLOW);
    if (kernel_stat(dirfd, path, follow, (flags & AT_EMPTY_PATH) != 0, st) == 0) return 0;
    if (errno != ENOSYS) return -1;
    return __real_fstatat(dirfd, path, st, flags & ~AT_EMPTY_PATH);
}

int __wrap_stat(const char *__restrict path, struct stat *__restrict st) {
    if (kernel_stat(AT_FDCWD, path, 1, 0, st) == 0) return 0;
    return errno == ENOSYS ? __real_stat(path, st) : -1;
}

int __wrap_lstat(const char *__restrict path, struct stat *__restrict st) {
    if (kernel_stat(AT_FDCWD, path, 0, 0, st) == 0) return 0;
    return errno == ENOSYS ? __real_lstat(path, st) : -1;
}

int __wrap_fstat(int fd, struct stat *st) {
    if (kernel_stat(fd, "", 1, 1, st) == 0) return 0;
    return errno == ENOSYS ? __real_fstat(fd, st) : -1;
}
#endif
