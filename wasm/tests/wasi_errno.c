/* wasi_errno: the classic error cases, call by call, in one table: ENOENT,
 * EEXIST, ENOTDIR, EISDIR, ENOTEMPTY, EBADF, EINVAL, ELOOP, ENAMETOOLONG.
 * Each line is "call case: ERRNO"; the errno is what Linux returns.
 * Usage: wasi_errno SCRATCH_DIR. Exits 0 when every observation matches. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static int opendir_errno(const char *path) {
    DIR *d = opendir(path);
    if (d) {
        closedir(d);
        return 0;
    }
    return -1;
}

int main(int argc, char **argv) {
    enter_scratch(argc, argv);
    struct stat st;
    char buf[64];
    struct timespec ts[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};
    must("mkdir dir", mkdir("dir", 0755));
    must("mkdir full", mkdir("full", 0755));
    int fd = open("file", O_RDWR | O_CREAT, 0644);
    must("create file", fd);
    close(fd);
    must("create full/x", fd = open("full/x", O_WRONLY | O_CREAT, 0644));
    close(fd);
    must("symlink loop a", symlink("loop-b", "loop-a"));
    must("symlink loop b", symlink("loop-a", "loop-b"));
    must("symlink to file", symlink("file", "link"));

    check_err("open ENOENT", open("missing", O_RDONLY), ENOENT);
    check_err("open missing parent ENOENT", open("missing/f", O_WRONLY | O_CREAT, 0644), ENOENT);
    check_err("stat ENOENT", stat("missing", &st), ENOENT);
    check_err("lstat ENOENT", lstat("missing", &st), ENOENT);
    check_err("unlink ENOENT", unlink("missing"), ENOENT);
    check_err("rmdir ENOENT", rmdir("missing"), ENOENT);
    check_err("rename ENOENT", rename("missing", "other"), ENOENT);
    check_err("link ENOENT", link("missing", "other"), ENOENT);
    check_err("readlink ENOENT", readlink("missing", buf, sizeof buf), ENOENT);
    check_err("utimensat ENOENT", utimensat(AT_FDCWD, "missing", ts, 0), ENOENT);
    check_err("truncate ENOENT", truncate("missing", 0), ENOENT);
    check_err("opendir ENOENT", opendir_errno("missing"), ENOENT);
    check_err("open empty path ENOENT", open("", O_RDONLY), ENOENT);

    check_err("open O_EXCL EEXIST", open("file", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST);
    check_err("mkdir EEXIST", mkdir("dir", 0755), EEXIST);
    check_err("mkdir on file EEXIST", mkdir("file", 0755), EEXIST);
    check_err("symlink EEXIST", symlink("x", "file"), EEXIST);
    check_err("link EEXIST", link("file", "dir"), EEXIST);

    check_err("open ENOTDIR", open("file/x", O_RDONLY), ENOTDIR);
    check_err("open O_DIRECTORY ENOTDIR", open("file", O_RDONLY | O_DIRECTORY), ENOTDIR);
    check_err("stat ENOTDIR", stat("file/x", &st), ENOTDIR);
    check_err("mkdir ENOTDIR", mkdir("file/x", 0755), ENOTDIR);
    check_err("rmdir ENOTDIR", rmdir("file"), ENOTDIR);
    check_err("opendir ENOTDIR", opendir_errno("file"), ENOTDIR);
    check_err("rename dir onto file ENOTDIR", rename("dir", "file"), ENOTDIR);
    check_err("stat trailing slash on file ENOTDIR", stat("file/", &st), ENOTDIR);

    check_err("open dir O_WRONLY EISDIR", open("dir", O_WRONLY), EISDIR);
    check_err("open dir O_CREAT EISDIR", open("dir", O_WRONLY | O_CREAT, 0644), EISDIR);
    check_err("unlink dir EISDIR", unlink("dir"), EISDIR);
    check_err("rename file onto dir EISDIR", rename("file", "dir"), EISDIR);
    fd = open("dir", O_RDONLY | O_DIRECTORY);
    check_err("read dir EISDIR", read(fd, buf, sizeof buf), EISDIR);
    check_err("pread dir EISDIR", pread(fd, buf, sizeof buf, 0), EISDIR);
    check_err("write dir EBADF", write(fd, "x", 1), EBADF);
    check_err("ftruncate dir EINVAL", ftruncate(fd, 0), EINVAL);
    close(fd);

    check_err("rmdir ENOTEMPTY", rmdir("full"), ENOTEMPTY);
    check_err("rename onto non-empty dir ENOTEMPTY", rename("dir", "full"), ENOTEMPTY);

    struct iovec iov = {buf, sizeof buf};
    check_err("read EBADF", read(77, buf, 1), EBADF);
    check_err("write EBADF", write(77, "x", 1), EBADF);
    check_err("readv EBADF", readv(77, &iov, 1), EBADF);
    check_err("pread EBADF", pread(77, buf, 1, 0), EBADF);
    check_err("pwrite EBADF", pwrite(77, "x", 1, 0), EBADF);
    check_err("close EBADF", close(77), EBADF);
    check_err("close -1 EBADF", close(-1), EBADF);
    check_err("fstat EBADF", fstat(77, &st), EBADF);
    check_err("lseek EBADF", lseek(77, 0, SEEK_SET), EBADF);
    check_err("fsync EBADF", fsync(77), EBADF);
    check_err("ftruncate EBADF", ftruncate(77, 0), EBADF);
    check_err("futimens EBADF", futimens(77, ts), EBADF);
    check_err("openat EBADF", openat(77, "file", O_RDONLY), EBADF);
    check_err("fstatat EBADF", fstatat(77, "file", &st, 0), EBADF);
    check_err("fcntl EBADF", fcntl(77, F_GETFL), EBADF);
    check_err("openat on a file fd ENOTDIR",
              (fd = open("file", O_RDONLY), openat(fd, "x", O_RDONLY)), ENOTDIR);
    close(fd);

    fd = open("file", O_RDWR);
    check_err("lseek bad whence EINVAL", lseek(fd, 0, 42), EINVAL);
    check_err("lseek negative EINVAL", lseek(fd, -1, SEEK_SET), EINVAL);
    check_err("ftruncate negative EINVAL", ftruncate(fd, -5), EINVAL);
    check_err("pwrite negative offset EINVAL", pwrite(fd, "x", 1, -1), EINVAL);
    close(fd);
    check_err("readlink non-link EINVAL", readlink("file", buf, sizeof buf), EINVAL);
    check_err("rename into itself EINVAL", rename("dir", "dir/inner"), EINVAL);
    check_err("rmdir . EINVAL", rmdir("."), EINVAL);

    check_err("open loop ELOOP", open("loop-a", O_RDONLY), ELOOP);
    check_err("stat loop ELOOP", stat("loop-a", &st), ELOOP);
    check_err("open O_NOFOLLOW link ELOOP", open("link", O_RDONLY | O_NOFOLLOW), ELOOP);
    check_err("mkdir through loop ELOOP", mkdir("loop-a/d", 0755), ELOOP);
    check_err("opendir loop ELOOP", opendir_errno("loop-a"), ELOOP);

    char name[300];
    memset(name, 'n', 299);
    name[299] = '\0';
    check_err("open ENAMETOOLONG", open(name, O_RDONLY), ENAMETOOLONG);
    check_err("open O_CREAT ENAMETOOLONG", open(name, O_WRONLY | O_CREAT, 0644), ENAMETOOLONG);
    check_err("mkdir ENAMETOOLONG", mkdir(name, 0755), ENAMETOOLONG);
    check_err("stat ENAMETOOLONG", stat(name, &st), ENAMETOOLONG);
    check_err("symlink ENAMETOOLONG", symlink("file", name), ENAMETOOLONG);
    memset(name, 'n', 256);
    name[256] = '\0';
    check_err("256-byte name ENAMETOOLONG", open(name, O_WRONLY | O_CREAT, 0644), ENAMETOOLONG);
    name[255] = '\0';
    fd = open(name, O_WRONLY | O_CREAT, 0644);
    check_ok("255-byte name is fine", fd);
    close(fd);
    static char path[5000];
    size_t len = 0;
    while (len + 4 < sizeof path) {
        memcpy(path + len, "dir/", 4);
        len += 4;
    }
    strcpy(path + len - 4, "d");
    check_err("path over PATH_MAX ENAMETOOLONG", stat(path, &st), ENAMETOOLONG);
    return finish();
}
