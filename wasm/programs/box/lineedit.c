/* lineedit.c: reading keys and editing the line (see lineedit.h). While a
 * line is edited the terminal has no canonical mode, echo, signal keys or
 * CR-to-NL mapping (the editor acts on ^C itself), with output processing
 * kept; the settings found are given back before the line is returned, so
 * commands run with the terminal as it was. A SIGTERM or SIGHUP that would
 * end the shell meanwhile gives them back first; SIGWINCH redraws at the
 * new width. Bytes of a UTF-8 character are inserted and deleted together. */
#define _GNU_SOURCE
#define _WASI_EMULATED_GETPID /* getpid is bocal.h's, over the extension */
#include "bocal.h"

#include <ctype.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lineedit.h"
#include "lineedit-state.h"

static struct termios saved;
static char *killed; /* the text ^K ^U ^W removed last, for ^Y (kept across lines) */
static volatile sig_atomic_t resized;

int lineedit_usable(void) { return isatty(0) && isatty(2); }

void lineedit_prompt(const char *text) {
    free(lineedit_prompt_text);
    lineedit_prompt_text = sh_strdup(text);
}

static void on_resize(int signal) {
    (void)signal;
    resized = 1;
}

/* The shell is ending: the terminal as it was, then the signal's default. */
static void on_fatal(int signal) {
    tcsetattr(0, TCSANOW, &saved);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigaction(signal, &action, NULL);
    kill(getpid(), signal);
}

static const int fatal_signals[] = {SIGTERM, SIGHUP};
static struct sigaction before[3];

static void catch_signals(int on) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < 2; i++) {
        if (on) {
            sigaction(fatal_signals[i], NULL, &before[i]);
            /* Only where nothing else (a trap, an ignore) decides. */
            if (before[i].sa_handler != SIG_DFL) continue;
            action.sa_handler = on_fatal;
            sigaction(fatal_signals[i], &action, NULL);
        } else {
            sigaction(fatal_signals[i], &before[i], NULL);
        }
    }
    if (on) {
        action.sa_handler = on_resize; /* no SA_RESTART: the read returns */
        sigaction(SIGWINCH, &action, &before[2]);
    } else {
        sigaction(SIGWINCH, &before[2], NULL);
    }
}

