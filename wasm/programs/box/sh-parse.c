/* sh-parse.c: the lexer and recursive-descent parser for the core of the
 * POSIX shell grammar (XCU 2.10): lists, and-or lists, pipelines, simple
 * commands with assignments and redirections, and the compound commands
 * ( ), { }, if, while, until, for and case, and function definitions.
 * Words are kept raw (quotes included) and expanded only when run.
 * Here-document bodies are read after the newline that ends their command
 * line. A quiet parser (p->quiet) reports nothing and tells, through
 * p->incomplete, whether the text merely stopped early (an open quote, a
 * missing "fi", a here-document without its delimiter): the stdin reader
 * then reads another line. */
#define _GNU_SOURCE
#include "bocal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

enum token_type {
    T_WORD, T_IO_NUMBER, T_NEWLINE, T_EOF, T_AND_IF, T_OR_IF, T_DSEMI, T_SEMI, T_AMP,
    T_PIPE, T_LPAREN, T_RPAREN, T_LESS, T_GREAT, T_DGREAT, T_LESSAND, T_GREATAND,
    T_DLESS, T_DLESSDASH, T_LESSGREAT, T_CLOBBER, T_BAD
};

struct token {
    enum token_type type;
    size_t start, end;
};

static const struct {
    const char *text;
    enum token_type type;
} operators[] = {
    {"&&", T_AND_IF}, {"||", T_OR_IF}, {";;", T_DSEMI}, {"<<-", T_DLESSDASH},
    {"<<", T_DLESS},  {">>", T_DGREAT}, {"<&", T_LESSAND}, {">&", T_GREATAND},
    {"<>", T_LESSGREAT}, {">|", T_CLOBBER}, {";", T_SEMI}, {"&", T_AMP},
    {"|", T_PIPE}, {"(", T_LPAREN}, {")", T_RPAREN}, {"<", T_LESS}, {">", T_GREAT},
};

static int is_meta(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' ||
           c == '(' || c == ')' || c == '<' || c == '>';
}

static size_t skip_quoted(const char *t, size_t i, char close);

/* Set when a quoted span or $( ) runs to the end of the text. */
static int unterminated;

/* Skips $( ... ) starting after "$(": returns the index after ")". */
static size_t skip_paren(const char *t, size_t i) {
    int depth = 1;
    while (t[i]) {
        char c = t[i];
        if (c == '\\' && t[i + 1]) i += 2;
        else if (c == '\'' || c == '"' || c == '`') i = skip_quoted(t, i + 1, c);
        else if (c == '(') depth++, i++;
        else if (c == ')') {
            if (--depth == 0) return i + 1;
            i++;
        } else i++;
    }
    unterminated = 1;
    return i;
}

/* Skips a quoted span starting after its opening character. */
static size_t skip_quoted(const char *t, size_t i, char close) {
    while (t[i] && t[i] != close) {
        if (close == '\'') {
            i++;
            continue;
        }
        if (t[i] == '\\' && t[i + 1]) i += 2;
        else if (close == '"' && t[i] == '$' && t[i + 1] == '(') i = skip_paren(t, i + 2);
        else if (close == '"' && t[i] == '$' && t[i + 1] == '{') i = skip_quoted(t, i + 2, '}');
        else if (close == '"' && t[i] == '`') i = skip_quoted(t, i + 1, '`');
        else if (close == '}' && (t[i] == '\'' || t[i] == '"')) i = skip_quoted(t, i + 1, t[i]);
        else i++;
    }
    if (!t[i]) unterminated = 1;
    return t[i] ? i + 1 : i;
}

static size_t skip_blanks(struct parser *p, size_t i) {
    const char *t = p->text;
    for (;;) {
        if (t[i] == ' ' || t[i] == '\t') i++;
        else if (t[i] == '\\' && t[i + 1] == '\n') i += 2;
        else if (t[i] == '#') {
            while (t[i] && t[i] != '\n') i++;
        } else return i;
    }
}

