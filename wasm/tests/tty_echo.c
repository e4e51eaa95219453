// tty_echo: says whether fds 0, 1 and 2 are terminals, then prompts and
// reads standard input until end of file, reporting each read's bytes with
// C escapes, so a test that types on a terminal sees what the line
// discipline delivered (one line per read in canonical mode, nothing for ^D).
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void say(const char *text) {
  size_t length = strlen(text);
  while (length > 0) {
    ssize_t written = write(1, text, length);
    if (written <= 0) return;
    text += written;
    length -= (size_t)written;
  }
}

/** Appends `byte` to `out` as C would write it in a string literal. */
static size_t escape(unsigned char byte, char *out) {
  if (byte == '\n') return (size_t)sprintf(out, "\\n");
  if (byte == '\r') return (size_t)sprintf(out, "\\r");
  if (byte == '\\' || byte == '"') return (size_t)sprintf(out, "\\%c", byte);
  if (byte < 0x20 || byte >= 0x7f) return (size_t)sprintf(out, "\\x%02x", byte);
  out[0] = (char)byte;
  return 1;
}

static void report(const unsigned char *bytes, ssize_t count) {
  char line[4 * 128 + 32];
  size_t used = (size_t)sprintf(line, "read %zd: \"", count);
  for (ssize_t i = 0; i < count; i++) used += escape(bytes[i], line + used);
  sprintf(line + used, "\"\n");
  say(line);
}

int main(void) {
  char status[64];
  sprintf(status, "isatty %d %d %d\n", isatty(0), isatty(1), isatty(2));
  say(status);
  for (;;) {
    unsigned char buffer[128];
    say("> ");
    ssize_t count = read(0, buffer, sizeof buffer);
    if (count < 0) {
      perror("read");
      return 1;
    }
    if (count == 0) {
      say("eof\n");
      return 0;
    }
    report(buffer, count);
  }
}
