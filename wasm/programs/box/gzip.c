/* gzip.c: gzip, gunzip and zcat as GNU gzip 1.12 behaves: files are
 * compressed to NAME.gz (or decompressed from it) in place, the original
 * removed unless -k or -c, its mode and modification time carried over;
 * with no file or `-` the standard streams are used. Errors exit 1,
 * warnings (an existing output, an unknown suffix, a directory, trailing
 * garbage) exit 2, as GNU does. GNU's option errors quote with `...' and
 * its data errors start with an empty line: both are kept. -v and -l show
 * GNU's ratios (header and trailer bytes not counted as compressed data);
 * the sizes they report differ from GNU's where our compressor's output
 * does. Not here: -r, -S, -N, -lv's method/crc/date columns, --rsyncable. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bocal.h"

#include "applets.h"
#include "flate.h"
#include "util.h"

enum { OK = 0, ERROR = 1, WARNING = 2 };

struct gzip_options {
    int decompress, to_stdout, force, keep, quiet, test, no_name, level, verbose, list;
};

/* What the last file gave: bytes read and written, and gzip's header and
 * trailer bytes among the compressed ones (for the ratios of -v and -l). */
static struct {
    unsigned long long in, out;
    unsigned header;
} stats;

/* A sink to a file descriptor that counts what goes through it. */
struct counted_fd {
    int fd, discard;
    unsigned long long count;
};

static int counted_write(void *context, const unsigned char *buffer, size_t length) {
    struct counted_fd *c = context;
    c->count += length;
    return c->discard ? 0 : fd_sink_write(&c->fd, buffer, length);
}

/* GNU's display_ratio: the share of `den` that `num` is, as " 53.0%". */
static void print_ratio(FILE *out, long long num, unsigned long long den) {
    fprintf(out, "%5.1f%%", den == 0 ? 0.0 : 100.0 * (double)num / (double)den);
}

static int exit_code = OK;

static void error_(void) { exit_code = ERROR; }
static void warning(void) {
    if (exit_code == OK) exit_code = WARNING;
}

static int usage_error(void) {
    fputs("Try `gzip --help' for more information.\n", stderr);
    return ERROR;
}

/* The name we were run as, for --help; messages all say `gzip`, as Debian's
 * gunzip and zcat are scripts that run gzip. */
static const char *invoked_as = "gzip";

static int gzip_help(void) {
    printf("Usage: %s [OPTION]... [FILE]...\n", invoked_as);
    fputs("Compress or uncompress FILEs (by default, compress FILES in-place).\n\n"
          "Mandatory arguments to long options are mandatory for short options too.\n\n"
          "  -c, --stdout      write on standard output, keep original files unchanged\n"
          "  -d, --decompress  decompress\n"
          "  -f, --force       force overwrite of output file and compress links\n"
          "  -h, --help        give this help\n"
          "  -k, --keep        keep (don't delete) input files\n"
          "  -l, --list        list compressed file contents\n"
          "  -n, --no-name     do not save or restore the original name and timestamp\n"
          "  -q, --quiet       suppress all warnings\n"
          "  -t, --test        test compressed file integrity\n"
          "  -v, --verbose     verbose mode\n"
          "  -1, --fast        compress faster\n"
          "  -9, --best        compress better\n\n"
          "With no FILE, or when FILE is -, read standard input.\n",
          stdout);
    return OK;
}

/* A data error of GNU's gzip_error: an empty line first. */
static void data_error(const char *name, const char *message) {
    fflush(stdout);
    fprintf(stderr, "\n%s: %s: %s\n", "gzip", name, message);
    error_();
}

static void warn_(const struct gzip_options *o, const char *format, const char *a,
                  const char *b) {
    if (!o->quiet) {
        fprintf(stderr, "gzip: ");
        fprintf(stderr, format, a, b);
        fputc('\n', stderr);
    }
    warning();
}

static const char *status_message(enum flate_status status) {
    switch (status) {
    case FLATE_TRUNCATED: return "unexpected end of file";
    case FLATE_CRC: return "invalid compressed data--crc error";
    case FLATE_LENGTH: return "invalid compressed data--length error";
    default: return "invalid compressed data--format violated";
    }
}

