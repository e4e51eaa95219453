/* tar-header.c: GNU tar's header block: octal fields (and base-256 for
 * values octal cannot hold, on reading), the checksum, the `ustar  `
 * magic; the long listing of tar -tv; and the name checks GNU applies
 * before extracting (leading `/` and `..` prefixes). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tar.h"
#include "util.h"

int tar_exit_status;

void tar_error(const char *format, ...) {
    va_list args;
    fflush(stdout);
    fputs("tar: ", stderr);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    tar_exit_status = 2;
}

_Noreturn void tar_fatal(const char *format, ...) {
    va_list args;
    fflush(stdout);
    fputs("tar: ", stderr);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputs("\ntar: Error is not recoverable: exiting now\n", stderr);
    exit(2);
}

/* Field offsets and sizes of the header. */
enum {
    NAME = 0, MODE = 100, UID = 108, GID = 116, SIZE = 124, MTIME = 136, CHKSUM = 148,
    TYPEFLAG = 156, LINKNAME = 157, MAGIC = 257, UNAME = 265, GNAME = 297, DEVMAJOR = 329,
    DEVMINOR = 337, PREFIX = 345,
};

static void octal(unsigned char *field, size_t size, unsigned long long value) {
    /* size - 1 digits and a NUL, zero-padded, as GNU writes them. */
    char text[32];
    snprintf(text, sizeof text, "%0*llo", (int)size - 1, value);
    memcpy(field, text, size);
}

static void text_field(unsigned char *field, size_t size, const char *text) {
    size_t length = strlen(text);
    memcpy(field, text, length < size ? length : size);
}

static unsigned checksum(const unsigned char block[TAR_BLOCK]) {
    unsigned sum = 0;
    for (int i = 0; i < TAR_BLOCK; i++)
        sum += i >= CHKSUM && i < CHKSUM + 8 ? ' ' : block[i];
    return sum;
}

void tar_encode_header(unsigned char block[TAR_BLOCK], const struct tar_entry *e) {
    memset(block, 0, TAR_BLOCK);
    text_field(block + NAME, 100, e->name);
    octal(block + MODE, 8, e->mode & 07777);
    octal(block + UID, 8, (unsigned long long)e->uid);
    octal(block + GID, 8, (unsigned long long)e->gid);
    octal(block + SIZE, 12, (unsigned long long)e->size);
    octal(block + MTIME, 12, (unsigned long long)e->mtime);
    block[TYPEFLAG] = (unsigned char)e->type;
    if (e->linkname) text_field(block + LINKNAME, 100, e->linkname);
    memcpy(block + MAGIC, "ustar  ", 8);
    text_field(block + UNAME, 32, e->uname);
    text_field(block + GNAME, 32, e->gname);
    if (e->type == '3' || e->type == '4') {
        octal(block + DEVMAJOR, 8, e->devmajor);
        octal(block + DEVMINOR, 8, e->devminor);
    }
    char sum[8];
    snprintf(sum, sizeof sum, "%06o", checksum(block));
    memcpy(block + CHKSUM, sum, 7);
    block[CHKSUM + 7] = ' ';
}

/* A numeric field: octal (spaces and NULs around it), or base-256 when the
 * first byte has its high bit set (GNU's encoding of large values). */
static long long number(const unsigned char *field, size_t size) {
    if (field[0] & 0x80) {
        long long value = field[0] & 0x3f;
        for (size_t i = 1; i < size; i++) value = value << 8 | field[i];
        return field[0] & 0x40 ? -value : value;
    }
    long long value = 0;
    size_t i = 0;
    while (i < size && field[i] == ' ') i++;
    for (; i < size && field[i] >= '0' && field[i] <= '7'; i++)
        value = value * 8 + (field[i] - '0');
    return value;
}

static char *string(const unsigned char *field, size_t size) {
    size_t length = strnlen((const char *)field, size);
    char *out = xmalloc(length + 1);
    memcpy(out, field, length);
    out[length] = '\0';
    return out;
}