static int terminal_columns(void) {
    struct winsize size;
    if (ioctl(2, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    const char *columns = var_get("COLUMNS");
    return columns && atoi(columns) > 0 ? atoi(columns) : 80;
}

static int raw_mode(void) {
    if (tcgetattr(0, &saved) < 0) return -1;
    struct termios raw = saved;
    raw.c_lflag &= ~(ICANON | ECHO | ECHONL | ISIG | IEXTEN);
    raw.c_iflag &= ~(ICRNL | INLCR | IGNCR | IXON);
    raw.c_oflag |= OPOST | ONLCR;
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    /* TCSANOW, not TCSAFLUSH: keys typed ahead during the last command stay. */
    return tcsetattr(0, TCSANOW, &raw);
}

/* One byte from the terminal, or KEY_EOF / KEY_INTERRUPTED. */
static int read_byte(struct editor *e) {
    for (;;) {
        unsigned char c;
        ssize_t n = read(0, &c, 1);
        if (n == 1) return c;
        if (n == 0) return KEY_EOF;
        if (errno != EINTR) return KEY_EOF;
        if (!resized) return KEY_INTERRUPTED;
        resized = 0;
        e->columns = terminal_columns();
        screen_redraw(e);
        screen_flush(e);
    }
}

/* The key an escape sequence stands for (CSI or SS3, or ESC and a letter). */
static int escape_key(struct editor *e) {
    int c = read_byte(e);
    if (c < 0) return c;
    if (c == 'b' || c == 'B') return KEY_WORD_LEFT;
    if (c == 'f' || c == 'F') return KEY_WORD_RIGHT;
    if (c == 'd' || c == 'D') return KEY_KILL_WORD_RIGHT;
    if (c == 0x7f || c == KEY_CTRL('H')) return KEY_KILL_WORD_LEFT;
    if (c != '[' && c != 'O') return KEY_NONE;
    int params[2] = {0, 0}, count = 0;
    for (;;) {
        c = read_byte(e);
        if (c < 0) return c;
        if (c >= '0' && c <= '9') params[count < 2 ? count : 1] = params[count < 2 ? count : 1] * 10 + c - '0';
        else if (c == ';') count++;
        else if (c >= 0x40 && c <= 0x7e) break;
    }
    int modified = count > 0 && (params[1] == 3 || params[1] == 5);
    switch (c) {
    case 'A': return KEY_UP;
    case 'B': return KEY_DOWN;
    case 'C': return modified ? KEY_WORD_RIGHT : KEY_RIGHT;
    case 'D': return modified ? KEY_WORD_LEFT : KEY_LEFT;
    case 'H': return KEY_HOME;
    case 'F': return KEY_END;
    case '~':
        if (params[0] == 1 || params[0] == 7) return KEY_HOME;
        if (params[0] == 4 || params[0] == 8) return KEY_END;
        if (params[0] == 3) return KEY_DELETE;
        return KEY_NONE;
    default: return KEY_NONE;
    }
}

int editor_key(struct editor *e) {
    int c = read_byte(e);
    return c == 033 ? escape_key(e) : c;
}

void editor_set_line(struct editor *e, const char *text, size_t cursor) {
    e->line.len = 0;
    buf_adds(&e->line, text);
    e->cursor = cursor > e->line.len ? e->line.len : cursor;
}

void editor_insert(struct editor *e, const char *text, size_t length) {
    buf_addn(&e->line, "", 0);
    size_t tail = e->line.len - e->cursor;
    buf_addn(&e->line, text, length); /* room, then move the tail right */
    memmove(e->line.s + e->cursor + length, e->line.s + e->cursor, tail);
    memcpy(e->line.s + e->cursor, text, length);
    e->line.s[e->line.len] = 0;
    e->cursor += length;
}

static void delete_range(struct editor *e, size_t from, size_t to, int keep) {
    if (to <= from) return;
    if (keep) {
        free(killed);
        killed = sh_strndup(e->line.s + from, to - from);
    }
    memmove(e->line.s + from, e->line.s + to, e->line.len - to + 1);
    e->line.len -= to - from;
    if (e->cursor > to) e->cursor -= to - from;
    else if (e->cursor > from) e->cursor = from;
}

static int continuation(char c) { return ((unsigned char)c & 0xc0) == 0x80; }

static size_t previous_char(const struct editor *e, size_t at) {
    if (at == 0) return 0;
    do at--;
    while (at > 0 && continuation(e->line.s[at]));
    return at;
}

static size_t next_char(const struct editor *e, size_t at) {
    if (at >= e->line.len) return e->line.len;
    do at++;
    while (at < e->line.len && continuation(e->line.s[at]));
    return at;
}

/* Words for M-b M-f M-d: letters, digits and any non-ASCII character. */
static int word_char(char c) { return isalnum((unsigned char)c) || (unsigned char)c >= 0x80; }

static size_t word_left(const struct editor *e, size_t at) {
    while (at > 0 && !word_char(e->line.s[at - 1])) at--;
    while (at > 0 && word_char(e->line.s[at - 1])) at--;
    return at;
}

static size_t word_right(const struct editor *e, size_t at) {
    while (at < e->line.len && !word_char(e->line.s[at])) at++;
    while (at < e->line.len && word_char(e->line.s[at])) at++;
    return at;
}

/* ^W: back to the previous blank, as readline's unix-word-rubout. */
static size_t blank_word_left(const struct editor *e, size_t at) {
    while (at > 0 && (e->line.s[at - 1] == ' ' || e->line.s[at - 1] == '\t')) at--;
    while (at > 0 && e->line.s[at - 1] != ' ' && e->line.s[at - 1] != '\t') at--;
    return at;
}

static void history_move(struct editor *e, int to) {
    if (to < 0 || to > history_count) {
        screen_beep(e);
        return;
    }
    if (e->history_at == history_count) {
        free(e->draft);
        e->draft = sh_strdup(e->line.s);
    }
    e->history_at = to;
    const char *text = to == history_count ? (e->draft ? e->draft : "") : history_entry(to);
    editor_set_line(e, text, (size_t)-1);
    screen_redraw(e);
}

/* A typed character: its UTF-8 continuation bytes are read with it. */
static void insert_typed(struct editor *e, int first) {
    char bytes[4] = {(char)first};
    size_t length = 1;
    size_t want = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
    while (length < want) {
        int c = read_byte(e);
        if (c < 0x80 || c > 0xbf) break; /* a broken sequence: keep what came */
        bytes[length++] = (char)c;
    }
    int at_end = e->cursor == e->line.len;
    editor_insert(e, bytes, length);
    if (at_end) screen_append(e, bytes, length);
    else screen_redraw(e);
}

enum outcome { EDITING, ACCEPTED, ENDED, ABANDONED };

/* Acts on one key; the line goes on being edited unless it says otherwise. */
static enum outcome act(struct editor *e, int key, int *tabs) {
    int tab_again = *tabs > 0;
    *tabs = key == '\t' ? *tabs + 1 : 0;
    switch (key) {
    case KEY_EOF: return ENDED;
    case KEY_INTERRUPTED: return ABANDONED;
    case '\r':
    case '\n': return ACCEPTED;
    case KEY_CTRL('C'):
        e->cursor = e->line.len;
        screen_redraw(e);
        buf_adds(&e->out, "^C");
        return ABANDONED;
    case KEY_CTRL('D'):
        if (e->line.len == 0) return ENDED;
        /* fall through: delete the character under the cursor */
    case KEY_DELETE:
        delete_range(e, e->cursor, next_char(e, e->cursor), 0);
        break;
    case 0x7f:
    case KEY_CTRL('H'):
        if (e->cursor == 0) return screen_beep(e), EDITING;
        delete_range(e, previous_char(e, e->cursor), e->cursor, 0);
        break;
    case KEY_CTRL('A'):
    case KEY_HOME: e->cursor = 0; break;
    case KEY_CTRL('E'):
    case KEY_END: e->cursor = e->line.len; break;
    case KEY_CTRL('B'):
    case KEY_LEFT: e->cursor = previous_char(e, e->cursor); break;
    case KEY_CTRL('F'):
    case KEY_RIGHT: e->cursor = next_char(e, e->cursor); break;
    case KEY_WORD_LEFT: e->cursor = word_left(e, e->cursor); break;
    case KEY_WORD_RIGHT: e->cursor = word_right(e, e->cursor); break;
    case KEY_CTRL('K'): delete_range(e, e->cursor, e->line.len, 1); break;
    case KEY_CTRL('U'): delete_range(e, 0, e->cursor, 1); break;
    case KEY_CTRL('W'): delete_range(e, blank_word_left(e, e->cursor), e->cursor, 1); break;
    case KEY_KILL_WORD_LEFT: delete_range(e, word_left(e, e->cursor), e->cursor, 1); break;
    case KEY_KILL_WORD_RIGHT: delete_range(e, e->cursor, word_right(e, e->cursor), 1); break;
    case KEY_CTRL('Y'):
        if (killed) editor_insert(e, killed, strlen(killed));
        break;
    case KEY_CTRL('L'): screen_restart(e, 1); return EDITING;
    case KEY_CTRL('P'):
    case KEY_UP: history_move(e, e->history_at - 1); return EDITING;
    case KEY_CTRL('N'):
    case KEY_DOWN: history_move(e, e->history_at + 1); return EDITING;
    case KEY_CTRL('R'): return act(e, history_search(e), tabs);
    case '\t': complete_word(e, tab_again); return EDITING;
    default:
        if (key >= 0x20 && key < 0x100 && key != 0x7f) insert_typed(e, key);
        return EDITING;
    }
    screen_redraw(e);
    return EDITING;
}

int lineedit_read(struct buf *b) {
    if (raw_mode() < 0) return -1;
    history_load();
    struct editor e;
    memset(&e, 0, sizeof e);
    buf_adds(&e.line, "");
    const char *prompt = lineedit_prompt_text ? lineedit_prompt_text : "";
    const char *last = strrchr(prompt, '\n');
    e.shown = last ? last + 1 : prompt;
    e.shown_width = text_width(e.shown, strlen(e.shown));
    e.columns = terminal_columns();
    e.history_at = history_count;
    resized = 0;
    catch_signals(1);
    buf_adds(&e.out, prompt);
    screen_flush(&e);
    enum outcome outcome = EDITING;
    int tabs = 0;
    while (outcome == EDITING) {
        outcome = act(&e, editor_key(&e), &tabs);
        screen_flush(&e);
    }
    if (outcome == ACCEPTED) {
        e.cursor = e.line.len;
        screen_leave(&e);
    }
    screen_flush(&e);
    tcsetattr(0, TCSANOW, &saved);
    catch_signals(0);
    int result = outcome == ACCEPTED ? 1 : outcome == ENDED ? 0 : -1;
    if (outcome == ACCEPTED) {
        history_add(e.line.s);
        buf_addn(b, e.line.s, e.line.len);
        buf_add(b, '\n');
    }
    free(e.line.s);
    free(e.out.s);
    free(e.draft);
    return result;
}
