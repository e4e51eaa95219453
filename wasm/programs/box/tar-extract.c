/* tar-extract.c: tar -t and tar -x. The archive is read whole (through
 * gunzip with -z, or when a file starts with gzip's magic, as GNU detects
 * it), then walked header by header. Extraction follows GNU's defaults:
 * members whose names contain `..` are refused, leading `/` and `../`
 * prefixes are removed with a message; existing files are replaced; as
 * root modes and owners are restored exactly, otherwise modes less the
 * umask; directories get their modes and times once everything inside them
 * is written, and symbolic links whose target is absolute or climbs with
 * `..` are made last, so no member is written through a link the archive
 * itself planted. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bocal.h"

#include "flate.h"
#include "tar.h"
#include "util.h"

/* Work done after the members: directory attributes and unsafe symlinks. */
struct delayed {
    char *path, *target; /* target: a symlink to make; NULL: a directory to fix */
    struct tar_entry entry;
    dev_t dev; /* the placeholder standing where the symlink goes */
    ino_t ino;
};
static struct delayed *delayed;
static size_t delayed_count, delayed_capacity;

static void delay(const char *path, const char *target, const struct tar_entry *e) {
    if (delayed_count == delayed_capacity) {
        delayed_capacity = delayed_capacity ? 2 * delayed_capacity : 32;
        delayed = realloc(delayed, delayed_capacity * sizeof *delayed);
        if (!delayed) tar_fatal("memory exhausted");
    }
    delayed[delayed_count++] =
        (struct delayed){strdup(path), target ? strdup(target) : NULL, *e};
}

static long long read_all(int fd, unsigned char **bytes) {
    struct memory_sink sink = {0};
    static unsigned char buffer[65536];
    for (;;) {
        ssize_t got = read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) return -1;
        if (got == 0) break;
        if (memory_sink_write(&sink, buffer, (size_t)got) < 0) return -1;
    }
    *bytes = sink.bytes;
    return (long long)sink.length;
}

struct memory_source {
    const unsigned char *bytes;
    size_t length, at;
};

static long memory_read(void *context, unsigned char *buffer, size_t length) {
    struct memory_source *m = context;
    size_t n = m->length - m->at < length ? m->length - m->at : length;
    memcpy(buffer, m->bytes + m->at, n);
    m->at += n;
    return (long)n;
}

/* The archive's bytes, decompressed when -z is given or the file is gzip. */
static unsigned char *load(const struct tar_options *o, size_t *length) {
    int from_stdin = strcmp(o->file, "-") == 0;
    int fd = from_stdin ? 0 : open(o->file, O_RDONLY);
    if (fd < 0) tar_fatal("%s: Cannot open: %s", o->file, strerror(errno));
    unsigned char *raw = NULL;
    long long size = read_all(fd, &raw);
    if (size < 0) tar_fatal("%s: Read error: %s", o->file, strerror(errno));
    if (!from_stdin) close(fd);
    int gzipped = size >= 2 && raw[0] == 0x1f && raw[1] == 0x8b;
    if (!o->gzip && gzipped && from_stdin) tar_fatal("Archive is compressed. Use -z option");
    if (!o->gzip && !gzipped) {
        *length = (size_t)size;
        return raw;
    }
    struct memory_source source = {raw, (size_t)size, 0};
    static struct input in;
    input_init(&in, (struct byte_source){memory_read, &source});
    struct memory_sink sink = {0};
    struct byte_sink out = {memory_sink_write, &sink};
    static struct gzip_header header;
    for (int member = 0;; member++) {
        int not_gzip;
        enum flate_status status = gunzip_member(&in, out, &header, &not_gzip);
        if (status == FLATE_OK) continue;
        if (status == FLATE_END && member > 0) break;
        /* Where GNU tar's gzip child complains, and tar reports its status. */
        if (not_gzip && member > 0) {
            fputs("gzip: stdin: decompression OK, trailing garbage ignored\n", stderr);
            break;
        }
        fprintf(stderr, "\ngzip: stdin: %s\n",
                not_gzip                     ? "not in gzip format"
                : status == FLATE_TRUNCATED || status == FLATE_END ? "unexpected end of file"
                : status == FLATE_CRC        ? "invalid compressed data--crc error"
                : status == FLATE_LENGTH     ? "invalid compressed data--length error"
                                             : "invalid compressed data--format violated");
        tar_fatal("Child returned status 1");
    }
    free(raw);
    *length = sink.length;
    return sink.bytes;
}

