/* sed.h: the sed applet's compiled script, shared by its parser
 * (sed-parse.c) and its executor (sed.c). */
#ifndef BOX_SED_H
#define BOX_SED_H

#include <regex.h>
#include <stdio.h>

enum sed_address_kind {
    ADDRESS_NONE,
    ADDRESS_LINE,  /* N */
    ADDRESS_LAST,  /* $ */
    ADDRESS_REGEX, /* /RE/ or \cREc; regex NULL: the last one used */
    ADDRESS_STEP,  /* FIRST~STEP */
    ADDRESS_PLUS,  /* ,+N (second address only) */
    ADDRESS_MULT,  /* ,~N (second address only) */
};

struct sed_address {
    enum sed_address_kind kind;
    long line, step;
    regex_t *regex;
};

struct sed_command {
    struct sed_address first, second;
    int negate;
    char name;
    int in_range;    /* a range is open */
    long range_end;  /* its last line, for ADDRESS_PLUS */
    char *text;      /* a i c text, label of b t T :, file of r R w W */
    size_t text_length;
    regex_t *regex;  /* s: NULL means the last regex used */
    char *replacement;
    int global, occurrence, print, ignore_case;
    FILE *file;      /* w W, the s///w file, R's input */
    unsigned char map[256]; /* y */
    int number;      /* q Q exit status, l width; -1 when not given */
    int jump;        /* { : index after its }; b t T : target index */
};

struct sed_script {
    struct sed_command *commands;
    int count, capacity;
    int extended; /* -E */
};

/* One -e or -f piece of the script, in command-line order. */
struct sed_source {
    const char *text;
    const char *file; /* -f's file name, NULL for -e */
};

/* Compiles `sources` into `script`; on a syntax error prints GNU sed's
 * message and returns -1. */
int sed_compile(struct sed_script *script, const struct sed_source *sources, int count);

#endif
