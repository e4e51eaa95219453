/* tar-create.c: tar -c. Operands are archived in order; directories
 * recursively, their entries sorted by name (GNU's --sort=name, so an
 * archive does not depend on the order a filesystem lists a directory in).
 * Files with several links are stored once and then as hard links to the
 * first name; leading `/` is removed from member names with GNU's message.
 * The archive is padded to GNU's 10240-byte record and, with -z, written
 * through the gzip compressor. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bocal.h"

#include "flate.h"
#include "tar.h"
#include "util.h"
#include "walk.h"

struct archive_out {
    int fd;
    struct deflater *gzip;
    unsigned long long written;
};

static void out_write(struct archive_out *out, const void *bytes, size_t length) {
    int failed = out->gzip ? gzip_writer_write(out->gzip, bytes, length)
                           : write_all(out->fd, bytes, length);
    if (failed < 0) tar_fatal("Cannot write: %s", strerror(errno));
    out->written += length;
}

/* Files seen with more than one link: device, inode and the first name. */
struct link_seen {
    dev_t dev;
    ino_t ino;
    char *name;
};
static struct link_seen *links;
static size_t link_count, link_capacity;

static const char *first_link(const struct stat *st, const char *name) {
    for (size_t i = 0; i < link_count; i++)
        if (links[i].dev == st->st_dev && links[i].ino == st->st_ino) return links[i].name;
    if (link_count == link_capacity) {
        link_capacity = link_capacity ? 2 * link_capacity : 16;
        links = realloc(links, link_capacity * sizeof *links);
        if (!links) tar_fatal("memory exhausted");
    }
    links[link_count++] = (struct link_seen){st->st_dev, st->st_ino, strdup(name)};
    return NULL;
}

/* A ././@LongLink record carrying a name too long for its field. */
static void long_link(struct archive_out *out, char type, const char *text) {
    struct tar_entry e = {0};
    e.name = "././@LongLink";
    e.type = type;
    e.mode = 0644;
    e.size = (long long)strlen(text) + 1;
    strcpy(e.uname, "root");
    strcpy(e.gname, "root");
    unsigned char block[TAR_BLOCK];
    tar_encode_header(block, &e);
    out_write(out, block, TAR_BLOCK);
    size_t length = strlen(text) + 1;
    for (size_t at = 0; at < length; at += TAR_BLOCK) {
        memset(block, 0, TAR_BLOCK);
        memcpy(block, text + at, length - at < TAR_BLOCK ? length - at : TAR_BLOCK);
        out_write(out, block, TAR_BLOCK);
    }
}

static void write_header(struct archive_out *out, const struct tar_entry *e) {
    if (strlen(e->name) >= 100) long_link(out, 'L', e->name);
    if (e->linkname && strlen(e->linkname) >= 100) long_link(out, 'K', e->linkname);
    unsigned char block[TAR_BLOCK];
    tar_encode_header(block, e);
    out_write(out, block, TAR_BLOCK);
}

static int copy_contents(struct archive_out *out, const char *path, long long size) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        tar_error("%s: Cannot open: %s", path, strerror(errno));
        return -1;
    }
    static unsigned char buffer[64 * TAR_BLOCK];
    long long left = size;
    while (left > 0) {
        size_t want = left < (long long)sizeof buffer ? (size_t)left : sizeof buffer;
        ssize_t got = read(fd, buffer, want);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {
            /* The file shrank: pad with zeros, as GNU does, to keep the archive whole. */
            if (got < 0) tar_error("%s: Read error: %s", path, strerror(errno));
            else tar_error("%s: File shrank by %lld bytes; padding with zeros", path, left);
            memset(buffer, 0, sizeof buffer);
            while (left > 0) {
                size_t n = left < (long long)sizeof buffer ? (size_t)left : sizeof buffer;
                out_write(out, buffer, n);
                left -= (long long)n;
            }
            break;
        }
        out_write(out, buffer, (size_t)got);
        left -= got;
    }
    close(fd);
    size_t tail = (size_t)(size % TAR_BLOCK);
    if (tail) {
        memset(buffer, 0, TAR_BLOCK - tail);
        out_write(out, buffer, TAR_BLOCK - tail);
    }
    return 0;
}

static void archive(struct archive_out *out, const char *path, FILE *listing, int verbose);

static void archive_directory(struct archive_out *out, const char *path, FILE *listing,
                              int verbose) {
    DIR *dir = opendir(path);
    if (!dir) {
        tar_error("%s: Cannot open: %s", path, strerror(errno));
        return;
    }
    size_t count;
    char **names = read_names(dir, &count);
    sort_names(names, count);
    for (size_t i = 0; i < count; i++) {
        char *child = path_join(path, names[i]);
        archive(out, child, listing, verbose);
        free(child);
    }
    free_names(names, count);
}

