/* cp.c: cp (-r/-R, -p, -a, -f, -v, -T; `cp SOURCE... DIRECTORY`) and mv
 * (rename(2); -f, -v). cp copies symlinks as links under -r/-a (GNU's -d
 * for recursive copies) and follows them otherwise. mv does not copy
 * across filesystems: rename's EXDEV is reported as is. */
#include "bocal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "applets.h"
#include "util.h"

struct cp_options {
    int recursive, preserve, force, verbose, no_dir;
};

static int copy_path(const char *source, const char *target, const struct cp_options *o,
                     int top);

static int copy_data(const char *source, const char *target, const struct stat *st,
                     const struct cp_options *o) {
    int in = open(source, O_RDONLY);
    if (in < 0) return warn_errno(errno, "cannot open %s for reading", quote(source)), 1;
    int out = open(target, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 0777);
    if (out < 0 && o->force && unlink(target) == 0)
        out = open(target, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 0777);
    if (out < 0) {
        warn_errno(errno, "cannot create regular file %s", quote(target));
        return close(in), 1;
    }
    static char buffer[65536];
    ssize_t got;
    int status = 0;
    while ((got = read(in, buffer, sizeof buffer)) > 0)
        if (write_all(out, buffer, (size_t)got) < 0) {
            status = 1, warn_errno(errno, "error writing %s", quote(target));
            break;
        }
    if (got < 0) status = 1, warn_errno(errno, "error reading %s", quote(source));
    close(in);
    close(out);
    return status;
}

static void preserve(const char *target, const struct stat *st, int is_link) {
    struct timespec times[2] = {st->st_atim, st->st_mtim};
    utimensat(AT_FDCWD, target, times, is_link ? AT_SYMLINK_NOFOLLOW : 0);
    if (is_link) return;
    if (chown(target, st->st_uid, st->st_gid) != 0) {
        /* As GNU's: keeping owners is best effort for a non-root user. */
    }
    chmod(target, st->st_mode & 07777);
}

static int copy_directory(const char *source, const char *target, const struct stat *st,
                          const struct cp_options *o) {
    struct stat existing;
    if (stat(target, &existing) != 0 && mkdir(target, (st->st_mode & 0777) | 0700) != 0)
        return warn_errno(errno, "cannot create directory %s", quote(target)), 1;
    DIR *dir = opendir(source);
    if (!dir) return warn_errno(errno, "cannot access %s", quote(source)), 1;
    int status = 0;
    struct dirent *d;
    while ((d = readdir(dir))) {
        if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0) continue;
        char *from = path_join(source, d->d_name), *to = path_join(target, d->d_name);
        status |= copy_path(from, to, o, 0);
        free(from), free(to);
    }
    closedir(dir);
    if (!o->preserve) chmod(target, st->st_mode & 07777);
    return status;
}

static int copy_path(const char *source, const char *target, const struct cp_options *o,
                     int top) {
    struct stat st;
    int got = o->recursive ? lstat(source, &st) : stat(source, &st);
    if (got != 0) return warn_errno(errno, "cannot stat %s", quote(source)), 1;
    int status;
    if (S_ISDIR(st.st_mode)) {
        if (!o->recursive) return warnx_("-r not specified; omitting directory %s",
                                         quote(source)), 1;
        status = copy_directory(source, target, &st, o);
    } else if (S_ISLNK(st.st_mode)) {
        char link_target[4096];
        ssize_t length = readlink(source, link_target, sizeof link_target - 1);
        if (length < 0) return warn_errno(errno, "cannot read symbolic link %s", quote(source)), 1;
        link_target[length] = '\0';
        if (o->force) unlink(target);
        status = symlink(link_target, target) != 0;
        if (status) warn_errno(errno, "cannot create symbolic link %s", quote(target));
    } else {
        status = copy_data(source, target, &st, o);
    }
    (void)top;
    if (status == 0 && o->verbose) printf("%s -> %s\n", quote(source), quote(target));
    if (status == 0 && o->preserve) preserve(target, &st, S_ISLNK(st.st_mode));
    return status;
}

static int is_directory(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Runs `one(source, target)` for `cp/mv SOURCE TARGET` or `SOURCE... DIR`. */
static int each_operand(struct option_parser *parser, int no_dir,
                        int (*one)(const char *, const char *, const void *),
                        const void *context) {
    int count = parser->operand_count, status = 0;
    char **names = parser->operands;
    if (count == 0) return warnx_("missing file operand"), try_help();
    if (count == 1)
        return warnx_("missing destination file operand after %s", quote(names[0])),
               try_help();
    const char *last = names[count - 1];
    if (no_dir || (count == 2 && !is_directory(last))) {
        if (count > 2) return warnx_("extra operand %s", quote(names[2])), try_help();
        return one(names[0], last, context);
    }
    if (!is_directory(last)) return warnx_("target %s is not a directory", quote(last)), 1;
    for (int i = 0; i < count - 1; i++) {
        char *base = path_basename(names[i]), *target = path_join(last, base);
        status |= one(names[i], target, context);
        free(base), free(target);
    }
    return status;
}

static int cp_one(const char *source, const char *target, const void *context) {
    return copy_path(source, target, context, 1);
}

int cp_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"archive", 'a', 0}, {"force", 'f', 0},   {"preserve", 'p', 0},
        {"recursive", 'r', 0}, {NULL, 'R', 0},    {"verbose", 'v', 0},
        {"no-target-directory", 'T', 0},          {NULL, 0, 0}};
    struct cp_options o = {0};
    struct option_parser parser;
    int key;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... SOURCE DEST\n  or:  cp [OPTION]... SOURCE... "
                              "DIRECTORY",
                              "Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.\n\n"
                              "  -a, --archive        same as -rp, symlinks copied as links\n"
                              "  -f, --force          remove a destination that cannot be "
                              "opened, and retry\n"
                              "  -p, --preserve       keep mode, ownership and timestamps\n"
                              "  -R, -r, --recursive  copy directories recursively\n"
                              "  -T, --no-target-directory  treat DEST as a normal file\n"
                              "  -v, --verbose        explain what is being done\n");
        case 'a': o.recursive = o.preserve = 1; break;
        case 'f': o.force = 1; break;
        case 'p': o.preserve = 1; break;
        case 'r': case 'R': o.recursive = 1; break;
        case 'v': o.verbose = 1; break;
        case 'T': o.no_dir = 1; break;
        }
    }
    return each_operand(&parser, o.no_dir, cp_one, &o);
}

static int mv_one(const char *source, const char *target, const void *context) {
    const int *verbose = context;
    if (rename(source, target) != 0) {
        warn_errno(errno, "cannot move %s to %s", quote(source), quote(target));
        return 1;
    }
    if (*verbose) printf("renamed %s -> %s\n", quote(source), quote(target));
    return 0;
}

int mv_main(int argc, char **argv) {
    static const struct option_spec specs[] = {{"force", 'f', 0},
                                               {"verbose", 'v', 0},
                                               {"no-target-directory", 'T', 0},
                                               {NULL, 0, 0}};
    struct option_parser parser;
    int key, verbose = 0, no_dir = 0;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... SOURCE DEST\n  or:  mv [OPTION]... SOURCE... "
                              "DIRECTORY",
                              "Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.\n\n"
                              "  -f, --force          do not prompt before overwriting\n"
                              "  -T, --no-target-directory  treat DEST as a normal file\n"
                              "  -v, --verbose        explain what is being done\n");
        case 'v': verbose = 1; break;
        case 'T': no_dir = 1; break;
        }
    }
    return each_operand(&parser, no_dir, mv_one, &verbose);
}
