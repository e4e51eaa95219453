/* ns_mount: mount namespaces and propagation through the C library, one
 * deterministic line per check, run natively as root on Linux and as its
 * WASI build on bocal, and compared. The program first moves into a mount
 * namespace of its own where everything is private (so the host's mounts
 * are untouched natively), then:
 *   - a child that unshares gets a copy: a shared mount stays a peer, so
 *     mounts and umounts on either side appear on the other;
 *   - after --make-private, nothing crosses any more;
 *   - a child that makes its copy a slave receives but does not send.
 * Parent and child take turns through two pipes.
 * argv: scratch-dir self-path [mode] */
#define _GNU_SOURCE
#include "bocal.h"
#include "bocal-mount.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifndef __wasi__
#include <sys/wait.h>
#endif
#include "check.h"

static const char *self;
static const char *scratch;

/* Whether `path` is the root of a mount: another device than its parent's. */
static int mounted(const char *path) {
    char parent[512];
    struct stat here, up;
    snprintf(parent, sizeof parent, "%s/..", path);
    if (stat(path, &here) < 0 || stat(parent, &up) < 0) return 0;
    return here.st_dev != up.st_dev;
}

static void wait_turn(int fd) {
    char c;
    if (read(fd, &c, 1) != 1) exit(3);
}

static void give_turn(int fd) {
    if (write(fd, "x", 1) != 1) exit(3);
}

static const char *yes_no(int value) { return value ? "yes" : "no"; }

/* A child in its own copy of mode "peer", "private" or "slave" (it makes its copy of a a slave). */
static int peer(const char *mode) {
    int from_parent = 3, to_parent = 4;
    int shared = strcmp(mode, "private") != 0;
    check_ok("child unshare(CLONE_NEWNS)", unshare(CLONE_NEWNS));
    if (!strcmp(mode, "slave"))
        check_ok("child makes a a slave", mount("none", "a", 0, MS_SLAVE, 0));
    give_turn(to_parent);
    wait_turn(from_parent); /* the parent mounted a/x */
    check_str("child sees the parent's a/x", yes_no(mounted("a/x")), yes_no(shared));
    check_ok("child mounts a/y", mount("tmpfs", "a/y", "tmpfs", 0, 0));
    give_turn(to_parent);
    wait_turn(from_parent); /* the parent looked */
    if (!strcmp(mode, "peer")) check_ok("child unmounts a/x", umount("a/x"));
    give_turn(to_parent);
    wait_turn(from_parent);
    return finish();
}

/* Runs the child of `mode` with fds 3 (from us) and 4 (to us); returns our ends. */
static pid_t start(const char *mode, int *to_child, int *from_child) {
    int down[2], up[2];
    must("pipe", pipe(down));
    must("pipe", pipe(up));
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, down[0], 3);
    posix_spawn_file_actions_adddup2(&fa, up[1], 4);
    char *argv[] = {(char *)self, (char *)scratch, (char *)self, (char *)mode, 0};
    pid_t pid = -1;
    int error = posix_spawn(&pid, self, &fa, 0, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (error) {
        printf("setup spawn: %s\n", errno_name(error));
        exit(2);
    }
    close(down[0]);
    close(up[1]);
    *to_child = down[1];
    *from_child = up[0];
    return pid;
}

static void finish_child(pid_t pid, int to_child, int from_child) {
    give_turn(to_child);
    int status = -1;
    waitpid(pid, &status, 0);
    check_int("child exit", WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
    close(to_child);
    close(from_child);
}

/* Round with a child: the parent mounts a/x, the child mounts a/y (and, a peer, unmounts a/x). */
static void round_with(const char *mode, const char *label) {
    int peer_mode = !strcmp(mode, "peer");
    int to_child, from_child;
    printf("-- %s\n", label);
    pid_t pid = start(mode, &to_child, &from_child);
    wait_turn(from_child); /* it has its copy */
    check_ok("parent mounts a/x", mount("tmpfs", "a/x", "tmpfs", 0, 0));
    give_turn(to_child);
    wait_turn(from_child); /* it mounted a/y */
    check_str("parent sees the child's a/y", yes_no(mounted("a/y")), yes_no(peer_mode));
    give_turn(to_child);
    wait_turn(from_child); /* it may have unmounted a/x */
    check_str("parent's a/x still mounted", yes_no(mounted("a/x")), yes_no(!peer_mode));
    finish_child(pid, to_child, from_child);
    if (mounted("a/y")) umount("a/y");
    if (mounted("a/x")) umount("a/x");
}

/* The propagation fields of /proc/self/mountinfo for mount point `path` (numbers dropped). */
static void propagation_of(const char *path, char *out, size_t size) {
    static char text[65536];
    char where[512];
    snprintf(where, sizeof where, " %s/%s ", scratch, path);
    /* Read to the end: Linux hands mountinfo out a page or so per read. */
    size_t have = 0;
    ssize_t n;
    int fd = open("/proc/self/mountinfo", O_RDONLY);
    while (fd >= 0 && have + 1 < sizeof text &&
           (n = read(fd, text + have, sizeof text - 1 - have)) > 0)
        have += (size_t)n;
    if (fd >= 0) close(fd);
    text[have] = 0;
    out[0] = 0;
    char *line = strstr(text, where);
    if (!line) return;
    char *end = strstr(line, " - ");
    char *field = line + strlen(where);
    field += strcspn(field, " "); /* the mount options */
    while (field && field < end) {
        while (*field == ' ') field++;
        if (field >= end) break;
        size_t n = strcspn(field, ": ");
        snprintf(out + strlen(out), size - strlen(out), "%s%.*s", out[0] ? " " : "", (int)n, field);
        field += strcspn(field, " ");
    }
}

int main(int argc, char **argv) {
    self = argc > 2 ? argv[2] : "";
    scratch = argc > 1 ? argv[1] : "";
    enter_scratch(argc, argv);
    if (argc > 3) {
        return peer(argv[3]);
    }
    char text[256];
    check_ok("unshare(CLONE_NEWNS)", unshare(CLONE_NEWNS));
    check_ok("make everything private", mount("none", "/", 0, MS_REC | MS_PRIVATE, 0));
    must("mkdir a", mkdir("a", 0755));
    check_ok("mount tmpfs on a", mount("tmpfs", "a", "tmpfs", 0, 0));
    must("mkdir a/x", mkdir("a/x", 0755));
    must("mkdir a/y", mkdir("a/y", 0755));
    propagation_of("a", text, sizeof text);
    check_str("a is private", text, "");
    check_ok("make a shared", mount("none", "a", 0, MS_SHARED, 0));
    propagation_of("a", text, sizeof text);
    check_str("a's mountinfo fields", text, "shared");
    round_with("peer", "a shared peer");
    check_ok("make a private", mount("none", "a", 0, MS_PRIVATE, 0));
    round_with("private", "a private copy");
    check_ok("make a shared again", mount("none", "a", 0, MS_SHARED, 0));
    round_with("slave", "a slave");
    return finish();
}
