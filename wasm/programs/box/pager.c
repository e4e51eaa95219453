/* pager.c: more and less, two simple pagers over one screen model. Both
 * copy their input through when standard output is not a terminal (more
 * with a ":::" header per file when there are several, as util-linux).
 * On a terminal the input is read whole and cut into screen rows; keys
 * come from /dev/tty (so a pipe can be paged) with the terminal in
 * non-canonical, no-echo mode, given back at the end or on ^C.
 *   more: pages down from the top, prompting --More--(NN%); space a page,
 *         Enter a line, b a page back, /RE the next match, n again, q
 *         quits; it ends by itself at the end of the input.
 *   less: redraws the screen at every move; space/f, b, j/Enter/down,
 *         k/up, d, u, g/<, G/>, /RE, n, N, and q; the end shows (END)
 *         and waits; -N numbers the lines, -F quits when all fits. */
#include "bocal.h"

#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "util.h"

struct row {
    const char *text;
    size_t length;
    long line;  /* the input line it shows a part of (from 1) */
    int first;  /* the first part of that line */
    size_t end; /* bytes of input up to its end, for more's percentage */
};

struct pager {
    int less, numbers, quit_if_one_screen;
    char *data;
    size_t size;
    struct row *rows;
    long count;
    int height, width; /* the page: rows - 1 lines; columns */
    int keys;          /* the terminal keys come from */
    struct termios saved;
    long top;          /* first row shown */
    regex_t pattern;
    int has_pattern;
    int named;         /* input from a file (more shows a percentage) */
    const char *name;
};

static volatile sig_atomic_t interrupted;

static void on_signal(int signal) {
    (void)signal;
    interrupted = 1;
}

static int read_all(int fd, char **data, size_t *size) {
    size_t capacity = 65536, length = 0;
    char *buffer = xmalloc(capacity);
    for (;;) {
        if (length == capacity) {
            capacity *= 2;
            buffer = realloc(buffer, capacity);
            if (!buffer) warnx_("memory exhausted"), exit(1);
        }
        ssize_t got = read(fd, buffer + length, capacity - length);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            free(buffer);
            return -1;
        }
        if (got == 0) break;
        length += (size_t)got;
    }
    *data = buffer, *size = length;
    return 0;
}

/* Cuts the input into rows of at most the width (tabs count as up to 8). */
static void make_rows(struct pager *p) {
    long capacity = 256;
    p->rows = xmalloc(sizeof *p->rows * (size_t)capacity);
    p->count = 0;
    int margin = p->numbers ? 8 : 0;
    int width = p->width - margin > 8 ? p->width - margin : 8;
    long line = 1;
    size_t at = 0;
    while (at < p->size) {
        const char *start = p->data + at;
        size_t length = 0;
        int column = 0, first = 1;
        const char *newline = memchr(start, '\n', p->size - at);
        size_t line_length = newline ? (size_t)(newline - start) : p->size - at;
        for (;;) {
            size_t part = 0;
            column = 0;
            while (part < line_length - length) {
                char c = start[length + part];
                int step = c == '\t' ? 8 - column % 8 : 1;
                if (column + step > width) break;
                column += step;
                part++;
            }
            if (p->count == capacity) {
                capacity *= 2;
                p->rows = realloc(p->rows, sizeof *p->rows * (size_t)capacity);
                if (!p->rows) warnx_("memory exhausted"), exit(1);
            }
            length += part;
            int last = length >= line_length;
            p->rows[p->count++] = (struct row){start + length - part, part, line, first,
                                               at + length + (last && newline ? 1 : 0)};
            first = 0;
            if (last) break;
        }
        at += line_length + (newline ? 1 : 0);
        line++;
    }
}

static void put_row(const struct pager *p, long index) {
    const struct row *row = &p->rows[index];
    if (p->numbers) {
        if (row->first) printf("%7ld ", row->line);
        else fputs("        ", stdout);
    }
    fwrite(row->text, 1, row->length, stdout);
}

