/* awk.h: the awk applet's values, syntax tree and the functions its parts
 * share: the lexer (awk-lex.c), parser (awk-parse.c), values and arrays
 * (awk-value.c), interpreter (awk-run.c), built-in functions and printf
 * (awk-builtin.c), input and output streams (awk-io.c) and main (awk.c). */
#ifndef BOX_AWK_H
#define BOX_AWK_H

#include <regex.h>
#include <stddef.h>
#include <stdio.h>

/* ---- values ---------------------------------------------------------------- */

enum cell_type {
    CELL_UNINIT, /* never assigned: "" and 0 */
    CELL_NUM,
    CELL_STR,
    CELL_STRNUM, /* input that looks like a number: compares as one */
    CELL_ARRAY,
    CELL_REF, /* a function parameter standing for the caller's array */
};

struct array;

struct cell {
    enum cell_type type;
    double num;
    char *str; /* owned; for CELL_NUM a cached conversion or NULL */
    struct array *array;
    struct cell *ref;
};

struct array_entry {
    char *key;
    struct cell value;
    struct array_entry *next; /* bucket chain */
};

struct array {
    struct array_entry **buckets;
    size_t bucket_count, count;
};

struct array *array_new(void);
struct cell *array_get(struct array *array, const char *key, int create);
void array_delete(struct array *array, const char *key);
void array_clear(struct array *array);
/* The keys, in a stable order (numeric keys numerically, then strings). */
char **array_keys(struct array *array, size_t *count);

void cell_free(struct cell *cell);
void cell_set_num(struct cell *cell, double num);
void cell_set_str(struct cell *cell, const char *str); /* copies */
void cell_take_str(struct cell *cell, char *str);      /* owns */
/* A string that may be a number (fields, getline, -v, split): STRNUM when
 * it looks like one. */
void cell_set_input(struct cell *cell, const char *str);
void cell_copy(struct cell *to, const struct cell *from);
double cell_num(const struct cell *cell);
/* The cell as a string (CONVFMT for non-integers); valid until the cell
 * changes. */
const char *cell_str(struct cell *cell);
/* As cell_str but with OFMT, for print. */
const char *cell_output_str(struct cell *cell);
int cell_true(struct cell *cell);
int looks_numeric(const char *text);
/* Formats a number as awk does with `format` (CONVFMT or OFMT). */
char *number_to_string(double num, const char *format);

/* ---- syntax tree ------------------------------------------------------------ */

enum node_kind {
    /* expressions */
    N_NUM, N_STR, N_REGEX, N_VAR, N_FIELD, N_INDEX, N_ASSIGN, N_COND, N_AND, N_OR, N_NOT,
    N_BINARY, N_NEGATE, N_PLUS, N_CONCAT, N_COMPARE, N_MATCH, N_IN, N_PRE, N_POST, N_CALL,
    N_BUILTIN, N_GETLINE, N_GROUP,
    /* statements */
    S_EXPR, S_PRINT, S_PRINTF, S_IF, S_WHILE, S_DO, S_FOR, S_FORIN, S_BLOCK, S_NEXT, S_NEXTFILE,
    S_EXIT, S_RETURN, S_BREAK, S_CONTINUE, S_DELETE,
};

enum variable_scope { SCOPE_GLOBAL, SCOPE_LOCAL };

enum getline_kind { GETLINE_PLAIN, GETLINE_FILE, GETLINE_COMMAND };
enum redirect_kind { REDIRECT_NONE, REDIRECT_WRITE, REDIRECT_APPEND, REDIRECT_PIPE };

struct node {
    enum node_kind kind;
    int op;    /* operator token, builtin id, getline/redirect kind */
    int line;  /* source line, for messages */
    struct node *a, *b, *c, *d;
    struct node **args;
    int arg_count;
    double num;
    char *str;
    regex_t *regex;
    int index; /* variable or function index */
    enum variable_scope scope;
    struct node *next; /* the next statement of a list */
};

struct function {
    char *name;
    char **params;
    int param_count;
    struct node *body;
    int defined;
};

enum pattern_kind { PATTERN_BEGIN, PATTERN_END, PATTERN_MAIN };

struct rule {
    enum pattern_kind kind;
    struct node *pattern, *pattern_end; /* pattern_end: a range's second */
    struct node *action;                /* NULL: print $0 */
    int in_range;
};

struct program {
    struct rule *rules;
    int rule_count;
    struct function *functions;
    int function_count;
    char **globals;
    int global_count;
};

/* ---- tokens ----------------------------------------------------------------- */

