/* sh-builtins.c: the builtins that run inside the shell process (XCU 2.14
 * and the regular builtins the shell must provide): : true false echo cd
 * pwd exit export unset set shift read wait exec . eval break continue,
 * and test/[ (sh-test.c). Messages follow dash's, without its line number. */
#define _GNU_SOURCE
#include "bocal.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh-jobs.h"
#include "sh.h"

static int bi_true(int argc, char **argv) {
    (void)argc, (void)argv;
    return 0;
}

static int bi_false(int argc, char **argv) {
    (void)argc, (void)argv;
    return 1;
}

/* echo as dash's: -n only, backslash escapes always interpreted. */
static int bi_echo(int argc, char **argv) {
    int i = 1, newline = 1;
    if (i < argc && strcmp(argv[i], "-n") == 0) newline = 0, i++;
    for (; i < argc; i++) {
        for (const char *s = argv[i]; *s; s++) {
            if (*s != '\\' || !s[1]) {
                putchar(*s);
                continue;
            }
            switch (*++s) {
            case 'a': putchar('\a'); break;
            case 'b': putchar('\b'); break;
            case 'c': fflush(stdout); return 0;
            case 'f': putchar('\f'); break;
            case 'n': putchar('\n'); break;
            case 'r': putchar('\r'); break;
            case 't': putchar('\t'); break;
            case 'v': putchar('\v'); break;
            case '\\': putchar('\\'); break;
            case '0': {
                int v = 0, k = 0;
                while (k < 3 && s[1] >= '0' && s[1] <= '7') v = v * 8 + (*++s - '0'), k++;
                putchar(v);
                break;
            }
            default: putchar('\\'); putchar(*s);
            }
        }
        if (i + 1 < argc) putchar(' ');
    }
    if (newline) putchar('\n');
    fflush(stdout);
    return ferror(stdout) ? (clearerr(stdout), 1) : 0;
}

static int bi_cd(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : var_get("HOME");
    int print = 0;
    if (argc > 1 && strcmp(dir, "-") == 0) {
        dir = var_get("OLDPWD");
        print = 1;
    }
    if (!dir || !*dir) {
        sh_error("cd: HOME not set");
        return 2;
    }
    if (chdir(dir) < 0) {
        sh_error("cd: can't cd to %s", dir);
        return 2;
    }
    char cwd[4096];
    const char *old = var_get("PWD");
    if (old) var_set("OLDPWD", old, 0);
    if (getcwd(cwd, sizeof cwd)) {
        var_set("PWD", cwd, 0);
        if (print) printf("%s\n", cwd);
    }
    return 0;
}

static int bi_pwd(int argc, char **argv) {
    (void)argc, (void)argv;
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) {
        sh_error("pwd: %s", strerror(errno));
        return 2;
    }
    printf("%s\n", cwd);
    return 0;
}

static int parse_number(const char *s, int *out) {
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 0) return -1;
    *out = (int)v;
    return 0;
}

static int has_stopped(struct job *j) { return j->state == JOB_STOPPED; }

static int bi_exit(int argc, char **argv) {
    /* dash: an interactive shell with stopped jobs warns once; exit again
     * at the next prompt to leave. */
    if (sh.monitor && sh.interactive && !sh.exit_warned && jobs_each(has_stopped)) {
        fflush(stdout);
        fputs("You have stopped jobs.\n", stderr);
        sh.exit_warned = 2;
        return 0;
    }
    int status = sh.status;
    if (argc > 1 && parse_number(argv[1], &status) < 0) {
        sh_error("exit: Illegal number: %s", argv[1]);
        status = 2;
    }
    sh.status = status & 0xff;
    sh.exiting = 1;
    return sh.status;
}

/* return [N]: ends the function being run; outside one, like dash, ends the
 * script (run_text stops at sh.returning) with that status. */