/* A key from the terminal: a byte, or the arrow keys as 'j'/'k'; -1 at the end. */
static int key(struct pager *p) {
    unsigned char c;
    for (;;) {
        if (interrupted) return 'q';
        ssize_t got = read(p->keys, &c, 1);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return -1;
        break;
    }
    if (c == 033) {
        unsigned char sequence[2];
        if (read(p->keys, &sequence[0], 1) == 1 && sequence[0] == '[' &&
            read(p->keys, &sequence[1], 1) == 1) {
            if (sequence[1] == 'A') return 'k';
            if (sequence[1] == 'B') return 'j';
            if (sequence[1] == '5') return (void)read(p->keys, &c, 1), 'b';
            if (sequence[1] == '6') return (void)read(p->keys, &c, 1), ' ';
        }
        return 0;
    }
    return c;
}

/* Reads a search pattern after the prompt "/", echoing; 0 when given. */
static int read_pattern(struct pager *p) {
    char text[256];
    size_t length = 0;
    fputs("/", stdout);
    fflush(stdout);
    for (;;) {
        int c = key(p);
        if (c < 0 || c == 033 || c == 3) return -1;
        if (c == '\r' || c == '\n') break;
        if ((c == 0177 || c == '\b') && length > 0) {
            length--;
            fputs("\b \b", stdout);
        } else if (c >= ' ' && c != 0177 && length + 1 < sizeof text) {
            text[length++] = (char)c;
            putchar(c);
        }
        fflush(stdout);
    }
    text[length] = '\0';
    if (length == 0) return p->has_pattern ? 0 : -1; /* an empty pattern repeats the last */
    if (p->has_pattern) regfree(&p->pattern);
    p->has_pattern = regcomp(&p->pattern, text, REG_NOSUB) == 0;
    return p->has_pattern ? 0 : -1;
}

/* The first row from `from` (going `direction`) whose line matches, or -1. */
static long find(const struct pager *p, long from, int direction) {
    if (!p->has_pattern) return -1;
    for (long i = from; i >= 0 && i < p->count; i += direction) {
        if (!p->rows[i].first) continue;
        const struct row *row = &p->rows[i];
        const char *end = memchr(row->text, '\n', p->size - (size_t)(row->text - p->data));
        size_t length = end ? (size_t)(end - row->text) : p->size - (size_t)(row->text - p->data);
        char *line = xmalloc(length + 1);
        memcpy(line, row->text, length);
        line[length] = '\0';
        int match = regexec(&p->pattern, line, 0, NULL, 0) == 0;
        free(line);
        if (match) return i;
    }
    return -1;
}

static long last_top(const struct pager *p) {
    return p->count > p->height ? p->count - p->height : 0;
}

static void less_draw(const struct pager *p, const char *message) {
    fputs("\033[H\033[2J", stdout);
    for (long i = 0; i < p->height; i++) {
        if (p->top + i < p->count) put_row(p, p->top + i);
        else fputs("~", stdout);
        putchar('\n');
    }
    if (message) printf("\033[7m%s\033[27m", message);
    else if (p->top >= last_top(p)) fputs("\033[7m(END)\033[27m", stdout);
    else if (p->top == 0 && p->name) printf("\033[7m%s\033[27m", p->name);
    else putchar(':');
    fflush(stdout);
}

static void less_loop(struct pager *p) {
    const char *message = NULL;
    for (;;) {
        less_draw(p, message);
        message = NULL;
        int c = key(p);
        long page = p->height, half = p->height / 2 > 0 ? p->height / 2 : 1;
        switch (c) {
        case -1:
        case 'q':
        case 'Q':
        case 3: return;
        case ' ':
        case 'f':
        case 6:
        case 22: p->top += page; break;
        case 'b':
        case 2: p->top -= page; break;
        case 'j':
        case 'e':
        case '\r':
        case '\n':
        case 14: p->top++; break;
        case 'k':
        case 'y':
        case 16: p->top--; break;
        case 'd':
        case 4: p->top += half; break;
        case 'u':
        case 21: p->top -= half; break;
        case 'g':
        case '<': p->top = 0; break;
        case 'G':
        case '>': p->top = last_top(p); break;
        case '/':
        case 'n':
        case 'N': {
            if (c == '/') {
                printf("\r\033[K");
                if (read_pattern(p) < 0) break;
            }
            long found = c == 'N' ? find(p, p->top - 1, -1) : find(p, p->top + (c == 'n'), 1);
            if (found < 0) message = "Pattern not found  (press RETURN)";
            else p->top = found;
            break;
        }
        default: break;
        }
        if (p->top > last_top(p)) p->top = last_top(p);
        if (p->top < 0) p->top = 0;
    }
}