/* Whether `name` is selected by the operands (a listed name or inside a listed directory). */
static int selected(const struct tar_options *o, const char *name, int *matched) {
    if (o->operand_count == 0) return 1;
    size_t length = strlen(name);
    while (length > 1 && name[length - 1] == '/') length--;
    for (int i = 0; i < o->operand_count; i++) {
        const char *op = o->operands[i];
        size_t n = strlen(op);
        while (n > 1 && op[n - 1] == '/') n--;
        if (strncmp(name, op, n) == 0 && (length == n || name[n] == '/')) {
            matched[i] = 1;
            return 1;
        }
    }
    return 0;
}

/* mkdir -p of the directories above `path` (GNU makes missing ones quietly). */
static void make_parents(const char *path) {
    char *copy = strdup(path);
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        mkdir(copy, 0777);
        *p = '/';
    }
    free(copy);
}

static void set_owner_and_time(const char *path, const struct tar_entry *e, int follow) {
    if (geteuid() == 0) {
        struct passwd *pw = e->uname[0] ? getpwnam(e->uname) : NULL;
        struct group *gr = e->gname[0] ? getgrnam(e->gname) : NULL;
        uid_t uid = pw ? pw->pw_uid : (uid_t)e->uid;
        gid_t gid = gr ? gr->gr_gid : (gid_t)e->gid;
        int r = follow ? chown(path, uid, gid) : lchown(path, uid, gid);
        (void)r;
    }
    struct timespec times[2] = {{.tv_sec = 0, .tv_nsec = UTIME_OMIT},
                                {.tv_sec = (time_t)e->mtime, .tv_nsec = 0}};
    utimensat(AT_FDCWD, path, times, follow ? 0 : AT_SYMLINK_NOFOLLOW);
}

static unsigned wanted_mode(const struct tar_entry *e) {
    if (geteuid() == 0) return e->mode;
    mode_t mask = umask(0);
    umask(mask);
    return e->mode & ~mask & 0777;
}

/* Removes what is at `path` so a member can take its place (not a directory). */
static void make_room(const char *path) {
    struct stat st;
    if (lstat(path, &st) == 0 && !S_ISDIR(st.st_mode)) unlink(path);
}

static void extract_file(const char *path, const struct tar_entry *e, const unsigned char *data) {
    make_room(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        make_parents(path);
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    }
    if (fd < 0) return tar_error("%s: Cannot open: %s", path, strerror(errno));
    if (write_all(fd, data, (size_t)e->size) < 0)
        tar_error("%s: Cannot write: %s", path, strerror(errno));
    if (geteuid() == 0) {
        struct passwd *pw = e->uname[0] ? getpwnam(e->uname) : NULL;
        struct group *gr = e->gname[0] ? getgrnam(e->gname) : NULL;
        int r = fchown(fd, pw ? pw->pw_uid : (uid_t)e->uid, gr ? gr->gr_gid : (gid_t)e->gid);
        (void)r;
    }
    /* After chown, which clears set-id bits. */
    fchmod(fd, wanted_mode(e));
    close(fd);
    struct timespec times[2] = {{.tv_sec = 0, .tv_nsec = UTIME_OMIT},
                                {.tv_sec = (time_t)e->mtime, .tv_nsec = 0}};
    utimensat(AT_FDCWD, path, times, 0);
}