static int bi_return(int argc, char **argv) {
    int status = sh.status;
    if (argc > 1 && parse_number(argv[1], &status) < 0) {
        sh_error("return: Illegal number: %s", argv[1]);
        sh.exiting = 1;
        return 2;
    }
    sh.returning = 1;
    return status;
}

static int bi_export(int argc, char **argv) {
    if (argc == 1 || (argc == 2 && strcmp(argv[1], "-p") == 0)) {
        vars_print(1);
        return 0;
    }
    for (int i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
        if (!valid_name(argv[i], n)) {
            sh_error("export: %s: bad variable name", argv[i]);
            sh.exiting = 1;
            return 2;
        }
        if (eq) {
            *eq = 0;
            var_set(argv[i], eq + 1, 1);
            *eq = '=';
        } else var_export(argv[i]);
    }
    return 0;
}

static int bi_unset(int argc, char **argv) {
    int functions = 0, i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "-f") == 0) functions = 1;
        else if (strcmp(argv[i], "-v") == 0) functions = 0;
        else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
    }
    for (; i < argc; i++) {
        if (functions) func_unset(argv[i]);
        else var_unset(argv[i]);
    }
    return 0;
}

static void set_params(int argc, char **argv) {
    for (int i = 0; i < sh.nparams; i++) free(sh.params[i]);
    free(sh.params);
    sh.params = sh_malloc(sizeof(char *) * (size_t)(argc + 1));
    for (int i = 0; i < argc; i++) sh.params[i] = sh_strdup(argv[i]);
    sh.nparams = argc;
}

/* Applies -e -u -x (or +e...); returns -1 for an unknown option. */
int set_option(const char *arg) {
    int on = arg[0] == '-';
    for (const char *o = arg + 1; *o; o++) {
        if (*o == 'e') sh.errexit = on;
        else if (*o == 'u') sh.nounset = on;
        else if (*o == 'x') sh.xtrace = on;
        else if (*o == 'f') sh.noglob = on;
        else if (*o == 'C') sh.noclobber = on;
        else if (*o == 'i') sh.interactive = on;
        else if (*o == 'm') sh.monitor = on;
        else return -1;
    }
    return 0;
}

static const struct {
    const char *name;
    char letter;
} long_options[] = {
    {"errexit", 'e'}, {"nounset", 'u'}, {"xtrace", 'x'},      {"noglob", 'f'},
    {"noclobber", 'C'}, {"interactive", 'i'}, {"monitor", 'm'}, {"pipefail", 0},
};
#define LONG_OPTIONS (sizeof long_options / sizeof long_options[0])

static int *long_option_flag(size_t k) {
    switch (long_options[k].letter) {
    case 'e': return &sh.errexit;
    case 'u': return &sh.nounset;
    case 'x': return &sh.xtrace;
    case 'f': return &sh.noglob;
    case 'C': return &sh.noclobber;
    case 'i': return &sh.interactive;
    case 'm': return &sh.monitor;
    default: return &sh.pipefail;
    }
}

/* set -o NAME / +o NAME; -o alone lists the options as dash, +o as commands. */
static int set_long_option(int on, const char *name) {
    if (!name) {
        for (size_t k = 0; k < LONG_OPTIONS; k++) {
            int value = *long_option_flag(k);
            if (on) printf("%-16s%s\n", long_options[k].name, value ? "on" : "off");
            else printf("set %co %s\n", value ? '-' : '+', long_options[k].name);
        }
        return 0;
    }
    for (size_t k = 0; k < LONG_OPTIONS; k++) {
        if (strcmp(long_options[k].name, name) == 0) {
            *long_option_flag(k) = on;
            return 0;
        }
    }
    sh_error("set: Illegal option -o %s", name);
    return -1;
}

static int set_options(int argc, char **argv);

/* set: options and parameters; -m turns job control on or off at once. */
static int bi_set(int argc, char **argv) {
    int monitor = sh.monitor;
    int status = set_options(argc, argv);
    if (sh.monitor != monitor && job_control(sh.monitor) < 0) {
        sh_error("set: can't access tty; job control turned off");
        sh.monitor = 0;
    }
    return status;
}

