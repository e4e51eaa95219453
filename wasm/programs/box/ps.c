/* ps.c: ps over /proc with procps-ng's formats and selections: the default
 * (PID TTY TIME CMD of the processes with ps's euid and terminal), -f, BSD
 * u, -o LIST (NAME or NAME=HEADER, commas between; several -o add up; a
 * header line only when some header is not empty); -e/-A, -p LIST, BSD a
 * (any user) and x (with or without a terminal). Columns are one space
 * apart and padded to procps's widths (pid columns as wide as
 * /proc/sys/kernel/pid_max has digits, at least 5); the last one is neither
 * padded nor cut, and lines lose trailing blanks. Columns: ps-columns.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bocal.h"

#include "applets.h"
#include "ps.h"
#include "util.h"

#define PS_MAX_COLUMNS 64

struct chosen {
    const struct column *column;
    const char *header;
    size_t header_length;
};

struct ps_options {
    struct chosen chosen[PS_MAX_COLUMNS];
    int count;
    int all, any_user, any_tty, full, user_format, bsd;
    pid_t *pids;
    int pid_count;
};

/* procps's usage message after `error: MESSAGE` (when given); returns 1. */
static int ps_usage(const char *message) {
    if (message) fprintf(stderr, "error: %s\n", message);
    fprintf(stderr, "\nUsage:\n %s [options]\n\n Try '%s --help <simple|list|"
                    "output|threads|misc|all>'\n  or '%s --help <s|l|o|t|m|a>'\n for additional "
                    "help text.\n\nFor more details see ps(1).\n",
            applet_name, applet_name, applet_name);
    return 1;
}

/* Adds the columns of a format list ("pid,comm=NAME,args"); -1 on an unknown name. */
static int add_columns(struct ps_options *o, const char *list) {
    const char *p = list;
    while (*p) {
        size_t length = strcspn(p, ",= ");
        const struct column *column = find_column(p, length);
        if (!column || o->count == PS_MAX_COLUMNS) {
            fprintf(stderr, "error: unknown user-defined format specifier \"%.*s\"\n",
                    (int)length, p);
            return ps_usage(NULL);
        }
        struct chosen *chosen = &o->chosen[o->count++];
        chosen->column = column;
        chosen->header = column->header;
        chosen->header_length = strlen(column->header);
        p += length;
        if (*p == '=') { /* a header (maybe empty) runs to the next comma */
            chosen->header = ++p;
            chosen->header_length = strcspn(p, ",");
            p += chosen->header_length;
        }
        if (*p) p++;
    }
    return 0;
}

static int add_pids(struct ps_options *o, const char *list) {
    for (const char *p = list; *p;) {
        char *end;
        long pid = strtol(p, &end, 10);
        if (end == p || pid <= 0) return ps_usage("process ID list syntax error");
        o->pids = realloc(o->pids, (size_t)(o->pid_count + 1) * sizeof(pid_t));
        o->pids[o->pid_count++] = (pid_t)pid;
        p = end;
        while (*p == ',' || *p == ' ') p++;
    }
    return 0;
}

static int parse_bsd(struct ps_options *o, const char *word) {
    o->bsd = 1;
    for (const char *p = word; *p; p++) {
        switch (*p) {
        case 'a': o->any_user = 1; break;
        case 'x': o->any_tty = 1; break;
        case 'u': o->user_format = 1; break;
        default: return ps_usage("unsupported option (BSD syntax)");
        }
    }
    return 0;
}

/* One SysV cluster ("-ef", "-opid,comm", "-p 1"); *i moves past a
 * separate argument. */
static int parse_sysv(struct ps_options *o, int argc, char **argv, int *i) {
    const char *word = argv[*i];
    for (const char *p = word + 1; *p; p++) {
        if (*p == 'e' || *p == 'A') {
            o->all = 1;
            continue;
        }
        if (*p == 'f') {
            o->full = 1;
            continue;
        }
        if (*p != 'o' && *p != 'p') return ps_usage("unsupported SysV option");
        const char *value = p[1] ? p + 1 : *i + 1 < argc ? argv[++*i] : NULL;
        if (!value)
            return ps_usage(*p == 'o' ? "format specification must follow -o"
                                      : "list of process IDs must follow -p");
        return *p == 'o' ? add_columns(o, value) : add_pids(o, value);
    }
    return 0;
}

static int parse_options(int argc, char **argv, struct ps_options *o) {
    for (int i = 1; i < argc; i++) {
        int failed = argv[i][0] == '-' ? parse_sysv(o, argc, argv, &i) : parse_bsd(o, argv[i]);
        if (failed) return -1;
    }
    return 0;
}

