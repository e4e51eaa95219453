/* tar.h: what the parts of box's tar share: the options, one archive
 * member as it is read or written, and the GNU header format (the
 * `ustar  ` magic GNU tar writes by default, with ././@LongLink records for
 * names of 100 bytes or more). */
#ifndef BOX_TAR_H
#define BOX_TAR_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <sys/types.h>

#define TAR_BLOCK 512
#define TAR_RECORD (20 * TAR_BLOCK) /* GNU's default blocking factor */

enum tar_mode { TAR_NONE, TAR_CREATE, TAR_EXTRACT, TAR_LIST };

struct tar_options {
    enum tar_mode mode;
    const char *file;      /* -f, "-" for the standard streams */
    const char *directory; /* -C */
    int verbose, gzip, absolute_names;
    char **operands;
    int operand_count;
};

/* One member: its header decoded (or to encode). */
struct tar_entry {
    char *name;     /* as in the archive */
    char *linkname; /* symlink target or hard link's first name */
    char type;      /* '0' file, '1' hard link, '2' symlink, '5' directory, ... */
    unsigned mode;  /* permission bits */
    long long uid, gid, size, mtime;
    char uname[33], gname[33];
    unsigned devmajor, devminor;
};

/* Fills `block` with the header of `entry` (name and linkname truncated to
 * their fields: long ones go in LongLink records first, see tar-create.c). */
void tar_encode_header(unsigned char block[TAR_BLOCK], const struct tar_entry *entry);

/* Decodes a header; returns 0, 1 for an all-zero block (the end), or -1
 * when the checksum does not match. Strings point into fresh memory. */
int tar_decode_header(const unsigned char block[TAR_BLOCK], struct tar_entry *entry);

/* `-rw-r--r-- root/root     5 2024-01-01 00:00 name` as tar -tv prints it. */
void tar_print_long(FILE *out, const struct tar_entry *entry);

/* "Removing leading `PREFIX' from member names", once per distinct prefix,
 * and the name without it (GNU's safer_name_suffix). */
const char *tar_strip_prefix(const char *name, const char *what);
/* Whether one of the name's components is `..`. */
int tar_has_dot_dot(const char *name);

/* The message of a fatal error, then "Error is not recoverable", exit 2. */
_Noreturn void tar_fatal(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* A non-fatal error: printed, and the exit status becomes 2. */
void tar_error(const char *format, ...) __attribute__((format(printf, 1, 2)));
extern int tar_exit_status;

int tar_create(const struct tar_options *options);
int tar_read(const struct tar_options *options);

#endif
