/* awk-parse.c: recursive descent over the POSIX awk grammar into a tree.
 * Precedence, lowest first: assignment, ?:, ||, &&, in, ~ !~, relational,
 * concatenation, + -, * / %, unary ! + -, ^, ++ --, $, grouping. Inside a
 * print's unparenthesised list `>` is a redirection, not a comparison. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "awk.h"
#include "util.h"

struct parser {
    struct lexer lexer;
    struct program *program;
    struct function *function; /* being parsed, for its parameters */
    int no_greater;            /* in print's list: `>` redirects */
    int no_in;                 /* in for (x in ...): `in` is not an operator */
    int loop_depth;
    int in_begin_end; /* next is not allowed there, nor in functions */
    int depth;        /* of nested expressions and statements */
};

/* Nesting deeper than this is refused: the engine running a WASI program
 * has its own stack besides the C one, and a parse this deep would use it
 * up. mawk refuses much less. */
#define MAX_NESTING 1000

static int token(struct parser *parser) { return parser->lexer.token; }
static void advance(struct parser *parser) { lex_next(&parser->lexer); }
static void error(struct parser *parser) { lex_syntax_error(&parser->lexer); }

static void expect(struct parser *parser, int expected) {
    if (token(parser) != expected) error(parser);
    advance(parser);
}

static void skip_newlines(struct parser *parser) {
    while (token(parser) == T_NEWLINE) advance(parser);
}

static void skip_terminators(struct parser *parser) {
    while (token(parser) == T_NEWLINE || token(parser) == ';') advance(parser);
}

static struct node *new_node(struct parser *parser, enum node_kind kind) {
    struct node *node = xmalloc(sizeof *node);
    memset(node, 0, sizeof *node);
    node->kind = kind;
    node->line = parser->lexer.line;
    return node;
}

static struct node *binary(struct parser *parser, enum node_kind kind, int op, struct node *a,
                           struct node *b) {
    struct node *node = new_node(parser, kind);
    node->op = op, node->a = a, node->b = b;
    return node;
}

int global_index(struct program *program, const char *name) {
    for (int i = 0; i < program->global_count; i++)
        if (strcmp(program->globals[i], name) == 0) return i;
    program->globals = realloc(program->globals, (size_t)(program->global_count + 1) * sizeof(char *));
    program->globals[program->global_count] = strdup(name);
    return program->global_count++;
}

static int function_index(struct program *program, const char *name) {
    for (int i = 0; i < program->function_count; i++)
        if (strcmp(program->functions[i].name, name) == 0) return i;
    program->functions = realloc(program->functions,
                                 (size_t)(program->function_count + 1) * sizeof(struct function));
    struct function *function = &program->functions[program->function_count];
    memset(function, 0, sizeof *function);
    function->name = strdup(name);
    return program->function_count++;
}

static struct node *variable(struct parser *parser, const char *name) {
    struct node *node = new_node(parser, N_VAR);
    node->str = strdup(name);
    if (parser->function)
        for (int i = 0; i < parser->function->param_count; i++)
            if (strcmp(parser->function->params[i], name) == 0) {
                node->scope = SCOPE_LOCAL, node->index = i;
                return node;
            }
    node->scope = SCOPE_GLOBAL;
    node->index = global_index(parser->program, name);
    return node;
}

static struct node *expression(struct parser *parser);
static struct node *ternary(struct parser *parser);
static struct node *unary(struct parser *parser);
static struct node *statement(struct parser *parser);
static struct node *concatenation(struct parser *parser);

static int is_lvalue(struct node *node) {
    return node->kind == N_VAR || node->kind == N_FIELD || node->kind == N_INDEX;
}

/* expr_list inside ( ) or [ ], comma separated, newlines after commas. */
static int expression_list(struct parser *parser, struct node ***list, int closing) {
    int count = 0;
    *list = NULL;
    if (token(parser) == closing) return 0;
    for (;;) {
        *list = realloc(*list, (size_t)(count + 1) * sizeof(struct node *));
        (*list)[count++] = expression(parser);
        if (token(parser) != ',') break;
        advance(parser);
        skip_newlines(parser);
    }
    return count;
}

static struct node *regex_node(struct parser *parser, const char *text) {
    struct node *node = new_node(parser, N_REGEX);
    node->str = strdup(text);
    char *source = regex_source(text);
    node->regex = xmalloc(sizeof(regex_t));
    if (regcomp(node->regex, source, REG_EXTENDED) != 0) {
        fprintf(stderr, "%s: line %d: regular expression compile failed (bad regex)\n%s\n",
                applet_name, parser->lexer.line, text);
        exit(2);
    }
    free(source);
    return node;
}