static struct token peek(struct parser *p) {
    const char *t = p->text;
    struct token tok;
    size_t i = skip_blanks(p, p->pos);
    tok.start = i;
    if (!t[i]) {
        tok.type = T_EOF;
        tok.end = i;
        return tok;
    }
    if (t[i] == '\n') {
        tok.type = T_NEWLINE;
        tok.end = i + 1;
        return tok;
    }
    for (size_t k = 0; k < sizeof operators / sizeof operators[0]; k++) {
        size_t n = strlen(operators[k].text);
        if (strncmp(t + i, operators[k].text, n) == 0) {
            tok.type = operators[k].type;
            tok.end = i + n;
            return tok;
        }
    }
    size_t j = i;
    unterminated = 0;
    while (t[j] && !is_meta(t[j])) {
        char c = t[j];
        if (c == '\\') j += t[j + 1] ? 2 : 1;
        else if (c == '\'' || c == '"' || c == '`') j = skip_quoted(t, j + 1, c);
        else if (c == '$' && t[j + 1] == '(') j = skip_paren(t, j + 2);
        else if (c == '$' && t[j + 1] == '{') j = skip_quoted(t, j + 2, '}');
        else j++;
    }
    tok.end = j;
    tok.type = T_WORD;
    if (unterminated || (t[j - 1] == '\\' && !t[j])) p->incomplete = 1;
    int digits = 1;
    for (size_t k = i; k < j; k++)
        if (t[k] < '0' || t[k] > '9') digits = 0;
    if (digits && (t[j] == '<' || t[j] == '>')) tok.type = T_IO_NUMBER;
    return tok;
}

static void read_heredocs(struct parser *p);

static void advance(struct parser *p, struct token tok) {
    for (size_t i = p->pos; i < tok.end; i++)
        if (p->text[i] == '\n') p->line++;
    p->pos = tok.end;
    if (tok.type == T_NEWLINE && p->npending) read_heredocs(p);
}

static char *token_text(struct parser *p, struct token tok) {
    return sh_strndup(p->text + tok.start, tok.end - tok.start);
}

static int token_is(struct parser *p, struct token tok, const char *word) {
    size_t n = strlen(word);
    return tok.type == T_WORD && tok.end - tok.start == n &&
           strncmp(p->text + tok.start, word, n) == 0;
}

static void syntax_error(struct parser *p, struct token tok, const char *expecting) {
    if (p->error) return;
    p->error = 1;
    if (tok.type == T_EOF) p->incomplete = 1;
    if (p->quiet) return;
    int line = p->line;
    for (size_t i = p->pos; i < tok.start; i++)
        if (p->text[i] == '\n') line++;
    if (tok.type == T_EOF)
        fprintf(stderr, "%s: line %d: syntax error: unexpected end of file", sh.name, line);
    else if (tok.type == T_NEWLINE)
        fprintf(stderr, "%s: line %d: syntax error: unexpected newline", sh.name, line);
    else
        fprintf(stderr, "%s: line %d: syntax error: unexpected \"%.*s\"", sh.name, line,
                (int)(tok.end - tok.start), p->text + tok.start);
    if (expecting) fprintf(stderr, " (expecting \"%s\")", expecting);
    fputc('\n', stderr);
}

static int expect_word(struct parser *p, const char *word) {
    struct token tok = peek(p);
    if (!token_is(p, tok, word)) {
        syntax_error(p, tok, word);
        return 0;
    }
    advance(p, tok);
    return 1;
}

static void skip_newlines(struct parser *p) {
    for (struct token tok = peek(p); tok.type == T_NEWLINE; tok = peek(p)) advance(p, tok);
}

static struct node *new_node(struct parser *p, enum node_type type) {
    struct node *n = calloc(1, sizeof *n);
    if (!n) abort();
    n->type = type;
    n->line = p->line;
    return n;
}

/* ---- here-documents ------------------------------------------------------ */

