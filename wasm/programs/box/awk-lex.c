/* awk-lex.c: awk's tokens. A `/` starts a regex unless the token before
 * ends an operand (then it divides), as the POSIX grammar's lexical
 * conventions say; a newline is a token (it ends statements), except
 * after a backslash. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "awk.h"
#include "util.h"

static const struct {
    const char *name;
    int token;
} keywords[] = {
    {"BEGIN", T_BEGIN},   {"END", T_END},           {"function", T_FUNCTION},
    {"func", T_FUNCTION}, {"if", T_IF},             {"else", T_ELSE},
    {"while", T_WHILE},   {"for", T_FOR},           {"do", T_DO},
    {"break", T_BREAK},   {"continue", T_CONTINUE}, {"next", T_NEXT},
    {"nextfile", T_NEXTFILE}, {"exit", T_EXIT},     {"return", T_RETURN},
    {"delete", T_DELETE}, {"in", T_IN},             {"getline", T_GETLINE},
    {"print", T_PRINT},   {"printf", T_PRINTF},     {NULL, 0},
};

static const char *builtin_names[] = {
    "length", "substr", "index", "split", "sub", "gsub", "match", "sprintf", "sin", "cos",
    "atan2", "exp", "log", "sqrt", "int", "rand", "srand", "tolower", "toupper", "system",
    "close", "fflush", NULL,
};

/* Token texts are never freed: the parser backtracks by copying the lexer,
 * so an older token's text must stay valid. */
void lex_init(struct lexer *lexer, const char *source) {
    memset(lexer, 0, sizeof *lexer);
    lexer->source = lexer->p = source;
    lexer->line = 1;
    lexer->previous = T_NEWLINE;
}

void lex_syntax_error(struct lexer *lexer) {
    fflush(stdout);
    const char *near;
    char one[2] = {0, 0};
    switch (lexer->token) {
    case T_EOF: near = "end of file"; break;
    case T_NEWLINE: near = "end of line"; break;
    case T_NAME: case T_FUNC_NAME: case T_ERE: near = lexer->text; break;
    case T_STRING: near = lexer->text; break;
    case T_NUMBER: near = lexer->text ? lexer->text : "number"; break;
    default:
        if (lexer->token < 256) {
            one[0] = (char)lexer->token;
            near = one;
        } else {
            /* keywords and operators: the text just read */
            static char word[32];
            const char *end = lexer->p, *start = end;
            while (start > lexer->source && !isspace((unsigned char)start[-1]) &&
                   end - start < 30)
                start--;
            snprintf(word, sizeof word, "%.*s", (int)(end - start), start);
            near = word;
        }
    }
    fprintf(stderr, "%s: line %d: syntax error at or near %s\n", applet_name, lexer->line, near);
    exit(2);
}

static int operand_end(int token) {
    return token == T_NAME || token == T_NUMBER || token == T_STRING || token == T_ERE ||
           token == ')' || token == ']' || token == T_INCR || token == T_DECR ||
           token == T_BUILTIN;
}

static char *read_string(struct lexer *lexer) {
    size_t length = 0, size = 32;
    char *text = xmalloc(size);
    for (;;) {
        char c = *lexer->p++;
        if (c == '\0' || c == '\n') {
            fprintf(stderr, "%s: line %d: runaway string constant \"%.10s ...\n", applet_name,
                    lexer->line, text);
            exit(2);
        }
        if (c == '"') break;
        if (length + 4 > size) text = realloc(text, size *= 2);
        if (c != '\\') {
            text[length++] = c;
            continue;
        }
        c = *lexer->p++;
        int escaped = awk_escape(c);
        if (escaped >= 0) {
            text[length++] = (char)escaped;
            continue;
        }
        switch (c) {
        case '\n': lexer->line++; break;
        case '\0': lexer->p--; text[length++] = '\\'; break;
        default:
            if (c >= '0' && c <= '7') {
                int value = c - '0';
                for (int i = 0; i < 2 && *lexer->p >= '0' && *lexer->p <= '7'; i++)
                    value = value * 8 + (*lexer->p++ - '0');
                text[length++] = (char)value;
            } else {
                /* an unknown escape keeps its backslash, as mawk does */
                text[length++] = '\\';
                text[length++] = c;
            }
        }
    }
    text[length] = '\0';
    return text;
}

