/* vi-ex.c: the line typed after ':' '/' or '?' on the last row (Backspace
 * past its start or ESC abandons it), the ex commands a learner needs and
 * searching. Commands: :w [FILE], :q, :q!, :wq, :x, :e[!] [FILE], :N (go to
 * line N), :$; a buffer changed since it was written is not left or
 * replaced without ! ("E37: No write since last change (add ! to
 * override)", vim's words). Searches are POSIX basic regular expressions,
 * wrapping around the end with vim's "search hit BOTTOM, continuing at TOP". */
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "vi.h"

char *vi_read_command(struct vi *v, char kind) {
    struct text line = {0};
    text_addc(&line, kind);
    for (;;) {
        vi_draw(v, line.s);
        int key = vi_key(v);
        if (key == '\r' || key == '\n') break;
        if (key == VI_ESC || key == VI_CTRL('C') || key == VI_EOF ||
            ((key == 0x7f || key == VI_CTRL('H')) && line.len == 1)) {
            free(line.s);
            return NULL;
        }
        if (key == 0x7f || key == VI_CTRL('H')) {
            do line.len--;
            while (line.len > 1 && ((unsigned char)line.s[line.len] & 0xc0) == 0x80);
            line.s[line.len] = 0;
        } else if (key == VI_CTRL('U')) {
            line.len = 1;
            line.s[1] = 0;
        } else if (key >= 0x20 && key < 0x100 && key != 0x7f) {
            text_addc(&line, (char)key);
        }
    }
    char *text = strdup(line.s + 1);
    free(line.s);
    return text;
}

static const char *skip_blanks(const char *s) {
    while (*s == ' ' || *s == '\t') s++;
    return s;
}

static int refuse_if_modified(struct vi *v, int force) {
    if (!v->modified || force) return 0;
    vi_message(v, 1, "E37: No write since last change (add ! to override)");
    return 1;
}

static void go_to_line(struct vi *v, int line) {
    if (line < 1) line = 1;
    if (line > v->buffer.count) line = v->buffer.count;
    v->row = line - 1;
    const char *s = v->buffer.v[v->row];
    v->col = (int)(skip_blanks(s) - s);
    v->want_col = vi_display_column(s, v->col);
}

void vi_ex(struct vi *v, const char *command) {
    const char *c = skip_blanks(command);
    if (!*c) return;
    if (isdigit((unsigned char)*c) || *c == '$') {
        go_to_line(v, *c == '$' ? v->buffer.count : atoi(c));
        return;
    }
    size_t length = 0;
    while (isalpha((unsigned char)c[length])) length++;
    char name[16] = {0};
    memcpy(name, c, length < sizeof name - 1 ? length : sizeof name - 1);
    const char *rest = c + length;
    int force = *rest == '!';
    if (force) rest++;
    const char *argument = skip_blanks(rest);
    char *file = *argument ? strdup(argument) : NULL;
    if (file) {
        size_t end = strlen(file);
        while (end > 0 && (file[end - 1] == ' ' || file[end - 1] == '\t')) file[--end] = 0;
    }
    if (!strcmp(name, "w") || !strcmp(name, "write")) {
        if (vi_write(v, file) == 0 && file && !v->file) v->file = strdup(file);
    } else if (!strcmp(name, "q") || !strcmp(name, "quit")) {
        if (!refuse_if_modified(v, force)) v->quit = 1;
    } else if (!strcmp(name, "wq") || !strcmp(name, "x") || !strcmp(name, "xit") ||
               !strcmp(name, "exit")) {
        int write = name[0] == 'w' || v->modified || (file != NULL);
        if (!write || vi_write(v, file) == 0) {
            if (file && !v->file) v->file = strdup(file);
            v->quit = 1;
        }
    } else if (!strcmp(name, "e") || !strcmp(name, "edit")) {
        const char *target = file ? file : v->file;
        if (!target) vi_message(v, 1, "E32: No file name");
        else if (!refuse_if_modified(v, force)) {
            char *keep = strdup(target);
            vi_load(v, keep);
            free(v->file);
            v->file = keep;
        }
    } else {
        vi_message(v, 1, "E492: Not an editor command: %s", c);
    }
    free(file);
}

/* The first match in LINE starting at or after byte FROM (or the last one
 * before byte BEFORE when BEFORE >= 0); -1 if none. */
static int match_in(regex_t *re, const char *line, int from, int before) {
    int found = -1;
    for (int at = from;; at++) {
        regmatch_t m;
        if (at > (int)strlen(line)) break;
        if (regexec(re, line + at, 1, &m, at > 0 ? REG_NOTBOL : 0) != 0) break;
        int start = at + (int)m.rm_so;
        if (before < 0) return start;
        if (start >= before) break;
        found = start;
        at = start;
    }
    return found;
}

static void search_from(struct vi *v, int backward) {
    regex_t re;
    if (regcomp(&re, v->pattern, 0) != 0) {
        vi_message(v, 1, "E486: Pattern not found: %s", v->pattern);
        return;
    }
    int count = v->buffer.count;
    for (int step = 0; step <= count; step++) {
        int row, hit;
        if (!backward) {
            row = (v->row + step) % count;
            hit = match_in(&re, v->buffer.v[row], step == 0 ? v->col + 1 : 0, -1);
            if (step == 0 && hit >= 0 && hit <= v->col) hit = -1;
        } else {
            row = ((v->row - step) % count + count) % count;
            int before = step == 0 ? v->col : (int)strlen(v->buffer.v[row]) + 1;
            hit = match_in(&re, v->buffer.v[row], 0, before);
        }
        if (hit >= 0) {
            int wrapped = backward ? row > v->row || (row == v->row && hit > v->col)
                                   : row < v->row || (row == v->row && hit <= v->col);
            v->row = row;
            v->col = hit;
            v->want_col = vi_display_column(v->buffer.v[row], hit);
            if (wrapped)
                vi_message(v, 1, backward ? "search hit TOP, continuing at BOTTOM"
                                          : "search hit BOTTOM, continuing at TOP");
            else
                vi_message(v, 0, "%c%s", backward ? '?' : '/', v->pattern);
            regfree(&re);
            return;
        }
    }
    vi_message(v, 1, "E486: Pattern not found: %s", v->pattern);
    regfree(&re);
}

void vi_search(struct vi *v, const char *pattern, int backward) {
    if (*pattern) {
        free(v->pattern);
        v->pattern = strdup(pattern);
    }
    v->backward = backward;
    if (!v->pattern) {
        vi_message(v, 1, "E35: No previous regular expression");
        return;
    }
    search_from(v, backward);
}

void vi_search_next(struct vi *v, int reverse) {
    if (!v->pattern) {
        vi_message(v, 1, "E35: No previous regular expression");
        return;
    }
    search_from(v, v->backward != reverse);
}