/* The default, -f, BSD and BSD u formats, when no -o is given. */
static void default_columns(struct ps_options *o) {
    const char *list = o->user_format ? "user,pid,%cpu,%mem,vsz,rss,tname,stat,start,bsdtime,args"
                       : o->bsd       ? "pid,tname,stat,bsdtime,args"
                       : o->full      ? "user,pid,ppid,c,stime,tname,time,cmd"
                                      : "pid,tname,time,ucmd";
    add_columns(o, list);
    if (o->full && !o->user_format) o->chosen[0].header = "UID", o->chosen[0].header_length = 3;
}

static int pid_width(void) {
    FILE *file = fopen("/proc/sys/kernel/pid_max", "r");
    long max = 0;
    if (file) {
        if (fscanf(file, "%ld", &max) != 1) max = 0;
        fclose(file);
    }
    int digits = 0;
    for (; max > 0; max /= 10) digits++;
    return digits > 5 ? digits : 5;
}

static int selected(const struct ps_options *o, const struct ps_process *p,
                    const struct ps_process *self) {
    if (o->pid_count) {
        for (int i = 0; i < o->pid_count; i++)
            if (o->pids[i] == p->pid) return 1;
        return 0;
    }
    if (o->all) return 1;
    if (!o->any_user && p->euid != self->euid) return 0;
    if (o->any_tty) return 1;
    if (o->any_user) return p->tty != 0;
    return p->tty == self->tty;
}

/* One line: each cell padded to its width but the last, trailing blanks cut. */
static void print_row(const struct ps_options *o, const struct ps_context *c, char cells[][4096]) {
    char line[8192];
    size_t used = 0;
    for (int i = 0; i < o->count; i++) {
        const struct column *column = o->chosen[i].column;
        int width = column->width < 0 ? c->pid_width : column->width;
        int last = i == o->count - 1;
        const char *cell = cells[i];
        int length = (int)strlen(cell);
        if (!last && !column->right && length > width && column->width == 27) length = width;
        int pad = width > length ? width - length : 0;
        if (last && !column->right) pad = 0;
        used += (size_t)snprintf(line + used, sizeof line - used, "%s%*s%.*s%*s", i ? " " : "",
                                 column->right ? pad : 0, "", length, cell,
                                 column->right ? 0 : pad, "");
        if (used >= sizeof line) used = sizeof line - 1;
    }
    while (used > 0 && line[used - 1] == ' ') used--;
    line[used] = '\0';
    puts(line);
}

static void print_header(const struct ps_options *o, const struct ps_context *c) {
    static char cells[PS_MAX_COLUMNS][4096];
    int any = 0;
    for (int i = 0; i < o->count; i++) {
        snprintf(cells[i], sizeof cells[i], "%.*s", (int)o->chosen[i].header_length,
                 o->chosen[i].header);
        any |= o->chosen[i].header_length > 0;
    }
    if (any) print_row(o, c, cells);
}

int ps_main(int argc, char **argv) {
    static struct ps_options options;
    if (argc > 1 && strcmp(argv[1], "--help") == 0)
        return print_help("[options]",
                          "Report a snapshot of the current processes.\n\n"
                          "  -e, -A    all processes       -f   full format\n"
                          "  -o LIST   columns (pid,ppid,pgid,sid,uid,user,comm,args,stat,tty,\n"
                          "            time,c,stime,%cpu,%mem,vsz,rss,start,ni; NAME=HEADER)\n"
                          "  -p LIST   these process IDs   a x u   BSD: any user, any tty, "
                          "user format\n");
    if (parse_options(argc, argv, &options) != 0) return 1;
    if (options.count == 0) default_columns(&options);
    struct ps_context context = {.now = (long long)time(NULL),
                                 .boot = ps_boot_time(),
                                 .memory_kib = ps_memory_total_kib(),
                                 .pid_width = pid_width()};
    struct ps_process self, process;
    if (ps_read_process(0, &self) != 0) self.euid = (unsigned)geteuid(), self.tty = 0;
    pid_t *pids;
    long count = ps_list_pids(&pids);
    if (count < 0) return warn_errno(errno, "/proc"), 1;
    print_header(&options, &context);
    static char cells[PS_MAX_COLUMNS][4096];
    int shown = 0;
    for (long i = 0; i < count; i++) {
        if (ps_read_process(pids[i], &process) != 0 || !selected(&options, &process, &self))
            continue;
        for (int c = 0; c < options.count; c++)
            options.chosen[c].column->format(&context, &process, cells[c], sizeof cells[c]);
        print_row(&options, &context, cells);
        shown++;
    }
    return shown ? 0 : 1; /* procps: 1 when no process was selected */
}
