/* stty.c: stty [-F DEVICE] [-a | -g | SETTING...]: shows or changes the
 * terminal's settings, as GNU coreutils: no argument shows what differs
 * from sane values, -a all of them, -g a form stty reads back; settings are
 * flag names (with '-' to clear), control characters (intr ^C, erase ^?,
 * undef), min/time, rows/cols/size, and the combinations raw, -raw,
 * cooked, cbreak, -cbreak, sane, ek. Lines wrap at the terminal's width.
 * The -g form has glibc's 32 control characters, whatever the kernel's
 * struct has, so it reads back on either. */
#include "bocal.h"

#include <ctype.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef __wasi__
#include <sys/ioctl.h>
#include <termios.h>
#endif

#include "applets.h"
#include "util.h"

/* Linux's values for what bocal-termios.h leaves out. */
#ifndef CMSPAR
#define CMSPAR 010000000000
#endif
#ifndef CRTSCTS
#define CRTSCTS 020000000000
#endif
#ifndef NLDLY
#define NLDLY 0000400
#endif
#ifndef CRDLY
#define CRDLY 0003000
#endif
#ifndef BSDLY
#define BSDLY 0020000
#endif
#ifndef VTDLY
#define VTDLY 0040000
#endif
#ifndef FFDLY
#define FFDLY 0100000
#endif
#ifndef OFILL
#define OFILL 0000100
#endif
#ifndef OFDEL
#define OFDEL 0000200
#endif
#ifndef XCASE
#define XCASE 0000004
#endif
#ifndef FLUSHO
#define FLUSHO 0010000
#endif
#ifndef EXTPROC
#define EXTPROC 0200000
#endif

enum mode_type { CONTROL, INPUT, OUTPUT, LOCAL };
enum { SANE_SET = 1, SANE_UNSET = 2, REV = 4, OMIT = 8 };

struct mode {
    const char *name;
    enum mode_type type;
    int flags;
    unsigned long bits, mask; /* mask 0: the bits themselves */
};

