/* ext_stat: what stat(2), lstat(2), fstat(2) and fstatat(2) report through
 * the extension's C library (wasm/lib/bocal-stat.c): file types and
 * permission bits after umask and chmod, owners after chown and lchown,
 * device numbers of /dev/null, link counts, fifos and pipes, errors, and a
 * search-permission denial as uid 1000. One deterministic line per check,
 * compared with Linux by test/ext/ext.test.ts.
 * argv: scratch-dir self-path */
#define _GNU_SOURCE
#include "bocal.h"
#include <stdio.h>
#include <string.h>

static void result(const char *name, int value) {
    printf("%s: %d%s\n", name, value,
           value >= 0           ? ""
           : errno == ENOENT    ? " ENOENT"
           : errno == ENOTDIR   ? " ENOTDIR"
           : errno == EACCES    ? " EACCES"
           : errno == EBADF     ? " EBADF"
           : errno == EINVAL    ? " EINVAL"
                                : " other");
}

static const char *type_of(mode_t mode) {
    return S_ISREG(mode)    ? "regular"
           : S_ISDIR(mode)  ? "directory"
           : S_ISLNK(mode)  ? "symlink"
           : S_ISFIFO(mode) ? "fifo"
           : S_ISCHR(mode)  ? "char device"
           : S_ISBLK(mode)  ? "block device"
           : S_ISSOCK(mode) ? "socket"
                            : "unknown";
}

static void show(const char *name, const struct stat *st) {
    printf("%s: %s %04o uid %u gid %u nlink %u\n", name, type_of(st->st_mode),
           (unsigned)(st->st_mode & 07777), (unsigned)st->st_uid, (unsigned)st->st_gid,
           (unsigned)st->st_nlink);
}

static void show_path(const char *path) {
    struct stat st;
    if (stat(path, &st) < 0) {
        result(path, -1);
        return;
    }
    show(path, &st);
}

static void modes(void) {
    umask(022);
    int fd = open("file", O_WRONLY | O_CREAT | O_TRUNC, 0666);
    write(fd, "hello", 5);
    show_path("file");
    struct stat st;
    fstat(fd, &st);
    show("fstat of its fd", &st);
    printf("size: %lld, blksize set: %d\n", (long long)st.st_size, st.st_blksize > 0);
    close(fd);
    chmod("file", 0751);
    show_path("file");
    chmod("file", 04755);
    show_path("file");
    umask(027);
    mkdir("dir", 0777);
    show_path("dir");
    mkdir("dir/sub", 0700);
    show_path("dir");
    umask(022);
}

static void owners(void) {
    chmod("file", 0644);
    chown("file", 1000, 1001);
    show_path("file");
    symlink("file", "link");
    lchown("link", 1002, 1003);
    struct stat st;
    lstat("link", &st);
    printf("lstat link: %s uid %u gid %u size %lld\n", type_of(st.st_mode), (unsigned)st.st_uid,
           (unsigned)st.st_gid, (long long)st.st_size);
    show_path("link");
    int dir = open("dir", O_RDONLY | O_DIRECTORY);
    result("fstatat dir sub", fstatat(dir, "sub", &st, 0));
    show("fstatat dir sub", &st);
    result("fstatat nofollow", fstatat(AT_FDCWD, "link", &st, AT_SYMLINK_NOFOLLOW));
    printf("fstatat nofollow type: %s\n", type_of(st.st_mode));
    result("fstatat empty path", fstatat(dir, "", &st, AT_EMPTY_PATH));
    show("fstatat empty path", &st);
    close(dir);
}

static void devices(void) {
    struct stat st;
    result("stat /dev/null", stat("/dev/null", &st));
    printf("/dev/null: %s %04o rdev %u,%u\n", type_of(st.st_mode), (unsigned)(st.st_mode & 07777),
           major(st.st_rdev), minor(st.st_rdev));
    stat("/dev/zero", &st);
    printf("/dev/zero rdev %u,%u\n", major(st.st_rdev), minor(st.st_rdev));
    stat("file", &st);
    printf("file rdev: %u,%u\n", major(st.st_rdev), minor(st.st_rdev));
}

static void links(void) {
    link("file", "hard");
    show_path("file");
    struct stat a, b;
    stat("file", &a);
    stat("hard", &b);
    printf("same inode and device: %d\n", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
    unlink("hard");
    show_path("file");
    int fd = open("file", O_RDONLY);
    unlink("file");
    fstat(fd, &a);
    printf("unlinked but open: nlink %u\n", (unsigned)a.st_nlink);
    close(fd);
}

static void fifos(void) {
    mkfifo("fifo", 0666);
    show_path("fifo");
    int fds[2];
    pipe(fds);
    struct stat st;
    fstat(fds[0], &st);
    printf("pipe: %s\n", type_of(st.st_mode));
    close(fds[0]);
    close(fds[1]);
}

static void errors(void) {
    struct stat st;
    result("stat missing", stat("missing", &st));
    result("stat under a file", stat("fifo/x", &st));
    result("stat empty", stat("", &st));
    result("fstat bad fd", fstat(99, &st));
    result("fstatat bad flag", fstatat(AT_FDCWD, "fifo", &st, 0x8000));
    mkdir("closed", 0700);
    close(open("closed/inner", O_WRONLY | O_CREAT, 0644));
    chmod(".", 0755);
    setuid(1000);
    result("user stat in 0700 root dir", stat("closed/inner", &st));
    result("user stat of the dir", stat("closed", &st));
}

int main(int argc, char **argv) {
    setvbuf(stdout, 0, _IONBF, 0);
    if (argc < 3) return 2;
    if (chdir(argv[1]) < 0) return 3;
    modes();
    owners();
    devices();
    links();
    fifos();
    errors();
    return 0;
}