int tar_decode_header(const unsigned char block[TAR_BLOCK], struct tar_entry *e) {
    int zero = 1;
    for (int i = 0; i < TAR_BLOCK && zero; i++) zero = block[i] == 0;
    if (zero) return 1;
    if ((unsigned long long)number(block + CHKSUM, 8) != checksum(block)) return -1;
    memset(e, 0, sizeof *e);
    e->name = string(block + NAME, 100);
    /* POSIX ustar splits long names into prefix/name; GNU's format has none. */
    if (memcmp(block + MAGIC, "ustar\0", 6) == 0 && block[PREFIX]) {
        char *prefix = string(block + PREFIX, 155);
        char *joined = xmalloc(strlen(prefix) + strlen(e->name) + 2);
        sprintf(joined, "%s/%s", prefix, e->name);
        free(prefix), free(e->name);
        e->name = joined;
    }
    e->linkname = string(block + LINKNAME, 100);
    e->mode = (unsigned)number(block + MODE, 8) & 07777;
    e->uid = number(block + UID, 8);
    e->gid = number(block + GID, 8);
    e->size = number(block + SIZE, 12);
    e->mtime = number(block + MTIME, 12);
    e->type = block[TYPEFLAG] ? (char)block[TYPEFLAG] : '0';
    if (memcmp(block + MAGIC, "ustar", 5) == 0) {
        char *uname = string(block + UNAME, 32), *gname = string(block + GNAME, 32);
        snprintf(e->uname, sizeof e->uname, "%s", uname);
        snprintf(e->gname, sizeof e->gname, "%s", gname);
        free(uname), free(gname);
        e->devmajor = (unsigned)number(block + DEVMAJOR, 8);
        e->devminor = (unsigned)number(block + DEVMINOR, 8);
    }
    /* Old archives mark directories by a trailing slash only. */
    size_t length = strlen(e->name);
    if (e->type == '0' && length && e->name[length - 1] == '/') e->type = '5';
    return 0;
}

static char type_letter(char type) {
    switch (type) {
    case '1': return 'h';
    case '2': return 'l';
    case '3': return 'c';
    case '4': return 'b';
    case '5': return 'd';
    case '6': return 'p';
    default: return '-';
    }
}

void tar_print_long(FILE *out, const struct tar_entry *e) {
    static int width = 19; /* grows with the widest owner and size seen, as GNU's ugswidth */
    char modes[11];
    static const char rwx[] = "rwxrwxrwx";
    modes[0] = type_letter(e->type);
    for (int i = 0; i < 9; i++) modes[1 + i] = e->mode & (0400u >> i) ? rwx[i] : '-';
    if (e->mode & 04000) modes[3] = e->mode & 0100 ? 's' : 'S';
    if (e->mode & 02000) modes[6] = e->mode & 010 ? 's' : 'S';
    if (e->mode & 01000) modes[9] = e->mode & 01 ? 't' : 'T';
    modes[10] = '\0';
    char user[40], group[40], size[48];
    if (e->uname[0]) snprintf(user, sizeof user, "%s", e->uname);
    else snprintf(user, sizeof user, "%lld", e->uid);
    if (e->gname[0]) snprintf(group, sizeof group, "%s", e->gname);
    else snprintf(group, sizeof group, "%lld", e->gid);
    int sizeless = e->type == '1' || e->type == '2' || e->type == '5';
    if (e->type == '3' || e->type == '4')
        snprintf(size, sizeof size, "%u,%u", e->devmajor, e->devminor);
    else snprintf(size, sizeof size, "%lld", sizeless ? 0 : e->size);
    int pad = (int)(strlen(user) + 1 + strlen(group) + 1 + strlen(size));
    if (pad > width) width = pad;
    time_t when = (time_t)e->mtime;
    struct tm *tm = localtime(&when);
    char date[32] = "";
    if (tm) strftime(date, sizeof date, "%Y-%m-%d %H:%M", tm);
    fprintf(out, "%s %s/%s %*s %s %s", modes, user, group, width - pad + (int)strlen(size), size,
            date, e->name);
    if (e->type == '2') fprintf(out, " -> %s", e->linkname);
    if (e->type == '1') fprintf(out, " link to %s", e->linkname);
    fputc('\n', out);
}

int tar_has_dot_dot(const char *name) {
    for (const char *p = name; *p;) {
        if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || p[2] == '\0')) return 1;
        while (*p && *p != '/') p++;
        while (*p == '/') p++;
    }
    return 0;
}

const char *tar_strip_prefix(const char *name, const char *what) {
    static char *seen[64];
    static int seen_count;
    size_t prefix = 0;
    for (const char *p = name; *p;) {
        if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || p[2] == '\0'))
            prefix = (size_t)(p + 2 - name);
        while (*p && *p != '/') p++;
        if (*p == '/') p++;
    }
    while (name[prefix] == '/') prefix++;
    if (prefix == 0) return name;
    char *text = xmalloc(prefix + 1);
    memcpy(text, name, prefix);
    text[prefix] = '\0';
    int known = 0;
    for (int i = 0; i < seen_count && !known; i++) known = strcmp(seen[i], text) == 0;
    if (!known) {
        fflush(stdout);
        fprintf(stderr, "tar: Removing leading `%s' from %s\n", text, what);
        if (seen_count < 64) seen[seen_count++] = text;
    }
    return name + prefix;
}