static const struct mode modes[] = {
    {"parenb", CONTROL, REV, PARENB, 0},
    {"parodd", CONTROL, REV, PARODD, 0},
    {"cmspar", CONTROL, REV, CMSPAR, 0},
    {"cs5", CONTROL, 0, CS5, CSIZE},
    {"cs6", CONTROL, 0, CS6, CSIZE},
    {"cs7", CONTROL, 0, CS7, CSIZE},
    {"cs8", CONTROL, 0, CS8, CSIZE},
    {"hupcl", CONTROL, REV, HUPCL, 0},
    {"hup", CONTROL, REV | OMIT, HUPCL, 0},
    {"cstopb", CONTROL, REV, CSTOPB, 0},
    {"cread", CONTROL, SANE_SET | REV, CREAD, 0},
    {"clocal", CONTROL, REV, CLOCAL, 0},
    {"crtscts", CONTROL, REV, CRTSCTS, 0},
    {"ignbrk", INPUT, SANE_UNSET | REV, IGNBRK, 0},
    {"brkint", INPUT, SANE_SET | REV, BRKINT, 0},
    {"ignpar", INPUT, REV, IGNPAR, 0},
    {"parmrk", INPUT, REV, PARMRK, 0},
    {"inpck", INPUT, REV, INPCK, 0},
    {"istrip", INPUT, REV, ISTRIP, 0},
    {"inlcr", INPUT, SANE_UNSET | REV, INLCR, 0},
    {"igncr", INPUT, SANE_UNSET | REV, IGNCR, 0},
    {"icrnl", INPUT, SANE_SET | REV, ICRNL, 0},
    {"ixon", INPUT, REV, IXON, 0},
    {"ixoff", INPUT, SANE_UNSET | REV, IXOFF, 0},
    {"tandem", INPUT, REV | OMIT, IXOFF, 0},
    {"iuclc", INPUT, SANE_UNSET | REV, IUCLC, 0},
    {"ixany", INPUT, SANE_UNSET | REV, IXANY, 0},
    {"imaxbel", INPUT, SANE_SET | REV, IMAXBEL, 0},
    {"iutf8", INPUT, SANE_UNSET | REV, IUTF8, 0},
    {"opost", OUTPUT, SANE_SET | REV, OPOST, 0},
    {"olcuc", OUTPUT, SANE_UNSET | REV, OLCUC, 0},
    {"ocrnl", OUTPUT, SANE_UNSET | REV, OCRNL, 0},
    {"onlcr", OUTPUT, SANE_SET | REV, ONLCR, 0},
    {"onocr", OUTPUT, SANE_UNSET | REV, ONOCR, 0},
    {"onlret", OUTPUT, SANE_UNSET | REV, ONLRET, 0},
    {"ofill", OUTPUT, SANE_UNSET | REV, OFILL, 0},
    {"ofdel", OUTPUT, SANE_UNSET | REV, OFDEL, 0},
    {"nl1", OUTPUT, SANE_UNSET, 0000400, NLDLY},
    {"nl0", OUTPUT, SANE_SET, 0, NLDLY},
    {"cr3", OUTPUT, SANE_UNSET, 0003000, CRDLY},
    {"cr2", OUTPUT, SANE_UNSET, 0002000, CRDLY},
    {"cr1", OUTPUT, SANE_UNSET, 0001000, CRDLY},
    {"cr0", OUTPUT, SANE_SET, 0, CRDLY},
    {"tab3", OUTPUT, SANE_UNSET, 0014000, TABDLY},
    {"tab2", OUTPUT, SANE_UNSET, 0010000, TABDLY},
    {"tab1", OUTPUT, SANE_UNSET, 0004000, TABDLY},
    {"tab0", OUTPUT, SANE_SET, 0, TABDLY},
    {"bs1", OUTPUT, SANE_UNSET, 0020000, BSDLY},
    {"bs0", OUTPUT, SANE_SET, 0, BSDLY},
    {"vt1", OUTPUT, SANE_UNSET, 0040000, VTDLY},
    {"vt0", OUTPUT, SANE_SET, 0, VTDLY},
    {"ff1", OUTPUT, SANE_UNSET, 0100000, FFDLY},
    {"ff0", OUTPUT, SANE_SET, 0, FFDLY},
    {"isig", LOCAL, SANE_SET | REV, ISIG, 0},
    {"icanon", LOCAL, SANE_SET | REV, ICANON, 0},
    {"iexten", LOCAL, SANE_SET | REV, IEXTEN, 0},
    {"echo", LOCAL, SANE_SET | REV, ECHO, 0},
    {"echoe", LOCAL, SANE_SET | REV, ECHOE, 0},
    {"crterase", LOCAL, REV | OMIT, ECHOE, 0},
    {"echok", LOCAL, SANE_SET | REV, ECHOK, 0},
    {"echonl", LOCAL, SANE_UNSET | REV, ECHONL, 0},
    {"noflsh", LOCAL, SANE_UNSET | REV, NOFLSH, 0},
    {"xcase", LOCAL, SANE_UNSET | REV, XCASE, 0},
    {"tostop", LOCAL, SANE_UNSET | REV, TOSTOP, 0},
    {"echoprt", LOCAL, SANE_UNSET | REV, ECHOPRT, 0},
    {"prterase", LOCAL, REV | OMIT, ECHOPRT, 0},
    {"echoctl", LOCAL, SANE_SET | REV, ECHOCTL, 0},
    {"ctlecho", LOCAL, REV | OMIT, ECHOCTL, 0},
    {"echoke", LOCAL, SANE_SET | REV, ECHOKE, 0},
    {"crtkill", LOCAL, REV | OMIT, ECHOKE, 0},
    {"flusho", LOCAL, SANE_UNSET | REV, FLUSHO, 0},
    {"extproc", LOCAL, SANE_UNSET | REV, EXTPROC, 0},
    {NULL, CONTROL, 0, 0, 0},
};

struct control {
    const char *name;
    unsigned char sane;
    int index;
};

#define CONTROL_KEY(c) ((c) & 037)
static const struct control controls[] = {
    {"intr", CONTROL_KEY('c'), VINTR},     {"quit", 034, VQUIT},        {"erase", 0177, VERASE},
    {"kill", CONTROL_KEY('u'), VKILL},     {"eof", CONTROL_KEY('d'), VEOF},    {"eol", 0, VEOL},
    {"eol2", 0, VEOL2},             {"swtch", 0, VSWTC},         {"start", CONTROL_KEY('q'), VSTART},
    {"stop", CONTROL_KEY('s'), VSTOP},     {"susp", CONTROL_KEY('z'), VSUSP},  {"rprnt", CONTROL_KEY('r'), VREPRINT},
    {"werase", CONTROL_KEY('w'), VWERASE}, {"lnext", CONTROL_KEY('v'), VLNEXT}, {"discard", CONTROL_KEY('o'), VDISCARD},
    {"min", 1, VMIN},               {"time", 0, VTIME},          {NULL, 0, 0},
};

static int max_col, current_col;

