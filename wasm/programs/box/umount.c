/* umount: unmounts filesystems, as util-linux's umount(8): each operand
 * with umount2(2) (-l lazy: MNT_DETACH, -f: MNT_FORCE), or with -R every
 * mount at or under it, deepest first. Messages are libmount's, exit
 * status 32 when one failed. */
#define _GNU_SOURCE
#include "bocal-mount.h"
#include "bocal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "applets.h"
#include "mountinfo.h"
#include "util.h"

#define EXIT_MOUNT_FAILED 32

static const struct option_spec specs[] = {
    {"lazy", 'l', 0},    {"force", 'f', 0},   {"recursive", 'R', 0},
    {"no-mtab", 'n', 0}, {"verbose", 'v', 0}, {"read-only", 'r', 0},
    {NULL, 0, 0},
};

static const char synopsis[] = "umount [options] <source> | <directory>";
static const char help_text[] =
    "Unmount filesystems.\n"
    "\n"
    "Options:\n"
    " -l, --lazy          detach now, clean up when no longer busy\n"
    " -f, --force         force the unmount\n"
    " -R, --recursive     unmount the mount and every mount under it\n"
    " -n, --no-mtab       accepted; there is no mtab to write\n"
    " -v, --verbose       accepted\n"
    " -r, --read-only     accepted; a failed unmount is not retried read-only\n";

static int umount_failed(int error, const char *target) {
    const char *message;
    struct stat st;
    if (error == EINVAL) message = "not mounted.";
    else if (error == ENOENT || stat(target, &st) < 0) message = "no mount point specified.";
    else if (error == EBUSY) message = "target is busy.";
    else if (error == EPERM && geteuid() != 0) message = "must be superuser to unmount.";
    else if (error == EPERM || error == EACCES) message = "permission denied.";
    else message = strerror(error);
    /* A mount libmount found is named by its canonical path; else as given. */
    char *canonical = error == EINVAL ? NULL : realpath(target, NULL);
    fprintf(stderr, "%s: %s: %s\n", applet_name, canonical ? canonical : target, message);
    free(canonical);
    return EXIT_MOUNT_FAILED;
}

/* Whether `path` is `top` or under it. */
static int is_under(const char *path, const char *top) {
    size_t length = strlen(top);
    if (strcmp(top, "/") == 0) return 1;
    return strncmp(path, top, length) == 0 && (path[length] == 0 || path[length] == '/');
}

static int umount_recursive(const char *target, int flags) {
    char *top = realpath(target, NULL);
    struct mount_entry *entries = read_mountinfo();
    int count = 0, found = 0;
    while (entries && entries[count].target) count++;
    int status = 0;
    /* mountinfo lists parents before children: the reverse order unmounts children first. */
    for (int i = count - 1; i >= 0 && status == 0; i--) {
        if (!top || !is_under(entries[i].target, top)) continue;
        found = 1;
        if (umount2(entries[i].target, flags) < 0 && errno != EINVAL)
            status = umount_failed(errno, entries[i].target);
    }
    free_mountinfo(entries);
    if (!found && status == 0) {
        fprintf(stderr, "%s: %s: not mounted\n", applet_name, target);
        status = 1;
    }
    free(top);
    return status;
}

int umount_main(int argc, char **argv) {
    int flags = 0, recursive = 0;
    struct option_parser parser;
    options_init(&parser, argc, argv);
    int key;
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP: return print_help(synopsis, help_text);
        case 'l': flags |= MNT_DETACH; break;
        case 'f': flags |= MNT_FORCE; break;
        case 'R': recursive = 1; break;
        default: break;
        }
    }
    if (parser.operand_count == 0) {
        warnx_("bad usage");
        return try_help();
    }
    int status = 0;
    for (int i = 0; i < parser.operand_count; i++) {
        const char *target = parser.operands[i];
        int result = recursive ? umount_recursive(target, flags)
                     : umount2(target, flags) < 0 ? umount_failed(errno, target)
                                                   : 0;
        status += result; /* util-linux adds them up: two failures exit 64 */
    }
    return status;
}
