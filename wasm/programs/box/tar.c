/* tar.c: tar's command line, as GNU tar 1.34 reads it: a mode (-c, -x or
 * -t, or their long names), -f ARCHIVE, -C DIR, -v, -z, -P; options in the
 * old bundled form too (`tar xzf FILE`: letters without a dash, their
 * arguments taken from the next words in order). Without -f the archive is
 * the standard input or output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "tar.h"
#include "util.h"

static int usage_error(const char *format, const char *detail) {
    fputs("tar: ", stderr);
    fprintf(stderr, format, detail);
    fputs("\nTry 'tar --help' or 'tar --usage' for more information.\n", stderr);
    return 2;
}

static int tar_help(void) {
    fputs("Usage: tar [OPTION...] [FILE]...\n"
          "GNU-style tar: create, list and extract archives.\n\n"
          "Examples:\n"
          "  tar -cf archive.tar foo bar  # Create archive.tar from files foo and bar.\n"
          "  tar -tvf archive.tar         # List all files in archive.tar verbosely.\n"
          "  tar -xf archive.tar          # Extract all files from archive.tar.\n\n"
          "  -c, --create               create a new archive\n"
          "  -t, --list                 list the contents of an archive\n"
          "  -x, --extract, --get       extract files from an archive\n"
          "  -C, --directory=DIR        change to directory DIR\n"
          "  -f, --file=ARCHIVE         use archive file or device ARCHIVE\n"
          "  -P, --absolute-names       don't strip leading '/'s from file names\n"
          "  -v, --verbose              verbosely list files processed\n"
          "  -z, --gzip                 filter the archive through gzip\n"
          "  -j, -J, --bzip2, --xz      (no bzip2 or xz here: they fail as without those\n"
          "                             programs)\n"
          "      --sort=ORDER           directory sorting order: none, name or inode (members\n"
          "                             are always stored sorted by name here)\n"
          "  -?, --help                 give this help list\n",
          stdout);
    return 0;
}

static int set_mode(struct tar_options *o, enum tar_mode mode) {
    if (o->mode != TAR_NONE && o->mode != mode) {
        usage_error("You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' "
                    "option%s",
                    "");
        return -1;
    }
    o->mode = mode;
    return 0;
}

/* One option letter; `next` gives its argument when it takes one. */
static int letter(struct tar_options *o, char c, const char *(*next)(void *), void *state) {
    switch (c) {
    case 'c': return set_mode(o, TAR_CREATE);
    case 'x': return set_mode(o, TAR_EXTRACT);
    case 't': return set_mode(o, TAR_LIST);
    case 'v': o->verbose++; return 0;
    case 'z': o->gzip = 1; return 0;
    case 'j':
    case 'J': {
        /* What GNU tar says on a system without the compressor: there is none here. */
        const char *program = c == 'j' ? "bzip2" : "xz";
        fprintf(stderr,
                "tar (child): %s: Cannot exec: No such file or directory\n"
                "tar (child): Error is not recoverable: exiting now\n",
                program);
        tar_fatal("Child returned status 2");
    }
    case 'P': o->absolute_names = 1; return 0;
    case 'p': return 0; /* --preserve-permissions: what root gets anyway */
    case 'f':
    case 'C': {
        const char *value = next(state);
        if (!value) return -2;
        if (c == 'f') o->file = value;
        else o->directory = value;
        return 0;
    }
    default: return -3;
    }
}

struct words {
    char **argv;
    int argc, index;
};

static const char *next_word(void *state) {
    struct words *w = state;
    return w->index < w->argc ? w->argv[w->index++] : NULL;
}

/* The rest of a dashed cluster (`-xzfFILE`), or the next word. */
struct cluster {
    const char *rest;
    struct words *words;
};

static const char *cluster_value(void *state) {
    struct cluster *c = state;
    if (c->rest && *c->rest) {
        const char *value = c->rest;
        c->rest = NULL;
        return value;
    }
    c->rest = NULL;
    return next_word(c->words);
}