/* getline forms that start with `getline`: plain, var, < file. */
static struct node *simple_getline(struct parser *parser) {
    struct node *node = new_node(parser, N_GETLINE);
    node->op = GETLINE_PLAIN;
    advance(parser);
    if (token(parser) == T_NAME || token(parser) == '$') {
        node->a = unary(parser);
        if (!is_lvalue(node->a)) error(parser);
    }
    if (token(parser) == '<') {
        advance(parser);
        node->op = GETLINE_FILE;
        node->b = unary(parser);
    }
    return node;
}

static struct node *builtin_call(struct parser *parser) {
    struct node *node = new_node(parser, N_BUILTIN);
    node->op = parser->lexer.builtin;
    advance(parser);
    if (token(parser) != '(') {
        if (node->op != B_LENGTH) error(parser);
        return node; /* length without parentheses: of $0 */
    }
    advance(parser);
    node->arg_count = expression_list(parser, &node->args, ')');
    expect(parser, ')');
    static const signed char minimum[] = {0, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 1, 1, 1, 1, 0, 0,
                                          1, 1, 1, 1, 0};
    static const signed char maximum[] = {1, 3, 2, 3, 3, 3, 2, 99, 1, 1, 2, 1, 1, 1, 1, 0, 1,
                                          1, 1, 1, 1, 1};
    if (node->arg_count < minimum[node->op] || node->arg_count > maximum[node->op]) {
        fprintf(stderr, "%s: line %d: wrong number of arguments in call to %s\n", applet_name,
                parser->lexer.line, parser->lexer.text ? parser->lexer.text : "function");
        exit(2);
    }
    if ((node->op == B_SUB || node->op == B_GSUB) && node->arg_count == 3 &&
        !is_lvalue(node->args[2]))
        error(parser);
    return node;
}

static struct node *primary(struct parser *parser) {
    struct node *node;
    switch (token(parser)) {
    case T_NUMBER:
        node = new_node(parser, N_NUM);
        node->num = parser->lexer.num;
        advance(parser);
        return node;
    case T_STRING:
        node = new_node(parser, N_STR);
        node->str = strdup(parser->lexer.text);
        advance(parser);
        return node;
    case T_ERE:
        node = regex_node(parser, parser->lexer.text);
        advance(parser);
        return node;
    case '(': {
        advance(parser);
        int saved = parser->no_greater, saved_in = parser->no_in;
        parser->no_greater = 0, parser->no_in = 0;
        struct node **list;
        int count = expression_list(parser, &list, ')');
        parser->no_greater = saved, parser->no_in = saved_in;
        expect(parser, ')');
        if (count == 0) error(parser);
        if (count > 1) {
            /* (a, b) in array */
            if (token(parser) != T_IN) error(parser);
            advance(parser);
            if (token(parser) != T_NAME) error(parser);
            node = new_node(parser, N_IN);
            node->args = list, node->arg_count = count;
            node->b = variable(parser, parser->lexer.text);
            advance(parser);
            return node;
        }
        node = new_node(parser, N_GROUP);
        node->a = list[0];
        free(list);
        return node;
    }
    case '$': {
        advance(parser);
        node = new_node(parser, N_FIELD);
        if (token(parser) == T_INCR || token(parser) == T_DECR || token(parser) == '-' ||
            token(parser) == '+' || token(parser) == '!')
            node->a = unary(parser);
        else
            node->a = primary(parser);
        return node;
    }
    case T_NAME: {
        char *name = strdup(parser->lexer.text);
        advance(parser);
        if (token(parser) == '[') {
            advance(parser);
            node = new_node(parser, N_INDEX);
            node->a = variable(parser, name);
            node->arg_count = expression_list(parser, &node->args, ']');
            if (node->arg_count == 0) error(parser);
            expect(parser, ']');
        } else {
            node = variable(parser, name);
        }
        free(name);
        return node;
    }
    case T_FUNC_NAME: {
        node = new_node(parser, N_CALL);
        node->index = function_index(parser->program, parser->lexer.text);
        node->str = strdup(parser->lexer.text);
        advance(parser);
        expect(parser, '(');
        node->arg_count = expression_list(parser, &node->args, ')');
        expect(parser, ')');
        return node;
    }
    case T_BUILTIN: return builtin_call(parser);
    case T_GETLINE: return simple_getline(parser);
    case '-': case '+': case '!': return unary(parser);
    case T_INCR: case T_DECR: {
        int op = token(parser);
        advance(parser);
        node = new_node(parser, N_PRE);
        node->op = op;
        node->a = primary(parser);
        if (!is_lvalue(node->a)) error(parser);
        return node;
    }
    default: error(parser);
    }
    return NULL;
}