static int set_options(int argc, char **argv) {
    if (argc == 1) {
        vars_print(0);
        return 0;
    }
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if ((a[0] == '-' || a[0] == '+') && strcmp(a + 1, "o") == 0) {
            if (set_long_option(a[0] == '-', i + 1 < argc ? argv[i + 1] : NULL) < 0) {
                sh.exiting = 1;
                return 2;
            }
            if (i + 1 < argc) i++;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            i++;
            set_params(argc - i, argv + i);
            return 0;
        }
        if ((a[0] != '-' && a[0] != '+') || !a[1]) break;
        if (set_option(a) < 0) {
            sh_error("set: Illegal option %s", a);
            sh.exiting = 1;
            return 2;
        }
    }
    if (i < argc) set_params(argc - i, argv + i);
    return 0;
}

static int bi_shift(int argc, char **argv) {
    int n = 1;
    if (argc > 1 && parse_number(argv[1], &n) < 0) {
        sh_error("shift: Illegal number: %s", argv[1]);
        sh.exiting = 1;
        return 2;
    }
    if (n > sh.nparams) {
        sh_error("shift: can't shift that many");
        sh.exiting = 1;
        return 2;
    }
    for (int i = 0; i < n; i++) free(sh.params[i]);
    memmove(sh.params, sh.params + n, sizeof(char *) * (size_t)(sh.nparams - n));
    sh.nparams -= n;
    return 0;
}

/* read [-r] NAME...: one line, a byte at a time so that what follows stays
 * in the input for the next reader. */
static int bi_read(int argc, char **argv) {
    int i = 1, raw = 0;
    if (i < argc && strcmp(argv[i], "-r") == 0) raw = 1, i++;
    struct buf line = {0};
    buf_adds(&line, "");
    int got_eof = 1;
    char c;
    for (;;) {
        ssize_t n = read(0, &c, 1);
        if (n < 0 && errno == EINTR) {
            /* A trapped signal ends the read (its action runs next); any
             * other interruption (SIGCHLD, a stopped and continued job)
             * goes on reading. */
            if (!trap_pending()) continue;
            break;
        }
        if (n <= 0) break;
        if (c == '\n') {
            got_eof = 0;
            break;
        }
        if (c == '\\' && !raw) {
            if (read(0, &c, 1) <= 0) break;
            if (c == '\n') continue;
        }
        buf_add(&line, c);
    }
    char *text = buf_take(&line);
    const char *sep = var_get("IFS");
    if (!sep) sep = " \t\n";
    char *s = text;
    for (; i < argc; i++) {
        while (*s && strchr(sep, *s) && strchr(" \t\n", *s)) s++;
        if (i == argc - 1) {
            size_t len = strlen(s);
            while (len && strchr(sep, s[len - 1]) && strchr(" \t\n", s[len - 1])) s[--len] = 0;
            var_set(argv[i], s, 0);
            break;
        }
        char *end = s;
        while (*end && !strchr(sep, *end)) end++;
        char saved = *end;
        *end = 0;
        var_set(argv[i], s, 0);
        *end = saved;
        s = *end ? end + 1 : end;
    }
    int empty = got_eof && !*text;
    free(text);
    return got_eof ? 1 : (empty ? 1 : 0);
}

static int bi_exec(int argc, char **argv) {
    if (argc < 2) return 0;
    fflush(stdout);
    /* The terminal goes back to the group that had it, as dash's exec does. */
    int monitor = sh.monitor;
    if (monitor) job_control(0);
    execvp(argv[1], argv + 1);
    if (monitor) job_control(1);
    int error = errno;
    sh_error("exec: %s: %s", argv[1], error == ENOENT ? "not found" : strerror(error));
    sh.exiting = 1;
    return error == ENOENT ? 127 : 126;
}

