/* sh-main.c: the shell's entry point: sh -c TEXT [NAME [ARGS...]],
 * sh FILE [ARGS...], or commands read from standard input (sh-input.c);
 * options -e -u -x -f -C -i -m -l before them. The shell is interactive with -i,
 * or when standard input and standard error are terminals (XCU sh): it then
 * prompts and catches SIGINT and SIGQUIT, so it survives them while the
 * programs it starts get the default action back (exec resets a caught
 * signal, where an ignored one would stay ignored). Also the small
 * allocation and buffer helpers. */
#define _GNU_SOURCE
#define _WASI_EMULATED_GETPID /* getpid is bocal.h's, over the extension */
#include "bocal.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh-jobs.h"
#include "sh.h"

extern char **environ;

struct shell sh;
int set_option(const char *arg);

void *sh_malloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("sh: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

void *sh_realloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("sh: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

char *sh_strndup(const char *s, size_t n) {
    char *p = sh_malloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *sh_strdup(const char *s) { return sh_strndup(s, strlen(s)); }

void buf_addn(struct buf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = sh_realloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

void buf_add(struct buf *b, char c) { buf_addn(b, &c, 1); }
void buf_adds(struct buf *b, const char *s) { buf_addn(b, s, strlen(s)); }

char *buf_take(struct buf *b) {
    char *s = b->s ? b->s : sh_strdup("");
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

static char *read_all(FILE *f) {
    struct buf b = {0};
    buf_adds(&b, "");
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_addn(&b, chunk, n);
    return buf_take(&b);
}

/* This program's path, to start subshells with: Linux's /proc/self/exe, or
 * argv[0] (searched in PATH when it has no slash). */
static const char *find_self(const char *argv0) {
    static char path[4096];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n > 0) {
        path[n] = 0;
        return path;
    }
    if (strchr(argv0, '/')) {
        if (argv0[0] == '/' || !getcwd(path, sizeof path - 256)) return argv0;
        strncat(path, "/", sizeof path - strlen(path) - 1);
        strncat(path, argv0, sizeof path - strlen(path) - 1);
        return path;
    }
    const char *dirs = getenv("PATH");
    for (const char *at = dirs ? dirs : "/bin:/usr/bin"; *at;) {
        const char *end = strchr(at, ':');
        size_t len = end ? (size_t)(end - at) : strlen(at);
        snprintf(path, sizeof path, "%.*s/%s", (int)len, at, argv0);
        if (access(path, X_OK) == 0) return path;
        if (!end) break;
        at = end + 1;
    }
    return "/bin/sh";
}

static void on_interrupt(int signal) { (void)signal; }

static void catch_interrupts(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGQUIT, &action, NULL);
}

static const char *base_name(const char *s) {
    const char *slash = strrchr(s, '/');
    return slash ? slash + 1 : s;
}

int sh_main(int argc, char **argv) {
    sh.name = argv[0];
    /* "-sh": a login shell (login(1)'s convention); its subshells are "sh". */
    sh.login = argv[0][0] == '-';
    sh.argv0 = base_name(argv[0] + sh.login);
    sh.pid = getpid();
    sh.self = find_self(argv[0] + sh.login);
    int monitor_off = 0;
    vars_init(environ);
    /* PPID is set once, at start (XCU 2.5.3), as dash does. */
    char ppid[16];
    snprintf(ppid, sizeof ppid, "%d", (int)getppid());
    var_set("PPID", ppid, 0);
    const char *command = NULL;
    int i = 1;
    for (; i < argc && (argv[i][0] == '-' || argv[i][0] == '+') && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'c') command = "";
            else if (*o == 's') continue;
            else if (*o == 'l') sh.login = 1;
            else if (*o == 'm' && argv[i][0] == '+') monitor_off = 1;
            else {
                char option[3] = {argv[i][0], *o, 0};
                if (set_option(option) < 0) {
                    fprintf(stderr, "%s: Illegal option %s\n", sh.name, option);
                    return 2;
                }
            }
        }
    }
    char *text = NULL;
    if (command) {
        if (i >= argc) {
            fprintf(stderr, "%s: -c requires an argument\n", sh.name);
            return 2;
        }
        text = sh_strdup(argv[i++]);
        if (i < argc) sh.name = argv[i++];
    } else if (i < argc) {
        FILE *f = fopen(argv[i], "r");
        if (!f) {
            fprintf(stderr, "%s: 0: cannot open %s: %s\n", sh.name, argv[i],
                    errno == ENOENT ? "No such file" : strerror(errno));
            return errno == ENOENT ? 127 : 126;
        }
        text = read_all(f);
        fclose(f);
        sh.name = argv[i++];
    } else if (isatty(0) && isatty(2)) {
        sh.interactive = 1;
    }
    sh.params = sh_malloc(sizeof(char *) * (size_t)(argc - i + 1));
    for (; i < argc; i++) sh.params[sh.nparams++] = sh_strdup(argv[i]);
    const char *state = getenv("__SH_STATE");
    if (state) {
        char *copy = sh_strdup(state);
        var_unset("__SH_STATE");
        unsetenv("__SH_STATE");
        sh.status = run_text(copy, 1);
        free(copy);
    }
    if (sh.interactive) catch_interrupts();
    /* Job control: on in an interactive shell unless +m, when there is a terminal. */
    if (sh.interactive && !monitor_off) sh.monitor = 1;
    if (sh.monitor && job_control(1) < 0) sh.monitor = 0;
    if (sh.login) read_profiles();
    if (text) run_text(text, 1);
    else if (!sh.exiting) run_stdin();
    trap_run_exit();
    job_control_end();
    free(text);
    fflush(stdout);
    return sh.status;
}
