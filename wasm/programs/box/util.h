/* util.h: what the applets of the multi-call binary share: GNU-style error
 * messages, --help and usage errors, a GNU-style option parser (options and
 * operands may be mixed, as with glibc's getopt, on both builds alike), and
 * small helpers for whole writes and paths. */
#ifndef BOX_UTIL_H
#define BOX_UTIL_H

#include <stddef.h>
#include <sys/types.h>

/* The applet's name as messages show it (set by box.c before NAME_main). */
extern const char *applet_name;

/* `PROG: MESSAGE` (printf format) on stderr. */
void warnx_(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* `PROG: MESSAGE: strerror(errno)` on stderr. */
void warn_errno(int errnum, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* `Try 'PROG --help' for more information.` on stderr; returns 1. */
int try_help(void);
/* Set by applets that word it as GNU diffutils do: `PROG: Try ...`. */
extern int try_help_named;
/* Prints `Usage: PROG SYNOPSIS` and the option lines of help text; returns 0. */
int print_help(const char *synopsis, const char *text);

/* A file name as GNU shows it after `PROG: `: bare when it has only safe
 * characters, else in single quotes. Returns a static buffer (two rotate). */
const char *quotef(const char *name);
/* A file name always in single quotes ('x'), as GNU's quote() in the C locale. */
const char *quote(const char *name);

/* One option for parse_options. `has_arg` is 0, 1, or 2 for an optional
 * argument (only glued: -Xarg or --name=arg, as getopt's `::`; parser->arg
 * is NULL without one); `key` is the value returned (a short option's
 * letter, or a number above 255 for long-only). */
struct option_spec {
    const char *long_name; /* NULL for short-only */
    int key;               /* the short letter, or a code > 255 */
    int has_arg;
};

/* Parsing state of parse_options. */
struct option_parser {
    int argc;
    char **argv;
    int index;           /* next argv element to look at */
    const char *cluster; /* rest of a short option cluster, or NULL */
    char **operands;     /* collected operands, in order */
    int operand_count;
    const char *arg;     /* argument of the returned option */
    int done;            /* after `--`: everything is an operand */
    int in_order;        /* set by the caller: options end at the first operand
                            (getopt's '+', for applets that run a command) */
};

#define OPT_END -1
#define OPT_ERROR -2
#define OPT_HELP -3

void options_init(struct option_parser *parser, int argc, char **argv);
/* The next option's key, OPT_HELP for --help, OPT_END when all is parsed
 * (operands are then in parser->operands), or OPT_ERROR after printing
 * GNU's message and `Try ... --help` (the caller exits 1). */
int next_option(struct option_parser *parser, const struct option_spec *specs);
/* For applets with no options but --help: parses argv into `parser`.
 * Returns -1 to go on with the operands, or the exit status to return
 * (0 after printing the help, 1 after a bad option). */
int parse_help_only(struct option_parser *parser, int argc, char **argv, const char *synopsis,
                    const char *text);

/* write(2) until all is written; -1 on error. */
int write_all(int fd, const void *buffer, size_t length);
/* The last path component, as basename(1) sees it (trailing slashes ignored),
 * in a new string. */
char *path_basename(const char *path);
/* `dir/name` in a new string (no doubled slash). */
char *path_join(const char *dir, const char *name);
/* malloc that exits with a message when memory runs out. */
void *xmalloc(size_t size);
/* Parses a decimal count with an optional GNU suffix (K, M, G, KB, ...).
 * Returns 0 and the value, or -1 on a malformed number. */
int parse_count(const char *text, unsigned long long *value);
/* glibc's regerror text for a regcomp error code, as GNU grep and sed print
 * it (musl's words differ). */
const char *gnu_regex_message(int code);

#endif