static void archive(struct archive_out *out, const char *path, FILE *listing, int verbose) {
    struct stat st;
    if (lstat(path, &st) < 0) {
        tar_error("%s: Cannot stat: %s", path, strerror(errno));
        return;
    }
    struct tar_entry e = {0};
    const char *stripped = tar_strip_prefix(path, "member names");
    size_t length = strlen(stripped);
    char *name = xmalloc(length + 2);
    strcpy(name, stripped);
    if (S_ISDIR(st.st_mode) && length && name[length - 1] != '/') strcat(name, "/");
    if (*name == '\0') strcpy(name, "./"); /* `tar c /` archives the root as ./ */
    e.name = name;
    e.mode = st.st_mode & 07777;
    e.uid = st.st_uid, e.gid = st.st_gid;
    e.mtime = st.st_mtime;
    struct passwd *pw = getpwuid(st.st_uid);
    struct group *gr = getgrgid(st.st_gid);
    if (pw) snprintf(e.uname, sizeof e.uname, "%s", pw->pw_name);
    if (gr) snprintf(e.gname, sizeof e.gname, "%s", gr->gr_name);
    char target[4096];
    const char *first = NULL;
    if (S_ISDIR(st.st_mode)) {
        e.type = '5';
    } else if (S_ISLNK(st.st_mode)) {
        ssize_t n = readlink(path, target, sizeof target - 1);
        if (n < 0) {
            tar_error("%s: Cannot readlink: %s", path, strerror(errno));
            free(name);
            return;
        }
        target[n] = '\0';
        e.type = '2', e.linkname = target;
    } else if (S_ISREG(st.st_mode) && st.st_nlink > 1 && (first = first_link(&st, name))) {
        e.type = '1', e.linkname = (char *)first;
    } else if (S_ISREG(st.st_mode)) {
        e.type = '0', e.size = st.st_size;
    } else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
        e.type = S_ISCHR(st.st_mode) ? '3' : '4';
        e.devmajor = major(st.st_rdev), e.devminor = minor(st.st_rdev);
    } else if (S_ISFIFO(st.st_mode)) {
        e.type = '6';
    } else {
        fflush(stdout);
        fprintf(stderr, "tar: %s: socket ignored\n", path);
        free(name);
        return;
    }
    if (verbose) {
        fputs(name, listing);
        fputc('\n', listing);
    }
    write_header(out, &e);
    if (e.type == '0') copy_contents(out, path, e.size);
    if (e.type == '5') archive_directory(out, path, listing, verbose);
    free(name);
}

int tar_create(const struct tar_options *o) {
    if (o->operand_count == 0) {
        fputs("tar: Cowardly refusing to create an empty archive\n"
              "Try 'tar --help' or 'tar --usage' for more information.\n",
              stderr);
        return 2;
    }
    struct archive_out out = {.fd = 1};
    int to_stdout = strcmp(o->file, "-") == 0;
    if (to_stdout && isatty(1))
        tar_fatal("Refusing to write archive contents to terminal (missing -f option?)");
    if (!to_stdout) {
        out.fd = open(o->file, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        if (out.fd < 0) tar_fatal("%s: Cannot open: %s", o->file, strerror(errno));
    }
    if (o->directory && chdir(o->directory) < 0)
        tar_fatal("%s: Cannot open: %s", o->directory, strerror(errno));
    if (o->gzip) out.gzip = gzip_writer_new((struct byte_sink){fd_sink_write, &out.fd}, 6, NULL, 0);
    /* With the archive on stdout, the listing goes to stderr, as GNU's. */
    FILE *listing = to_stdout ? stderr : stdout;
    for (int i = 0; i < o->operand_count; i++) archive(&out, o->operands[i], listing, o->verbose);
    unsigned char zeros[TAR_BLOCK] = {0};
    out_write(&out, zeros, TAR_BLOCK);
    out_write(&out, zeros, TAR_BLOCK);
    while (out.written % TAR_RECORD) out_write(&out, zeros, TAR_BLOCK);
    if (out.gzip && gzip_writer_finish(out.gzip) < 0)
        tar_fatal("Cannot write: %s", strerror(errno));
    if (!to_stdout && close(out.fd) < 0)
        tar_fatal("%s: Cannot close: %s", o->file, strerror(errno));
    if (tar_exit_status) fputs("tar: Exiting with failure status due to previous errors\n", stderr);
    return tar_exit_status;
}