static int long_option(struct tar_options *o, const char *arg, struct words *w) {
    static const struct {
        const char *name;
        char letter;
    } names[] = {{"create", 'c'},         {"extract", 'x'},
                 {"get", 'x'},            {"list", 't'},
                 {"verbose", 'v'},        {"gzip", 'z'},
                 {"gunzip", 'z'},         {"ungzip", 'z'},
                 {"bzip2", 'j'},          {"xz", 'J'},
                 {"absolute-names", 'P'}, {"preserve-permissions", 'p'},
                 {"file", 'f'},           {"directory", 'C'},
                 {NULL, 0}};
    const char *equals = strchr(arg, '=');
    size_t length = equals ? (size_t)(equals - arg) : strlen(arg);
    /* Members are always stored sorted by name, which every --sort order accepts as a choice. */
    if (length == 4 && strncmp(arg, "sort", 4) == 0) {
        const char *value = equals ? equals + 1 : next_word(w);
        if (!value) return usage_error("option '--%s' requires an argument", "sort"), 64;
        if (strcmp(value, "name") && strcmp(value, "none") && strcmp(value, "inode")) {
            fprintf(stderr, "tar: invalid argument '%s' for '--sort'\nValid arguments are:\n"
                            "  - 'none'\n  - 'name'\n  - 'inode'\n", value);
            return 2;
        }
        return 0;
    }
    for (int i = 0; names[i].name; i++) {
        if (strlen(names[i].name) != length || strncmp(arg, names[i].name, length) != 0) continue;
        struct cluster c = {equals ? equals + 1 : NULL, w};
        if (!equals && names[i].letter != 'f' && names[i].letter != 'C') c.rest = NULL;
        int r = letter(o, names[i].letter, cluster_value, &c);
        if (r == -2) return usage_error("option '--%s' requires an argument", names[i].name);
        return r < 0 ? 2 : 0;
    }
    usage_error("unrecognized option '--%s'", arg);
    return 64;
}

int tar_main(int argc, char **argv) {
    struct tar_options o = {.file = "-"};
    struct words w = {argv, argc, 1};
    o.operands = xmalloc(sizeof(char *) * (size_t)(argc + 1));
    /* The old form: a first word without a dash is a cluster of letters. */
    if (argc > 1 && argv[1][0] != '-') {
        w.index = 2;
        for (const char *p = argv[1]; *p; p++) {
            int r = letter(&o, *p, next_word, &w);
            if (r == -1) return 2;
            if (r == -2) {
                fprintf(stderr, "tar: Old option '%c' requires an argument.\n"
                                "Try 'tar --help' or 'tar --usage' for more information.\n",
                        *p);
                return 2;
            }
            if (r == -3) {
                char text[2] = {*p, 0};
                usage_error("invalid option -- '%s'", text);
                return 64;
            }
        }
    }
    int done = 0;
    while (w.index < argc) {
        const char *arg = argv[w.index++];
        if (done || arg[0] != '-' || arg[1] == '\0') {
            o.operands[o.operand_count++] = (char *)arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            done = 1;
            continue;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-?") == 0) return tar_help();
        if (arg[1] == '-') {
            int r = long_option(&o, arg + 2, &w);
            if (r) return r;
            continue;
        }
        struct cluster c = {NULL, &w};
        for (const char *p = arg + 1; *p; p++) {
            c.rest = p + 1;
            int r = letter(&o, *p, cluster_value, &c);
            if (r == -1) return 2;
            if (r == -2) {
                char text[2] = {*p, 0};
                usage_error("option requires an argument -- '%s'", text);
                return 64;
            }
            if (r == -3) {
                char text[2] = {*p, 0};
                usage_error("invalid option -- '%s'", text);
                return 64;
            }
            if (*p == 'f' || *p == 'C') break; /* the rest of the word was its argument */
        }
    }
    switch (o.mode) {
    case TAR_CREATE: return tar_create(&o);
    case TAR_EXTRACT:
    case TAR_LIST: return tar_read(&o);
    default:
        return usage_error("You must specify one of the '-Acdtrux', '--delete' or '--test-label' "
                           "options%s",
                           "");
    }
}