static struct node *postfix(struct parser *parser) {
    struct node *node = primary(parser);
    if ((token(parser) == T_INCR || token(parser) == T_DECR) && is_lvalue(node)) {
        struct node *post = new_node(parser, N_POST);
        post->op = token(parser);
        post->a = node;
        advance(parser);
        return post;
    }
    return node;
}

static struct node *power(struct parser *parser) {
    struct node *base = postfix(parser);
    if (token(parser) == '^') {
        advance(parser);
        /* right associative; the exponent may carry its own sign */
        struct node *exponent = token(parser) == '-' || token(parser) == '+' || token(parser) == '!'
                                    ? unary(parser)
                                    : power(parser);
        return binary(parser, N_BINARY, '^', base, exponent);
    }
    return base;
}

static void nest(struct parser *parser) {
    if (++parser->depth > MAX_NESTING || awk_stack_exhausted()) {
        fprintf(stderr, "%s: line %d: program nested too deeply\n", applet_name,
                parser->lexer.line);
        exit(2);
    }
}

static struct node *unary_operand(struct parser *parser);

static struct node *unary(struct parser *parser) {
    nest(parser);
    struct node *node = unary_operand(parser);
    parser->depth--;
    return node;
}

static struct node *unary_operand(struct parser *parser) {
    int op = token(parser);
    if (op == '!' || op == '-' || op == '+') {
        advance(parser);
        struct node *node = new_node(parser, op == '!' ? N_NOT : op == '-' ? N_NEGATE : N_PLUS);
        node->a = unary(parser);
        return node;
    }
    return power(parser);
}

static struct node *multiplicative(struct parser *parser) {
    struct node *left = unary(parser);
    while (token(parser) == '*' || token(parser) == '/' || token(parser) == '%') {
        int op = token(parser);
        advance(parser);
        left = binary(parser, N_BINARY, op, left, unary(parser));
    }
    return left;
}

static struct node *additive(struct parser *parser) {
    struct node *left = multiplicative(parser);
    while (token(parser) == '+' || token(parser) == '-') {
        int op = token(parser);
        advance(parser);
        left = binary(parser, N_BINARY, op, left, multiplicative(parser));
    }
    return left;
}

static int starts_operand(struct parser *parser) {
    switch (token(parser)) {
    case T_NUMBER: case T_STRING: case T_ERE: case T_NAME: case T_FUNC_NAME: case T_BUILTIN:
    case '$': case '!': case '(': case '-': case '+': case T_INCR: case T_DECR:
        return 1;
    case T_IN: return 0;
    default: return 0;
    }
}

static struct node *concatenation(struct parser *parser) {
    struct node *left = additive(parser);
    for (;;) {
        if (token(parser) == '|' && parser->lexer.p) {
            /* cmd | getline [var] */
            struct lexer saved = parser->lexer;
            advance(parser);
            if (token(parser) == T_GETLINE) {
                struct node *node = new_node(parser, N_GETLINE);
                node->op = GETLINE_COMMAND;
                node->b = left;
                advance(parser);
                if (token(parser) == T_NAME || token(parser) == '$') {
                    node->a = primary(parser);
                    if (!is_lvalue(node->a)) error(parser);
                }
                left = node;
                continue;
            }
            parser->lexer = saved;
            return left;
        }
        if (!starts_operand(parser) || token(parser) == '-' || token(parser) == '+' ||
            token(parser) == '!')
            return left;
        left = binary(parser, N_CONCAT, 0, left, additive(parser));
    }
}

static struct node *relational(struct parser *parser) {
    struct node *left = concatenation(parser);
    int op = token(parser);
    if (op == '<' || op == T_LE || op == T_NE || op == T_EQ || op == T_GE ||
        (op == '>' && !parser->no_greater)) {
        advance(parser);
        left = binary(parser, N_COMPARE, op, left, concatenation(parser));
    }
    return left;
}

static struct node *matching(struct parser *parser) {
    struct node *left = relational(parser);
    while (token(parser) == '~' || token(parser) == T_NOMATCH) {
        int op = token(parser);
        advance(parser);
        left = binary(parser, N_MATCH, op, left, relational(parser));
    }
    return left;
}