/* Reads the bodies of the here-documents of the line just ended. */
static void read_heredocs(struct parser *p) {
    for (int k = 0; k < p->npending; k++) {
        struct redir *r = p->pending_heredocs[k];
        size_t raw_start = p->pos;
        struct buf body = {0};
        const char *delimiter = r->word;
        int strip = r->quoted_body & 2;
        for (;;) {
            const char *line = p->text + p->pos;
            if (!*line) {
                p->incomplete = 1;
                break;
            }
            const char *end = strchr(line, '\n');
            size_t n = end ? (size_t)(end - line) : strlen(line);
            p->pos += n + (end ? 1 : 0);
            p->line++;
            if (strip)
                while (n && *line == '\t') line++, n--;
            if (n == strlen(delimiter) && strncmp(line, delimiter, n) == 0) break;
            buf_addn(&body, line, n);
            buf_add(&body, '\n');
        }
        r->word = buf_take(&body);
        r->quoted_body &= 1;
        free((char *)delimiter);
        struct node *owner = p->heredoc_owner[k];
        p->heredoc_owner[k] = NULL;
        if (owner) {
            /* The body's lines follow the function's text, read again at
             * each call; this redirection was only the parser's copy. */
            struct buf text = {0};
            buf_adds(&text, owner->items[0]);
            if (text.len && text.s[text.len - 1] != '\n') buf_add(&text, '\n');
            buf_addn(&text, p->text + raw_start, p->pos - raw_start);
            free(owner->items[0]);
            owner->items[0] = buf_take(&text);
            free(r->word);
            free(r);
        }
    }
    p->npending = 0;
}

/* The delimiter word with quotes removed; *quoted tells if it had any. */
static char *heredoc_delimiter(const char *raw, int *quoted) {
    struct buf b = {0};
    *quoted = 0;
    for (const char *s = raw; *s; s++) {
        if (*s == '\'' || *s == '"') *quoted = 1;
        else if (*s == '\\' && s[1]) *quoted = 1, buf_add(&b, *++s);
        else buf_add(&b, *s);
    }
    return buf_take(&b);
}

/* ---- grammar -------------------------------------------------------------- */

static struct node *parse_and_or(struct parser *p);
static struct node *parse_compound_list(struct parser *p);

static int is_redirect(enum token_type t) {
    return t == T_LESS || t == T_GREAT || t == T_DGREAT || t == T_LESSAND || t == T_GREATAND ||
           t == T_DLESS || t == T_DLESSDASH || t == T_LESSGREAT || t == T_CLOBBER ||
           t == T_IO_NUMBER;
}

/* Parses one redirection: [n] op word. Returns NULL after an error. */
static struct redir *parse_redirect(struct parser *p) {
    struct token tok = peek(p);
    int fd = -1;
    if (tok.type == T_IO_NUMBER) {
        fd = atoi(p->text + tok.start);
        advance(p, tok);
        tok = peek(p);
    }
    struct redir *r = calloc(1, sizeof *r);
    if (!r) abort();
    switch (tok.type) {
    case T_LESS: r->op = R_IN; break;
    case T_GREAT: r->op = R_OUT; break;
    case T_DGREAT: r->op = R_APPEND; break;
    case T_CLOBBER: r->op = R_CLOBBER; break;
    case T_LESSAND: r->op = R_DUP_IN; break;
    case T_GREATAND: r->op = R_DUP_OUT; break;
    case T_LESSGREAT: r->op = R_READ_WRITE; break;
    case T_DLESS:
    case T_DLESSDASH: r->op = R_HEREDOC; break;
    default: free(r); syntax_error(p, tok, NULL); return NULL;
    }
    int strip = tok.type == T_DLESSDASH;
    advance(p, tok);
    int input = r->op == R_IN || r->op == R_DUP_IN || r->op == R_READ_WRITE || r->op == R_HEREDOC;
    r->fd = fd >= 0 ? fd : input ? 0 : 1;
    struct token word = peek(p);
    if (word.type != T_WORD) {
        free(r);
        syntax_error(p, word, NULL);
        return NULL;
    }
    advance(p, word);
    r->word = token_text(p, word);
    if (r->op == R_HEREDOC) {
        int quoted;
        char *delimiter = heredoc_delimiter(r->word, &quoted);
        free(r->word);
        r->word = delimiter;
        r->quoted_body = quoted | (strip ? 2 : 0);
        if (p->npending < 16) p->pending_heredocs[p->npending++] = r;
    }
    return r;
}

static int is_assignment(const char *w) {
    const char *eq = strchr(w, '=');
    return eq && eq != w && valid_name(w, (size_t)(eq - w));
}

static void add_word(struct node *n, char *w) {
    n->words = sh_realloc(n->words, sizeof(char *) * (size_t)(n->nwords + 2));
    n->words[n->nwords++] = w;
    n->words[n->nwords] = NULL;
}

