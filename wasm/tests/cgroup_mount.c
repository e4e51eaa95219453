/* cgroup_mount: the cgroup namespace seen by a program. `cgroup_mount ROOT
 * DIR` makes ROOT/bocal-ns/inner (ROOT: where the cgroup2 hierarchy is
 * mounted), moves itself into ROOT/bocal-ns, unshares its cgroup and mount
 * namespaces, then mounts cgroup2 on the empty directory DIR: the new
 * mount shows bocal-ns's subtree, /proc/self/cgroup says `0::/`, and
 * moving itself back to ROOT fails (ENOENT: outside its namespace). The
 * caller removes ROOT/bocal-ns afterwards. Run as root, natively inside
 * `unshare -m` so the host's mounts are untouched. */
#define _GNU_SOURCE
#include "bocal-mount.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int put(const char *path, const char *text) {
    int fd = open(path, O_WRONLY);
    if (fd < 0) return errno;
    int error = write(fd, text, strlen(text)) < 0 ? errno : 0;
    close(fd);
    return error;
}

static void show_unified_line(const char *path) {
    FILE *file = fopen(path, "r");
    char line[512];
    while (file && fgets(line, sizeof line, file)) {
        if (strncmp(line, "0::", 3) == 0) printf("%s: %s", path, line);
    }
    if (file) fclose(file);
}

static const char *exists(const char *dir, const char *name) {
    char path[512];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0 ? "yes" : "no";
}

static int count_lines(const char *path) {
    FILE *file = fopen(path, "r");
    int count = 0;
    char line[64];
    while (file && fgets(line, sizeof line, file)) count++;
    if (file) fclose(file);
    return count;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: cgroup_mount ROOT DIR\n");
        return 2;
    }
    const char *root = argv[1], *dir = argv[2];
    char path[512];
    snprintf(path, sizeof path, "%s/bocal-ns", root);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/bocal-ns/inner", root);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/bocal-ns/cgroup.procs", root);
    printf("move into bocal-ns: %s\n", strerror(put(path, "0")));
    show_unified_line("/proc/self/cgroup");
    if (unshare(CLONE_NEWCGROUP | CLONE_NEWNS) != 0) {
        perror("unshare");
        return 1;
    }
    show_unified_line("/proc/self/cgroup");
    if (mount("none", dir, "cgroup2", 0, NULL) != 0) {
        perror("mount");
        return 1;
    }
    printf("inner in the new mount: %s\n", exists(dir, "inner"));
    printf("bocal-ns in the new mount: %s\n", exists(dir, "bocal-ns"));
    snprintf(path, sizeof path, "%s/cgroup.procs", dir);
    printf("processes in the new mount's root: %d\n", count_lines(path));
    snprintf(path, sizeof path, "%s/cgroup.procs", root);
    printf("move back to the hierarchy's root: %s\n", strerror(put(path, "0")));
    umount(dir);
    return 0;
}
