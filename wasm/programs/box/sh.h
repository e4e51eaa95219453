/* sh.h: the shell's shared types and functions. The shell reads a script
 * (from -c, a file or stdin), parses one complete command at a time into a
 * tree of nodes (sh-parse.c), expands words (sh-expand.c) and runs the tree
 * (sh-exec.c). There is no fork in WASI: a subshell, a command substitution
 * and a non-simple element of a pipeline run as a new process of this same
 * program with `-c TEXT`, carrying the shell's private state with them
 * (sh-vars.c). */
#ifndef SH_H
#define SH_H

#include <stddef.h>

struct buf;

/* ---- the tree ------------------------------------------------------------ */

enum node_type {
    N_SIMPLE, N_PIPE, N_AND, N_OR, N_SEQ, N_BACKGROUND, N_NOT,
    N_SUBSHELL, N_GROUP, N_IF, N_WHILE, N_UNTIL, N_FOR, N_CASE, N_FUNCDEF
};

enum redir_op { R_IN, R_OUT, R_APPEND, R_CLOBBER, R_DUP_IN, R_DUP_OUT, R_READ_WRITE, R_HEREDOC };

struct redir {
    int fd;            /* the descriptor redirected */
    enum redir_op op;
    char *word;        /* raw word; for R_HEREDOC the body */
    int quoted_body;   /* R_HEREDOC: delimiter was quoted, body is not expanded */
    struct redir *next;
};

struct case_item {
    char **patterns;
    int npatterns;
    struct node *body;
    struct case_item *next;
};

struct node {
    enum node_type type;
    int line;
    char *source;      /* the command's own text, for running it in a new shell */
    /* N_SIMPLE */
    char **words;      /* raw words, assignments first */
    int nwords;
    int nassigns;
    /* every command */
    struct redir *redirs;
    /* N_PIPE: elements; others: children */
    struct node **list;
    int count;
    struct node *a, *b, *c;  /* if: cond/then/else; while: cond/body; binary: left/right */
    char *name;              /* N_FOR variable; N_CASE word; N_SUBSHELL text; N_FUNCDEF name */
    char **items;            /* N_FOR words (NULL: "$@") */
    int nitems;
    struct case_item *cases;
};

/* ---- parsing (sh-parse.c) ------------------------------------------------ */

struct parser {
    const char *text;
    size_t pos;
    int line;
    int error;          /* set after a syntax error was reported */
    int quiet;          /* probing: report no error, only set error/incomplete */
    int incomplete;     /* the error was the end of the text: more input may complete it */
    struct redir *pending_heredocs[16];
    /* The function definition whose body holds each pending here-document:
     * its body text is kept for later calls and needs the here-document's
     * lines too. NULL for the others. */
    struct node *heredoc_owner[16];
    int npending;
    /* Alias substitution (sh-alias.c): the text is then a copy this parser
     * owns, with each alias's value in place of its name; the aliases being
     * expanded, with where their value ends, are not expanded again. */
    char *owned;
    const char *alias_names[16];
    size_t alias_ends[16];
    int naliases;
    size_t alias_blank_end; /* after an alias ending in a blank: where the next word may be one */
};

/* Parses the next complete command (up to an unquoted newline or the end);
 * returns NULL at the end of the text or, with p->error, after an error. */
struct node *parse_complete_command(struct parser *p);
void free_node(struct node *n);
/* The command's text as jobs shows it, rebuilt from the tree as dash does (sh-cmdtext.c). */
char *node_text(const struct node *n);

/* ---- variables and state (sh-vars.c) -------------------------------------- */

struct shell {
    char *name;          /* $0 */
    char **params;       /* $1... */
    int nparams;
    int status;          /* $? */
    long pid;            /* $$ */
    long last_background;/* $! */
    int errexit, nounset, xtrace, pipefail;
    int noglob, noclobber;  /* set -f, set -C */
    int interactive;     /* -i or a terminal on stdin: prompts, a syntax error is not fatal */
    int returning;       /* return requested inside a function or dot script */
    int function_depth;
    int errexit_off;     /* >0 inside a condition, where -e does not apply */
    int exiting;         /* exit requested (exit builtin or a fatal error) */
    int breaking, continuing;
    int loop_depth;
    const char *self;    /* this program's path, to start subshells */
    const char *argv0;   /* the name this program was started as (box's applet) */
    int substituted;     /* status of the last command substitution, or -1 */
    int monitor;         /* set -m: job control (sh-jobs.c) */
    int interrupted;     /* ^C ended a foreground job: the rest of the command line is dropped */
    int interrupt_wait;  /* a trapped signal ends a blocking wait (the wait builtin) */
    int login;           /* -l or argv[0] starting with '-': reads the profiles */
    int exit_warned;     /* "You have stopped jobs." was said: 2, then 1 at the next prompt */
    int line;
};
extern struct shell sh;

const char *var_get(const char *name);
int var_set(const char *name, const char *value, int export);
int var_unset(const char *name);
int var_is_exported(const char *name);
void var_export(const char *name);
void vars_init(char **environ_);
/* envp for a new program: exported variables, then `extra` assignments. */
char **vars_environ(char **extra, int nextra);
/* The private state a subshell must see, as shell text (sh-vars.c). */
char *vars_state_script(void);
void vars_print(int exported_only);
int valid_name(const char *s, size_t n);

/* ---- expansion (sh-expand.c) ---------------------------------------------- */

