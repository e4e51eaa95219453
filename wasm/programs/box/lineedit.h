/* lineedit.h: the interactive shell's line editor, emacs-style as busybox
 * ash and bash: the terminal is in raw mode only while a line is edited
 * (given back before the command runs), with cursor keys, ^A ^E ^B ^F ^D
 * ^K ^U ^W ^Y ^L ^C, history (up/down, ^P/^N, ^R, kept in $HISTFILE, by
 * default ~/.ash_history) and tab completion of commands and paths.
 * sh-input.c uses it when standard input and standard error are terminals;
 * any other input is read as before. */
#ifndef BOX_LINEEDIT_H
#define BOX_LINEEDIT_H

struct buf;

/* Whether the shell's input can be edited now: stdin and stderr are terminals
 * (asked each time: `exec <file` may have changed stdin). */
int lineedit_usable(void);

/* The prompt of the next line: lineedit_read shows it once the terminal is
 * in raw mode (keys typed before are then not echoed ahead of it), and
 * redraws its last line when the text wraps, on ^L and after a listing. */
void lineedit_prompt(const char *text);

/* Reads one edited line into B, with its newline: 1; 0 at the end of input
 * (^D on an empty line); -1 when the line was abandoned (^C, or a signal). */
int lineedit_read(struct buf *b);

#endif