/* Decompresses every member of `in_fd` into `out_fd`; 0 on success. */
static int decompress(const struct gzip_options *o, int in_fd, int out_fd, const char *name) {
    static struct input in;
    input_init(&in, (struct byte_source){fd_source_read, &in_fd});
    struct counted_fd counted = {out_fd, o->test, 0};
    struct byte_sink out = {counted_write, &counted};
    static struct gzip_header header;
    stats.in = stats.out = 0;
    for (int member = 0;; member++) {
        stats.in = in.consumed, stats.out = counted.count;
        int not_gzip;
        unsigned long long before = in.consumed;
        enum flate_status status = gunzip_member(&in, out, &header, &not_gzip);
        if (member == 0) stats.header = header.length + 8;
        if (status == FLATE_END) {
            if (member == 0) return data_error(name, "unexpected end of file"), -1;
            return 0;
        }
        if (status == FLATE_OK) continue;
        if (not_gzip && member == 0 && o->force && o->to_stdout) {
            /* zcat -f: what is not gzip is copied as it is. */
            unsigned char head[2] = {in.buffer[0], in.buffer[1]};
            size_t have = in.consumed - before;
            if (fd_sink_write(&out_fd, head, have) < 0)
                return warn_errno(errno, "write error"), error_(), -1;
            int c;
            while ((c = input_byte(&in)) >= 0) {
                unsigned char byte = (unsigned char)c;
                if (fd_sink_write(&out_fd, &byte, 1) < 0)
                    return warn_errno(errno, "write error"), error_(), -1;
            }
            return 0;
        }
        if (not_gzip && member > 0) {
            /* GNU starts this warning with an empty line too. */
            if (!o->quiet)
                fprintf(stderr, "\ngzip: %s: decompression OK, trailing garbage ignored\n", name);
            warning();
            return 0;
        }
        if (not_gzip) return data_error(name, "not in gzip format"), -1;
        if (status == FLATE_READ) return warn_errno(in.error, "%s", name), error_(), -1;
        if (status == FLATE_WRITE) return warn_errno(errno, "write error"), error_(), -1;
        return data_error(name, status_message(status)), -1;
    }
}

static int compress(const struct gzip_options *o, int in_fd, int out_fd, const char *name,
                    uint32_t mtime) {
    static struct counted_fd counted;
    counted = (struct counted_fd){out_fd, 0, 0};
    const char *stored = o->no_name || !*name ? NULL : name;
    struct deflater *d = gzip_writer_new((struct byte_sink){counted_write, &counted}, o->level,
                                         stored, o->no_name ? 0 : mtime);
    stats.in = 0;
    stats.header = 10 + (stored ? (unsigned)strlen(stored) + 1 : 0) + 8;
    if (!d) return warnx_("out of memory"), error_(), -1;
    static unsigned char buffer[65536];
    for (;;) {
        ssize_t got = read(in_fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            warn_errno(errno, "%s", name);
            gzip_writer_finish(d);
            return error_(), -1;
        }
        if (got == 0) break;
        stats.in += (unsigned long long)got;
        if (gzip_writer_write(d, buffer, (size_t)got) < 0) {
            warn_errno(errno, "write error");
            gzip_writer_finish(d);
            return error_(), -1;
        }
    }
    if (gzip_writer_finish(d) < 0) return warn_errno(errno, "write error"), error_(), -1;
    stats.out = counted.count;
    return 0;
}

static int stdin_stdout(const struct gzip_options *o) {
    if (!o->decompress && !o->force && isatty(1)) {
        fprintf(stderr, "gzip: compressed data not written to a terminal. Use -f to force "
                        "compression.\nFor help, type: gzip -h\n");
        return error_(), -1;
    }
    if (o->decompress && !o->force && isatty(0)) {
        fprintf(stderr, "gzip: compressed data not read from a terminal. Use -f to force "
                        "decompression.\nFor help, type: gzip -h\n");
        return error_(), -1;
    }
    fflush(stdout);
    return o->decompress || o->test ? decompress(o, 0, 1, "stdin") : compress(o, 0, 1, "", 0);
}

static const char *const suffixes[] = {".gz", "-gz", ".z", "-z", "_z", ".tgz", ".taz", NULL};

/* The decompressed name of `name`, or NULL when it has no known suffix. */
static char *decompressed_name(const char *name) {
    size_t length = strlen(name);
    for (int i = 0; suffixes[i]; i++) {
        size_t s = strlen(suffixes[i]);
        if (length > s && strcasecmp(name + length - s, suffixes[i]) == 0 &&
            name[length - s - 1] != '/') {
            char *out = xmalloc(length + 1);
            memcpy(out, name, length - s);
            strcpy(out + length - s, s == 4 ? ".tar" : "");
            return out;
        }
    }
    return NULL;
}

static int has_gz_suffix(const char *name) {
    char *stripped = decompressed_name(name);
    free(stripped);
    return stripped != NULL;
}