/* Prints one item, wrapping at the terminal's width as GNU's wrapf. */
static void wrapf(const char *format, ...) __attribute__((format(printf, 1, 2)));
static void wrapf(const char *format, ...) {
    char buffer[256];
    va_list args;
    va_start(args, format);
    int length = vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    if (current_col > 0) {
        if (current_col + length > max_col) {
            putchar('\n');
            current_col = 0;
        } else {
            putchar(' ');
            current_col++;
        }
    }
    fputs(buffer, stdout);
    current_col += length;
}

static void end_line(void) {
    if (current_col) putchar('\n');
    current_col = 0;
}

static tcflag_t *flags_of(struct termios *t, enum mode_type type) {
    switch (type) {
    case CONTROL: return &t->c_cflag;
    case INPUT: return &t->c_iflag;
    case OUTPUT: return &t->c_oflag;
    default: return &t->c_lflag;
    }
}

static const char *visible(unsigned char c) {
    static char buffer[16];
    if (c == 0) return "<undef>";
    char *p = buffer;
    if (c >= 128) {
        *p++ = 'M', *p++ = '-';
        c -= 128;
    }
    if (c < 32) *p++ = '^', *p++ = (char)(c + '@');
    else if (c == 127) *p++ = '^', *p++ = '?';
    else *p++ = (char)c;
    *p = '\0';
    return buffer;
}

static unsigned speed_baud(speed_t code) {
    static const unsigned table[] = {0,    50,   75,   110,  134,  150,  200,   300,
                                     600,  1200, 1800, 2400, 4800, 9600, 19200, 38400};
    return code < 16 ? table[code] : 38400;
}

static void show(struct termios *t, const struct winsize *size, int have_size, int all) {
    speed_t speed = t->c_cflag & CBAUD;
    if (all) {
        wrapf("speed %u baud;", speed_baud(speed));
        if (have_size) wrapf("rows %d; columns %d;", size->ws_row, size->ws_col);
        wrapf("line = %d;", t->c_line);
        end_line();
    } else {
        wrapf("speed %u baud; line = %d;", speed_baud(speed), t->c_line);
        end_line();
    }
    int icanon = (t->c_lflag & ICANON) != 0;
    for (const struct control *c = controls; c->name; c++) {
        unsigned char value = t->c_cc[c->index];
        int is_min_time = c->index == VMIN || c->index == VTIME;
        if (is_min_time) {
            if (!all && icanon) continue;
            wrapf("%s = %d;", c->name, value);
            continue;
        }
        if (!all && value == c->sane) continue;
        wrapf("%s = %s;", c->name, visible(value));
    }
    end_line();
    enum mode_type previous = CONTROL;
    for (const struct mode *m = modes; m->name; m++) {
        if (m->flags & OMIT) continue;
        if (m->type != previous) {
            end_line();
            previous = m->type;
        }
        tcflag_t value = *flags_of(t, m->type);
        unsigned long mask = m->mask ? m->mask : m->bits;
        int set = (value & mask) == m->bits;
        if (all) {
            if (set) wrapf("%s", m->name);
            else if (m->flags & REV) wrapf("-%s", m->name);
        } else if (set) {
            if (m->flags & SANE_UNSET) wrapf("%s", m->name);
        } else if ((m->flags & (SANE_SET | REV)) == (SANE_SET | REV)) {
            wrapf("-%s", m->name);
        }
    }
    end_line();
}

static void sane(struct termios *t) {
    for (const struct control *c = controls; c->name; c++) t->c_cc[c->index] = c->sane;
    for (const struct mode *m = modes; m->name; m++) {
        tcflag_t *flags = flags_of(t, m->type);
        if (m->flags & SANE_SET) *flags = (*flags & ~(m->mask ? m->mask : 0)) | m->bits;
        else if ((m->flags & SANE_UNSET) && !m->mask) *flags &= ~m->bits;
    }
}

static void raw(struct termios *t, int on) {
    if (on) {
        t->c_iflag &= ~(IGNBRK | BRKINT | IGNPAR | PARMRK | INPCK | ISTRIP | INLCR | IGNCR |
                        ICRNL | IXON | IXOFF | IUCLC | IXANY | IMAXBEL);
        t->c_oflag &= ~OPOST;
        t->c_lflag &= ~(ISIG | ICANON | XCASE);
        t->c_cc[VMIN] = 1;
        t->c_cc[VTIME] = 0;
    } else {
        t->c_iflag |= BRKINT | IGNPAR | ISTRIP | ICRNL | IXON;
        t->c_oflag |= OPOST;
        t->c_lflag |= ISIG | ICANON;
        t->c_cc[VEOF] = CONTROL_KEY('d');
        t->c_cc[VEOL] = 0;
    }
}