static struct node *membership(struct parser *parser) {
    struct node *left = matching(parser);
    while (token(parser) == T_IN && !parser->no_in) {
        advance(parser);
        if (token(parser) != T_NAME) error(parser);
        struct node *node = new_node(parser, N_IN);
        node->args = xmalloc(sizeof(struct node *));
        node->args[0] = left, node->arg_count = 1;
        node->b = variable(parser, parser->lexer.text);
        advance(parser);
        left = node;
    }
    return left;
}

static struct node *logical_and(struct parser *parser) {
    struct node *left = membership(parser);
    while (token(parser) == T_AND) {
        advance(parser);
        skip_newlines(parser);
        left = binary(parser, N_AND, 0, left, membership(parser));
    }
    return left;
}

static struct node *logical_or(struct parser *parser) {
    struct node *left = logical_and(parser);
    while (token(parser) == T_OR) {
        advance(parser);
        skip_newlines(parser);
        left = binary(parser, N_OR, 0, left, logical_and(parser));
    }
    return left;
}

static struct node *ternary(struct parser *parser) {
    struct node *condition = logical_or(parser);
    if (token(parser) != '?') return condition;
    advance(parser);
    skip_newlines(parser);
    struct node *node = new_node(parser, N_COND);
    node->a = condition;
    node->b = ternary(parser);
    skip_newlines(parser);
    expect(parser, ':');
    skip_newlines(parser);
    node->c = ternary(parser);
    return node;
}

static struct node *expression(struct parser *parser) {
    struct node *left = ternary(parser);
    int op = token(parser);
    if (op == '=' || op == T_ADD_ASSIGN || op == T_SUB_ASSIGN || op == T_MUL_ASSIGN ||
        op == T_DIV_ASSIGN || op == T_MOD_ASSIGN || op == T_POW_ASSIGN) {
        if (!is_lvalue(left)) error(parser);
        advance(parser);
        skip_newlines(parser);
        return binary(parser, N_ASSIGN, op, left, expression(parser));
    }
    return left;
}

/* ---- statements ------------------------------------------------------------ */

static void end_simple_statement(struct parser *parser) {
    if (token(parser) == ';' || token(parser) == T_NEWLINE) {
        advance(parser);
        return;
    }
    if (token(parser) == '}' || token(parser) == T_EOF) return;
    error(parser);
}

static struct node *print_statement(struct parser *parser) {
    struct node *node = new_node(parser, token(parser) == T_PRINT ? S_PRINT : S_PRINTF);
    advance(parser);
    int saved = parser->no_greater;
    parser->no_greater = 1;
    if (token(parser) == '(') {
        /* print (a, b) > "f": a parenthesised list, unless the parentheses
         * only group the first expression of a longer one */
        struct lexer saved_lexer = parser->lexer;
        advance(parser);
        parser->no_greater = 0;
        struct node **list;
        int count = expression_list(parser, &list, ')');
        parser->no_greater = 1;
        if (token(parser) == ')') {
            advance(parser);
            int t = token(parser);
            if (t == ';' || t == T_NEWLINE || t == '}' || t == '>' || t == T_APPEND || t == '|' ||
                t == T_EOF) {
                node->args = list, node->arg_count = count;
                goto redirect;
            }
        }
        free(list);
        parser->lexer = saved_lexer;
    }
    if (token(parser) != ';' && token(parser) != T_NEWLINE && token(parser) != '}' &&
        token(parser) != '>' && token(parser) != T_APPEND && token(parser) != '|' &&
        token(parser) != T_EOF)
        node->arg_count = expression_list(parser, &node->args, -1);
redirect:
    parser->no_greater = saved;
    if (token(parser) == '>' || token(parser) == T_APPEND || token(parser) == '|') {
        node->op = token(parser) == '>' ? REDIRECT_WRITE
                   : token(parser) == T_APPEND ? REDIRECT_APPEND
                                               : REDIRECT_PIPE;
        advance(parser);
        node->b = concatenation(parser);
    }
    if (node->kind == S_PRINTF && node->arg_count == 0) error(parser);
    return node;
}