static void more_prompt(const struct pager *p, long next) {
    if (p->named && p->size > 0) {
        size_t done = next > 0 ? p->rows[next - 1].end : 0;
        printf("\033[7m--More--(%d%%)\033[27m", (int)(done * 100 / p->size));
    } else {
        fputs("\033[7m--More--\033[27m", stdout);
    }
    fflush(stdout);
}

static void more_loop(struct pager *p) {
    long next = 0; /* the first row not shown yet */
    for (long i = 0; i < p->height && next < p->count; i++) put_row(p, next++), putchar('\n');
    while (next < p->count) {
        more_prompt(p, next);
        int c = key(p);
        fputs("\r\033[K", stdout);
        long show = 0;
        switch (c) {
        case -1:
        case 'q':
        case 'Q':
        case 3: return;
        case ' ':
        case 'f':
        case 'z': show = p->height; break;
        case '\r':
        case '\n':
        case 'j': show = 1; break;
        case 'd':
        case 4: show = p->height / 2 ? p->height / 2 : 1; break;
        case 'b':
        case 2: {
            long back = next - 2 * p->height;
            next = back > 0 ? back : 0;
            fputs("\n...back 1 page\n", stdout);
            show = p->height;
            break;
        }
        case '/':
        case 'n': {
            if (c == '/' && read_pattern(p) < 0) {
                fputs("\r\033[K", stdout);
                continue;
            }
            fputs("\r\033[K", stdout);
            long found = find(p, next, 1);
            if (found < 0) {
                printf("\033[7mPattern not found\033[27m");
                fflush(stdout);
                key(p);
                fputs("\r\033[K", stdout);
                continue;
            }
            fputs("\n...skipping\n", stdout);
            next = found >= 2 ? found - 2 : 0;
            show = p->height;
            break;
        }
        default: continue;
        }
        for (long i = 0; i < show && next < p->count; i++) put_row(p, next++), putchar('\n');
    }
}

/* Copies a file (NULL: standard input) to standard output. A file that
 * cannot be shown is reported, and (as util-linux's more and less do
 * here) does not change the status. */
static int copy_through(const char *name, int header, int less) {
    int fd = name ? open(name, O_RDONLY) : 0;
    /* less tells of them on its output, more on stderr. */
    if (fd < 0) {
        if (less) printf("%s: %s\n", name, strerror(errno));
        else warn_errno(errno, "cannot open %s", name);
        return 0;
    }
    struct stat st;
    if (name && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (less) printf("%s is a directory\n", name);
        else printf("\n*** %s: directory ***\n\n", name);
        close(fd);
        return 0;
    }
    if (header) printf("::::::::::::::\n%s\n::::::::::::::\n", name);
    fflush(stdout);
    static char buffer[65536]; /* not on the stack: WASI's is 64 KiB */
    ssize_t got;
    while ((got = read(fd, buffer, sizeof buffer)) > 0)
        if (write_all(1, buffer, (size_t)got) < 0) break;
    if (name) close(fd);
    return 0;
}