struct fields {
    char **v;
    int n, cap;
};
void fields_add(struct fields *f, char *s);
void fields_free(struct fields *f);
/* Expands raw words into fields (parameter, command substitution, field
 * splitting, quote removal). Returns -1 after an expansion error. */
int expand_words(char **words, int nwords, struct fields *out);
/* Expands one word without field splitting (assignments, redirections). */
char *expand_word(const char *word);
/* A here-document body: parameters and command substitutions only. */
char *expand_heredoc(const char *body);
/* A case pattern: quoted characters match only themselves. */
char *expand_case_pattern(const char *word);
int pattern_match(const char *pattern, const char *string);

/* ---- execution (sh-exec.c) ----------------------------------------------- */

int run_node(struct node *n);
int run_text(const char *text, int reset_line);
/* Runs TEXT whose first line is line FIRST_LINE of the input. */
int run_text_at(const char *text, int first_line);
/* Runs TEXT in a new shell process with stdin/stdout as they are now;
 * returns its pid or -1. */
long spawn_subshell(const char *text);
int wait_pid(long pid);
int apply_redirs(struct redir *r, int save[10]);
void restore_redirs(int save[10]);
void sh_error(const char *fmt, ...);
char *capture_output(const char *text);
/* Runs the program ARGV[0] (no builtin, no function) and waits for it. */
int run_program(int argc, char **argv);

/* ---- traps (sh-trap.c) ------------------------------------------------------- */

int signal_number(const char *text);
const char *signal_name(int number);
/* Runs the actions of the trapped signals that arrived, between commands. */
void trap_run_pending(void);
/* Whether a trapped signal arrived whose action has not run yet: a builtin
 * waiting in a system call (read) gives up with status 1 then, as dash's do. */
int trap_pending(void);
/* Runs the EXIT action, once, as the shell ends. */
void trap_run_exit(void);

/* ---- command search (sh-type.c) ---------------------------------------------- */

/* Where the program NAME is, remembered until PATH changes; NULL if none. */
const char *hash_lookup(const char *name);
void hash_forget_all(void);

/* ---- input (sh-input.c) ---------------------------------------------------- */

/* Reads commands from standard input one complete command at a time, running
 * each before reading on, with prompts when sh.interactive. */
void run_stdin(void);

/* ---- aliases (sh-alias.c) ----------------------------------------------------- */

/* The value of alias NAME (a raw word), or NULL. */
const char *alias_get(const char *name, size_t len);
/* command -v / -V (type) of an alias: "alias l='ls'" or "l is an alias for ls". */
void alias_describe(const char *name, int verbose);
/* The aliases as shell text, for a subshell: it parses its own text (sh-vars.c). */
void alias_state_script(struct buf *b);
/* The Ith alias as "name=value" (definition order), NULL past the last: Tab offers their names. */
const char *alias_entry(int i);

/* ---- prompts and login (sh-prompt.c) ---------------------------------------- */

/* PS1 or PS2 as shown: parameters expanded, then busybox ash's backslash
 * escapes (\u \h \H \w \W \$ \n \\ ...). Returns a new string. */
char *prompt_expand(const char *text);
/* A login shell's profiles: /etc/profile, then $HOME/.profile. */
void read_profiles(void);

/* ---- functions (sh-func.c) -------------------------------------------------- */

/* Defines NAME with BODY, the text of a compound command. */
void func_define(const char *name, const char *body);
int func_exists(const char *name);
/* The Ith function's name (definition order), NULL past the last. */
const char *func_name(int i);
/* Calls a function with argv[1..] as $1...; returns its status. */
int func_call(int argc, char **argv);
/* Definitions of every function, as shell text, for a subshell. */
void func_state_script(struct buf *b);
int func_unset(const char *name);

/* ---- arithmetic (sh-arith.c) -------------------------------------------------- */

/* Evaluates an expanded arithmetic expression; returns -1 after an error
 * (reported), else 0 with *result set. */
int arith_eval(const char *text, long *result);

/* ---- pathname expansion (sh-glob.c) ------------------------------------------- */

/* Adds the sorted pathnames matching PATTERN (quoted characters escaped with
 * a backslash) to OUT; returns how many were added. */
int glob_expand(const char *pattern, struct fields *out);

/* ---- builtins (sh-builtins.c, sh-test.c) --------------------------------- */

typedef int (*builtin_fn)(int argc, char **argv);
builtin_fn find_builtin(const char *name);
int is_special_builtin(const char *name);
int builtin_test(int argc, char **argv);
int bi_trap(int argc, char **argv);
int bi_getopts(int argc, char **argv);
int bi_type(int argc, char **argv);
int bi_command(int argc, char **argv);
int bi_hash(int argc, char **argv);
int bi_ulimit(int argc, char **argv);
int bi_jobs(int argc, char **argv);
int bi_fg(int argc, char **argv);
int bi_bg(int argc, char **argv);
int bi_wait(int argc, char **argv);
int bi_kill(int argc, char **argv);
int bi_alias(int argc, char **argv);
int bi_unalias(int argc, char **argv);
int bi_times(int argc, char **argv);

/* ---- small helpers (sh-main.c) ------------------------------------------- */

void *sh_malloc(size_t n);
void *sh_realloc(void *p, size_t n);
char *sh_strdup(const char *s);
char *sh_strndup(const char *s, size_t n);

struct buf {
    char *s;
    size_t len, cap;
};
void buf_add(struct buf *b, char c);
void buf_addn(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
char *buf_take(struct buf *b);

int sh_main(int argc, char **argv);

#endif