/* A control character's value: ^X, ^?, ^- or undef, a number, or one char. */
static int control_value(const char *text) {
    if (!strcmp(text, "^-") || !strcmp(text, "undef")) return 0;
    if (text[0] == '^' && text[1] && !text[2]) return text[1] == '?' ? 127 : text[1] & 037;
    if (text[0] && !text[1]) return (unsigned char)text[0];
    if (isdigit((unsigned char)text[0])) {
        char *end;
        long value = strtol(text, &end, 0);
        if (!*end && value <= 255) return (int)value;
    }
    return -1;
}

static int integer(const char *text, long *value) {
    char *end;
    *value = strtol(text, &end, 10);
    if (!*text || *end || *value < 0) {
        warnx_("invalid integer argument: %s", quote(text));
        return -1;
    }
    return 0;
}

/* The -g form: four flags, then glibc's 32 control characters, in hex. */
static void save(const struct termios *t) {
    printf("%lx:%lx:%lx:%lx", (unsigned long)t->c_iflag, (unsigned long)t->c_oflag,
           (unsigned long)t->c_cflag, (unsigned long)t->c_lflag);
    for (int i = 0; i < 32; i++) printf(":%x", i < NCCS ? t->c_cc[i] : 0);
    putchar('\n');
}

static int restore(const char *text, struct termios *t) {
    unsigned long fields[36];
    int count = 0;
    const char *p = text;
    while (count < 36) {
        char *end;
        if (!isxdigit((unsigned char)*p)) return -1;
        fields[count++] = strtoul(p, &end, 16);
        if (*end == '\0') break;
        if (*end != ':') return -1;
        p = end + 1;
    }
    if (count != 36) return -1;
    t->c_iflag = (tcflag_t)fields[0];
    t->c_oflag = (tcflag_t)fields[1];
    t->c_cflag = (tcflag_t)fields[2];
    t->c_lflag = (tcflag_t)fields[3];
    for (int i = 0; i < NCCS && i < 32; i++) t->c_cc[i] = (cc_t)fields[4 + i];
    return 0;
}

/* Applies the settings; returns 0, or 1 after a message. */
static int apply(int fd, char **words, int count, struct termios *t, int *changed) {
    struct winsize size;
    int have_size = ioctl(fd, TIOCGWINSZ, &size) == 0;
    for (int i = 0; i < count; i++) {
        const char *word = words[i];
        const char *next = i + 1 < count ? words[i + 1] : NULL;
        int negate = word[0] == '-';
        const char *name = word + negate;
        const struct mode *m = modes;
        for (; m->name; m++)
            if (!strcmp(m->name, name)) break;
        if (m->name && (!negate || (m->flags & REV))) {
            tcflag_t *flags = flags_of(t, m->type);
            unsigned long mask = m->mask ? m->mask : m->bits;
            if (negate) *flags &= ~mask;
            else *flags = (*flags & ~mask) | m->bits;
            *changed = 1;
            continue;
        }
        const struct control *c = negate ? NULL : controls;
        for (; c && c->name; c++)
            if (!strcmp(c->name, name)) break;
        if (c && c->name) {
            if (!next) {
                warnx_("missing argument to %s", quote(word));
                return try_help();
            }
            int value;
            if (c->index == VMIN || c->index == VTIME) {
                long number;
                if (integer(next, &number) < 0) return 1;
                value = (int)number;
            } else if ((value = control_value(next)) < 0) {
                warnx_("invalid integer argument: %s", quote(next));
                return 1;
            }
            t->c_cc[c->index] = (cc_t)value;
            *changed = 1;
            i++;
            continue;
        }
        if (!strcmp(word, "rows") || !strcmp(word, "cols") || !strcmp(word, "columns")) {
            long number;
            if (!next) {
                warnx_("missing argument to %s", quote(word));
                return try_help();
            }
            if (integer(next, &number) < 0) return 1;
            if (!have_size) memset(&size, 0, sizeof size);
            if (word[0] == 'r') size.ws_row = (unsigned short)number;
            else size.ws_col = (unsigned short)number;
            if (ioctl(fd, TIOCSWINSZ, &size) < 0) {
                warn_errno(errno, "standard input");
                return 1;
            }
            have_size = 1;
            i++;
            continue;
        }
        if (!strcmp(word, "size")) {
            if (!have_size) {
                warn_errno(errno, "standard input: unable to perform all requested operations");
                return 1;
            }
            printf("%d %d\n", size.ws_row, size.ws_col);
            continue;
        }
        if (!strcmp(word, "speed")) {
            printf("%u\n", speed_baud(t->c_cflag & CBAUD));
            continue;
        }
        if (!strcmp(word, "raw") || !strcmp(word, "-cooked")) raw(t, 1);
        else if (!strcmp(word, "-raw") || !strcmp(word, "cooked")) raw(t, 0);
        else if (!strcmp(word, "cbreak")) t->c_lflag &= ~ICANON;
        else if (!strcmp(word, "-cbreak")) t->c_lflag |= ICANON;
        else if (!strcmp(word, "sane")) sane(t);
        else if (!strcmp(word, "ek")) t->c_cc[VERASE] = 0177, t->c_cc[VKILL] = CONTROL_KEY('u');
        else if (strspn(word, "0123456789") == strlen(word) && *word) {
            /* A speed: the kernel's terminals have none to change. */
        } else if (strchr(word, ':') && restore(word, t) == 0) {
        } else {
            warnx_("invalid argument %s", quote(word));
            return try_help();
        }
        *changed = 1;
    }
    return 0;
}