static char *read_file(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    struct buf b = {0};
    buf_adds(&b, "");
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_addn(&b, chunk, n);
    fclose(f);
    return buf_take(&b);
}

static int bi_dot(int argc, char **argv) {
    if (argc < 2) return 0;
    char *text = read_file(argv[1]);
    if (!text) {
        sh_error(".: cannot open %s: %s", argv[1], errno == ENOENT ? "No such file" : strerror(errno));
        sh.exiting = 1;
        return 2;
    }
    int status = run_text(text, 1);
    free(text);
    return status;
}

static int bi_eval(int argc, char **argv) {
    struct buf b = {0};
    buf_adds(&b, "");
    for (int i = 1; i < argc; i++) {
        if (i > 1) buf_add(&b, ' ');
        buf_adds(&b, argv[i]);
    }
    char *text = buf_take(&b);
    sh.status = 0;
    int status = run_text(text, 0);
    free(text);
    return status;
}

static int loop_control(int argc, char **argv, int *counter) {
    int n = 1;
    if (argc > 1 && (parse_number(argv[1], &n) < 0 || n == 0)) {
        sh_error("%s: Illegal number: %s", argv[0], argv[1]);
        return 2;
    }
    if (!sh.loop_depth) return 0;
    *counter = n > sh.loop_depth ? sh.loop_depth : n;
    return 0;
}

static int bi_break(int argc, char **argv) { return loop_control(argc, argv, &sh.breaking); }
static int bi_continue(int argc, char **argv) { return loop_control(argc, argv, &sh.continuing); }

/* __sh_state PID LAST_BACKGROUND STATUS E U X F C PIPEFAIL: the state a
 * parent shell hands to its subshell (sh-vars.c). */
static int bi_state(int argc, char **argv) {
    if (argc != 10) return 2;
    sh.pipefail = atoi(argv[9]);
    sh.noglob = atoi(argv[7]);
    sh.noclobber = atoi(argv[8]);
    sh.pid = atol(argv[1]);
    sh.last_background = atol(argv[2]);
    sh.errexit = atoi(argv[4]);
    sh.nounset = atoi(argv[5]);
    sh.xtrace = atoi(argv[6]);
    return atoi(argv[3]);
}

static const struct {
    const char *name;
    builtin_fn fn;
    int special;
} builtins[] = {
    {":", bi_true, 1},       {".", bi_dot, 1},       {"break", bi_break, 1},
    {"continue", bi_continue, 1}, {"eval", bi_eval, 1}, {"exec", bi_exec, 1},
    {"exit", bi_exit, 1},    {"return", bi_return, 1},    {"export", bi_export, 1}, {"set", bi_set, 1},
    {"shift", bi_shift, 1},  {"unset", bi_unset, 1},  {"__sh_state", bi_state, 1},
    {"true", bi_true, 0},    {"false", bi_false, 0}, {"echo", bi_echo, 0},
    {"cd", bi_cd, 0},        {"pwd", bi_pwd, 0},     {"read", bi_read, 0},
    {"wait", bi_wait, 0},    {"test", builtin_test, 0}, {"[", builtin_test, 0},
    {"trap", bi_trap, 1},    {"getopts", bi_getopts, 0}, {"type", bi_type, 0},
    {"command", bi_command, 0}, {"hash", bi_hash, 0}, {"ulimit", bi_ulimit, 0},
    {"jobs", bi_jobs, 0},    {"fg", bi_fg, 0},       {"bg", bi_bg, 0},
    {"kill", bi_kill, 0},    {"alias", bi_alias, 0}, {"unalias", bi_unalias, 0},
    {"times", bi_times, 1},
};

builtin_fn find_builtin(const char *name) {
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (strcmp(builtins[i].name, name) == 0) return builtins[i].fn;
    return NULL;
}

int is_special_builtin(const char *name) {
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (strcmp(builtins[i].name, name) == 0) return builtins[i].special;
    return 0;
}