enum token {
    T_EOF = 0, T_NEWLINE = 256, T_NUMBER, T_STRING, T_ERE, T_NAME, T_FUNC_NAME, T_BUILTIN,
    T_BEGIN, T_END, T_FUNCTION, T_IF, T_ELSE, T_WHILE, T_FOR, T_DO, T_BREAK, T_CONTINUE,
    T_NEXT, T_NEXTFILE, T_EXIT, T_RETURN, T_DELETE, T_IN, T_GETLINE, T_PRINT, T_PRINTF,
    T_ADD_ASSIGN, T_SUB_ASSIGN, T_MUL_ASSIGN, T_DIV_ASSIGN, T_MOD_ASSIGN, T_POW_ASSIGN,
    T_OR, T_AND, T_NOMATCH, T_EQ, T_LE, T_GE, T_NE, T_INCR, T_DECR, T_APPEND,
};

enum builtin {
    B_LENGTH, B_SUBSTR, B_INDEX, B_SPLIT, B_SUB, B_GSUB, B_MATCH, B_SPRINTF, B_SIN, B_COS,
    B_ATAN2, B_EXP, B_LOG, B_SQRT, B_INT, B_RAND, B_SRAND, B_TOLOWER, B_TOUPPER, B_SYSTEM,
    B_CLOSE, B_FFLUSH,
};

struct lexer {
    const char *source;
    const char *p;
    int line;
    int token;
    int previous; /* the token before, to tell a regex from a division */
    char *text;   /* of T_NAME, T_STRING, T_ERE, T_FUNC_NAME */
    double num;
    int builtin;
};

void lex_init(struct lexer *lexer, const char *source);
int lex_next(struct lexer *lexer);
/* Reports `awk: line N: syntax error at or near X` and exits 2. */
void lex_syntax_error(struct lexer *lexer) __attribute__((noreturn));

/* Parses the whole program; exits 2 after a message on a syntax error. */
void awk_parse(struct program *program, const char *source);
/* The index of global variable `name`, adding it when new. */
int global_index(struct program *program, const char *name);

/* ---- running ---------------------------------------------------------------- */

/* The special variables' global indexes, fixed at startup. */
enum special {
    V_NR, V_NF, V_FNR, V_FS, V_OFS, V_ORS, V_RS, V_FILENAME, V_SUBSEP, V_RSTART, V_RLENGTH,
    V_CONVFMT, V_OFMT, V_ENVIRON, V_ARGC, V_ARGV, SPECIAL_COUNT
};

extern struct program *awk_program;
extern struct cell *awk_globals;

/* Runs the program over `argv`'s files; returns the exit status. */
int awk_run(struct program *program);

/* Fields and the record. */
void set_record(const char *text, size_t length);
struct cell *field_cell(long index);   /* for reading and writing */
void field_assigned(long index);       /* after a write: rebuild $0 or resplit */
void nf_assigned(void);
/* Splits `text` by `fs` into `array` (1-based); returns the count. */
long split_into(const char *text, const char *fs, struct array *array);

/* Regex of a dynamic pattern (cached). */
regex_t *dynamic_regex(const char *pattern);
/* awk's escapes in a regex literal or dynamic regex made ready for regcomp. */
char *regex_source(const char *pattern);
/* The character the escape \c stands for in a string constant (\n \t \r
 * \\ \" \/ \a \b \f \v), or -1: octal and the others are the caller's. */
int awk_escape(char c);
/* The escapes of a string constant in -v values, var=value operands and -F. */
char *awk_unescape(const char *text);

/* Built-ins and formatting (awk-builtin.c). */
void call_builtin(struct node *node, struct cell *result);
/* `function` (printf or sprintf) names the caller in messages. */
char *awk_sprintf(const char *function, const char *format, struct cell *args, int arg_count);

/* Streams (awk-io.c). */
FILE *output_stream(enum redirect_kind kind, const char *name);
int close_stream(const char *name);
void close_all_streams(void);
int flush_stream(const char *name);
/* Reads one record of RS from `file` (NULL: the main input). Returns 1, 0
 * at the end, -1 on error; the record text in *record (owned by io). */
int read_record(FILE *file, char **record, size_t *length);
FILE *input_stream(const char *name, int command);
int awk_system(const char *command);

/* Evaluation entry points awk-builtin.c needs. */
void eval(struct node *node, struct cell *result);
struct cell *lvalue(struct node *node);
struct array *array_of(struct node *node);
/* Records where the stack starts (awk_main), and tells when deep
 * recursion has nearly used it up. */
void awk_stack_init(void);
int awk_stack_exhausted(void);
/* Fatal error at run time: message and exit 2. */
void awk_fatal(const char *format, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif
