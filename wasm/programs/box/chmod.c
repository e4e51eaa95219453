/* chmod.c: chmod [-R] [-v|-c] [-f] MODE[,MODE]... FILE...: MODE is octal
 * or symbolic ([ugoa]*([-+=]([rwxXst]*|[ugo]))+, without a who the umask
 * applies), as GNU coreutils; a mode may start with `-` (chmod -x f). -R
 * lists a directory after changing it, and symbolic links met on the way
 * are not followed. */
#include "bocal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "applets.h"
#include "util.h"
#include "walk.h"

struct chmod_options {
    const char *mode;
    int recursive, verbose, changes, quiet;
    mode_t umask;
};

/* The new mode of a file with mode `old`, or -1 when `text` is malformed. */
static long apply_mode(const char *text, mode_t old, int is_dir, mode_t umask_value) {
    if (*text >= '0' && *text <= '7') {
        char *end;
        long value = strtol(text, &end, 8);
        if (*end || value > 07777) return -1;
        /* fewer than 5 digits keep a directory's set-id bits, as GNU */
        if (is_dir && strlen(text) < 5) value |= old & (S_ISUID | S_ISGID);
        return value;
    }
    mode_t mode = old & 07777;
    const char *p = text;
    for (;;) {
        mode_t who = 0;
        for (; *p && strchr("ugoa", *p); p++)
            who |= *p == 'u' ? (S_IRWXU | S_ISUID) : *p == 'g' ? (S_IRWXG | S_ISGID)
                   : *p == 'o' ? (S_IRWXO | S_ISVTX) : 07777;
        int masked = who == 0;
        if (masked) who = 07777;
        if (!*p || !strchr("+-=", *p)) return -1;
        while (*p && strchr("+-=", *p)) {
            char op = *p++;
            mode_t bits = 0;
            if (*p && strchr("ugo", *p)) {
                /* copy another class's bits */
                mode_t source = *p == 'u' ? (mode & S_IRWXU) >> 6
                                : *p == 'g' ? (mode & S_IRWXG) >> 3
                                            : (mode & S_IRWXO);
                bits = source << 6 | source << 3 | source;
                p++;
            } else {
                for (; *p && strchr("rwxXst", *p); p++) {
                    switch (*p) {
                    case 'r': bits |= S_IRUSR | S_IRGRP | S_IROTH; break;
                    case 'w': bits |= S_IWUSR | S_IWGRP | S_IWOTH; break;
                    case 'x': bits |= S_IXUSR | S_IXGRP | S_IXOTH; break;
                    case 'X':
                        if (is_dir || (mode & (S_IXUSR | S_IXGRP | S_IXOTH)))
                            bits |= S_IXUSR | S_IXGRP | S_IXOTH;
                        break;
                    case 's': bits |= S_ISUID | S_ISGID; break;
                    case 't': bits |= S_ISVTX; break;
                    }
                }
            }
            bits &= who;
            if (masked) bits &= ~umask_value | S_ISUID | S_ISGID | S_ISVTX;
            if (op == '+') mode |= bits;
            else if (op == '-') mode &= ~bits;
            else {
                mode_t cleared = who;
                if (is_dir) cleared &= ~(S_ISUID | S_ISGID);
                mode = (mode & ~cleared) | bits;
            }
        }
        if (*p == '\0') return mode;
        if (*p != ',') return -1;
        p++;
    }
}

static void describe(mode_t mode, char *out) {
    const char *letters = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) out[i] = mode & (1 << (8 - i)) ? letters[i] : '-';
    if (mode & S_ISUID) out[2] = out[2] == 'x' ? 's' : 'S';
    if (mode & S_ISGID) out[5] = out[5] == 'x' ? 's' : 'S';
    if (mode & S_ISVTX) out[8] = out[8] == 'x' ? 't' : 'T';
    out[9] = '\0';
}

static int change(const struct chmod_options *options, const char *path, int top);

static int change_child(const char *child, void *options) { return change(options, child, 0); }

static int change(const struct chmod_options *options, const char *path, int top) {
    struct stat st;
    if ((top ? stat(path, &st) : lstat(path, &st)) != 0) {
        if (!options->quiet) warn_errno(errno, "cannot access %s", quote(path));
        return 1;
    }
    if (S_ISLNK(st.st_mode)) return 0; /* links found by -R are left alone */
    int status = 0;
    long mode = apply_mode(options->mode, st.st_mode, S_ISDIR(st.st_mode), options->umask);
    long unmasked = apply_mode(options->mode, st.st_mode, S_ISDIR(st.st_mode), 0);
    if (chmod(path, (mode_t)mode) != 0) {
        if (!options->quiet) warn_errno(errno, "changing permissions of %s", quote(path));
        status = 1;
    } else if (options->verbose || (options->changes && (mode_t)mode != (st.st_mode & 07777))) {
        char before[10], after[10];
        describe(st.st_mode & 07777, before), describe((mode_t)mode, after);
        if ((mode_t)mode == (st.st_mode & 07777))
            printf("mode of %s retained as %04lo (%s)\n", quote(path), (unsigned long)mode, after);
        else
            printf("mode of %s changed from %04lo (%s) to %04lo (%s)\n", quote(path),
                   (unsigned long)(st.st_mode & 07777), before, (unsigned long)mode, after);
    }
    if ((mode & ~unmasked) && !options->quiet) {
        /* the umask kept a who-less mode from clearing some bits */
        char got[10], wanted[10];
        describe((mode_t)mode, got), describe((mode_t)unmasked, wanted);
        warnx_("%s: new permissions are %s, not %s", quotef(path), got, wanted);
        status = 1;
    }
    if (options->recursive && S_ISDIR(st.st_mode))
        status |= for_each_child(path, options->quiet, change_child, (void *)options);
    return status;
}

static int looks_like_mode(const char *arg) {
    return arg[0] == '-' && arg[1] && strchr("rwxXstugoa,+=-01234567", arg[1]) &&
           strcmp(arg, "--") != 0;
}

int chmod_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"recursive", 'R', 0}, {"verbose", 'v', 0}, {"changes", 'c', 0},
        {"silent", 'f', 0},    {"quiet", 'f', 0},   {NULL, 0, 0}};
    struct chmod_options options = {0};
    const char *dash_mode = NULL;
    /* chmod -x FILE: a mode that looks like an option is the mode */
    char **args = xmalloc(sizeof(char *) * (size_t)(argc + 1));
    int count = 0;
    for (int i = 0; i < argc; i++) {
        if (i > 0 && !dash_mode && looks_like_mode(argv[i])) dash_mode = argv[i];
        else args[count++] = argv[i];
        if (strcmp(argv[i], "--") == 0) {
            for (i++; i < argc; i++) args[count++] = argv[i];
        }
    }
    args[count] = NULL;
    struct option_parser parser;
    int key;
    options_init(&parser, count, args);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... MODE[,MODE]... FILE...",
                              "Change the mode of each FILE to MODE.\n\n"
                              "  -c, --changes          like verbose but report only when a "
                              "change is made\n"
                              "  -f, --silent, --quiet  suppress most error messages\n"
                              "  -v, --verbose          output a diagnostic for every file "
                              "processed\n"
                              "  -R, --recursive        change files and directories "
                              "recursively\n\n"
                              "Each MODE is of the form '[ugoa]*([-+=]([rwxXst]*|[ugo]))+|"
                              "[-+=]?[0-7]+'.\n");
        case 'R': options.recursive = 1; break;
        case 'v': options.verbose = 1; break;
        case 'c': options.changes = 1; break;
        case 'f': options.quiet = 1; break;
        }
    }
    char **operands = parser.operands;
    int operand_count = parser.operand_count;
    if (dash_mode) {
        options.mode = dash_mode;
    } else {
        if (operand_count == 0) return warnx_("missing operand"), try_help();
        options.mode = operands[0];
        operands++, operand_count--;
    }
    if (operand_count == 0) {
        warnx_("missing operand after %s", quote(options.mode));
        return try_help();
    }
    options.umask = umask(0);
    umask(options.umask);
    if (apply_mode(options.mode, 0, 0, options.umask) < 0) {
        warnx_("invalid mode: %s", quote(options.mode));
        return try_help();
    }
    int status = 0;
    for (int i = 0; i < operand_count; i++) status |= change(&options, operands[i], 1);
    return status;
}
