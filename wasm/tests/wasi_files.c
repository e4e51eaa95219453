/* wasi_files: conformance checks for regular files, through ordinary POSIX
 * calls that wasi-libc maps onto WASI preview 1: path_open (every oflags,
 * fdflags and access mode), fd_read/fd_write (and vectors), fd_pread/
 * fd_pwrite, fd_seek/fd_tell, fd_filestat_get/_set_size/_set_times,
 * path_filestat_get/_set_times, fd_fdstat_get/_set_flags, fd_sync,
 * fd_datasync, fd_advise, fd_allocate, fd_renumber, fd_close.
 * Usage: wasi_files SCRATCH_DIR. Prints one line per check; exits 0 when
 * every observation matches Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#ifdef __wasi__
#include <wasi/api.h>
#endif

#include "check.h"

static long long file_size(const char *path) {
    struct stat st;
    if (stat(path, &st) < 0) return -1;
    return (long long)st.st_size;
}

static void open_flags(void) {
    char buf[64];
    int fd = open("new", O_WRONLY | O_CREAT, 0644);
    check_ok("open O_CREAT new file", fd);
    check_int("write 11 bytes", write(fd, "hello world", 11), 11);
    check_ok("close", close(fd));
    check_err("close again", close(fd), EBADF);

    check_err("open O_CREAT|O_EXCL existing", open("new", O_WRONLY | O_CREAT | O_EXCL, 0644),
              EEXIST);
    fd = open("excl", O_WRONLY | O_CREAT | O_EXCL, 0644);
    check_ok("open O_CREAT|O_EXCL new", fd);
    close(fd);
    check_err("open missing O_RDONLY", open("missing", O_RDONLY), ENOENT);
    check_err("open missing O_WRONLY without O_CREAT", open("missing", O_WRONLY), ENOENT);
    check_err("open O_DIRECTORY on a file", open("new", O_RDONLY | O_DIRECTORY), ENOTDIR);
    check_err("open file/child", open("new/child", O_RDONLY), ENOTDIR);
    check_err("open directory O_WRONLY", open(".", O_WRONLY), EISDIR);
    check_err("open directory O_RDWR", open(".", O_RDWR), EISDIR);
    fd = open(".", O_RDONLY | O_DIRECTORY);
    check_ok("open directory O_RDONLY|O_DIRECTORY", fd);
    check_err("read a directory fd", read(fd, buf, sizeof buf), EISDIR);
    close(fd);

    check_str("O_RDONLY reads content", read_file("new", buf, sizeof buf), "hello world");

    fd = open("new", O_RDONLY);
    check_err("write on O_RDONLY fd", write(fd, "x", 1), EBADF);
    close(fd);
    fd = open("new", O_WRONLY);
    check_err("read on O_WRONLY fd", read(fd, buf, 1), EBADF);
    check_int("O_WRONLY writes at offset 0", write(fd, "J", 1), 1);
    close(fd);
    check_str("O_WRONLY overwrote first byte", read_file("new", buf, sizeof buf), "Jello world");

    fd = open("new", O_RDWR | O_APPEND);
    check_ok("open O_RDWR|O_APPEND", fd);
    check_int("lseek to 0 before append", lseek(fd, 0, SEEK_SET), 0);
    check_int("append write", write(fd, "!", 1), 1);
    check_int("offset after append", lseek(fd, 0, SEEK_CUR), 12);
    check_int("pread under O_APPEND", pread(fd, buf, 5, 0), 5);
    close(fd);
    check_str("O_APPEND wrote at the end", read_file("new", buf, sizeof buf), "Jello world!");

    fd = open("new", O_WRONLY | O_TRUNC);
    check_ok("open O_TRUNC", fd);
    close(fd);
    check_int("size after O_TRUNC", file_size("new"), 0);

    fd = open("created-trunc", O_RDWR | O_CREAT | O_TRUNC, 0600);
    check_ok("open O_RDWR|O_CREAT|O_TRUNC new", fd);
    check_int("write then read back: write", write(fd, "abc", 3), 3);
    check_int("read at end of file", read(fd, buf, sizeof buf), 0);
    check_int("lseek SEEK_SET 0", lseek(fd, 0, SEEK_SET), 0);
    check_int("read back 3 bytes", read(fd, buf, sizeof buf), 3);
    close(fd);

    fd = open("sync", O_WRONLY | O_CREAT | O_SYNC, 0644);
    check_ok("open O_SYNC", fd);
    check_int("write under O_SYNC", write(fd, "s", 1), 1);
    close(fd);
    fd = open("sync", O_WRONLY | O_DSYNC);
    check_ok("open O_DSYNC", fd);
    close(fd);
    fd = open("sync", O_RDONLY | O_NONBLOCK);
    check_ok("open O_NONBLOCK", fd);
    check_int("read under O_NONBLOCK", read(fd, buf, sizeof buf), 1);
    close(fd);

    fd = open("mode", O_WRONLY | O_CREAT, 0644);
    struct stat st;
    fstat(fd, &st);
    check_yes("new file is S_ISREG", S_ISREG(st.st_mode));
    check_int("new file size", st.st_size, 0);
    check_int("new file nlink", st.st_nlink, 1);
    close(fd);
}

static void vectors(void) {
    char a[4], b[3], c[8];
    struct iovec out[3] = {{"one", 3}, {"", 0}, {"twothree", 8}};
    int fd = open("vec", O_RDWR | O_CREAT | O_TRUNC, 0644);
    must("open vec", fd);
    check_int("writev 3 buffers", writev(fd, out, 3), 11);
    lseek(fd, 0, SEEK_SET);
    struct iovec in[3] = {{a, 4}, {b, 3}, {c, 8}};
    check_int("readv 3 buffers", readv(fd, in, 3), 11);
    check_yes("readv filled in order",
              memcmp(a, "onet", 4) == 0 && memcmp(b, "wot", 3) == 0 && memcmp(c, "hree", 4) == 0);
    check_int("readv at end", readv(fd, in, 3), 0);

    char buf[16] = {0};
    check_int("pwrite at 3", pwrite(fd, "TWO", 3, 3), 3);
    check_int("pwrite keeps offset", lseek(fd, 0, SEEK_CUR), 11);
    check_int("pread at 3", pread(fd, buf, 6, 3), 6);
    check_str("pread content", buf, "TWOthr");
    check_int("pread keeps offset", lseek(fd, 0, SEEK_CUR), 11);
    check_int("pread past the end", pread(fd, buf, 4, 100), 0);
    check_err("pread negative offset", pread(fd, buf, 4, -1), EINVAL);
    check_int("pwrite past the end", pwrite(fd, "Z", 1, 20), 1);
    check_int("size after pwrite past end", file_size("vec"), 21);
    memset(buf, 'x', sizeof buf);
    check_int("pread across the hole", pread(fd, buf, 10, 11), 10);
    check_yes("hole reads as zeros", buf[0] == 0 && buf[8] == 0 && buf[9] == 'Z');
    close(fd);
}

static void seeking(void) {
    char buf[8] = {0};
    write_file("seek", "0123456789");
    int fd = open("seek", O_RDWR);
    must("open seek", fd);
    check_int("lseek SEEK_END 0", lseek(fd, 0, SEEK_END), 10);
    check_int("lseek SEEK_END -3", lseek(fd, -3, SEEK_END), 7);
    check_int("read after SEEK_END -3", read(fd, buf, 8), 3);
    check_int("lseek SEEK_CUR -5", lseek(fd, -5, SEEK_CUR), 5);
    check_int("lseek SEEK_CUR 0 (tell)", lseek(fd, 0, SEEK_CUR), 5);
#ifdef __wasi__
    __wasi_filesize_t tell = 0;
    check_int("fd_tell", __wasi_fd_tell(fd, &tell) == 0 ? (long long)tell : -1, 5);
#else
    check_int("fd_tell", lseek(fd, 0, SEEK_CUR), 5);
#endif
    check_err("lseek to negative", lseek(fd, -20, SEEK_CUR), EINVAL);
    check_int("offset unchanged after failed lseek", lseek(fd, 0, SEEK_CUR), 5);
    check_err("lseek bad whence", lseek(fd, 0, 99), EINVAL);
    check_int("lseek past the end", lseek(fd, 5, SEEK_END), 15);
    check_int("size unchanged by seeking", file_size("seek"), 10);
    check_int("read past the end", read(fd, buf, 8), 0);
    check_int("write past the end", write(fd, "E", 1), 1);
    check_int("size after write past end", file_size("seek"), 16);
    check_int("pread from the gap", pread(fd, buf, 2, 10), 2);
    check_yes("gap reads as zeros", buf[0] == 0 && buf[1] == 0);
    close(fd);
    check_err("lseek closed fd", lseek(fd, 0, SEEK_SET), EBADF);
}

static void sizes(void) {
    char buf[32];
    write_file("trunc", "abcdefghij");
    int fd = open("trunc", O_RDWR);
    must("open trunc", fd);
    check_ok("ftruncate shrink to 4", ftruncate(fd, 4));
    check_int("size after shrink", file_size("trunc"), 4);
    check_ok("ftruncate grow to 8", ftruncate(fd, 8));
    check_int("size after grow", file_size("trunc"), 8);
    memset(buf, 'x', sizeof buf);
    check_int("pread grown part", pread(fd, buf, 8, 0), 8);
    check_yes("grown part is zeros", memcmp(buf, "abcd\0\0\0\0", 8) == 0);
    check_err("ftruncate negative", ftruncate(fd, -1), EINVAL);
    close(fd);
    check_ok("truncate by path", truncate("trunc", 2));
    check_str("content after truncate", read_file("trunc", buf, sizeof buf), "ab");
    fd = open("trunc", O_RDONLY);
    check_err("ftruncate O_RDONLY fd", ftruncate(fd, 0), EINVAL);
    close(fd);

    fd = open("alloc", O_RDWR | O_CREAT | O_TRUNC, 0644);
    check_code("posix_fallocate 0..4096", posix_fallocate(fd, 0, 4096), 0);
    check_int("size after posix_fallocate", file_size("alloc"), 4096);
    check_code("posix_fallocate inside keeps size", posix_fallocate(fd, 0, 10), 0);
    check_int("size after inner posix_fallocate", file_size("alloc"), 4096);
    check_code("posix_fallocate zero length", posix_fallocate(fd, 0, 0), EINVAL);
    check_code("posix_fadvise SEQUENTIAL", posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL), 0);
    check_code("posix_fadvise RANDOM", posix_fadvise(fd, 0, 100, POSIX_FADV_RANDOM), 0);
    check_code("posix_fadvise WILLNEED", posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED), 0);
    check_code("posix_fadvise DONTNEED", posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED), 0);
    check_code("posix_fadvise NOREUSE", posix_fadvise(fd, 0, 0, POSIX_FADV_NOREUSE), 0);
    check_code("posix_fadvise NORMAL", posix_fadvise(fd, 0, 0, POSIX_FADV_NORMAL), 0);
    check_code("posix_fadvise bad advice", posix_fadvise(fd, 0, 0, 99), EINVAL);
    check_code("posix_fadvise bad fd", posix_fadvise(99, 0, 0, POSIX_FADV_NORMAL), EBADF);
    check_ok("fsync", fsync(fd));
    check_ok("fdatasync", fdatasync(fd));
    close(fd);
    check_err("fsync closed fd", fsync(fd), EBADF);
    check_err("fdatasync closed fd", fdatasync(fd), EBADF);
}

static void stats(void) {
    struct stat a, b, c;
    write_file("st", "12345");
    int fd = open("st", O_RDONLY);
    must("open st", fd);
    check_ok("fstat", fstat(fd, &a));
    check_ok("stat", stat("st", &b));
    check_ok("lstat", lstat("st", &c));
    check_int("fstat size", a.st_size, 5);
    check_yes("fstat S_ISREG", S_ISREG(a.st_mode));
    check_yes("stat and fstat agree on inode", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
    check_yes("lstat agrees on a regular file", c.st_ino == b.st_ino && c.st_size == 5);
    check_ok("fstatat relative to AT_FDCWD", fstatat(AT_FDCWD, "st", &b, 0));
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    check_ok("fstatat relative to a dir fd", fstatat(dir, "st", &c, 0));
    check_yes("fstatat finds the same inode", c.st_ino == a.st_ino);
    check_err("fstatat missing", fstatat(dir, "nope", &c, 0), ENOENT);
    check_ok("fstat a directory", fstat(dir, &c));
    check_yes("directory is S_ISDIR", S_ISDIR(c.st_mode));
    close(dir);
    close(fd);
    check_err("fstat closed fd", fstat(fd, &a), EBADF);
}

static int same_time(struct timespec t, time_t sec, long nsec) {
    return t.tv_sec == sec && t.tv_nsec == nsec;
}

static void times(void) {
    struct stat st;
    write_file("times", "t");
    struct timespec set[2] = {{1000000000, 123456789}, {1100000000, 987654321}};
    check_ok("utimensat explicit times", utimensat(AT_FDCWD, "times", set, 0));
    stat("times", &st);
    check_yes("atime set exactly", same_time(st.st_atim, 1000000000, 123456789));
    check_yes("mtime set exactly", same_time(st.st_mtim, 1100000000, 987654321));

    struct timespec omit_now[2] = {{0, UTIME_OMIT}, {0, UTIME_NOW}};
    time_t before = time(NULL);
    check_ok("utimensat atime OMIT mtime NOW", utimensat(AT_FDCWD, "times", omit_now, 0));
    stat("times", &st);
    check_yes("OMIT kept atime", same_time(st.st_atim, 1000000000, 123456789));
    check_yes("NOW set mtime to now", st.st_mtim.tv_sec >= before - 1 &&
                                          st.st_mtim.tv_sec <= time(NULL) + 1);

    int fd = open("times", O_RDWR);
    struct timespec now_omit[2] = {{0, UTIME_NOW}, {0, UTIME_OMIT}};
    check_ok("futimens explicit", futimens(fd, set));
    fstat(fd, &st);
    check_yes("futimens atime exact", same_time(st.st_atim, 1000000000, 123456789));
    check_yes("futimens mtime exact", same_time(st.st_mtim, 1100000000, 987654321));
    check_ok("futimens atime NOW mtime OMIT", futimens(fd, now_omit));
    fstat(fd, &st);
    check_yes("futimens NOW set atime", st.st_atim.tv_sec >= before - 1);
    check_yes("futimens OMIT kept mtime", same_time(st.st_mtim, 1100000000, 987654321));
    check_ok("futimens NULL sets both to now", futimens(fd, NULL));
    fstat(fd, &st);
    check_yes("NULL times: mtime is now", st.st_mtim.tv_sec >= before - 1);
    struct timespec bad[2] = {{0, 1000000000}, {0, 0}};
    check_err("futimens nsec out of range", futimens(fd, bad), EINVAL);
    close(fd);
    check_err("utimensat missing", utimensat(AT_FDCWD, "missing", set, 0), ENOENT);
}

static void fd_flags(void) {
    char buf[32];
    write_file("flags", "abc");
    int fd = open("flags", O_RDWR);
    must("open flags", fd);
    int fl = fcntl(fd, F_GETFL);
    check_ok("fcntl F_GETFL", fl);
    check_yes("F_GETFL access mode O_RDWR", (fl & O_ACCMODE) == O_RDWR);
    check_yes("F_GETFL no O_APPEND yet", (fl & O_APPEND) == 0);
    check_ok("fcntl F_SETFL O_APPEND", fcntl(fd, F_SETFL, fl | O_APPEND));
    check_yes("F_GETFL shows O_APPEND", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
    lseek(fd, 0, SEEK_SET);
    write(fd, "d", 1);
    check_str("write after F_SETFL O_APPEND appends", read_file("flags", buf, sizeof buf),
              "abcd");
    check_ok("fcntl F_SETFL O_NONBLOCK", fcntl(fd, F_SETFL, O_NONBLOCK));
    fl = fcntl(fd, F_GETFL);
    check_yes("F_GETFL shows O_NONBLOCK", (fl & O_NONBLOCK) != 0);
    check_yes("F_SETFL cleared O_APPEND", (fl & O_APPEND) == 0);
    check_yes("F_SETFL kept access mode", (fl & O_ACCMODE) == O_RDWR);
    close(fd);
    fd = open("flags", O_WRONLY | O_APPEND);
    check_yes("F_GETFL O_WRONLY|O_APPEND",
              (fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND)) == (O_WRONLY | O_APPEND));
    close(fd);
    fd = open("flags", O_RDONLY);
    check_yes("F_GETFL O_RDONLY", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY);
    close(fd);
    check_err("fcntl F_GETFL closed fd", fcntl(fd, F_GETFL), EBADF);
}

/* fd_renumber has no POSIX name; natively dup2 + close is the same move. */
static int renumber(int from, int to) {
#ifdef __wasi__
    __wasi_errno_t e = __wasi_fd_renumber(from, to);
    if (e != 0) {
        errno = e;
        return -1;
    }
    return 0;
#else
    if (dup2(from, to) < 0) return -1;
    return close(from);
#endif
}

static void renumbering(void) {
    char buf[8] = {0};
    write_file("ren-a", "A");
    write_file("ren-b", "B");
    int a = open("ren-a", O_RDONLY);
    int b = open("ren-b", O_RDONLY);
    must("open ren-a", a);
    must("open ren-b", b);
    check_ok("renumber a onto b", renumber(a, b));
    check_int("b now reads a's file", read(b, buf, 4), 1);
    check_str("content through renumbered fd", buf, "A");
    check_err("old fd closed by renumber", read(a, buf, 1), EBADF);
    check_err("renumber from a closed fd", renumber(a, b), EBADF);
    close(b);
}

int main(int argc, char **argv) {
    enter_scratch(argc, argv);
    open_flags();
    vectors();
    seeking();
    sizes();
    stats();
    times();
    fd_flags();
    renumbering();
    return finish();
}
