/* wasi_links: conformance checks for hard and symbolic links: path_link,
 * path_symlink, path_readlink (including cut-off buffers), lookups with and
 * without symlink_follow (stat/lstat, O_NOFOLLOW, AT_SYMLINK_NOFOLLOW),
 * dangling links and loops. Targets are relative: a WASI sandbox may refuse
 * absolute ones. Usage: wasi_links SCRATCH_DIR. One line per check; exits 0
 * when every observation matches Linux. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static long long nlink(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_nlink : -1;
}

static void hard_links(void) {
    char buf[32];
    struct stat a, b;
    write_file("orig", "shared");
    check_ok("link", link("orig", "hard"));
    check_int("nlink after link", nlink("orig"), 2);
    stat("orig", &a);
    stat("hard", &b);
    check_yes("both names are one inode", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
    write_file("hard", "changed");
    check_str("write through one name shows in the other", read_file("orig", buf, sizeof buf),
              "changed");
    check_err("link onto an existing name", link("orig", "hard"), EEXIST);
    check_err("link from a missing name", link("missing", "h2"), ENOENT);
    mkdir("dir", 0755);
    check_err("link a directory", link("dir", "dirlink"), EPERM);
    check_err("link into a missing directory", link("orig", "nodir/h"), ENOENT);
    check_ok("unlink the original name", unlink("orig"));
    check_int("nlink after unlink", nlink("hard"), 1);
    check_str("content survives through the other name", read_file("hard", buf, sizeof buf),
              "changed");
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    check_ok("linkat between dir fds", linkat(dir, "hard", dir, "dir/hard2", 0));
    check_int("nlink after linkat", nlink("hard"), 2);
    close(dir);

    int fd = open("hard", O_RDONLY);
    unlink("hard");
    unlink("dir/hard2");
    check_yes("open fd reads an unlinked file", read(fd, buf, 7) == 7 &&
                                                   memcmp(buf, "changed", 7) == 0);
    struct stat st;
    fstat(fd, &st);
    check_int("fstat nlink of an unlinked file", st.st_nlink, 0);
    close(fd);
}

static void symbolic_links(void) {
    char buf[256];
    struct stat st;
    write_file("target", "pointed at");
    check_ok("symlink", symlink("target", "sym"));
    check_err("symlink onto an existing name", symlink("target", "sym"), EEXIST);
    check_ok("lstat a symlink", lstat("sym", &st));
    check_yes("lstat says S_ISLNK", S_ISLNK(st.st_mode));
    check_int("lstat size is the target length", st.st_size, 6);
    check_ok("stat through a symlink", stat("sym", &st));
    check_yes("stat says S_ISREG", S_ISREG(st.st_mode));
    check_int("stat size is the file's", st.st_size, 10);
    check_str("open follows the symlink", read_file("sym", buf, sizeof buf), "pointed at");

    ssize_t n = readlink("sym", buf, sizeof buf);
    check_int("readlink length", n, 6);
    buf[n < 0 ? 0 : n] = '\0';
    check_str("readlink content", buf, "target");
    memset(buf, '#', sizeof buf);
    check_int("readlink into a 3-byte buffer", readlink("sym", buf, 3), 3);
    check_yes("cut-off readlink has no NUL", memcmp(buf, "tar#", 4) == 0);
    check_int("readlink into a 6-byte buffer", readlink("sym", buf, 6), 6);
    check_err("readlink a regular file", readlink("target", buf, sizeof buf), EINVAL);
    check_err("readlink missing", readlink("missing", buf, sizeof buf), ENOENT);
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    check_int("readlinkat", readlinkat(dir, "sym", buf, sizeof buf), 6);

    check_ok("fstatat AT_SYMLINK_NOFOLLOW", fstatat(dir, "sym", &st, AT_SYMLINK_NOFOLLOW));
    check_yes("fstatat NOFOLLOW sees the link", S_ISLNK(st.st_mode));
    check_ok("fstatat following", fstatat(dir, "sym", &st, 0));
    check_yes("fstatat following sees the file", S_ISREG(st.st_mode));

    char longtarget[201];
    memset(longtarget, 'L', 200);
    longtarget[200] = '\0';
    check_ok("symlink with a 200-byte target", symlink(longtarget, "longsym"));
    check_int("readlink of the long target", readlink("longsym", buf, sizeof buf), 200);

    check_err("open O_NOFOLLOW on a symlink", open("sym", O_RDONLY | O_NOFOLLOW), ELOOP);
    int fd = open("target", O_RDONLY | O_NOFOLLOW);
    check_ok("open O_NOFOLLOW on a file", fd);
    close(fd);

    check_ok("dangling symlink", symlink("nowhere", "dangling"));
    check_err("stat a dangling symlink", stat("dangling", &st), ENOENT);
    check_ok("lstat a dangling symlink", lstat("dangling", &st));
    fd = open("dangling", O_WRONLY | O_CREAT, 0644);
    check_ok("O_CREAT through a dangling symlink", fd);
    close(fd);
    check_ok("it created the target", lstat("nowhere", &st));
    check_err("O_CREAT|O_EXCL on a symlink", open("sym", O_WRONLY | O_CREAT | O_EXCL, 0644),
              EEXIST);

    symlink("loop-b", "loop-a");
    symlink("loop-a", "loop-b");
    check_err("open a symlink loop", open("loop-a", O_RDONLY), ELOOP);
    check_err("stat a symlink loop", stat("loop-a", &st), ELOOP);
    check_ok("lstat a symlink loop", lstat("loop-a", &st));
    check_err("path through a loop", open("loop-a/x", O_RDONLY), ELOOP);

    mkdir("realdir", 0755);
    write_file("realdir/inside", "in");
    check_ok("symlink to a directory", symlink("realdir", "dirsym"));
    check_str("path through a directory symlink", read_file("dirsym/inside", buf, sizeof buf),
              "in");
    check_ok("symlink with ../ in target", symlink("../target", "realdir/up"));
    check_str("relative target resolves from the link's directory",
              read_file("realdir/up", buf, sizeof buf), "pointed at");
    DIR *d = opendir("dirsym");
    check_yes("opendir through a symlink", d != NULL);
    if (d) closedir(d);
    check_err("rmdir a symlink to a directory", rmdir("dirsym"), ENOTDIR);
    check_ok("unlink a symlink to a directory", unlink("dirsym"));
    check_yes("target directory survives", stat("realdir/inside", &st) == 0);

    check_ok("rename a symlink", rename("sym", "sym2"));
    check_int("renamed link keeps its target", readlink("sym2", buf, sizeof buf), 6);
    check_ok("unlink a symlink", unlink("sym2"));
    check_yes("target survives unlinking the link", stat("target", &st) == 0);

    symlink("target", "ts");
    struct timespec set[2] = {{1000000000, 0}, {1000000000, 0}};
    check_ok("utimensat following a symlink", utimensat(dir, "ts", set, 0));
    stat("target", &st);
    check_yes("times set on the target", st.st_mtim.tv_sec == 1000000000);
    check_ok("link to a symlink (linkat without FOLLOW)", linkat(dir, "ts", dir, "ts-hard", 0));
    check_ok("lstat the new link", lstat("ts-hard", &st));
    check_yes("linkat without FOLLOW links the symlink itself", S_ISLNK(st.st_mode));

    d = opendir(".");
    int type_ok = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, "ts") == 0) type_ok = e->d_type == DT_LNK;
    closedir(d);
    check_yes("readdir d_type DT_LNK", type_ok);
    close(dir);
}

int main(int argc, char **argv) {
    enter_scratch(argc, argv);
    hard_links();
    symbolic_links();
    return finish();
}
