/* awk.c: the awk applet's command line: awk [-F fs] [-v var=value]...
 * ['program' | -f progfile...] [file | var=value]... The language is POSIX
 * awk; messages and exit statuses follow mawk (Debian's awk), which the
 * tests compare against: 2 for a syntax error, an unreadable file or a
 * run-time error, else exit's value. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "awk.h"
#include "util.h"

extern char **environ;
int awk_assignment(const char *arg);

static const char *special_names[SPECIAL_COUNT] = {
    "NR", "NF", "FNR", "FS", "OFS", "ORS", "RS", "FILENAME", "SUBSEP", "RSTART", "RLENGTH",
    "CONVFMT", "OFMT", "ENVIRON", "ARGC", "ARGV",
};

int awk_escape(char c) {
    switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case '\\': return '\\';
    case '"': return '"';
    case '/': return '/';
    case 'a': return '\a';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'v': return '\v';
    default: return -1;
    }
}

char *awk_unescape(const char *text) {
    char *out = xmalloc(strlen(text) + 1), *w = out;
    for (const char *p = text; *p; p++) {
        if (*p != '\\' || !p[1]) {
            *w++ = *p;
            continue;
        }
        p++;
        int escaped = awk_escape(*p);
        if (escaped >= 0) {
            *w++ = (char)escaped;
        } else if (*p >= '0' && *p <= '7') {
            int value = 0;
            for (int i = 0; i < 3 && *p >= '0' && *p <= '7'; i++) value = value * 8 + (*p++ - '0');
            p--;
            *w++ = (char)value;
        } else {
            *w++ = '\\', *w++ = *p;
        }
    }
    *w = '\0';
    return out;
}

/* Without a program mawk prints its usage and exits 0; we print ours. */
static int usage_error(void) {
    fprintf(stderr, "Usage: %s [-F value] [-v var=value] [--] 'program text' [file ...]\n"
                    "Usage: %s [-F value] [-v var=value] [-f program-file] [--] [file ...]\n",
            applet_name, applet_name);
    return 0;
}

static int awk_help(void) {
    printf("Usage: %s [-F value] [-v var=value] [--] 'program text' [file ...]\n"
           "   or: %s [-F value] [-v var=value] [-f program-file] [--] [file ...]\n"
           "Runs an awk program (the POSIX language) over the files or standard input.\n\n"
           "  -F value         set the field separator FS\n"
           "  -v var=value     assign a variable before the program starts\n"
           "  -f program-file  read the program from a file (may be repeated)\n"
           "  --               end of options\n",
           applet_name, applet_name);
    return 0;
}

static char *read_program_file(const char *name, char *program) {
    FILE *file = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
    if (!file) {
        fprintf(stderr, "%s: cannot open %s (%s)\n", applet_name, name, strerror(errno));
        exit(2);
    }
    size_t length = program ? strlen(program) : 0, size = length + 4096;
    program = realloc(program, size);
    size_t got;
    if (length) program[length++] = '\n';
    while ((got = fread(program + length, 1, size - length - 1, file)) > 0) {
        length += got;
        if (size - length < 1024) program = realloc(program, size *= 2);
    }
    program[length] = '\0';
    if (file != stdin) fclose(file);
    return program;
}

int awk_main(int argc, char **argv) {
    char *program_text = NULL, *fs = NULL;
    awk_stack_init();
    char **assignments = xmalloc(sizeof(char *) * (size_t)argc);
    int assignment_count = 0, i = 1;
    for (; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-' || arg[1] == '\0') break;
        if (strcmp(arg, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(arg, "--help") == 0) return awk_help();
        if (strcmp(arg, "--version") == 0) {
            printf("awk (box) 1.0\n");
            return 0;
        }
        char option = arg[1];
        if (arg[1] == '-' || !strchr("Fvf W", option)) {
            fprintf(stderr, "%s: not an option: %s\n", applet_name, arg);
            return 2;
        }
        const char *value = arg[2] ? arg + 2 : argv[++i];
        if (!value) {
            fprintf(stderr, "%s: option %s lacks argument\n", applet_name, arg);
            return 2;
        }
        switch (option) {
        case 'F': fs = awk_unescape(value); break;
        case 'v':
            if (!strchr(value, '=')) {
                fprintf(stderr, "%s: improper assignment: -v %s\n", applet_name, value);
                return 2;
            }
            assignments[assignment_count++] = (char *)value;
            break;
        case 'f': program_text = read_program_file(value, program_text); break;
        case 'W': break; /* mawk's implementation options: none here */
        }
    }
    if (!program_text) {
        if (i >= argc) return usage_error();
        program_text = argv[i++];
    }
    struct program *program = xmalloc(sizeof *program);
    memset(program, 0, sizeof *program);
    for (int s = 0; s < SPECIAL_COUNT; s++) global_index(program, special_names[s]);
    awk_program = program;
    awk_parse(program, program_text);

    awk_globals = calloc((size_t)program->global_count, sizeof(struct cell));
    cell_set_num(&awk_globals[V_NR], 0);
    cell_set_num(&awk_globals[V_NF], 0);
    cell_set_num(&awk_globals[V_FNR], 0);
    cell_set_str(&awk_globals[V_FS], " ");
    cell_set_str(&awk_globals[V_OFS], " ");
    cell_set_str(&awk_globals[V_ORS], "\n");
    cell_set_str(&awk_globals[V_RS], "\n");
    cell_set_str(&awk_globals[V_FILENAME], "");
    cell_set_str(&awk_globals[V_SUBSEP], "\034");
    cell_set_num(&awk_globals[V_RSTART], 0);
    cell_set_num(&awk_globals[V_RLENGTH], -1);
    cell_set_str(&awk_globals[V_CONVFMT], "%.6g");
    cell_set_str(&awk_globals[V_OFMT], "%.6g");
    awk_globals[V_ENVIRON].type = CELL_ARRAY;
    awk_globals[V_ENVIRON].array = array_new();
    for (char **env = environ; env && *env; env++) {
        char *equals = strchr(*env, '=');
        if (!equals) continue;
        char *name = strndup(*env, (size_t)(equals - *env));
        cell_set_input(array_get(awk_globals[V_ENVIRON].array, name, 1), equals + 1);
        free(name);
    }
    awk_globals[V_ARGV].type = CELL_ARRAY;
    awk_globals[V_ARGV].array = array_new();
    cell_set_str(array_get(awk_globals[V_ARGV].array, "0", 1), applet_name);
    int count = 1;
    for (; i < argc; i++, count++) {
        char key[32];
        snprintf(key, sizeof key, "%d", count);
        cell_set_input(array_get(awk_globals[V_ARGV].array, key, 1), argv[i]);
    }
    cell_set_num(&awk_globals[V_ARGC], count);
    if (fs) cell_set_str(&awk_globals[V_FS], fs);
    for (int a = 0; a < assignment_count; a++) awk_assignment(assignments[a]);
    return awk_run(program);
}