static int page(struct pager *p, const char *name) {
    int fd = name ? open(name, O_RDONLY) : 0;
    if (fd < 0) {
        if (p->less) fprintf(stderr, "%s: %s\n", name, strerror(errno));
        else warn_errno(errno, "cannot open %s", name);
        return 1;
    }
    struct stat st;
    if (name && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (p->less) fprintf(stderr, "%s is a directory\n", name);
        else fprintf(stderr, "\n*** %s: directory ***\n\n", name);
        close(fd);
        return 1;
    }
    if (read_all(fd, &p->data, &p->size) < 0) {
        warn_errno(errno, "%s", name ? name : "standard input");
        return 1;
    }
    if (name) close(fd);
    p->named = name != NULL;
    p->name = name;
    p->top = 0;
    make_rows(p);
    if (p->count <= p->height && (!p->less || p->quit_if_one_screen)) {
        for (long i = 0; i < p->count; i++) put_row(p, i), putchar('\n');
    } else if (p->less) {
        less_loop(p);
        fputs("\r\033[K", stdout);
    } else {
        more_loop(p);
    }
    free(p->rows);
    free(p->data);
    return 0;
}

static int pager_main(int argc, char **argv, int less) {
    static const struct option_spec less_specs[] = {
        {"LINE-NUMBERS", 'N', 0}, {"quit-if-one-screen", 'F', 0}, {"no-init", 'X', 0},
        {"chop-long-lines", 'S', 0}, {"RAW-CONTROL-CHARS", 'R', 0}, {NULL, 0, 0}};
    static const struct option_spec more_specs[] = {
        {"silent", 'd', 0}, {"squeeze", 's', 0}, {NULL, 0, 0}};
    struct pager p = {.less = less};
    struct option_parser parser;
    int key_code;
    options_init(&parser, argc, argv);
    while ((key_code = next_option(&parser, less ? less_specs : more_specs)) != OPT_END) {
        switch (key_code) {
        case 'N': p.numbers = 1; break;
        case 'F': p.quit_if_one_screen = 1; break;
        case 'X':
        case 'S':
        case 'R':
        case 'd':
        case 's': break;
        case OPT_HELP:
            return print_help("[OPTION]... [FILE]...",
                              less ? "A pager: space, b, j, k, d, u, g, G, /RE, n, N, q.\n\n"
                                     "  -N   number the lines\n"
                                     "  -F   quit if the text fits on one screen\n"
                                   : "A pager: space, Enter, b, d, /RE, n, q.\n");
        default: return 1;
        }
    }
    int files = parser.operand_count, status = 0;
    if (!isatty(1)) {
        if (files == 0) return copy_through(NULL, 0, less);
        for (int i = 0; i < files; i++)
            status |= copy_through(parser.operands[i], !less && files > 1, less);
        return status;
    }
    if (files == 0 && isatty(0)) {
        if (less) fputs("Missing filename (\"less --help\" for help)\n", stderr);
        else fputs("more: bad usage\nTry 'more --help' for more information.\n", stderr);
        return 1;
    }
    p.keys = open("/dev/tty", O_RDONLY);
    if (p.keys < 0) p.keys = 2;
    struct winsize size;
    if (ioctl(1, TIOCGWINSZ, &size) == 0 && size.ws_row > 1 && size.ws_col > 0) {
        p.height = size.ws_row - 1, p.width = size.ws_col;
    } else {
        p.height = 23, p.width = 80;
    }
    int raw = tcgetattr(p.keys, &p.saved) == 0;
    if (raw) {
        struct termios t = p.saved;
        t.c_lflag &= ~(ICANON | ECHO);
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
        tcsetattr(p.keys, TCSANOW, &t);
        struct sigaction action = {0};
        action.sa_handler = on_signal;
        sigaction(SIGINT, &action, NULL);
        sigaction(SIGTERM, &action, NULL);
    }
    if (files == 0) status = page(&p, NULL);
    for (int i = 0; i < files && !interrupted; i++) {
        if (!less && files > 1)
            printf("::::::::::::::\n%s\n::::::::::::::\n", parser.operands[i]);
        status |= page(&p, parser.operands[i]);
    }
    fflush(stdout);
    if (raw) tcsetattr(p.keys, TCSANOW, &p.saved);
    return status;
}

int more_main(int argc, char **argv) { return pager_main(argc, argv, 0); }

int less_main(int argc, char **argv) { return pager_main(argc, argv, 1); }