static struct node *simple_statement(struct parser *parser) {
    struct node *node;
    switch (token(parser)) {
    case T_PRINT: case T_PRINTF: return print_statement(parser);
    case T_DELETE:
        advance(parser);
        if (token(parser) != T_NAME) error(parser);
        node = new_node(parser, S_DELETE);
        node->a = variable(parser, parser->lexer.text);
        advance(parser);
        if (token(parser) == '[') {
            advance(parser);
            node->arg_count = expression_list(parser, &node->args, ']');
            expect(parser, ']');
        }
        return node;
    default:
        node = new_node(parser, S_EXPR);
        node->a = expression(parser);
        return node;
    }
}

static struct node *block(struct parser *parser) {
    struct node *node = new_node(parser, S_BLOCK), **tail = &node->a;
    expect(parser, '{');
    skip_terminators(parser);
    while (token(parser) != '}') {
        if (token(parser) == T_EOF) {
            /* mawk counts the end of the text as one more line */
            fprintf(stderr, "%s: line %d: missing } near end of file\n", applet_name,
                    parser->lexer.line + 1);
            exit(2);
        }
        *tail = statement(parser);
        while (*tail) tail = &(*tail)->next;
        skip_terminators(parser);
    }
    advance(parser);
    return node;
}

/* The body of if, while, for: a statement, after optional newlines. */
static struct node *body(struct parser *parser) {
    skip_newlines(parser);
    if (token(parser) == ';') {
        advance(parser);
        return new_node(parser, S_BLOCK);
    }
    return statement(parser);
}

static struct node *one_statement(struct parser *parser);

static struct node *statement(struct parser *parser) {
    nest(parser);
    struct node *node = one_statement(parser);
    parser->depth--;
    return node;
}

static struct node *one_statement(struct parser *parser) {
    struct node *node;
    switch (token(parser)) {
    case '{': return block(parser);
    case T_IF: {
        node = new_node(parser, S_IF);
        advance(parser);
        expect(parser, '(');
        node->a = expression(parser);
        expect(parser, ')');
        node->b = body(parser);
        /* `else` may follow after newlines or a semicolon */
        struct lexer saved = parser->lexer;
        skip_terminators(parser);
        if (token(parser) == T_ELSE) {
            advance(parser);
            node->c = body(parser);
        } else {
            parser->lexer = saved;
        }
        return node;
    }
    case T_WHILE:
        node = new_node(parser, S_WHILE);
        advance(parser);
        expect(parser, '(');
        node->a = expression(parser);
        expect(parser, ')');
        if (token(parser) == ';') {
            advance(parser);
            node->b = new_node(parser, S_BLOCK);
            return node;
        }
        parser->loop_depth++;
        node->b = body(parser);
        parser->loop_depth--;
        return node;
    case T_DO:
        node = new_node(parser, S_DO);
        advance(parser);
        parser->loop_depth++;
        node->b = body(parser);
        parser->loop_depth--;
        skip_terminators(parser);
        expect(parser, T_WHILE);
        expect(parser, '(');
        node->a = expression(parser);
        expect(parser, ')');
        end_simple_statement(parser);
        return node;
    case T_FOR: {
        advance(parser);
        expect(parser, '(');
        if (token(parser) == T_NAME) {
            /* for (name in array)? */
            struct lexer saved = parser->lexer;
            char *name = strdup(parser->lexer.text);
            advance(parser);
            if (token(parser) == T_IN) {
                advance(parser);
                if (token(parser) == T_NAME) {
                    char *array = strdup(parser->lexer.text);
                    advance(parser);
                    if (token(parser) == ')') {
                        advance(parser);
                        node = new_node(parser, S_FORIN);
                        node->a = variable(parser, name);
                        node->b = variable(parser, array);
                        parser->loop_depth++;
                        node->c = body(parser);
                        parser->loop_depth--;
                        free(name), free(array);
                        return node;
                    }
                    free(array);
                }
            }
            free(name);
            parser->lexer = saved;
        }
        node = new_node(parser, S_FOR);
        if (token(parser) != ';') node->a = simple_statement(parser);
        expect(parser, ';');
        skip_newlines(parser);
        if (token(parser) != ';') node->b = expression(parser);
        expect(parser, ';');
        skip_newlines(parser);
        if (token(parser) != ')') node->c = simple_statement(parser);
        expect(parser, ')');
        if (token(parser) == ';') {
            advance(parser);
            node->d = new_node(parser, S_BLOCK);
            return node;
        }
        parser->loop_depth++;
        node->d = body(parser);
        parser->loop_depth--;
        return node;
    }
    case ';':
        advance(parser);
        return NULL;
    case T_NEXT: case T_NEXTFILE: case T_BREAK: case T_CONTINUE: {
        int t = token(parser);
        node = new_node(parser, t == T_NEXT ? S_NEXT : t == T_NEXTFILE ? S_NEXTFILE
                                : t == T_BREAK ? S_BREAK : S_CONTINUE);
        if ((t == T_NEXT || t == T_NEXTFILE) && (parser->function || parser->in_begin_end)) {
            fprintf(stderr, "%s: line %d: improper use of next\n", applet_name,
                    parser->lexer.line);
            exit(2);
        }
        if ((t == T_BREAK || t == T_CONTINUE) && parser->loop_depth == 0) {
            advance(parser);
            error(parser);
        }
        advance(parser);
        end_simple_statement(parser);
        return node;
    }
    case T_EXIT: case T_RETURN: {
        int t = token(parser);
        node = new_node(parser, t == T_EXIT ? S_EXIT : S_RETURN);
        if (t == T_RETURN && !parser->function) error(parser);
        advance(parser);
        if (token(parser) != ';' && token(parser) != T_NEWLINE && token(parser) != '}' &&
            token(parser) != T_EOF)
            node->a = expression(parser);
        end_simple_statement(parser);
        return node;
    }
    default:
        node = simple_statement(parser);
        end_simple_statement(parser);
        return node;
    }
}