/* Opens the output unless it exists and may not be replaced. */
static int open_output(const struct gzip_options *o, const char *output) {
    struct stat st;
    if (!o->force && lstat(output, &st) == 0) {
        if (isatty(0) && !o->quiet) {
            fprintf(stderr, "gzip: %s already exists; do you wish to overwrite (y or n)? ",
                    output);
            char answer[32] = "";
            if (!fgets(answer, sizeof answer, stdin) || (answer[0] != 'y' && answer[0] != 'Y')) {
                fprintf(stderr, "\tnot overwritten\n");
                warning();
                return -1;
            }
        } else {
            warn_(o, "%s already exists;\tnot overwritten", output, NULL);
            return -1;
        }
    }
    unlink(output);
    int fd = open(output, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) warn_errno(errno, "%s", output), error_();
    return fd;
}

/* Where a compressed file is looked for: NAME, or NAME.gz when NAME is
 * missing and has no suffix (as GNU's get_istat does when decompressing). */
static const char *compressed_path(const char *name, char *buffer, size_t size) {
    struct stat st;
    if (stat(name, &st) == 0 || errno != ENOENT || has_gz_suffix(name)) return name;
    snprintf(buffer, size, "%s.gz", name);
    return buffer;
}

static void treat_file(const struct gzip_options *o, const char *name) {
    if (strcmp(name, "-") == 0) return (void)stdin_stdout(o);
    static char with_suffix[4096];
    if (o->decompress) name = compressed_path(name, with_suffix, sizeof with_suffix);
    struct stat st;
    if (stat(name, &st) < 0) return (void)(warn_errno(errno, "%s", name), error_());
    if (S_ISDIR(st.st_mode)) return warn_(o, "%s is a directory -- ignored", name, NULL);
    if (!S_ISREG(st.st_mode) && !o->to_stdout && !o->test)
        return warn_(o, "%s is not a directory or a regular file - ignored", name, NULL);
    char *output = NULL;
    if (!o->to_stdout && !o->test) {
        if (o->decompress) {
            output = decompressed_name(name);
            if (!output) return warn_(o, "%s: unknown suffix -- ignored", name, NULL);
        } else {
            if (has_gz_suffix(name))
                return (void)(o->quiet ||
                              fprintf(stderr, "gzip: %s already has %s suffix -- unchanged\n",
                                      name, strrchr(name, '.') ? strrchr(name, '.') : ".gz"));
            output = xmalloc(strlen(name) + 4);
            strcpy(output, name);
            strcat(output, ".gz");
        }
    }
    int in_fd = open(name, O_RDONLY);
    if (in_fd < 0) return (void)(warn_errno(errno, "%s", name), error_(), free(output));
    int out_fd = 1;
    if (output && (out_fd = open_output(o, output)) < 0) {
        close(in_fd);
        return free(output);
    }
    fflush(stdout);
    if (o->verbose) fprintf(stderr, "%s:\t", name);
    const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
    int failed = o->decompress || o->test ? decompress(o, in_fd, out_fd, name)
                                          : compress(o, in_fd, out_fd, base, (uint32_t)st.st_mtime);
    close(in_fd);
    if (output) {
        if (!failed) {
            fchmod(out_fd, st.st_mode & 07777);
            fchown(out_fd, st.st_uid, st.st_gid);
        }
        close(out_fd);
        if (failed) {
            unlink(output);
        } else {
            struct timespec times[2] = {st.st_atim, st.st_mtim};
            utimensat(AT_FDCWD, output, times, 0);
            if (!o->keep) unlink(name);
        }
    }
    if (o->verbose && !failed) {
        if (o->test) fputs(" OK", stderr);
        else if (o->decompress)
            print_ratio(stderr, (long long)stats.out - ((long long)stats.in - stats.header),
                        stats.out);
        else
            print_ratio(stderr, (long long)stats.in - ((long long)stats.out - stats.header),
                        stats.in);
        if (output || o->to_stdout)
            fprintf(stderr, " -- %s %s", o->keep ? "created" : "replaced with",
                    output ? output : "stdout");
        fputc('\n', stderr);
    }
    free(output);
}

/* gzip -l: sizes from the file and its last trailer, as GNU lists them. */
static struct {
    int rows;
    unsigned long long in, out;
    unsigned header;
} listed;

