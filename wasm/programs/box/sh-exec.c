/* sh-exec.c: runs the tree (XCU 2.9). Programs start with posix_spawnp;
 * redirections are applied to the shell's own descriptors around the spawn
 * (saved on close-on-exec copies and restored after), so builtins and
 * programs share one path and the child inherits exactly what a forked
 * child would. Everything that needs a copy of the shell (a subshell, a
 * non-simple pipeline element, a builtin in a pipeline, an asynchronous
 * list, a command substitution) runs as this program again with -c TEXT:
 * WASI has no fork. Such a subshell sees the parent's variables, options,
 * positional parameters and functions (sh-vars.c), but not traps (XCU 2.12:
 * a subshell starts with the default actions). */
#define _GNU_SOURCE
#include "bocal.h"
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh-jobs.h"
#include "sh.h"

extern char **environ;

void sh_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fflush(stdout);
    /* No shell name when the shell is not running: the test applet. */
    if (sh.name) fprintf(stderr, "%s: ", sh.name);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static const char *describe(int error) {
    return error == ENOENT ? "No such file" : strerror(error);
}

/* ---- processes ----------------------------------------------------------- */

int wait_pid(long pid) {
    int status;
    while (waitpid((pid_t)pid, &status, 0) < 0)
        if (errno != EINTR) return 127;
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

long spawn_subshell(const char *text) {
    char **argv = sh_malloc(sizeof(char *) * (size_t)(sh.nparams + 5));
    int k = 0;
    argv[k++] = (char *)sh.argv0;
    argv[k++] = "-c";
    argv[k++] = (char *)text;
    argv[k++] = sh.name;
    for (int i = 0; i < sh.nparams; i++) argv[k++] = sh.params[i];
    argv[k] = NULL;
    char *state = vars_state_script();
    size_t size = strlen(state) + 16;
    char *assignment = sh_malloc(size);
    snprintf(assignment, size, "__SH_STATE=%s", state);
    char **env = vars_environ(&assignment, 1);
    fflush(stdout);
    fflush(stderr);
    pid_t pid;
    posix_spawnattr_t attr;
    posix_spawnattr_t *attrp = job_spawn_attr(&attr);
    int error = posix_spawn(&pid, sh.self, NULL, attrp, argv, env);
    if (attrp) posix_spawnattr_destroy(attrp);
    for (char **e = env; *e; e++) free(*e);
    free(env);
    free(assignment);
    free(state);
    free(argv);
    if (error) {
        sh_error("%s: %s", sh.self, strerror(error));
        return -1;
    }
    return pid;
}

char *capture_output(const char *text) {
    int fds[2];
    struct buf out = {0};
    buf_adds(&out, "");
    if (pipe2(fds, O_CLOEXEC) < 0) {
        sh_error("pipe: %s", strerror(errno));
        return buf_take(&out);
    }
    int saved = fcntl(1, F_DUPFD_CLOEXEC, 10);
    dup2(fds[1], 1);
    long pid = spawn_subshell(text);
    if (saved >= 0) {
        dup2(saved, 1);
        close(saved);
    } else close(1);
    close(fds[1]);
    char chunk[4096];
    for (;;) {
        ssize_t n = read(fds[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        buf_addn(&out, chunk, (size_t)n);
    }
    close(fds[0]);
    sh.substituted = sh.status = pid < 0 ? 127 : wait_pid(pid);
    return buf_take(&out);
}

/* ---- redirections ---------------------------------------------------------- */

static void save_fd(int fd, int save[10]) {
    if (!save || fd > 9 || save[fd] != -1) return;
    int copy = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    save[fd] = copy >= 0 ? copy : -2;
}

/* Writes a here-document's body into a pipe and returns its read end. A
 * body larger than the pipe's buffer would block us: see the report. */
static int heredoc_fd(struct redir *r) {
    char *body = r->quoted_body ? sh_strdup(r->word) : expand_heredoc(r->word);
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) {
        free(body);
        return -1;
    }
    size_t len = strlen(body);
    for (size_t done = 0; done < len;) {
        ssize_t n = write(fds[1], body + done, len - done);
        if (n <= 0) break;
        done += (size_t)n;
    }
    close(fds[1]);
    free(body);
    return fds[0];
}

/* set -C: > does not truncate an existing regular file (EEXIST); other
 * files (/dev/null, a fifo) open as usual (XCU 2.7.2). */
static int open_noclobber(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        errno = EEXIST;
        return -1;
    }
    return open(path, O_WRONLY | O_CLOEXEC);
}

static int open_target(struct redir *r, const char *path) {
    switch (r->op) {
    case R_IN: return open(path, O_RDONLY | O_CLOEXEC);
    case R_OUT:
        if (sh.noclobber) return open_noclobber(path);
        return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    case R_CLOBBER: return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    case R_APPEND: return open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
    case R_READ_WRITE: return open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    default: return -1;
    }
}

/* Puts the shell's own close-on-exec FD at TARGET, where the programs it
 * starts inherit it. When the open already returned TARGET (it was free),
 * dup2 would do nothing and the flag would stay: cleared instead. */
static void move_fd(int fd, int target) {
    if (fd == target) {
        fcntl(fd, F_SETFD, 0);
        return;
    }
    dup2(fd, target);
    close(fd);
}

int apply_redirs(struct redir *r, int save[10]) {
    for (; r; r = r->next) {
        save_fd(r->fd, save);
        if (r->op == R_HEREDOC) {
            int fd = heredoc_fd(r);
            if (fd < 0) return -1;
            move_fd(fd, r->fd);
            continue;
        }
        char *word = expand_word(r->word);
        if (r->op == R_DUP_IN || r->op == R_DUP_OUT) {
            if (strcmp(word, "-") == 0) close(r->fd);
            else {
                char *end;
                long from = strtol(word, &end, 10);
                if (!*word || *end || from < 0 || (from != r->fd && dup2((int)from, r->fd) < 0) ||
                    (from == r->fd && fcntl(r->fd, F_GETFD) < 0)) {
                    sh_error("%s: Bad file descriptor", word);
                    free(word);
                    return -1;
                }
            }
            free(word);
            continue;
        }
        int fd = open_target(r, word);
        if (fd < 0) {
            sh_error("cannot %s %s: %s", r->op == R_IN ? "open" : "create", word,
                     errno == EEXIST ? "File exists" : describe(errno));
            free(word);
            return -1;
        }
        free(word);
        move_fd(fd, r->fd);
    }
    return 0;
}

void restore_redirs(int save[10]) {
    fflush(stdout);
    fflush(stderr);
    for (int fd = 0; fd < 10; fd++) {
        if (save[fd] == -1) continue;
        if (save[fd] == -2) close(fd);
        else {
            dup2(save[fd], fd);
            close(save[fd]);
        }
        save[fd] = -1;
    }
}

static void init_save(int save[10]) {
    for (int i = 0; i < 10; i++) save[i] = -1;
}

/* ---- simple commands ----------------------------------------------------- */

static void trace(struct fields *f, char **assigns, int nassigns) {
    if (!sh.xtrace) return;
    fflush(stdout);
    fputc('+', stderr);
    for (int i = 0; i < nassigns; i++) fprintf(stderr, " %s", assigns[i]);
    for (int i = 0; i < f->n; i++) fprintf(stderr, " %s", f->v[i]);
    fputc('\n', stderr);
}

/* Starts a program; returns its pid, or -1 with sh.status set (127/126). */
static long start_program(struct fields *f, char **assigns, int nassigns) {
    char **env = vars_environ(assigns, nassigns);
    fflush(stdout);
    fflush(stderr);
    pid_t pid;
    const char *path = hash_lookup(f->v[0]);
    posix_spawnattr_t attr;
    posix_spawnattr_t *attrp = job_spawn_attr(&attr);
    int error = posix_spawnp(&pid, path ? path : f->v[0], NULL, attrp, f->v, env);
    if (error == ENOENT && path && path != f->v[0]) {
        /* The remembered program went away: search $PATH again. */
        hash_forget_all();
        error = posix_spawnp(&pid, f->v[0], NULL, attrp, f->v, env);
    }
    if (attrp) posix_spawnattr_destroy(attrp);
    for (char **e = env; *e; e++) free(*e);
    free(env);
    if (!error) return pid;
    if (error == ENOENT || error == ENOTDIR) {
        sh_error("%s: not found", f->v[0]);
        sh.status = 127;
    } else {
        sh_error("%s: %s", f->v[0], error == ENOEXEC ? "Exec format error" : strerror(error));
        sh.status = 126;
    }
    return -1;
}

/* Runs what START starts (one process, or -1) as a foreground job named TEXT. */
static int run_foreground(long (*start)(void *), void *arg, const char *text) {
    struct job *j = job_new(text);
    j->foreground = 1;
    job_starting(j);
    long pid = start(arg);
    job_started();
    if (pid < 0) {
        job_free(j);
        return sh.status ? sh.status : 127;
    }
    job_add_process(j, pid, text);
    return job_wait(j);
}

static long start_fields(void *arg) { return start_program(arg, NULL, 0); }

static char *joined(int argc, char **argv) {
    struct buf b = {0};
    buf_adds(&b, "");
    for (int i = 0; i < argc; i++) {
        if (i) buf_add(&b, ' ');
        buf_adds(&b, argv[i]);
    }
    return buf_take(&b);
}

int run_program(int argc, char **argv) {
    struct fields f = {argv, argc, argc};
    char *text = joined(argc, argv);
    int status = run_foreground(start_fields, &f, text);
    free(text);
    return status;
}

static char **expand_assignments(struct node *n) {
    char **assigns = sh_malloc(sizeof(char *) * (size_t)(n->nassigns + 1));
    for (int i = 0; i < n->nassigns; i++) {
        const char *eq = strchr(n->words[i], '=');
        char *value = expand_word(eq + 1);
        size_t size = (size_t)(eq - n->words[i]) + strlen(value) + 2;
        assigns[i] = sh_malloc(size);
        snprintf(assigns[i], size, "%.*s=%s", (int)(eq - n->words[i]), n->words[i], value);
        free(value);
    }
    assigns[n->nassigns] = NULL;
    return assigns;
}

static void assign_all(char **assigns, int n, int export) {
    for (int i = 0; i < n; i++) {
        char *eq = strchr(assigns[i], '=');
        *eq = 0;
        var_set(assigns[i], eq + 1, export);
        *eq = '=';
    }
}

static void free_strings(char **v, int n) {
    for (int i = 0; i < n; i++) free(v[i]);
    free(v);
}

/* Runs a builtin with its assignments, which last beyond it only for the
 * special builtins (XCU 2.14). */
static int run_builtin(builtin_fn fn, struct fields *f, char **assigns, int nassigns) {
    int special = is_special_builtin(f->v[0]);
    char **old = sh_malloc(sizeof(char *) * (size_t)(nassigns + 1));
    int *was_exported = sh_malloc(sizeof(int) * (size_t)(nassigns + 1));
    for (int i = 0; i < nassigns && !special; i++) {
        char *eq = strchr(assigns[i], '=');
        *eq = 0;
        const char *v = var_get(assigns[i]);
        old[i] = v ? sh_strdup(v) : NULL;
        was_exported[i] = var_is_exported(assigns[i]);
        *eq = '=';
    }
    assign_all(assigns, nassigns, 0);
    int status = fn(f->n, f->v);
    fflush(stdout);
    for (int i = 0; i < nassigns && !special; i++) {
        char *eq = strchr(assigns[i], '=');
        *eq = 0;
        if (old[i]) var_set(assigns[i], old[i], was_exported[i]);
        else var_unset(assigns[i]);
        *eq = '=';
        free(old[i]);
    }
    free(old);
    free(was_exported);
    return status;
}

struct program_call {
    struct fields *f;
    char **assigns;
    int nassigns;
};

static long start_call(void *arg) {
    struct program_call *c = arg;
    return start_program(c->f, c->assigns, c->nassigns);
}

static int run_simple(struct node *n) {
    struct fields f = {0};
    sh.substituted = -1;
    if (expand_words(n->words + n->nassigns, n->nwords - n->nassigns, &f) < 0) {
        fields_free(&f);
        return sh.status;
    }
    char **assigns = expand_assignments(n);
    if (sh.exiting) {
        free_strings(assigns, n->nassigns);
        fields_free(&f);
        return sh.status;
    }
    trace(&f, assigns, n->nassigns);
    int save[10];
    init_save(save);
    int status;
    if (f.n == 0) {
        assign_all(assigns, n->nassigns, 0);
        status = sh.substituted >= 0 ? sh.substituted : 0;
        if (apply_redirs(n->redirs, save) < 0) status = 1;
        restore_redirs(save);
    } else if (apply_redirs(n->redirs, save) < 0) {
        status = 2; /* dash's status for a failed redirection */
        if (is_special_builtin(f.v[0])) sh.exiting = 1;
        restore_redirs(save);
    } else {
        builtin_fn fn = find_builtin(f.v[0]);
        if (!is_special_builtin(f.v[0]) && func_exists(f.v[0])) fn = func_call;
        if (fn) {
            status = run_builtin(fn, &f, assigns, n->nassigns);
            if (strcmp(f.v[0], "exec") == 0 && f.n == 1) init_save(save); /* exec keeps them */
        } else {
            struct program_call call = {&f, assigns, n->nassigns};
            char *text = node_text(n);
            status = run_foreground(start_call, &call, text);
            free(text);
        }
        restore_redirs(save);
    }
    free_strings(assigns, n->nassigns);
    fields_free(&f);
    return status;
}

/* A simple command whose first word is a builtin's name runs in the shell. */
static int names_builtin(struct node *n) {
    if (n->type != N_SIMPLE) return 1;
    if (n->nwords == n->nassigns) return 1;
    const char *name = n->words[n->nassigns];
    return find_builtin(name) != NULL || func_exists(name);
}

/* Starts a pipeline element or an asynchronous list without waiting. */
static long start_async(struct node *n) {
    if (names_builtin(n)) return spawn_subshell(n->source);
    struct fields f = {0};
    sh.substituted = -1;
    if (expand_words(n->words + n->nassigns, n->nwords - n->nassigns, &f) < 0 || f.n == 0) {
        fields_free(&f);
        return -1;
    }
    char **assigns = expand_assignments(n);
    trace(&f, assigns, n->nassigns);
    int save[10];
    init_save(save);
    long pid = -1;
    if (apply_redirs(n->redirs, save) == 0) pid = start_program(&f, assigns, n->nassigns);
    restore_redirs(save);
    free_strings(assigns, n->nassigns);
    fields_free(&f);
    return pid;
}

/* ---- pipelines and lists --------------------------------------------------- */

/* Starts the elements of pipeline N, each a process of job J. */
static void start_pipeline(struct node *n, struct job *j) {
    job_starting(j);
    int previous = -1;
    for (int i = 0; i < n->count; i++) {
        int fds[2] = {-1, -1};
        if (i < n->count - 1 && pipe2(fds, O_CLOEXEC) < 0) {
            sh_error("pipe: %s", strerror(errno));
            fds[0] = fds[1] = -1;
        }
        /* Out of 0-9 (free when the shell was started without them): a
         * dup2 onto itself would keep its close-on-exec flag. */
        for (int k = 0; k < 2; k++)
            if (fds[k] >= 0 && fds[k] < 10) {
                int high = fcntl(fds[k], F_DUPFD_CLOEXEC, 10);
                if (high >= 0) close(fds[k]), fds[k] = high;
            }
        int save[10];
        init_save(save);
        if (previous >= 0) save_fd(0, save), dup2(previous, 0);
        if (fds[1] >= 0) save_fd(1, save), dup2(fds[1], 1);
        long pid = start_async(n->list[i]);
        char *text = node_text(n->list[i]);
        job_add_process(j, pid, text);
        free(text);
        job_first_started(j);
        restore_redirs(save);
        if (previous >= 0) close(previous);
        if (fds[1] >= 0) close(fds[1]);
        previous = fds[0];
    }
    job_started();
}

static int run_pipeline(struct node *n) {
    char *text = node_text(n);
    struct job *j = job_new(text);
    free(text);
    j->foreground = 1;
    start_pipeline(n, j);
    int last_failed = j->procs[n->count - 1].pid < 0;
    int status = job_wait(j);
    if (last_failed) status = sh.status ? sh.status : 127;
    return status;
}

/* An asynchronous list (XCU 2.9.3.1): without job control, its standard
 * input is /dev/null; with it, it is its own job in the background. */
static int run_background(struct node *n) {
    int save[10];
    init_save(save);
    if (!sh.monitor) {
        save_fd(0, save);
        int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (null >= 0) dup2(null, 0), close(null);
    }
    char *text = node_text(n->a);
    struct job *j = job_new(text);
    if (n->a->type == N_PIPE) {
        /* Each element its own process, as in the foreground: jobs -l lists them. */
        start_pipeline(n->a, j);
    } else {
        job_starting(j);
        long pid = n->a->type == N_SIMPLE ? start_async(n->a) : spawn_subshell(n->source);
        job_started();
        if (pid > 0) job_add_process(j, pid, text);
    }
    free(text);
    restore_redirs(save);
    long last = j->nprocs ? j->procs[j->nprocs - 1].pid : -1;
    if (last > 0) {
        sh.last_background = last;
        job_background(j);
    } else job_free(j);
    return 0;
}

static int condition(struct node *n) {
    sh.errexit_off++;
    int status = run_node(n);
    sh.errexit_off--;
    return status;
}

static int run_loop(struct node *n) {
    int status = 0;
    sh.loop_depth++;
    while (!sh.exiting && !sh.interrupted) {
        int c = condition(n->a);
        if (sh.exiting || sh.breaking || sh.returning || sh.interrupted) break;
        if ((n->type == N_WHILE) != (c == 0)) break;
        status = run_node(n->b);
        if (sh.breaking || sh.returning) break;
        if (sh.continuing && --sh.continuing) break;
    }
    if (sh.breaking) sh.breaking--;
    sh.loop_depth--;
    return status;
}

static int run_for(struct node *n) {
    struct fields f = {0};
    if (n->items) {
        if (expand_words(n->items, n->nitems, &f) < 0) return sh.status;
    } else
        for (int i = 0; i < sh.nparams; i++) fields_add(&f, sh_strdup(sh.params[i]));
    int status = 0;
    sh.loop_depth++;
    for (int i = 0; i < f.n && !sh.exiting && !sh.interrupted; i++) {
        var_set(n->name, f.v[i], 0);
        status = run_node(n->a);
        if (sh.breaking || sh.returning) break;
        if (sh.continuing && --sh.continuing) break;
    }
    if (sh.breaking) sh.breaking--;
    sh.loop_depth--;
    fields_free(&f);
    return status;
}

static int run_case(struct node *n) {
    char *word = expand_word(n->name);
    int status = 0;
    for (struct case_item *c = n->cases; c; c = c->next) {
        int matched = 0;
        for (int i = 0; i < c->npatterns && !matched; i++) {
            char *pattern = expand_case_pattern(c->patterns[i]);
            matched = pattern_match(pattern, word);
            free(pattern);
        }
        if (matched) {
            status = c->body ? run_node(c->body) : 0;
            break;
        }
    }
    free(word);
    return status;
}

static long start_subshell(void *text) { return spawn_subshell(text); }

static int run_compound(struct node *n) {
    switch (n->type) {
    case N_SUBSHELL: {
        char *text = node_text(n);
        int status = run_foreground(start_subshell, n->name, text);
        free(text);
        return status;
    }
    case N_GROUP: return run_node(n->a);
    case N_IF:
        if (condition(n->a) == 0) return sh.exiting ? sh.status : run_node(n->b);
        return n->c && !sh.exiting ? run_node(n->c) : 0;
    case N_WHILE:
    case N_UNTIL: return run_loop(n);
    case N_FOR: return run_for(n);
    case N_CASE: return run_case(n);
    case N_FUNCDEF: func_define(n->name, n->items[0]); return 0;
    default: return 0;
    }
}

int run_node(struct node *n) {
    if (!n || sh.exiting || sh.returning || sh.interrupted) return sh.status;
    int status;
    int checks_errexit = 0;
    switch (n->type) {
    case N_SIMPLE:
        status = run_simple(n);
        checks_errexit = 1;
        break;
    case N_PIPE:
        status = run_pipeline(n);
        checks_errexit = 1;
        break;
    case N_NOT: status = !condition(n->a); break;
    case N_AND:
    case N_OR:
        status = condition(n->a);
        if (!sh.exiting && !sh.returning && (status == 0) == (n->type == N_AND)) {
            status = run_node(n->b);
        }
        break;
    case N_SEQ:
        run_node(n->a);
        status = sh.exiting || sh.breaking || sh.continuing || sh.returning ? sh.status
                                                                            : run_node(n->b);
        break;
    case N_BACKGROUND: status = run_background(n); break;
    default: {
        int save[10];
        init_save(save);
        if (apply_redirs(n->redirs, save) < 0) status = 1;
        else status = run_compound(n);
        restore_redirs(save);
        checks_errexit = n->type == N_SUBSHELL;
    }
    }
    sh.status = status;
    if (checks_errexit && status && sh.errexit && !sh.errexit_off) sh.exiting = 1;
    trap_run_pending();
    return sh.status;
}

int run_text(const char *text, int reset_line) {
    (void)reset_line;
    return run_text_at(text, 1);
}

int run_text_at(const char *text, int first_line) {
    struct parser p = {0};
    p.text = text;
    p.line = first_line;
    while (!sh.exiting && !sh.returning) {
        struct node *n = parse_complete_command(&p);
        if (p.error) {
            sh.status = 2;
            if (!sh.interactive) sh.exiting = 1;
            break;
        }
        if (!n) break;
        run_node(n);
        free_node(n);
    }
    free(p.owned);
    return sh.status;
}