static const char *reserved[] = {"if", "then", "else", "elif", "fi", "do", "done", "case",
                                 "esac", "while", "until", "for", "{", "}", "!", "in", NULL};

static int is_reserved(struct parser *p, struct token tok) {
    for (int i = 0; reserved[i]; i++)
        if (token_is(p, tok, reserved[i])) return 1;
    return 0;
}

/* Alias substitution (XCU 2.3.1) of TOK, a word in command position (or
 * after an alias whose value ends in a blank): its text is replaced by the
 * alias's value, which is then read as input. Returns 1 if it was. */
static int substitute_alias(struct parser *p, struct token tok) {
    if (tok.type != T_WORD || p->naliases == 16) return 0;
    while (p->naliases && p->alias_ends[p->naliases - 1] <= tok.start) p->naliases--;
    size_t len = tok.end - tok.start;
    const char *value = alias_get(p->text + tok.start, len);
    if (!value) return 0;
    for (int i = 0; i < p->naliases; i++)
        if (strncmp(p->alias_names[i], p->text + tok.start, len) == 0 &&
            p->alias_names[i][len] == '=')
            return 0; /* an alias is not expanded inside its own value */
    size_t vlen = strlen(value), rest = strlen(p->text + tok.end);
    char *text = sh_malloc(tok.start + vlen + rest + 1);
    memcpy(text, p->text, tok.start);
    memcpy(text + tok.start, value, vlen);
    memcpy(text + tok.start + vlen, p->text + tok.end, rest + 1);
    for (int i = 0; i < p->naliases; i++) p->alias_ends[i] += vlen - len;
    /* "name=value", from the alias table: it lives as long as the alias. */
    p->alias_names[p->naliases] = value - len - 1;
    p->alias_ends[p->naliases++] = tok.start + vlen;
    p->alias_blank_end = vlen && (value[vlen - 1] == ' ' || value[vlen - 1] == '\t')
                             ? tok.start + vlen : 0;
    p->pos = tok.start;
    free(p->owned);
    p->owned = text;
    p->text = text;
    return 1;
}

static struct node *parse_simple(struct parser *p) {
    struct node *n = new_node(p, N_SIMPLE);
    struct redir **tail = &n->redirs;
    for (;;) {
        struct token tok = peek(p);
        if (tok.type == T_WORD) {
            int first = n->nwords == n->nassigns;
            /* The word after an alias whose value ends in a blank. */
            int after_blank = !first && p->alias_blank_end && tok.start >= p->alias_blank_end;
            if (after_blank) p->alias_blank_end = 0;
            char *w = first ? token_text(p, tok) : NULL;
            int assignment = w && is_assignment(w);
            free(w);
            if (((first && !assignment) || after_blank) && substitute_alias(p, tok)) continue;
        }
        if (is_redirect(tok.type)) {
            struct redir *r = parse_redirect(p);
            if (!r) break;
            *tail = r;
            tail = &r->next;
        } else if (tok.type == T_WORD) {
            advance(p, tok);
            char *w = token_text(p, tok);
            if (n->nwords == n->nassigns && is_assignment(w)) n->nassigns++;
            add_word(n, w);
        } else break;
    }
    p->alias_blank_end = 0;
    if (!p->error && n->nwords == 0 && !n->redirs) syntax_error(p, peek(p), NULL);
    if (p->error) {
        free_node(n);
        return NULL;
    }
    return n;
}

static struct node *parse_if(struct parser *p) {
    struct node *n = new_node(p, N_IF);
    n->a = parse_compound_list(p);
    if (!n->a || !expect_word(p, "then")) goto fail;
    n->b = parse_compound_list(p);
    if (!n->b) goto fail;
    struct token tok = peek(p);
    if (token_is(p, tok, "elif")) {
        advance(p, tok);
        n->c = parse_if(p);
        if (!n->c) goto fail;
        return n;
    }
    if (token_is(p, tok, "else")) {
        advance(p, tok);
        n->c = parse_compound_list(p);
        if (!n->c) goto fail;
    }
    if (!expect_word(p, "fi")) goto fail;
    return n;
fail:
    free_node(n);
    return NULL;
}