static void function_definition(struct parser *parser) {
    advance(parser);
    if (token(parser) != T_NAME && token(parser) != T_FUNC_NAME) error(parser);
    int index = function_index(parser->program, parser->lexer.text);
    struct function *function = &parser->program->functions[index];
    if (function->defined) {
        fprintf(stderr, "%s: line %d: function %s redefined\n", applet_name, parser->lexer.line,
                function->name);
        exit(2);
    }
    advance(parser);
    expect(parser, '(');
    while (token(parser) == T_NAME) {
        function->params = realloc(function->params,
                                   (size_t)(function->param_count + 1) * sizeof(char *));
        function->params[function->param_count++] = strdup(parser->lexer.text);
        advance(parser);
        if (token(parser) != ',') break;
        advance(parser);
        skip_newlines(parser);
    }
    expect(parser, ')');
    skip_newlines(parser);
    function->defined = 1;
    /* the table may move while the body adds functions: keep the index */
    struct function body_function = *function;
    parser->function = &body_function;
    struct node *body_node = block(parser);
    parser->function = NULL;
    parser->program->functions[index].body = body_node;
}

static void add_rule(struct program *program, struct rule rule) {
    program->rules = realloc(program->rules, (size_t)(program->rule_count + 1) * sizeof rule);
    program->rules[program->rule_count++] = rule;
}

void awk_parse(struct program *program, const char *source) {
    struct parser parser;
    memset(&parser, 0, sizeof parser);
    parser.program = program;
    lex_init(&parser.lexer, source);
    advance(&parser);
    skip_terminators(&parser);
    while (token(&parser) != T_EOF) {
        struct rule rule = {PATTERN_MAIN, NULL, NULL, NULL, 0};
        if (token(&parser) == T_FUNCTION) {
            function_definition(&parser);
            skip_terminators(&parser);
            continue;
        }
        if (token(&parser) == T_BEGIN || token(&parser) == T_END) {
            rule.kind = token(&parser) == T_BEGIN ? PATTERN_BEGIN : PATTERN_END;
            advance(&parser);
            skip_newlines(&parser);
            if (token(&parser) != '{') error(&parser);
            parser.in_begin_end = 1;
            rule.action = block(&parser);
            parser.in_begin_end = 0;
        } else {
            if (token(&parser) != '{') {
                rule.pattern = expression(&parser);
                if (token(&parser) == ',') {
                    advance(&parser);
                    skip_newlines(&parser);
                    rule.pattern_end = expression(&parser);
                }
            }
            if (token(&parser) == '{') rule.action = block(&parser);
        }
        add_rule(program, rule);
        if (token(&parser) != T_EOF && token(&parser) != T_NEWLINE && token(&parser) != ';' &&
            token(&parser) != T_FUNCTION && token(&parser) != T_BEGIN && token(&parser) != T_END &&
            !rule.action)
            error(&parser);
        skip_terminators(&parser);
    }
    for (int i = 0; i < program->function_count; i++)
        if (!program->functions[i].defined) {
            fprintf(stderr, "%s: line %d: function %s never defined\n", applet_name,
                    parser.lexer.line, program->functions[i].name);
            exit(2);
        }
}
