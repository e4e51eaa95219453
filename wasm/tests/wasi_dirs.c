/* wasi_dirs: conformance checks for directories: path_create_directory,
 * path_remove_directory, path_unlink_file, path_rename (files, directories,
 * replacing, into itself) and fd_readdir through opendir/readdir/
 * rewinddir/seekdir/telldir over a directory large enough to need several
 * fd_readdir calls. Usage: wasi_dirs SCRATCH_DIR. One line per check;
 * exits 0 when every observation matches Linux. */
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

static int is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int exists(const char *path) {
    struct stat st;
    return lstat(path, &st) == 0;
}

static void make_and_remove(void) {
    check_ok("mkdir", mkdir("d", 0755));
    check_yes("mkdir made a directory", is_dir("d"));
    check_err("mkdir existing", mkdir("d", 0755), EEXIST);
    check_err("mkdir with missing parent", mkdir("no/such", 0755), ENOENT);
    write_file("f", "file");
    check_err("mkdir over a file", mkdir("f", 0755), EEXIST);
    check_err("mkdir under a file", mkdir("f/sub", 0755), ENOTDIR);
    check_ok("mkdir nested", mkdir("d/sub", 0755));
    check_ok("mkdir with trailing slash", mkdir("d/slash/", 0755));
    check_err("rmdir non-empty", rmdir("d"), ENOTEMPTY);
    check_err("rmdir a file", rmdir("f"), ENOTDIR);
    check_err("rmdir missing", rmdir("missing"), ENOENT);
    mkdir("dotdir", 0755);
    check_err("rmdir dir/.", rmdir("dotdir/."), EINVAL);
    rmdir("dotdir");
    check_ok("rmdir empty", rmdir("d/sub"));
    check_ok("rmdir with trailing slash", rmdir("d/slash/"));
    check_yes("rmdir removed it", !exists("d/sub"));
    check_ok("rmdir now empty parent", rmdir("d"));
    check_err("unlink a directory", (mkdir("d2", 0755), unlink("d2")), EISDIR);
    check_err("unlink missing", unlink("missing"), ENOENT);
    check_err("unlink under a file", unlink("f/x"), ENOTDIR);
    check_err("unlink file with trailing slash", unlink("f/"), ENOTDIR);
    check_ok("unlink a file", unlink("f"));
    check_yes("unlink removed it", !exists("f"));
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    check_ok("mkdirat", mkdirat(dir, "at", 0755));
    check_err("unlinkat dir without AT_REMOVEDIR", unlinkat(dir, "at", 0), EISDIR);
    check_ok("unlinkat AT_REMOVEDIR", unlinkat(dir, "at", AT_REMOVEDIR));
    write_file("at-file", "x");
    check_err("unlinkat AT_REMOVEDIR on a file", unlinkat(dir, "at-file", AT_REMOVEDIR),
              ENOTDIR);
    check_ok("unlinkat a file", unlinkat(dir, "at-file", 0));
    close(dir);
    rmdir("d2");
}

static void renames(void) {
    char buf[32];
    write_file("r1", "one");
    check_ok("rename file to new name", rename("r1", "r2"));
    check_yes("old name gone", !exists("r1"));
    check_str("new name has the content", read_file("r2", buf, sizeof buf), "one");
    write_file("r3", "three");
    check_ok("rename file replacing a file", rename("r3", "r2"));
    check_str("replaced content", read_file("r2", buf, sizeof buf), "three");
    check_ok("rename file onto itself", rename("r2", "r2"));
    check_err("rename missing", rename("missing", "r9"), ENOENT);
    check_err("rename into missing dir", rename("r2", "nodir/r2"), ENOENT);

    mkdir("da", 0755);
    write_file("da/inner", "in");
    check_ok("rename directory", rename("da", "db"));
    check_str("content moved with directory", read_file("db/inner", buf, sizeof buf), "in");
    mkdir("empty", 0755);
    check_ok("rename directory onto empty directory", rename("db", "empty"));
    check_yes("directory replaced", exists("empty/inner") && !exists("db"));
    mkdir("full", 0755);
    write_file("full/x", "x");
    check_err("rename directory onto non-empty directory", rename("empty", "full"), ENOTEMPTY);
    check_err("rename directory into itself", rename("full", "full/sub"), EINVAL);
    mkdir("full/child", 0755);
    check_err("rename directory into its descendant", rename("full", "full/child/g"), EINVAL);
    check_err("rename file onto a directory", rename("r2", "full"), EISDIR);
    check_err("rename directory onto a file", rename("full", "r2"), ENOTDIR);
    check_ok("rename file into a directory", rename("r2", "full/r2"));
    check_str("moved across directories", read_file("full/r2", buf, sizeof buf), "three");
    check_err("rename with file as parent", rename("full/r2", "full/x/y"), ENOTDIR);
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    int sub = open("full", O_RDONLY | O_DIRECTORY);
    check_ok("renameat between dir fds", renameat(sub, "r2", dir, "back"));
    check_str("renameat moved it", read_file("back", buf, sizeof buf), "three");
    close(sub);
    close(dir);
}