static struct node *parse_do_group(struct parser *p) {
    if (!expect_word(p, "do")) return NULL;
    struct node *body = parse_compound_list(p);
    if (!body) return NULL;
    if (!expect_word(p, "done")) {
        free_node(body);
        return NULL;
    }
    return body;
}

static struct node *parse_for(struct parser *p) {
    struct node *n = new_node(p, N_FOR);
    struct token tok = peek(p);
    if (tok.type != T_WORD || !valid_name(p->text + tok.start, tok.end - tok.start)) {
        syntax_error(p, tok, NULL);
        goto fail;
    }
    advance(p, tok);
    n->name = token_text(p, tok);
    skip_newlines(p);
    tok = peek(p);
    if (token_is(p, tok, "in")) {
        advance(p, tok);
        n->items = sh_malloc(sizeof(char *));
        for (tok = peek(p); tok.type == T_WORD; tok = peek(p)) {
            advance(p, tok);
            n->items = sh_realloc(n->items, sizeof(char *) * (size_t)(n->nitems + 1));
            n->items[n->nitems++] = token_text(p, tok);
        }
        if (tok.type != T_SEMI && tok.type != T_NEWLINE) {
            syntax_error(p, tok, "do");
            goto fail;
        }
        advance(p, tok);
    } else if (tok.type == T_SEMI) advance(p, tok);
    skip_newlines(p);
    n->a = parse_do_group(p);
    if (!n->a) goto fail;
    return n;
fail:
    free_node(n);
    return NULL;
}

static struct node *parse_case(struct parser *p) {
    struct node *n = new_node(p, N_CASE);
    struct token tok = peek(p);
    if (tok.type != T_WORD) {
        syntax_error(p, tok, NULL);
        goto fail;
    }
    advance(p, tok);
    n->name = token_text(p, tok);
    skip_newlines(p);
    if (!expect_word(p, "in")) goto fail;
    struct case_item **tail = &n->cases;
    for (;;) {
        skip_newlines(p);
        tok = peek(p);
        if (token_is(p, tok, "esac")) {
            advance(p, tok);
            return n;
        }
        struct case_item *item = calloc(1, sizeof *item);
        if (!item) abort();
        *tail = item;
        tail = &item->next;
        if (tok.type == T_LPAREN) advance(p, tok), tok = peek(p);
        for (;;) {
            if (tok.type != T_WORD) {
                syntax_error(p, tok, ")");
                goto fail;
            }
            advance(p, tok);
            item->patterns = sh_realloc(item->patterns, sizeof(char *) * (size_t)(item->npatterns + 1));
            item->patterns[item->npatterns++] = token_text(p, tok);
            tok = peek(p);
            if (tok.type != T_PIPE) break;
            advance(p, tok);
            tok = peek(p);
        }
        if (tok.type != T_RPAREN) {
            syntax_error(p, tok, ")");
            goto fail;
        }
        advance(p, tok);
        skip_newlines(p);
        tok = peek(p);
        if (tok.type != T_DSEMI && !token_is(p, tok, "esac")) {
            item->body = parse_compound_list(p);
            if (!item->body) goto fail;
            tok = peek(p);
        }
        if (tok.type == T_DSEMI) advance(p, tok);
        else if (!token_is(p, tok, "esac")) {
            syntax_error(p, tok, "esac");
            goto fail;
        }
    }
fail:
    free_node(n);
    return NULL;
}

static struct node *parse_command(struct parser *p);

/* NAME ( ): the start of a function definition (XCU 2.9.5). */
static int function_head(struct parser *p, struct token tok) {
    if (tok.type != T_WORD || !valid_name(p->text + tok.start, tok.end - tok.start)) return 0;
    if (is_reserved(p, tok)) return 0;
    size_t i = skip_blanks(p, tok.end);
    if (p->text[i] != '(') return 0;
    i = skip_blanks(p, i + 1);
    return p->text[i] == ')';
}

/* NAME ( ) linebreak compound-command: the body is kept as text (items[0]),
 * parsed again at each call and handed to subshells as it is. */
