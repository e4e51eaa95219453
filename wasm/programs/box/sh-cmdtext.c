/* sh-cmdtext.c: a command's text as a job shows it (jobs, fg, the Done
 * notices), rebuilt from the parse tree as dash's cmdtxt does rather than
 * kept as typed: words one space apart, assignments left out, parameters
 * as ${name}, command substitutions as $(...), quotes as double quotes,
 * redirections with their descriptor (1>/dev/null), a group's braces and
 * redirections dropped, elif as a nested if, a case item's first pattern
 * only. One difference is left: dash prints a closing <&- or >&- as <&/
 * (its '0' + fd with fd -1), box prints the dash. */
#include <string.h>

#include "sh.h"

static void node_text_to(struct buf *b, const struct node *n);

static int is_name_start(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

/* The index after the ")" closing a $( or ( whose inside starts at I. */
static size_t after_paren(const char *w, size_t i) {
    int depth = 1;
    while (w[i] && depth) {
        if (w[i] == '\\' && w[i + 1]) i++;
        else if (w[i] == '\'') {
            while (w[i + 1] && w[i + 1] != '\'') i++;
            if (w[i + 1]) i++;
        } else if (w[i] == '(') depth++;
        else if (w[i] == ')') depth--;
        i++;
    }
    return i;
}

/* The index of the "}" closing a ${ whose inside starts at I. */
static size_t closing_brace(const char *w, size_t i) {
    int depth = 1;
    for (; w[i]; i++) {
        if (w[i] == '\\' && w[i + 1]) i++;
        else if (w[i] == '\'') {
            while (w[i + 1] && w[i + 1] != '\'') i++;
            if (w[i + 1]) i++;
        } else if (w[i] == '{') depth++;
        else if (w[i] == '}' && --depth == 0) return i;
    }
    return i;
}

static size_t word_part(struct buf *b, const char *w, size_t i, size_t end, int quoted);

/* A $ expansion at W[I] (the "$"): appends its dash form, returns the index after it. */
static size_t dollar(struct buf *b, const char *w, size_t i, size_t end) {
    const char *s = w + i + 1;
    if (s[0] == '(' && s[1] == '(') {
        /* $(( ... )): the expression's own parameters are rewritten too. */
        size_t close = after_paren(w, i + 2);
        if (close > end) close = end;
        buf_adds(b, "$((");
        word_part(b, w, i + 3, close >= i + 5 ? close - 2 : i + 3, 0);
        buf_adds(b, "))");
        return close;
    }
    if (s[0] == '(') {
        buf_adds(b, "$(...)");
        size_t close = after_paren(w, i + 2);
        return close <= end ? close : end;
    }
    if (s[0] == '{') {
        /* ${name OP word}: the name as typed, the word rewritten. */
        size_t close = closing_brace(w, i + 2);
        size_t k = i + 2;
        if (w[k] == '#' && k + 1 < close) k++;
        if (is_name_start(w[k]))
            while (k < close && is_name_char(w[k])) k++;
        else if (k < close)
            k++;
        while (k < close && strchr(":-=?+%#", w[k])) k++;
        buf_addn(b, w + i, k - i);
        word_part(b, w, k, close, 0);
        buf_add(b, '}');
        return close < end ? close + 1 : end;
    }
    size_t k = i + 1;
    if (is_name_start(w[k])) {
        while (k < end && is_name_char(w[k])) k++;
    } else if (k < end && ((w[k] >= '0' && w[k] <= '9') || strchr("@*#?-!", w[k]))) {
        k++;
    } else if (k < end && w[k] == '$') {
        buf_adds(b, "${\\$}"); /* dash escapes the second $ */
        return k + 1;
    } else {
        buf_add(b, '$');
        return i + 1;
    }
    buf_adds(b, "${");
    buf_addn(b, w + i + 1, k - i - 1);
    buf_add(b, '}');
    return k;
}

/* Appends W[I..END) in dash's form; QUOTED: inside double quotes already. */
static size_t word_part(struct buf *b, const char *w, size_t i, size_t end, int quoted) {
    while (i < end) {
        char c = w[i];
        if (c == '\\' && i + 1 < end) {
            char next = w[i + 1];
            if (next == '\n') {
            } else if (!quoted || strchr("$`\"\\", next)) buf_add(b, next);
            else buf_add(b, '\\'), buf_add(b, next);
            i += 2;
        } else if (c == '\'' && !quoted) {
            /* Single quotes become double ones, with what they protect escaped. */
            buf_add(b, '"');
            for (i++; i < end && w[i] != '\''; i++) {
                if (w[i] == '"' || w[i] == '$') buf_add(b, '\\');
                buf_add(b, w[i]);
            }
            buf_add(b, '"');
            i++;
        } else if (c == '"') {
            buf_add(b, '"');
            quoted = !quoted;
            i++;
        } else if (c == '\'' && quoted) {
            buf_adds(b, "\\'");
            i++;
        } else if (c == '$') {
            i = dollar(b, w, i, end);
        } else if (c == '`') {
            buf_adds(b, "$(...)");
            for (i++; i < end && w[i] != '`'; i++)
                if (w[i] == '\\' && i + 1 < end) i++;
            i++;
        } else {
            buf_add(b, c);
            i++;
        }
    }
    return i;
}

static void word_text(struct buf *b, const char *w) { word_part(b, w, 0, strlen(w), 0); }

static void redirs_text(struct buf *b, const struct redir *r) {
    static const char *ops[] = {[R_IN] = "<",        [R_OUT] = ">",       [R_APPEND] = ">>",
                                [R_CLOBBER] = ">|",  [R_DUP_IN] = "<&",   [R_DUP_OUT] = ">&",
                                [R_READ_WRITE] = "<>", [R_HEREDOC] = "<<"};
    for (; r; r = r->next) {
        if (b->len) buf_add(b, ' ');
        if (r->op == R_HEREDOC) {
            buf_adds(b, "<<...");
            continue;
        }
        buf_add(b, (char)('0' + r->fd % 10));
        buf_adds(b, ops[r->op]);
        word_text(b, r->word);
    }
}

static void simple_text(struct buf *b, const struct node *n) {
    for (int i = n->nassigns; i < n->nwords; i++) {
        if (i > n->nassigns) buf_add(b, ' ');
        word_text(b, n->words[i]);
    }
    redirs_text(b, n->redirs);
}

static void node_text_to(struct buf *b, const struct node *n) {
    if (!n) return;
    switch (n->type) {
    case N_SIMPLE: simple_text(b, n); break;
    case N_PIPE:
        for (int i = 0; i < n->count; i++) {
            if (i) buf_adds(b, " | ");
            node_text_to(b, n->list[i]);
        }
        break;
    case N_AND:
    case N_OR:
        node_text_to(b, n->a);
        buf_adds(b, n->type == N_AND ? " && " : " || ");
        node_text_to(b, n->b);
        break;
    case N_SEQ:
        node_text_to(b, n->a);
        buf_adds(b, "; ");
        node_text_to(b, n->b);
        break;
    case N_BACKGROUND:
        node_text_to(b, n->a);
        buf_adds(b, " &");
        break;
    case N_NOT:
        buf_add(b, '!');
        node_text_to(b, n->a);
        break;
    case N_SUBSHELL:
        buf_add(b, '(');
        node_text_to(b, n->a);
        buf_add(b, ')');
        break;
    case N_GROUP: node_text_to(b, n->a); break;
    case N_IF:
        buf_adds(b, "if ");
        node_text_to(b, n->a);
        buf_adds(b, "; then ");
        node_text_to(b, n->b);
        if (n->c) {
            buf_adds(b, "; else ");
            node_text_to(b, n->c);
        }
        buf_adds(b, "; fi");
        break;
    case N_WHILE:
    case N_UNTIL:
        buf_adds(b, n->type == N_WHILE ? "while " : "until ");
        node_text_to(b, n->a);
        buf_adds(b, "; do ");
        node_text_to(b, n->b);
        buf_adds(b, "; done");
        break;
    case N_FOR:
        buf_adds(b, "for ");
        buf_adds(b, n->name);
        buf_adds(b, " in");
        if (!n->items) buf_adds(b, " \"${@}\"");
        for (int i = 0; n->items && i < n->nitems; i++) {
            buf_add(b, ' ');
            word_text(b, n->items[i]);
        }
        buf_adds(b, "; do ");
        node_text_to(b, n->a);
        buf_adds(b, "; done");
        break;
    case N_CASE:
        buf_adds(b, "case ");
        word_text(b, n->name);
        buf_adds(b, " in ");
        for (const struct case_item *c = n->cases; c; c = c->next) {
            if (c->npatterns) word_text(b, c->patterns[0]);
            buf_adds(b, ") ");
            node_text_to(b, c->body);
            buf_adds(b, ";; ");
        }
        buf_adds(b, "esac");
        break;
    case N_FUNCDEF:
        buf_adds(b, n->name);
        buf_adds(b, "() ");
        node_text_to(b, n->a);
        break;
    }
}

char *node_text(const struct node *n) {
    struct buf b = {0};
    buf_adds(&b, "");
    node_text_to(&b, n);
    return buf_take(&b);
}