#define MANY 300

/* Names long enough that MANY entries do not fit in one fd_readdir buffer. */
static void entry_name(char *buf, size_t size, int i) {
    snprintf(buf, size, "entry-with-a-rather-long-name-number-%04d", i);
}

/* Counts entries, checks each expected name is seen once; returns -1 on a
 * stranger or a duplicate. */
static int scan(DIR *d, int *dots) {
    static unsigned char seen[MANY];
    memset(seen, 0, sizeof seen);
    int count = 0;
    *dots = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            (*dots)++;
            continue;
        }
        int i;
        if (sscanf(e->d_name, "entry-with-a-rather-long-name-number-%d", &i) != 1 || i < 0 ||
            i >= MANY || seen[i])
            return -1;
        seen[i] = 1;
        count++;
    }
    return count;
}

static void listing(void) {
    char name[64];
    must("mkdir many", mkdir("many", 0755));
    for (int i = 0; i < MANY; i++) {
        entry_name(name, sizeof name, i);
        char path[80];
        snprintf(path, sizeof path, "many/%s", name);
        write_file(path, "");
    }
    DIR *d = opendir("many");
    check_yes("opendir", d != NULL);
    if (!d) return;
    int dots;
    check_int("readdir sees every entry once", scan(d, &dots), MANY);
    check_int("readdir sees . and ..", dots, 2);
    errno = 0;
    check_yes("readdir at end returns NULL without error", readdir(d) == NULL && errno == 0);
    rewinddir(d);
    check_int("rewinddir then readdir again", scan(d, &dots), MANY);

    rewinddir(d);
    for (int i = 0; i < 150; i++) readdir(d);
    long pos = telldir(d);
    check_yes("telldir", pos != -1);
    struct dirent *e = readdir(d);
    char after[256];
    snprintf(after, sizeof after, "%s", e ? e->d_name : "(none)");
    for (int i = 0; i < 40; i++) readdir(d);
    seekdir(d, pos);
    e = readdir(d);
    check_yes("seekdir returns to the same entry", e && strcmp(e->d_name, after) == 0);
    int rest = 1;
    while (readdir(d)) rest++;
    check_int("entries from the telldir mark to the end", rest, MANY + 2 - 150);
    check_ok("closedir", closedir(d));

    mkdir("types", 0755);
    mkdir("types/dir", 0755);
    write_file("types/file", "");
    d = opendir("types");
    int ok_file = 0, ok_dir = 0;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, "file") == 0) ok_file = e->d_type == DT_REG;
        if (strcmp(e->d_name, "dir") == 0) ok_dir = e->d_type == DT_DIR;
    }
    closedir(d);
    check_yes("d_type DT_REG", ok_file);
    check_yes("d_type DT_DIR", ok_dir);

    d = opendir("types");
    int seen_file = 0;
    unlink("types/file");
    write_file("types/late", "");
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, "file") == 0) seen_file = 1;
    closedir(d);
    (void)seen_file; /* POSIX leaves changes during a scan unspecified */
    d = opendir("types");
    int total = 0;
    while (readdir(d)) total++;
    closedir(d);
    check_int("fresh opendir sees the change", total, 4);

    mkdir("emptydir", 0755);
    d = opendir("emptydir");
    total = 0;
    while (readdir(d)) total++;
    closedir(d);
    check_int("empty directory lists . and ..", total, 2);
    check_yes("opendir missing", opendir("missing") == NULL && errno == ENOENT);
    check_yes("opendir a file", opendir("back") == NULL && errno == ENOTDIR);
    int fd = open("many", O_RDONLY | O_DIRECTORY);
    d = fdopendir(fd);
    check_yes("fdopendir", d != NULL);
    if (d) {
        check_int("fdopendir lists", scan(d, &dots), MANY);
        closedir(d);
    }
}

static void cwd(void) {
    char here[512], there[512];
    check_yes("getcwd", getcwd(here, sizeof here) != NULL);
    mkdir("cwd-sub", 0755);
    check_ok("chdir into subdirectory", chdir("cwd-sub"));
    check_yes("getcwd after chdir", getcwd(there, sizeof there) != NULL);
    size_t n = strlen(here);
    check_yes("new cwd is old cwd plus /cwd-sub",
              strncmp(there, here, n) == 0 && strcmp(there + n, "/cwd-sub") == 0);
    check_ok("relative path from new cwd", open("../back", O_RDONLY) >= 0 ? 0 : -1);
    check_ok("chdir ..", chdir(".."));
    check_err("chdir missing", chdir("missing"), ENOENT);
    check_err("chdir into a file", chdir("back"), ENOTDIR);
}

int main(int argc, char **argv) {
    enter_scratch(argc, argv);
    make_and_remove();
    renames();
    listing();
    cwd();
    return finish();
}
