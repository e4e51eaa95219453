/* mount: lists the mount table or mounts a filesystem, as util-linux's
 * mount(8). Without operands it lists /proc/self/mountinfo as "SOURCE on
 * TARGET type TYPE (OPTIONS)", the options being the mount's own then the
 * filesystem's (rw/ro once). With operands: -t TYPE, -o OPTIONS (flags as
 * mount(2) takes them, the rest passed to the filesystem as data),
 * --bind/--rbind/--move, remount, and the propagation changes
 * (--make-private ...), each its own mount(2) call as libmount makes them.
 * Errors are libmount's messages, exit status 32; /etc/fstab is not read
 * (a lone operand that is not a remount or propagation change is looked
 * up there and, as on a host with an empty fstab, not found). */
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

enum {
    OPT_BIND = 256, OPT_RBIND, OPT_MOVE, OPT_MAKE_SHARED, OPT_MAKE_SLAVE, OPT_MAKE_PRIVATE,
    OPT_MAKE_UNBINDABLE, OPT_MAKE_RSHARED, OPT_MAKE_RSLAVE, OPT_MAKE_RPRIVATE,
    OPT_MAKE_RUNBINDABLE,
};

static const struct option_spec specs[] = {
    {"types", 't', 1},      {"options", 'o', 1},       {"read-only", 'r', 0},
    {"rw", 'w', 0},         {"read-write", 'w', 0},    {"no-mtab", 'n', 0},
    {"verbose", 'v', 0},    {"fake", 'f', 0},          {"show-labels", 'l', 0},
    {"bind", OPT_BIND, 0},  {"rbind", OPT_RBIND, 0},   {"move", OPT_MOVE, 0},
    {"make-shared", OPT_MAKE_SHARED, 0},        {"make-slave", OPT_MAKE_SLAVE, 0},
    {"make-private", OPT_MAKE_PRIVATE, 0},      {"make-unbindable", OPT_MAKE_UNBINDABLE, 0},
    {"make-rshared", OPT_MAKE_RSHARED, 0},      {"make-rslave", OPT_MAKE_RSLAVE, 0},
    {"make-rprivate", OPT_MAKE_RPRIVATE, 0},    {"make-runbindable", OPT_MAKE_RUNBINDABLE, 0},
    {NULL, 0, 0},
};

static const char synopsis[] = "mount [-l] [-t <type>]\n"
                               " mount [options] <source> <directory>\n"
                               " mount [options] <source> | <directory>\n"
                               " mount --bind|--rbind|--move <olddir> <newdir>\n"
                               " mount --make-{shared,slave,private,unbindable,rshared,rslave,"
                               "rprivate,runbindable} <mountpoint>";
static const char help_text[] =
    "Mount a filesystem, or list the mounted ones.\n"
    "\n"
    "Options:\n"
    " -t, --types <list>      filesystem type (proc, tmpfs, cgroup2, overlay, ...);\n"
    "                         with no operand, list only the mounts of these types\n"
    " -o, --options <list>    comma-separated mount options (ro, rw, remount, bind,\n"
    "                         rbind, move, nosuid, nodev, noexec, noatime, private, ...)\n"
    " -r, --read-only         mount read-only (-o ro)\n"
    " -w, --rw, --read-write  mount read-write (the default)\n"
    " -l, --show-labels       accepted; labels are not shown\n"
    " -n, --no-mtab           accepted; there is no mtab to write\n"
    " -v, --verbose           accepted\n"
    " -f, --fake              do everything but the mount(2) call\n"
    "     --bind, --rbind     bind a directory (and its submounts) elsewhere\n"
    "     --move              move a mount\n"
    "     --make-shared, --make-slave, --make-private, --make-unbindable\n"
    "     --make-rshared, --make-rslave, --make-rprivate, --make-runbindable\n"
    "                         change the propagation of a mount (r: and of its submounts)\n";

struct mount_request {
    const char *types;
    unsigned long flags;       /* MS_* of the main call */
    unsigned long propagation; /* MS_SHARED ... (| MS_REC) for a second call, 0 for none */
    char data[4096];           /* filesystem options */
    int fake;
};

