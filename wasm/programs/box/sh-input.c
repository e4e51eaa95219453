/* sh-input.c: commands read from standard input (sh with no -c and no
 * file). Input is read one byte at a time, a line at a time, and each
 * complete command runs before the next line is read, so a `read` in the
 * script, or a program the script starts, reads the lines that follow the
 * command from the same descriptor (XCU sh: "the shell shall read its input
 * one line at a time"). A line that leaves a command open (a quote, an
 * if without fi, a here-document without its delimiter, a trailing && or
 * backslash) makes the shell read the next one, prompting with PS2 when
 * interactive; PS1 is printed before each command. */
#define _GNU_SOURCE
#include "bocal.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lineedit.h"
#include "sh-jobs.h"
#include "sh.h"

/* Appends one line (with its newline) from fd 0; returns 0 at end of
 * input, -1 when a signal interrupted the read. An interactive shell on a
 * terminal edits the line first (lineedit.c). */
static int read_line(struct buf *b) {
    if (sh.interactive && lineedit_usable()) return lineedit_read(b);
    size_t before = b->len;
    for (;;) {
        char c;
        ssize_t n = read(0, &c, 1);
        if (n < 0 && errno == EINTR) return -1;
        if (n <= 0) return b->len > before;
        buf_add(b, c);
        if (c == '\n') return 1;
    }
}

static void prompt(const char *name, const char *fallback) {
    if (!sh.interactive) return;
    const char *text = var_get(name);
    char *shown = prompt_expand(text ? text : fallback); /* sh-prompt.c */
    fflush(stdout);
    /* On a terminal the line editor shows it once the terminal is in its
     * mode, so keys typed meanwhile are not echoed ahead of it. */
    if (lineedit_usable()) lineedit_prompt(shown);
    else fputs(shown, stderr);
    fflush(stderr);
    free(shown);
}

/* An odd number of backslashes before the final newline: a continuation. */
static int ends_continued(const struct buf *b) {
    if (b->len < 2 || b->s[b->len - 1] != '\n') return 0;
    size_t k = 0;
    while (k + 2 <= b->len && b->s[b->len - 2 - k] == '\\') k++;
    return k % 2 == 1;
}

/* Whether TEXT holds only complete commands (or a real syntax error, which
 * running it will report). */
static int complete(const char *text) {
    struct parser p = {0};
    p.text = text;
    p.line = 1;
    p.quiet = 1;
    for (;;) {
        struct node *n = parse_complete_command(&p);
        if (p.incomplete) {
            free_node(n);
            return 0;
        }
        if (!n || p.error) return 1;
        free_node(n);
    }
}

static int count_lines(const char *s) {
    int n = 0;
    for (; *s; s++) n += *s == '\n';
    return n;
}

void run_stdin(void) {
    int line = 1;
    while (!sh.exiting && !sh.returning) {
        struct buf text = {0};
        buf_adds(&text, "");
        if (sh.interactive) jobs_notify(); /* "[1] + Done ..." before the prompt (sh-jobs.c) */
        sh.interrupted = 0;
        if (sh.exit_warned) sh.exit_warned--;
        prompt("PS1", geteuid() == 0 ? "# " : "$ ");
        int got;
        for (;;) {
            got = read_line(&text);
            if (got < 0) break;
            if (got == 0 || (!ends_continued(&text) && complete(text.s))) break;
            prompt("PS2", "> ");
        }
        if (got < 0) {
            /* ^C at the prompt: drop the line and prompt again. */
            if (sh.interactive) fputc('\n', stderr);
            free(text.s);
            continue;
        }
        if (text.len == 0) {
            free(text.s);
            break;
        }
        run_text_at(text.s, line);
        line += count_lines(text.s);
        free(text.s);
        if (got == 0) break;
    }
    if (sh.interactive && !sh.exiting && !sh.returning) fputc('\n', stderr);
}
