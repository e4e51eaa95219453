/* escape.h: backslash escapes as echo -e and printf read them. */
#ifndef BOX_ESCAPE_H
#define BOX_ESCAPE_H

#include <stdio.h>

/* Escape styles: echo's and %b's octal is \0NNN; printf's format takes \NNN
 * and also \" and \uHHHH is not supported (bytes only). */
enum escape_style { ESCAPE_ECHO, ESCAPE_FORMAT };

/* Reads one escape at `text` (just after the backslash), writes its byte to
 * `out`, returns the number of characters consumed. Sets *stop for \c. An
 * unknown escape writes the backslash and the character, as GNU does. */
size_t put_escape(const char *text, enum escape_style style, FILE *out, int *stop);

#endif