static const struct {
    const char *name;
    unsigned long set, clear;
    int propagation;
} known_options[] = {
    {"defaults", 0, 0, 0},
    {"ro", MS_RDONLY, 0, 0},
    {"rw", 0, MS_RDONLY, 0},
    {"remount", MS_REMOUNT, 0, 0},
    {"bind", MS_BIND, 0, 0},
    {"rbind", MS_BIND | MS_REC, 0, 0},
    {"move", MS_MOVE, 0, 0},
    {"nosuid", MS_NOSUID, 0, 0},
    {"suid", 0, MS_NOSUID, 0},
    {"nodev", MS_NODEV, 0, 0},
    {"dev", 0, MS_NODEV, 0},
    {"noexec", MS_NOEXEC, 0, 0},
    {"exec", 0, MS_NOEXEC, 0},
    {"sync", MS_SYNCHRONOUS, 0, 0},
    {"async", 0, MS_SYNCHRONOUS, 0},
    {"noatime", MS_NOATIME, 0, 0},
    {"atime", 0, MS_NOATIME, 0},
    {"nodiratime", MS_NODIRATIME, 0, 0},
    {"diratime", 0, MS_NODIRATIME, 0},
    {"relatime", MS_RELATIME, 0, 0},
    {"norelatime", 0, MS_RELATIME, 0},
    {"strictatime", MS_STRICTATIME, 0, 0},
    {"silent", MS_SILENT, 0, 0},
    {"loud", 0, MS_SILENT, 0},
    {"shared", MS_SHARED, 0, 1},
    {"slave", MS_SLAVE, 0, 1},
    {"private", MS_PRIVATE, 0, 1},
    {"unbindable", MS_UNBINDABLE, 0, 1},
    {"rshared", MS_SHARED | MS_REC, 0, 1},
    {"rslave", MS_SLAVE | MS_REC, 0, 1},
    {"rprivate", MS_PRIVATE | MS_REC, 0, 1},
    {"runbindable", MS_UNBINDABLE | MS_REC, 0, 1},
};

static void add_options(struct mount_request *request, const char *list) {
    char *copy = strdup(list);
    for (char *save = NULL, *option = strtok_r(copy, ",", &save); option;
         option = strtok_r(NULL, ",", &save)) {
        size_t i = 0, count = sizeof known_options / sizeof *known_options;
        while (i < count && strcmp(known_options[i].name, option) != 0) i++;
        if (i == count) {
            size_t used = strlen(request->data);
            snprintf(request->data + used, sizeof request->data - used, "%s%s",
                     used ? "," : "", option);
        } else if (known_options[i].propagation) {
            request->propagation = known_options[i].set;
        } else {
            request->flags = (request->flags | known_options[i].set) & ~known_options[i].clear;
        }
    }
    free(copy);
}

/* Whether `type` matches a -t list (NAME,NAME or noNAME,noNAME). */
static int type_matches(const char *list, const char *type) {
    int negated = strncmp(list, "no", 2) == 0;
    char *copy = strdup(list);
    int found = 0;
    for (char *save = NULL, *name = strtok_r(copy, ",", &save); name;
         name = strtok_r(NULL, ",", &save)) {
        if (negated && strncmp(name, "no", 2) == 0) name += 2;
        if (strcmp(name, type) == 0) found = 1;
    }
    free(copy);
    return negated ? !found : found;
}

/* Whether `option` is "rw"/"ro" (shown once, from the mount's own options). */
static int is_access_mode(const char *option, size_t length) {
    return length == 2 && (strncmp(option, "rw", 2) == 0 || strncmp(option, "ro", 2) == 0);
}

static int list_mounts(const char *types) {
    struct mount_entry *entries = read_mountinfo();
    if (!entries) {
        warn_errno(errno, "failed to read mtab");
        return EXIT_MOUNT_FAILED;
    }
    for (struct mount_entry *entry = entries; entry->target; entry++) {
        if (types && !type_matches(types, entry->fstype)) continue;
        printf("%s on %s type %s (%s", entry->source, entry->target, entry->fstype,
               entry->vfs_options);
        for (const char *option = entry->super_options; *option;) {
            size_t length = strcspn(option, ",");
            if (!is_access_mode(option, length)) printf(",%.*s", (int)length, option);
            option += length + (option[length] == ',');
        }
        puts(")");
    }
    free_mountinfo(entries);
    return 0;
}

/* libmount's explanation of a failed mount(2), then the exit status. */
static int mount_failed(int error, const struct mount_request *request, const char *source,
                        const char *target) {
    char message[4200];
    struct stat st;
    if (error == ENOENT && (request->flags & (MS_BIND | MS_MOVE)) && source &&
        stat(source, &st) < 0)
        snprintf(message, sizeof message, "special device %s does not exist.", source);
    else if (error == ENOENT)
        snprintf(message, sizeof message, "mount point does not exist.");
    else if (error == ENOTDIR)
        snprintf(message, sizeof message, "mount point is not a directory.");
    else if (error == ENODEV)
        snprintf(message, sizeof message, "unknown filesystem type '%s'.", request->types);
    else if (error == EBUSY)
        snprintf(message, sizeof message, "%s already mounted or mount point busy.", source);
    else if ((error == EPERM || error == EACCES) && geteuid() != 0)
        snprintf(message, sizeof message, "must be superuser to use mount.");
    else if (error == EPERM || error == EACCES)
        snprintf(message, sizeof message, "permission denied.");
    else if (error == EROFS)
        snprintf(message, sizeof message, "cannot mount %s read-only.", source);
    else if (error == EINVAL && (request->flags & MS_REMOUNT))
        snprintf(message, sizeof message, "mount point not mounted or bad option.");
    else if (error == EINVAL && !source)
        snprintf(message, sizeof message, "not mount point or bad option.");
    else if (error == EINVAL)
        snprintf(message, sizeof message,
                 "wrong fs type, bad option, bad superblock on %s, missing codepage or helper "
                 "program, or other error.",
                 source);
    else
        snprintf(message, sizeof message, "mount(2) system call failed: %s.", strerror(error));
    /* libmount names the target by its canonical path when it has one. */
    char *canonical = realpath(target, NULL);
    fprintf(stderr, "%s: %s: %s\n", applet_name, canonical ? canonical : target, message);
    free(canonical);
    fprintf(stderr, "       dmesg(1) may have more information after failed mount system call.\n");
    return EXIT_MOUNT_FAILED;
}