static void extract_directory(const char *path, const struct tar_entry *e) {
    struct stat st;
    if (mkdir(path, 0700) < 0) {
        if (errno == ENOENT) {
            make_parents(path);
            if (mkdir(path, 0700) == 0) goto made;
        }
        if (!(stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
            return tar_error("%s: Cannot mkdir: %s", path, strerror(errno));
    }
made:
    delay(path, NULL, e);
}

/* As GNU: an empty file holds the place of a symlink that could lead out
 * of the directory, so later members cannot be written through it; the
 * link replaces it at the end if it is still there. */
static void delay_symlink(const char *path, const struct tar_entry *e) {
    make_room(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0);
    if (fd < 0) {
        make_parents(path);
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0);
    }
    if (fd < 0) return tar_error("%s: Cannot open: %s", path, strerror(errno));
    struct stat st;
    fstat(fd, &st);
    close(fd);
    delay(path, e->linkname, e);
    delayed[delayed_count - 1].dev = st.st_dev;
    delayed[delayed_count - 1].ino = st.st_ino;
}

static void extract_symlink(const char *path, const struct tar_entry *e) {
    if (e->linkname[0] == '/' || tar_has_dot_dot(e->linkname)) return delay_symlink(path, e);
    make_room(path);
    if (symlink(e->linkname, path) < 0) {
        make_parents(path);
        if (symlink(e->linkname, path) < 0)
            return tar_error("%s: Cannot create symlink to %s: %s", path, quote(e->linkname),
                             strerror(errno));
    }
    set_owner_and_time(path, e, 0);
}

static void extract_hard_link(const char *path, const struct tar_entry *e) {
    const char *target = tar_strip_prefix(e->linkname, "hard link targets");
    make_room(path);
    if (link(target, path) < 0) {
        make_parents(path);
        if (link(target, path) < 0)
            tar_error("%s: Cannot hard link to %s: %s", path, quote(target), strerror(errno));
    }
}

static void extract_special(const char *path, const struct tar_entry *e) {
    make_room(path);
    mode_t type = e->type == '3' ? S_IFCHR : e->type == '4' ? S_IFBLK : S_IFIFO;
    if (mknod(path, type | wanted_mode(e), makedev(e->devmajor, e->devminor)) < 0)
        return tar_error("%s: Cannot mknod: %s", path, strerror(errno));
    set_owner_and_time(path, e, 1);
}

static void finish_delayed(void) {
    for (size_t i = delayed_count; i-- > 0;) {
        struct delayed *d = &delayed[i];
        if (d->target) {
            struct stat st;
            /* Something else took the placeholder's place: leave it, as GNU does. */
            if (lstat(d->path, &st) < 0 || st.st_dev != d->dev || st.st_ino != d->ino) continue;
            unlink(d->path);
            if (symlink(d->target, d->path) < 0)
                tar_error("%s: Cannot create symlink to %s: %s", d->path, quote(d->target),
                          strerror(errno));
            else set_owner_and_time(d->path, &d->entry, 0);
        } else {
            set_owner_and_time(d->path, &d->entry, 1);
            chmod(d->path, wanted_mode(&d->entry));
        }
    }
}

/* Applies a pax extended header's path, linkpath and size records to `e`. */
static void apply_pax(const unsigned char *data, size_t length, struct tar_entry *e,
                      char **path, char **linkpath) {
    size_t at = 0;
    while (at < length) {
        char *end;
        unsigned long record = strtoul((const char *)data + at, &end, 10);
        if (record == 0 || at + record > length || *end != ' ') break;
        const char *key = end + 1;
        const char *equals = memchr(key, '=', (size_t)((const char *)data + at + record - key));
        if (equals) {
            size_t value_length = (size_t)((const char *)data + at + record - 1 - (equals + 1));
            char *value = strndup(equals + 1, value_length);
            if (strncmp(key, "path=", 5) == 0) free(*path), *path = value;
            else if (strncmp(key, "linkpath=", 9) == 0) free(*linkpath), *linkpath = value;
            else {
                if (strncmp(key, "size=", 5) == 0) e->size = strtoll(value, NULL, 10);
                free(value);
            }
        }
        at += record;
    }
}

int tar_read(const struct tar_options *o) {
    size_t length;
    unsigned char *archive = load(o, &length);
    int extract = o->mode == TAR_EXTRACT;
    if (o->directory && chdir(o->directory) < 0)
        tar_fatal("%s: Cannot open: %s", o->directory, strerror(errno));
    int *matched = calloc((size_t)o->operand_count + 1, sizeof *matched);
    /* With the archive on stdin/stdout, -xv still lists on stdout; GNU does the same. */
    FILE *listing = stdout;
    char *long_name = NULL, *long_link = NULL, *pax_path = NULL, *pax_link = NULL;
    int headers = 0, skipping = 0, ended = 0;
    size_t at = 0;
    while (at + TAR_BLOCK <= length) {
        struct tar_entry e;
        int decoded = tar_decode_header(archive + at, &e);
        if (decoded == 1) {
            ended = 1;
            break;
        }
        if (decoded < 0) {
            if (headers == 0) break;
            if (!skipping) tar_error("Skipping to next header");
            skipping = 1;
            at += TAR_BLOCK;
            continue;
        }
        skipping = 0;
        headers++;
        at += TAR_BLOCK;
        size_t data_blocks = e.type == '1' || e.type == '2' || e.type == '3' || e.type == '4' ||
                                     e.type == '5' || e.type == '6'
                                 ? 0
                                 : (size_t)((e.size + TAR_BLOCK - 1) / TAR_BLOCK);
        if (e.size < 0 || at + data_blocks * TAR_BLOCK > length)
            tar_fatal("Unexpected EOF in archive");
        const unsigned char *data = archive + at;
        at += data_blocks * TAR_BLOCK;
        if (e.type == 'L' || e.type == 'K') {
            char *text = strndup((const char *)data, (size_t)e.size);
            if (e.type == 'L') free(long_name), long_name = text;
            else free(long_link), long_link = text;
            continue;
        }
        if (e.type == 'x' || e.type == 'g') {
            if (e.type == 'x') apply_pax(data, (size_t)e.size, &e, &pax_path, &pax_link);
            continue;
        }
        if (long_name) free(e.name), e.name = long_name, long_name = NULL;
        if (long_link) free(e.linkname), e.linkname = long_link, long_link = NULL;
        if (pax_path) free(e.name), e.name = pax_path, pax_path = NULL;
        if (pax_link) free(e.linkname), e.linkname = pax_link, pax_link = NULL;
        if (!selected(o, e.name, matched)) continue;
        if (!o->absolute_names && tar_has_dot_dot(e.name) && extract) {
            tar_strip_prefix(e.name, "member names");
            tar_error("%s: Member name contains '..'", e.name);
            continue;
        }
        const char *path = o->absolute_names ? e.name : tar_strip_prefix(e.name, "member names");
        if (!extract) {
            if (o->verbose) tar_print_long(listing, &e);
            else fprintf(listing, "%s\n", e.name);
            continue;
        }
        if (o->verbose) fprintf(listing, "%s\n", e.name);
        if (*path == '\0') continue;
        switch (e.type) {
        case '5': extract_directory(path, &e); break;
        case '2': extract_symlink(path, &e); break;
        case '1': extract_hard_link(path, &e); break;
        case '3': case '4': case '6': extract_special(path, &e); break;
        default: extract_file(path, &e, data); break;
        }
    }
    /* GNU is as lenient with an archive cut after a member, but not with no member at all. */
    if (headers == 0 && !ended) tar_error("This does not look like a tar archive");
    if (extract) finish_delayed();
    for (int i = 0; i < o->operand_count; i++)
        if (!matched[i]) tar_error("%s: Not found in archive", o->operands[i]);
    free(archive);
    if (tar_exit_status) fputs("tar: Exiting with failure status due to previous errors\n", stderr);
    return tar_exit_status;
}