static char *read_regex(struct lexer *lexer) {
    size_t length = 0, size = 32;
    char *text = xmalloc(size);
    int bracket = 0;
    for (;;) {
        char c = *lexer->p++;
        if (c == '\0' || c == '\n') {
            fprintf(stderr, "%s: line %d: runaway regular expression /%.10s ...\n", applet_name,
                    lexer->line, text);
            exit(2);
        }
        if (c == '/' && !bracket) break;
        if (length + 4 > size) text = realloc(text, size *= 2);
        if (c == '[' && !bracket) {
            bracket = 1;
            text[length++] = c;
            if (*lexer->p == '^') text[length++] = *lexer->p++;
            if (*lexer->p == ']') text[length++] = *lexer->p++;
            continue;
        }
        if (c == ']' && bracket) bracket = 0;
        if (c == '\\' && lexer->p[0] == '/') {
            text[length++] = '/';
            lexer->p++;
            continue;
        }
        text[length++] = c;
        if (c == '\\' && *lexer->p) text[length++] = *lexer->p++;
    }
    text[length] = '\0';
    return text;
}

static int two(struct lexer *lexer, char second, int token, int otherwise) {
    if (*lexer->p == second) {
        lexer->p++;
        return token;
    }
    return otherwise;
}

static int scan(struct lexer *lexer) {
    for (;;) {
        while (*lexer->p == ' ' || *lexer->p == '\t' || *lexer->p == '\r') lexer->p++;
        if (*lexer->p == '\\' && lexer->p[1] == '\n') {
            lexer->p += 2, lexer->line++;
            continue;
        }
        if (*lexer->p == '\\' && lexer->p[1] == '\r' && lexer->p[2] == '\n') {
            lexer->p += 3, lexer->line++;
            continue;
        }
        if (*lexer->p == '#') {
            while (*lexer->p && *lexer->p != '\n') lexer->p++;
            continue;
        }
        break;
    }
    char c = *lexer->p;
    if (c == '\0') return T_EOF;
    lexer->p++;
    if (c == '\n') {
        lexer->line++;
        return T_NEWLINE;
    }
    if (isdigit((unsigned char)c) || (c == '.' && isdigit((unsigned char)*lexer->p))) {
        const char *start = lexer->p - 1;
        char *end;
        lexer->num = strtod(start, &end);
        /* strtod would take hex and inf/nan; awk's numbers are decimal */
        if (start[0] == '0' && (start[1] == 'x' || start[1] == 'X')) end = (char *)start + 1,
                                                                      lexer->num = 0;
        lexer->p = end;
        lexer->text = xmalloc((size_t)(end - start) + 1);
        memcpy(lexer->text, start, (size_t)(end - start));
        lexer->text[end - start] = '\0';
        return T_NUMBER;
    }
    if (isalpha((unsigned char)c) || c == '_') {
        const char *start = lexer->p - 1;
        while (isalnum((unsigned char)*lexer->p) || *lexer->p == '_') lexer->p++;
        size_t length = (size_t)(lexer->p - start);
        lexer->text = xmalloc(length + 1);
        memcpy(lexer->text, start, length);
        lexer->text[length] = '\0';
        for (int i = 0; keywords[i].name; i++)
            if (strcmp(keywords[i].name, lexer->text) == 0) return keywords[i].token;
        for (int i = 0; builtin_names[i]; i++)
            if (strcmp(builtin_names[i], lexer->text) == 0) {
                lexer->builtin = i;
                return T_BUILTIN;
            }
        return *lexer->p == '(' ? T_FUNC_NAME : T_NAME;
    }
    switch (c) {
    case '"':
        lexer->text = read_string(lexer);
        return T_STRING;
    case '/':
        if (!operand_end(lexer->previous)) {
            lexer->text = read_regex(lexer);
            return T_ERE;
        }
        return two(lexer, '=', T_DIV_ASSIGN, '/');
    case '+':
        if (*lexer->p == '+') return lexer->p++, T_INCR;
        return two(lexer, '=', T_ADD_ASSIGN, '+');
    case '-':
        if (*lexer->p == '-') return lexer->p++, T_DECR;
        return two(lexer, '=', T_SUB_ASSIGN, '-');
    case '*': return two(lexer, '=', T_MUL_ASSIGN, '*');
    case '%': return two(lexer, '=', T_MOD_ASSIGN, '%');
    case '^': return two(lexer, '=', T_POW_ASSIGN, '^');
    case '=': return two(lexer, '=', T_EQ, '=');
    case '!':
        if (*lexer->p == '~') return lexer->p++, T_NOMATCH;
        return two(lexer, '=', T_NE, '!');
    case '<': return two(lexer, '=', T_LE, '<');
    case '>':
        if (*lexer->p == '>') return lexer->p++, T_APPEND;
        return two(lexer, '=', T_GE, '>');
    case '&':
        if (*lexer->p == '&') return lexer->p++, T_AND;
        break;
    case '|': return two(lexer, '|', T_OR, '|');
    case '{': case '}': case '(': case ')': case '[': case ']': case ';': case ',': case '~':
    case '?': case ':': case '$':
        return c;
    }
    lexer->token = c;
    lex_syntax_error(lexer);
}

int lex_next(struct lexer *lexer) {
    lexer->previous = lexer->token;
    lexer->token = scan(lexer);
    return lexer->token;
}
