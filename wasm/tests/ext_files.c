/* ext_files: files through the extension's C library (wasm/lib): fcntl and
 * close-on-exec across exec, chdir/fchdir/getcwd seen in /proc and by a
 * child, chmod/chown rules as root and as uid 1000, mkfifo with a reader
 * and a writer, mknod, open's mode. One deterministic line per check, so
 * the WASI build on bocal can be compared with the native one on Linux.
 * argv: scratch-dir self-path [child mode args...] */
#define _GNU_SOURCE
#include "bocal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *self;
static const char *scratch;

static void yes(const char *name, int ok) { printf("%s: %s\n", name, ok ? "yes" : "no"); }
static void result(const char *name, int value) {
    printf("%s: %d%s\n", name, value, value < 0 ? (errno == EPERM    ? " EPERM"
                                                  : errno == EACCES ? " EACCES"
                                                  : errno == ENOENT ? " ENOENT"
                                                  : errno == EINVAL ? " EINVAL"
                                                  : errno == EBADF  ? " EBADF"
                                                                    : " other")
                                                 : "");
}

/* Modes and owners are checked by what uid 1000 may then do: wasi-libc's
 * stat has no st_mode permission bits nor owner (WASI's filestat lacks
 * them), and the extension has no stat of its own yet. */

/* Runs this program again as `mode`, with fds kept; waits and returns its status. */
static int run_self(const char *mode, const char *arg) {
    char *argv[] = {(char *)self, (char *)scratch, (char *)self, (char *)mode, (char *)arg, 0};
    pid_t pid;
    int error = posix_spawn(&pid, self, 0, 0, argv, environ);
    if (error) {
        printf("spawn %s failed: %d\n", mode, error);
        return -1;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

static void child_fds(void) {
    yes("child: fd 20 open", fcntl(20, F_GETFD) >= 0);
    yes("child: fd 21 open", fcntl(21, F_GETFD) >= 0);
    yes("child: fd 22 open", fcntl(22, F_GETFD) >= 0);
}

static void child_user(void) {
    setgid(1000);
    setuid(1000);
    result("user open 0600 root file", open("f", O_RDONLY));
    result("user open 0600 file chowned to 1000", open("g", O_RDONLY) >= 0);
    result("user open file made 0666 under umask 072", open("made", O_RDONLY) >= 0);
    result("user chmod own file", chmod("u/own", 0600));
    result("user open own file", open("u/own", O_RDWR) >= 0);
    result("user chmod root file", chmod("f", 0777));
    result("user chown own file to root", chown("u/own", 0, -1));
    result("user chown own file to own group", chown("u/own", -1, 1000));
    result("user chown own file to group 0", chown("u/own", -1, 0));
    result("user mknod char device", mknod("u/dev", S_IFCHR | 0600, 0x0103));
    result("user mkfifo in root dir", mkfifo("sub/nope", 0600));
    result("user chmod setgid own group", chmod("u/own", 02755));
}

static void child_writer(void) {
    int fd = open("fifo", O_WRONLY);
    const char *text = "through the fifo\n";
    write(fd, text, strlen(text));
    close(fd);
}

/* A child's cwd is inherited from the parent. */
static int child(const char *mode) {
    if (!strcmp(mode, "fds")) child_fds();
    if (!strcmp(mode, "user")) child_user();
    if (!strcmp(mode, "writer")) child_writer();
    if (!strcmp(mode, "cwd")) {
        char here[4096];
        printf("child getcwd: %s\n", getcwd(here, sizeof here) ? here : "?");
    }
    return 0;
}

static void descriptors(void) {
    int fd = open("f", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    result("F_GETFD fresh", fcntl(fd, F_GETFD));
    result("F_SETFD", fcntl(fd, F_SETFD, FD_CLOEXEC));
    result("F_GETFD after", fcntl(fd, F_GETFD));
    int low = fcntl(fd, F_DUPFD, 10);
    yes("F_DUPFD >= 10", low >= 10);
    result("F_GETFD of F_DUPFD", fcntl(low, F_GETFD));
    int high = fcntl(fd, F_DUPFD_CLOEXEC, 30);
    yes("F_DUPFD_CLOEXEC >= 30", high >= 30);
    result("F_GETFD of F_DUPFD_CLOEXEC", fcntl(high, F_GETFD));
    yes("F_GETFL write-only", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_WRONLY);
    result("F_GETFD bad fd", fcntl(99, F_GETFD));
    result("F_DUPFD negative", fcntl(fd, F_DUPFD, -1));
    int closing = open("f", O_RDONLY | O_CLOEXEC);
    result("open O_CLOEXEC F_GETFD", fcntl(closing, F_GETFD));
    dup2(fd, 20);
    dup2(fd, 21);
    fcntl(21, F_SETFD, FD_CLOEXEC);
    dup2(closing, 22);
    fcntl(22, F_SETFD, FD_CLOEXEC);
    run_self("fds", "");
    close(20);
    close(21);
    close(22);
    close(low);
    close(high);
    close(closing);
    close(fd);
}

static void directories(void) {
    char here[4096], link[4096];
    mkdir("sub", 0755);
    result("chdir sub", chdir("sub"));
    ssize_t n = readlink("/proc/self/cwd", link, sizeof link - 1);
    link[n > 0 ? n : 0] = 0;
    printf("/proc/self/cwd: %s\n", link);
    printf("getcwd: %s\n", getcwd(here, sizeof here) ? here : "?");
    run_self("cwd", "");
    result("chdir missing", chdir("missing"));
    chdir("..");
    int dir = open("sub", O_RDONLY | O_DIRECTORY);
    result("fchdir", fchdir(dir));
    printf("getcwd after fchdir: %s\n", getcwd(here, sizeof here) ? here : "?");
    char *grown = getcwd(0, 0);
    yes("getcwd(NULL, 0) allocates", grown && !strcmp(grown, here));
    free(grown);
    errno = 0;
    yes("getcwd too small is ERANGE", !getcwd(here, 2) && errno == ERANGE);
    close(dir);
    chdir(scratch);
}

static void modes(void) {
    umask(022);
    umask(072);
    close(open("made", O_CREAT | O_WRONLY, 0666));
    umask(022);
    result("chmod", chmod("f", 0600));
    int fd = open("f", O_RDONLY);
    result("fchmod", fchmod(fd, 0640));
    close(fd);
    result("chmod missing", chmod("missing", 0600));
    result("chown", chown("f", 1000, 1000));
    symlink("f", "l");
    result("lchown", lchown("l", 2000, 2000));
    result("fchownat bad flags", fchownat(AT_FDCWD, "f", 0, 0, 0x4000000));
    chmod("f", 06755);
    chown("f", 0, 0);
    chmod("f", 0600);
    chown("f", 0, 0);
    close(open("g", O_CREAT | O_WRONLY, 0600));
    chown("g", 1000, 0);
    chmod(scratch, 0755);
    mkdir("u", 0777);
    chmod("u", 0777);
    close(open("u/own", O_CREAT | O_WRONLY, 0644));
    chown("u/own", 1000, 1000);
    int status = run_self("user", "");
    yes("user child exited 0", WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void special_files(void) {
    result("mkfifo", mkfifo("fifo", 0600));
    result("mkfifo exists", mkfifo("fifo", 0600) == -1 && errno == EEXIST ? 1 : 0);
    char *argv[] = {(char *)self, (char *)scratch, (char *)self, "writer", 0};
    pid_t pid;
    posix_spawn(&pid, self, 0, 0, argv, environ);
    int fd = open("fifo", O_RDONLY);
    char text[64] = {0};
    size_t have = 0;
    ssize_t n;
    while ((n = read(fd, text + have, sizeof text - 1 - have)) > 0) have += (size_t)n;
    printf("read from fifo: %s", text);
    close(fd);
    waitpid(pid, 0, 0);
    result("mknod regular", mknod("node", S_IFREG | 0644, 0));
    result("mknod directory", mknod("dir", S_IFDIR | 0755, 0));
}

int main(int argc, char **argv) {
    setvbuf(stdout, 0, _IONBF, 0);
    if (argc < 3) return 2;
    scratch = argv[1];
    self = argv[2];
    if (argc > 3) return child(argv[3]);
    if (chdir(scratch) < 0) return 3;
    descriptors();
    directories();
    modes();
    special_files();
    return 0;
}