static struct node *parse_function(struct parser *p, struct token name) {
    struct node *n = new_node(p, N_FUNCDEF);
    n->name = token_text(p, name);
    p->pos = skip_blanks(p, skip_blanks(p, name.end) + 1) + 1;
    skip_newlines(p);
    size_t start = skip_blanks(p, p->pos);
    struct token tok = peek(p);
    if (tok.type != T_LPAREN && !(tok.type == T_WORD && is_reserved(p, tok))) {
        syntax_error(p, tok, NULL);
        free_node(n);
        return NULL;
    }
    int first_heredoc = p->npending;
    struct node *body = parse_command(p);
    if (!body) {
        free_node(n);
        return NULL;
    }
    /* Here-documents opened in the body are read after this line: the
     * parser keeps its own copy of each, owned by this definition. */
    for (int k = first_heredoc; k < p->npending; k++) {
        if (p->heredoc_owner[k]) { /* a function defined in this one */
            p->heredoc_owner[k] = n;
            continue;
        }
        struct redir *copy = sh_malloc(sizeof *copy);
        *copy = *p->pending_heredocs[k];
        copy->word = sh_strdup(copy->word);
        copy->next = NULL;
        p->pending_heredocs[k] = copy;
        p->heredoc_owner[k] = n;
    }
    free_node(body);
    n->items = sh_malloc(sizeof(char *));
    n->items[0] = sh_strndup(p->text + start, p->pos - start);
    n->nitems = 1;
    return n;
}

static int substitute_alias(struct parser *p, struct token tok);

static struct node *parse_command(struct parser *p) {
    while (substitute_alias(p, peek(p)) && !p->error) {
    }
    struct token tok = peek(p);
    struct node *n = NULL;
    if (tok.type == T_LPAREN) {
        advance(p, tok);
        size_t start = p->pos;
        n = new_node(p, N_SUBSHELL);
        n->a = parse_compound_list(p);
        struct token close = peek(p);
        if (!n->a || close.type != T_RPAREN) {
            syntax_error(p, close, ")");
            free_node(n);
            return NULL;
        }
        n->name = sh_strndup(p->text + start, close.start - start);
        advance(p, close);
    } else if (token_is(p, tok, "{")) {
        advance(p, tok);
        n = new_node(p, N_GROUP);
        n->a = parse_compound_list(p);
        if (!n->a || !expect_word(p, "}")) {
            free_node(n);
            return NULL;
        }
    } else if (token_is(p, tok, "if")) {
        advance(p, tok);
        n = parse_if(p);
    } else if (token_is(p, tok, "while") || token_is(p, tok, "until")) {
        advance(p, tok);
        n = new_node(p, token_is(p, tok, "while") ? N_WHILE : N_UNTIL);
        n->a = parse_compound_list(p);
        if (n->a) n->b = parse_do_group(p);
        if (!n->b) {
            free_node(n);
            return NULL;
        }
    } else if (token_is(p, tok, "for")) {
        advance(p, tok);
        n = parse_for(p);
    } else if (token_is(p, tok, "case")) {
        advance(p, tok);
        n = parse_case(p);
    } else if (tok.type == T_WORD && is_reserved(p, tok)) {
        syntax_error(p, tok, NULL);
        return NULL;
    } else if (function_head(p, tok)) {
        return parse_function(p, tok);
    } else {
        return parse_simple(p);
    }
    if (!n) return NULL;
    struct redir **tail = &n->redirs;
    while (is_redirect(peek(p).type)) {
        struct redir *r = parse_redirect(p);
        if (!r) {
            free_node(n);
            return NULL;
        }
        *tail = r;
        tail = &r->next;
    }
    return n;
}

static struct node *parse_pipeline(struct parser *p) {
    struct token tok = peek(p);
    int negate = 0;
    if (token_is(p, tok, "!")) {
        negate = 1;
        advance(p, tok);
    }
    struct node *pipe = new_node(p, N_PIPE);
    for (;;) {
        size_t start = skip_blanks(p, p->pos);
        struct node *cmd = parse_command(p);
        if (!cmd) {
            free_node(pipe);
            return NULL;
        }
        free(cmd->source);
        cmd->source = sh_strndup(p->text + start, p->pos - start);
        pipe->list = sh_realloc(pipe->list, sizeof(struct node *) * (size_t)(pipe->count + 1));
        pipe->list[pipe->count++] = cmd;
        tok = peek(p);
        if (tok.type != T_PIPE) break;
        advance(p, tok);
        skip_newlines(p);
    }
    struct node *result = pipe;
    if (pipe->count == 1 && !negate) {
        result = pipe->list[0];
        pipe->count = 0;
        free_node(pipe);
        return result;
    }
    if (negate) {
        result = new_node(p, N_NOT);
        result->a = pipe;
    }
    return result;
}

