/* mount_chroot: mounts and chroot through the C library, one deterministic
 * line per check, run natively as root inside `unshare -m` and on bocal,
 * and compared: a tmpfs with a file, a bind mount of it, a read-only
 * bind-remount (EROFS), umount with a busy cwd (EBUSY), a chroot into a
 * prepared tree (its `/` listed, `cd ..` staying inside, a symlink to `/`
 * meaning the new root), and the double-chroot escape Linux allows root.
 * argv: scratch-dir (an existing, empty directory) */
#define _GNU_SOURCE
#include "bocal-mount.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char path[4096];

static const char *at(const char *dir, const char *name) {
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static const char *errname(int e) {
    switch (e) {
    case 0: return "ok";
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case EBUSY: return "EBUSY";
    case ENOTDIR: return "ENOTDIR";
    case EINVAL: return "EINVAL";
    case EROFS: return "EROFS";
    case ENODEV: return "ENODEV";
    default: return "other";
    }
}

static void report(const char *what, int result) {
    printf("%s: %s\n", what, errname(result < 0 ? errno : 0));
}

static int write_file(const char *file, const char *text) {
    int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n < 0 ? -1 : 0;
}

static void print_file(const char *what, const char *file) {
    char buffer[64] = {0};
    int fd = open(file, O_RDONLY);
    if (fd < 0) {
        report(what, -1);
        return;
    }
    ssize_t n = read(fd, buffer, sizeof buffer - 1);
    close(fd);
    printf("%s: %s\n", what, n < 0 ? "read failed" : buffer);
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in `dir` but . and .., sorted, on one line. */
static void list(const char *what, const char *dir) {
    char *names[64];
    int count = 0;
    DIR *d = opendir(dir);
    if (!d) {
        report(what, -1);
        return;
    }
    for (struct dirent *e; (e = readdir(d)) && count < 64;) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) names[count++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, count, sizeof *names, by_name);
    printf("%s:", what);
    for (int i = 0; i < count; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

static void mounts(const char *dir) {
    char m[4096], b[4096];
    snprintf(m, sizeof m, "%s/m", dir);
    snprintf(b, sizeof b, "%s/b", dir);
    mkdir(m, 0755);
    mkdir(b, 0755);
    report("mount tmpfs", mount("tmpfs", m, "tmpfs", 0, "mode=755,size=1m"));
    report("mount unknown type", mount("x", m, "bocalfs", 0, NULL));
    report("mount on missing", mount("tmpfs", at(dir, "missing"), "tmpfs", 0, NULL));
    report("write in tmpfs", write_file(at(m, "hello"), "hi"));
    report("bind", mount(m, b, NULL, MS_BIND, NULL));
    print_file("read through bind", at(b, "hello"));
    report("remount bind ro", mount(NULL, b, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL));
    report("write through ro bind", write_file(at(b, "new"), "x"));
    report("write through rw mount", write_file(at(m, "new"), "x"));
    list("tmpfs lists", b);
    report("chdir into mount", chdir(m));
    report("umount busy", umount(m));
    report("umount not a mount", umount(dir));
    report("chdir out", chdir(dir));
    report("umount bind", umount2(b, 0));
    report("umount tmpfs", umount(m));
    list("after umount", m);
}

static void jail(const char *dir) {
    char j[4096];
    snprintf(j, sizeof j, "%s/jail", dir);
    mkdir(j, 0755);
    mkdir(at(j, "bin"), 0755);
    mkdir(at(j, "etc"), 0755);
    write_file(at(j, "etc/motd"), "inside");
    report("symlink to /", symlink("/", at(j, "up")));
    report("chroot file", chroot(at(j, "etc/motd")));
    report("chdir jail", chdir(j));
    report("chroot .", chroot("."));
    list("jail /", "/");
    report("cd ..", chdir(".."));
    report("cd ../..", chdir("../.."));
    list("jail .", ".");
    print_file("motd", "/etc/motd");
    print_file("motd via /up", "/up/up/etc/motd");
    list("jail /up/..", "/up/..");
}

/* Root may leave a chroot whose root it is not under: chroot into a
 * subdirectory keeping the cwd outside, climb, chroot("."). */
static void escape(const char *dir) {
    report("mkdir sub", mkdir("/sub", 0755));
    report("chroot sub", chroot("sub"));
    for (int i = 0; i < 64; i++) chdir("..");
    report("chroot . again", chroot("."));
    struct stat st;
    printf("escaped: %s\n", stat(at(dir, "jail/etc/motd"), &st) == 0 ? "yes" : "no");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: mount_chroot scratch-dir\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    report("unshare 0", unshare(0));
    mounts(argv[1]);
    jail(argv[1]);
    escape(argv[1]);
    return 0;
}