int stty_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"all", 'a', 0}, {"save", 'g', 0}, {"file", 'F', 1}, {NULL, 0, 0}};
    struct option_parser parser;
    int all = 0, saved = 0, key;
    const char *device = NULL;
    /* Settings like -echo look like options: only -a, -g and -F are. */
    char **settings = xmalloc(sizeof(char *) * (size_t)argc);
    int count = 0;
    char **rest = xmalloc(sizeof(char *) * (size_t)(argc + 1));
    int rest_count = 1;
    rest[0] = argv[0];
    for (int i = 1; i < argc; i++) {
        const char *word = argv[i];
        if (word[0] == '-' && word[1] && strspn(word + 1, "agF") == strlen(word + 1)) {
            rest[rest_count++] = argv[i];
            if (strchr(word, 'F') && word[strlen(word) - 1] == 'F' && i + 1 < argc)
                rest[rest_count++] = argv[++i];
        } else if (!strncmp(word, "--", 2) && word[2]) {
            rest[rest_count++] = argv[i];
        } else if (!strncmp(word, "-F", 2)) {
            rest[rest_count++] = argv[i];
        } else {
            settings[count++] = argv[i];
        }
    }
    rest[rest_count] = NULL;
    options_init(&parser, rest_count, rest);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case 'a': all = 1; break;
        case 'g': saved = 1; break;
        case 'F': device = parser.arg; break;
        case OPT_HELP:
            return print_help(
                "[-F DEVICE | --file=DEVICE] [SETTING]...\n"
                "  or:  stty [-F DEVICE | --file=DEVICE] [-a|--all]\n"
                "  or:  stty [-F DEVICE | --file=DEVICE] [-g|--save]",
                "Print or change terminal characteristics.\n\n"
                "  -a, --all          print all current settings in human-readable form\n"
                "  -g, --save         print all current settings in a stty-readable form\n"
                "  -F, --file=DEVICE  open and use the specified DEVICE instead of stdin\n"
                "      --help     display this help and exit\n\n"
                "Settings: [-]FLAG (e.g. echo, -icanon), CHAR VALUE (intr ^C, erase ^?),\n"
                "min N, time N, rows N, cols N, size, speed, raw, -raw, cooked, cbreak,\n"
                "-cbreak, sane, ek, or a -g form.\n");
        default: return 1;
        }
    }
    if (all && saved) {
        warnx_("the options for verbose and stty-readable output styles are\nmutually "
               "exclusive");
        return 1;
    }
    if ((all || saved) && count > 0) {
        warnx_("when specifying an output style, modes may not be set");
        return 1;
    }
    int fd = 0;
    const char *fd_name = "standard input";
    if (device) {
        fd = open(device, O_RDONLY | O_NONBLOCK);
        if (fd < 0) {
            warn_errno(errno, "%s", quotef(device));
            return 1;
        }
        fd_name = device;
    }
    struct termios t;
    if (tcgetattr(fd, &t) < 0) {
        warn_errno(errno, "%s", quotef(fd_name));
        return 1;
    }
    if (count == 0) {
        struct winsize size;
        int have_size = ioctl(fd, TIOCGWINSZ, &size) == 0;
        const char *columns = getenv("COLUMNS");
        max_col = have_size && size.ws_col ? size.ws_col : columns ? atoi(columns) : 80;
        if (max_col <= 0) max_col = 80;
        if (saved) save(&t);
        else show(&t, &size, have_size, all);
        return 0;
    }
    int changed = 0;
    if (apply(fd, settings, count, &t, &changed)) return 1;
    if (changed && tcsetattr(fd, TCSADRAIN, &t) < 0) {
        warn_errno(errno, "%s", quotef(fd_name));
        return 1;
    }
    return 0;
}