static struct node *parse_and_or(struct parser *p) {
    size_t start = skip_blanks(p, p->pos);
    struct node *left = parse_pipeline(p);
    while (left) {
        struct token tok = peek(p);
        if (tok.type != T_AND_IF && tok.type != T_OR_IF) break;
        advance(p, tok);
        skip_newlines(p);
        struct node *n = new_node(p, tok.type == T_AND_IF ? N_AND : N_OR);
        n->a = left;
        n->b = parse_pipeline(p);
        if (!n->b) {
            free_node(n);
            return NULL;
        }
        left = n;
    }
    if (left && !left->source) left->source = sh_strndup(p->text + start, p->pos - start);
    return left;
}

static struct node *sequence(struct parser *p, struct node *left, struct node *right) {
    if (!left) return right;
    struct node *n = new_node(p, N_SEQ);
    n->a = left;
    n->b = right;
    return n;
}

static struct node *background(struct parser *p, struct node *cmd) {
    struct node *n = new_node(p, N_BACKGROUND);
    n->a = cmd;
    n->source = sh_strdup(cmd->source ? cmd->source : "");
    return n;
}

/* A list inside a compound command: ends before a reserved word that closes
 * it, ")" or ";;". At least one command is required. */
static struct node *parse_compound_list(struct parser *p) {
    struct node *list = NULL;
    for (;;) {
        skip_newlines(p);
        struct token tok = peek(p);
        if (tok.type == T_RPAREN || tok.type == T_DSEMI || tok.type == T_EOF ||
            token_is(p, tok, "then") || token_is(p, tok, "else") || token_is(p, tok, "elif") ||
            token_is(p, tok, "fi") || token_is(p, tok, "do") || token_is(p, tok, "done") ||
            token_is(p, tok, "esac") || token_is(p, tok, "}")) {
            if (!list) {
                syntax_error(p, tok, NULL);
                return NULL;
            }
            return list;
        }
        struct node *cmd = parse_and_or(p);
        if (!cmd) {
            free_node(list);
            return NULL;
        }
        tok = peek(p);
        if (tok.type == T_AMP) cmd = background(p, cmd);
        list = sequence(p, list, cmd);
        if (tok.type != T_SEMI && tok.type != T_AMP && tok.type != T_NEWLINE) return list;
        advance(p, tok);
    }
}

struct node *parse_complete_command(struct parser *p) {
    skip_newlines(p);
    if (peek(p).type == T_EOF) return NULL;
    struct node *list = NULL;
    for (;;) {
        struct node *cmd = parse_and_or(p);
        if (!cmd) {
            free_node(list);
            return NULL;
        }
        struct token tok = peek(p);
        if (tok.type == T_AMP) cmd = background(p, cmd);
        list = sequence(p, list, cmd);
        int separated = tok.type == T_SEMI || tok.type == T_AMP;
        if (separated) {
            advance(p, tok);
            tok = peek(p);
        }
        if (tok.type == T_NEWLINE || tok.type == T_EOF) {
            advance(p, tok);
            return list;
        }
        if (!separated) {
            syntax_error(p, tok, NULL);
            free_node(list);
            return NULL;
        }
    }
}

void free_node(struct node *n) {
    if (!n) return;
    for (int i = 0; i < n->nwords; i++) free(n->words[i]);
    free(n->words);
    for (struct redir *r = n->redirs, *next; r; r = next) {
        next = r->next;
        free(r->word);
        free(r);
    }
    for (int i = 0; i < n->count; i++) free_node(n->list[i]);
    free(n->list);
    free_node(n->a);
    free_node(n->b);
    free_node(n->c);
    free(n->name);
    for (int i = 0; i < n->nitems; i++) free(n->items[i]);
    free(n->items);
    for (struct case_item *c = n->cases, *next; c; c = next) {
        next = c->next;
        for (int i = 0; i < c->npatterns; i++) free(c->patterns[i]);
        free(c->patterns);
        free_node(c->body);
        free(c);
    }
    free(n->source);
    free(n);
}