static void list_file(const struct gzip_options *o, const char *name) {
    int from_stdin = strcmp(name, "-") == 0;
    static char with_suffix[4096];
    if (!from_stdin) name = compressed_path(name, with_suffix, sizeof with_suffix);
    int fd = from_stdin ? 0 : open(name, O_RDONLY);
    if (fd < 0) return (void)(warn_errno(errno, "%s", name), error_());
    static struct input in;
    input_init(&in, (struct byte_source){fd_source_read, &fd});
    static struct gzip_header header;
    int not_gzip;
    enum flate_status status = gzip_read_header(&in, &header, &not_gzip);
    if (status != FLATE_OK) {
        data_error(from_stdin ? "stdin" : name,
                   not_gzip || status == FLATE_BAD ? "not in gzip format" : status_message(status));
        if (!from_stdin) close(fd);
        return;
    }
    /* The rest of the input: its length, and the last four bytes (ISIZE). */
    unsigned char last[4] = {0};
    int c;
    while ((c = input_byte(&in)) >= 0) {
        memmove(last, last + 1, 3);
        last[3] = (unsigned char)c;
    }
    if (!from_stdin) close(fd);
    unsigned long long compressed = in.consumed;
    unsigned long long size = (unsigned long long)last[0] | (unsigned long long)last[1] << 8 |
                              (unsigned long long)last[2] << 16 | (unsigned long long)last[3] << 24;
    unsigned header_bytes = header.length + 8;
    if (listed.rows++ == 0)
        fputs("         compressed        uncompressed  ratio uncompressed_name\n", stdout);
    char *plain = from_stdin ? NULL : decompressed_name(name);
    printf("%19llu %19llu ", compressed, size);
    print_ratio(stdout, (long long)size - ((long long)compressed - header_bytes), size);
    printf(" %s\n", from_stdin ? "stdout" : plain ? plain : name);
    free(plain);
    listed.in += compressed, listed.out += size, listed.header = header_bytes;
    (void)o;
}

static void list_totals(void) {
    if (listed.rows < 2) return;
    printf("%19llu %19llu ", listed.in, listed.out);
    print_ratio(stdout, (long long)listed.out - ((long long)listed.in - listed.header), listed.out);
    fputs(" (totals)\n", stdout);
}

/* Parses the options as GNU getopt_long does (options anywhere before `--`). */
static int parse(int argc, char **argv, struct gzip_options *o, char ***files, int *count) {
    static const struct {
        const char *name;
        int key;
    } longs[] = {{"stdout", 'c'}, {"to-stdout", 'c'}, {"decompress", 'd'}, {"uncompress", 'd'},
                 {"force", 'f'},  {"keep", 'k'},      {"quiet", 'q'},      {"silent", 'q'},
                 {"test", 't'},   {"no-name", 'n'},   {"fast", '1'},       {"best", '9'},
                 {"help", 'h'},   {"verbose", 'v'},   {"list", 'l'},       {NULL, 0}};
    *files = xmalloc(sizeof(char *) * (size_t)(argc + 1));
    *count = 0;
    int done = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (done || arg[0] != '-' || arg[1] == '\0') {
            (*files)[(*count)++] = argv[i];
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            done = 1;
            continue;
        }
        char keys[64];
        if (arg[1] == '-') {
            int found = 0;
            for (int k = 0; longs[k].name; k++)
                if (strcmp(arg + 2, longs[k].name) == 0) keys[0] = (char)longs[k].key, found = 1;
            if (!found) {
                fprintf(stderr, "gzip: unrecognized option '%s'\n", arg);
                return usage_error();
            }
            keys[1] = '\0';
        } else {
            snprintf(keys, sizeof keys, "%s", arg + 1);
        }
        for (const char *k = keys; *k; k++) {
            switch (*k) {
            case 'c': o->to_stdout = 1; break;
            case 'd': o->decompress = 1; break;
            case 'f': o->force = 1; break;
            case 'k': o->keep = 1; break;
            case 'q': o->quiet = 1; break;
            case 't': o->test = 1; break;
            case 'n': o->no_name = 1; break;
            case 'v': o->verbose = 1; break;
            case 'l': o->list = 1; break;
            case 'h': return gzip_help(), -1;
            default:
                if (*k >= '1' && *k <= '9') {
                    o->level = *k - '0';
                    break;
                }
                fprintf(stderr, "gzip: invalid option -- '%c'\n", *k);
                return usage_error();
            }
        }
    }
    return OK;
}

static int run(int argc, char **argv, int decompress_, int to_stdout) {
    struct gzip_options o = {.decompress = decompress_, .to_stdout = to_stdout, .level = 6};
    invoked_as = applet_name;
    applet_name = "gzip";
    char **files;
    int count;
    exit_code = OK;
    int parsed = parse(argc, argv, &o, &files, &count);
    if (parsed == -1) return OK;
    if (parsed != OK) return parsed;
    if (o.test) o.decompress = 1;
    if (o.list) {
        memset(&listed, 0, sizeof listed);
        if (count == 0) list_file(&o, "-");
        for (int i = 0; i < count; i++) list_file(&o, files[i]);
        list_totals();
        return exit_code;
    }
    if (count == 0) stdin_stdout(&o);
    for (int i = 0; i < count; i++) treat_file(&o, files[i]);
    return exit_code;
}

int gzip_main(int argc, char **argv) { return run(argc, argv, 0, 0); }
int gunzip_main(int argc, char **argv) { return run(argc, argv, 1, 0); }
int zcat_main(int argc, char **argv) { return run(argc, argv, 1, 1); }