/* The source a remount passes: the mounted one, as libmount finds it. */
static char *mounted_source(const char *target, char **type) {
    struct mount_entry *entries = read_mountinfo();
    char *resolved = realpath(target, NULL);
    char *source = NULL;
    for (struct mount_entry *entry = entries; entry && entry->target; entry++) {
        if (strcmp(entry->target, resolved ? resolved : target) != 0) continue;
        free(source);
        free(*type);
        source = strdup(entry->source);
        *type = strdup(entry->fstype);
    }
    free(resolved);
    free_mountinfo(entries);
    return source;
}

static int do_mount(struct mount_request *request, const char *source, const char *target) {
    const char *data = request->data[0] ? request->data : NULL;
    if (request->fake) return 0;
    unsigned long flags = request->flags;
    if (flags & MS_REMOUNT) {
        char *type = NULL;
        char *mounted = mounted_source(target, &type);
        int result = mount(mounted ? mounted : "none", target, type, flags, data);
        int error = errno;
        free(mounted);
        free(type);
        if (result < 0) return mount_failed(error, request, source, target);
    } else if (flags & (MS_BIND | MS_MOVE)) {
        /* A read-only bind is a bind, then a read-only remount of it. */
        if (mount(source, target, NULL, flags & (MS_BIND | MS_MOVE | MS_REC), NULL) < 0)
            return mount_failed(errno, request, source, target);
        unsigned long rest = flags & ~(MS_BIND | MS_MOVE | MS_REC);
        if ((flags & MS_BIND) && rest &&
            mount("none", target, NULL, MS_REMOUNT | MS_BIND | rest, NULL) < 0)
            return mount_failed(errno, request, source, target);
    } else if (source) {
        if (mount(source, target, request->types, flags, data) < 0)
            return mount_failed(errno, request, source, target);
    }
    if (request->propagation && mount("none", target, NULL, request->propagation, NULL) < 0)
        return mount_failed(errno, request, NULL, target);
    return 0;
}

int mount_main(int argc, char **argv) {
    struct mount_request request = {0};
    struct option_parser parser;
    options_init(&parser, argc, argv);
    int key;
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP: return print_help(synopsis, help_text);
        case 't': request.types = parser.arg; break;
        case 'o': add_options(&request, parser.arg); break;
        case 'r': request.flags |= MS_RDONLY; break;
        case 'w': request.flags &= ~(unsigned long)MS_RDONLY; break;
        case 'f': request.fake = 1; break;
        case OPT_BIND: request.flags |= MS_BIND; break;
        case OPT_RBIND: request.flags |= MS_BIND | MS_REC; break;
        case OPT_MOVE: request.flags |= MS_MOVE; break;
        case OPT_MAKE_SHARED: request.propagation = MS_SHARED; break;
        case OPT_MAKE_SLAVE: request.propagation = MS_SLAVE; break;
        case OPT_MAKE_PRIVATE: request.propagation = MS_PRIVATE; break;
        case OPT_MAKE_UNBINDABLE: request.propagation = MS_UNBINDABLE; break;
        case OPT_MAKE_RSHARED: request.propagation = MS_SHARED | MS_REC; break;
        case OPT_MAKE_RSLAVE: request.propagation = MS_SLAVE | MS_REC; break;
        case OPT_MAKE_RPRIVATE: request.propagation = MS_PRIVATE | MS_REC; break;
        case OPT_MAKE_RUNBINDABLE: request.propagation = MS_UNBINDABLE | MS_REC; break;
        default: break;
        }
    }
    char **operands = parser.operands;
    int count = parser.operand_count;
    int only_propagation = request.propagation && !(request.flags & (MS_BIND | MS_MOVE)) &&
                           !(request.flags & MS_REMOUNT) && !request.types;
    if (count == 0 && !request.propagation && !(request.flags & (MS_REMOUNT | MS_BIND | MS_MOVE)))
        return list_mounts(request.types);
    if (count == 0 || count > 2 || (only_propagation && count != 1)) {
        warnx_("bad usage");
        return try_help();
    }
    if (count == 1) {
        if (request.flags & MS_REMOUNT || only_propagation)
            return do_mount(&request, NULL, operands[0]);
        fprintf(stderr, "%s: %s: can't find in /etc/fstab.\n", applet_name, operands[0]);
        return 1;
    }
    return do_mount(&request, operands[0], operands[1]);
}
