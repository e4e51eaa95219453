/* lsns: lists namespaces, as util-linux's lsns(8): every process of /proc
 * is read (its /proc/PID/ns links, its uid, ppid and command line), and
 * each namespace is one row, sorted by identifier, with the number of
 * processes in it and the lowest pid among them. Output as a table
 * (libsmartcols' layout: numbers right-aligned, one space between
 * columns, the last column unpadded), raw (-r) or JSON (-J). Columns: NS
 * TYPE PATH NPROCS PID PPID COMMAND UID USER (NETNSID, NSFS, PNS and ONS
 * are not provided). */
#define _GNU_SOURCE /* strcasestr */
#include "bocal.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "applets.h"
#include "ns-common.h"
#include "util.h"

enum column { COL_NS, COL_TYPE, COL_PATH, COL_NPROCS, COL_PID, COL_PPID, COL_COMMAND,
              COL_UID, COL_USER, COLUMN_COUNT };

static const struct {
    const char *name;
    int number; /* right-aligned in tables, unquoted in JSON */
} columns[COLUMN_COUNT] = {
    {"NS", 1},      {"TYPE", 0},    {"PATH", 0}, {"NPROCS", 1}, {"PID", 1},
    {"PPID", 1},    {"COMMAND", 0}, {"UID", 1},  {"USER", 0},
};

/* The kinds lsns knows, in util-linux's order of `-t` names. */
static const char *const kind_names[] = {"mnt", "net", "ipc", "user", "pid", "uts",
                                          "cgroup", "time", NULL};

struct process_info {
    long pid, ppid;
    unsigned uid;
    char *command;
};

struct namespace_row {
    unsigned long long id;
    const char *type;
    int nprocs;
    struct process_info *lowest;
};

static struct process_info *processes;
static int process_count;
static struct namespace_row *rows;
static int row_count;

static char *command_line(long pid) {
    char path[64], buffer[4096];
    snprintf(path, sizeof path, "/proc/%ld/cmdline", pid);
    FILE *file = fopen(path, "r");
    size_t length = file ? fread(buffer, 1, sizeof buffer - 1, file) : 0;
    if (file) fclose(file);
    while (length > 0 && buffer[length - 1] == 0) length--;
    if (length == 0) {
        /* A kernel thread, or a process between exec steps: its comm. */
        snprintf(path, sizeof path, "/proc/%ld/comm", pid);
        file = fopen(path, "r");
        length = file ? fread(buffer, 1, sizeof buffer - 1, file) : 0;
        if (file) fclose(file);
        while (length > 0 && buffer[length - 1] == '\n') length--;
    }
    for (size_t i = 0; i < length; i++)
        if (buffer[i] == 0) buffer[i] = ' ';
    buffer[length] = 0;
    return strdup(buffer);
}

static long parent_of(long pid) {
    char path[64], buffer[1024];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *file = fopen(path, "r");
    size_t length = file ? fread(buffer, 1, sizeof buffer - 1, file) : 0;
    if (file) fclose(file);
    buffer[length] = 0;
    char *close_paren = strrchr(buffer, ')');
    long ppid = 0;
    if (close_paren) sscanf(close_paren + 1, " %*c %ld", &ppid);
    return ppid;
}

static void add_to_namespace(unsigned long long id, const char *type, struct process_info *p) {
    for (int i = 0; i < row_count; i++) {
        if (rows[i].id != id || strcmp(rows[i].type, type) != 0) continue;
        rows[i].nprocs++;
        if (p->pid < rows[i].lowest->pid) rows[i].lowest = p;
        return;
    }
    rows = realloc(rows, (row_count + 1) * sizeof *rows);
    if (!rows) exit(1);
    rows[row_count++] = (struct namespace_row){id, type, 1, p};
}

/* Reads every process; `only` (0: all) restricts the namespaces to that process's. */
static void scan(void) {
    DIR *dir = opendir("/proc");
    if (!dir) {
        warn_errno(errno, "cannot open %s", "/proc");
        exit(1);
    }
    struct dirent *entry;
    while ((entry = readdir(dir))) {
        if (!isdigit((unsigned char)entry->d_name[0])) continue;
        long pid = strtol(entry->d_name, NULL, 10);
        char path[64];
        struct stat st;
        snprintf(path, sizeof path, "/proc/%ld", pid);
        if (stat(path, &st) < 0) continue;
        processes = realloc(processes, (process_count + 1) * sizeof *processes);
        if (!processes) exit(1);
        processes[process_count++] = (struct process_info){pid, parent_of(pid), st.st_uid, NULL};
    }
    closedir(dir);
    /* Pointers into `processes` are taken only once it stops growing. */
    for (int i = 0; i < process_count; i++) {
        struct process_info *p = &processes[i];
        int any = 0;
        for (const char *const *kind = kind_names; *kind; kind++) {
            char path[64];
            struct stat st;
            snprintf(path, sizeof path, "/proc/%ld/ns/%s", p->pid, *kind);
            if (stat(path, &st) < 0) continue;
            add_to_namespace((unsigned long long)st.st_ino, *kind, p);
            any = 1;
        }
        if (any) p->command = command_line(p->pid);
    }
}

static int compare_rows(const void *a, const void *b) {
    const struct namespace_row *x = a, *y = b;
    return (x->id > y->id) - (x->id < y->id);
}

/* The cell of `column` for `row`, in a static buffer or a string it owns. */
static const char *cell(const struct namespace_row *row, enum column column) {
    static char buffer[4200];
    const struct process_info *p = row->lowest;
    switch (column) {
    case COL_NS: snprintf(buffer, sizeof buffer, "%llu", row->id); break;
    case COL_TYPE: return row->type;
    case COL_PATH: snprintf(buffer, sizeof buffer, "/proc/%ld/ns/%s", p->pid, row->type); break;
    case COL_NPROCS: snprintf(buffer, sizeof buffer, "%d", row->nprocs); break;
    case COL_PID: snprintf(buffer, sizeof buffer, "%ld", p->pid); break;
    case COL_PPID: snprintf(buffer, sizeof buffer, "%ld", p->ppid); break;
    case COL_COMMAND: return p->command ? p->command : "";
    case COL_UID: snprintf(buffer, sizeof buffer, "%u", p->uid); break;
    case COL_USER: {
        struct passwd *user = getpwuid(p->uid);
        if (user) return user->pw_name;
        snprintf(buffer, sizeof buffer, "%u", p->uid);
        break;
    }
    default: return "";
    }
    return buffer;
}

enum format { FORMAT_TABLE, FORMAT_LIST, FORMAT_RAW, FORMAT_JSON };

/* A table to print: `count` columns of `columns[]`, `n` lines of cells,
 * and for the tree (libsmartcols' "process" tree of lsns) each line's
 * parent line (-1 for a root); the tree is drawn in the COMMAND column. */
struct table {
    const int *chosen;
    int count, n;
    char ***cells;
    int *parent;
};

/* Raw output escapes what would split a cell, as libsmartcols does. */
static void put_raw(const char *text) {
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        if (*c <= ' ' || *c == '\\' || *c >= 0x7f) printf("\\x%02x", *c);
        else putchar(*c);
    }
}

/* Tables show control characters as \xHH, as libsmartcols does. */
static void put_escaped(const char *text) {
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        if (*c < ' ' || *c == 0x7f) printf("\\x%02x", *c);
        else putchar(*c);
    }
}

/* Columns a cell takes: UTF-8 continuation bytes take none, an escape four. */
static int display_width(const char *text) {
    int width = 0;
    for (const unsigned char *c = (const unsigned char *)text; *c; c++)
        width += *c < ' ' || *c == 0x7f ? 4 : (*c & 0xc0) != 0x80;
    return width;
}

static void put_json_string(const char *text) {
    putchar('"');
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        if (*c == '"' || *c == '\\') printf("\\%c", *c);
        else if (*c == '\n') fputs("\\n", stdout);
        else if (*c == '\t') fputs("\\t", stdout);
        else if (*c < 0x20) printf("\\u%04x", *c);
        else putchar(*c);
    }
    putchar('"');
}

static void lowercase(char *out, const char *name) {
    while ((*out++ = (char)tolower((unsigned char)*name++))) {}
}

static int last_child(const struct table *t, int line) {
    for (int other = line + 1; other < t->n; other++)
        if (t->parent[other] == t->parent[line]) return 0;
    return 1;
}

/* libsmartcols draws the tree with box characters in a UTF-8 locale, in ASCII otherwise. */
static int utf8_locale(void) {
    const char *names[] = {"LC_ALL", "LC_CTYPE", "LANG"};
    for (int i = 0; i < 3; i++) {
        const char *value = getenv(names[i]);
        if (value && *value) return strcasestr(value, "utf-8") || strcasestr(value, "utf8");
    }
    return 0;
}

/* The tree drawing before a line's COMMAND: "│ " or "  " per ancestor, then "├─" or "└─". */
static void tree_prefix(const struct table *t, int line, char *out, size_t size) {
    int utf8 = utf8_locale();
    const char *vertical = utf8 ? "│ " : "| ", *branch = utf8 ? "├─" : "|-",
               *right = utf8 ? "└─" : "`-";
    int chain[64], depth = 0;
    for (int at = line; t->parent[at] >= 0 && depth < 64; at = t->parent[at]) chain[depth++] = at;
    out[0] = 0;
    for (int level = depth - 1; level >= 0; level--) {
        const char *piece = level == 0 ? (last_child(t, chain[0]) ? right : branch)
                                       : (last_child(t, chain[level]) ? "  " : vertical);
        strncat(out, piece, size - strlen(out) - 1);
    }
}

/* Depth-first order: each root in line order, its children after it. */
static void tree_order(const struct table *t, int parent, int *order, int *at) {
    for (int line = 0; line < t->n; line++) {
        if (t->parent[line] != parent) continue;
        order[(*at)++] = line;
        tree_order(t, line, order, at);
    }
}

/* JSON objects of the lines under `parent`, with their children nested as libsmartcols does. */
static void print_json_list(const struct table *t, int parent, int indent) {
    int first = 1;
    for (int r = 0; r < t->n; r++) {
        if (t->parent[r] != parent) continue;
        if (first) printf("\n%*s{", indent, "");
        else printf(",{");
        first = 0;
        for (int c = 0; c < t->count; c++) {
            char key[16];
            lowercase(key, columns[t->chosen[c]].name);
            printf("%s\n%*s\"%s\": ", c ? "," : "", indent + 3, "", key);
            const char *text = t->cells[r][c];
            if (columns[t->chosen[c]].number) fputs(*text ? text : "null", stdout);
            else put_json_string(text);
        }
        int children = 0;
        for (int other = 0; other < t->n; other++) children |= t->parent[other] == r;
        if (children) {
            printf(",\n%*s\"children\": [", indent + 3, "");
            print_json_list(t, r, indent + 6);
            printf("\n%*s]", indent + 3, "");
        }
        printf("\n%*s}", indent, "");
    }
}

static void print_table(struct table *t, enum format format, int headings) {
    /* The tree is drawn in COMMAND: without it, or in list format, there is none. */
    int tree = format != FORMAT_LIST;
    int has_command = 0;
    for (int c = 0; c < t->count; c++) has_command |= t->chosen[c] == COL_COMMAND;
    if (!has_command || !tree)
        for (int r = 0; r < t->n; r++) t->parent[r] = -1;
    if (format == FORMAT_JSON) {
        printf("{\n   \"namespaces\": [");
        print_json_list(t, -1, 6);
        printf("\n   ]\n}\n");
        return;
    }
    int *order = xmalloc((t->n + 1) * sizeof *order), at = 0;
    if (format == FORMAT_LIST) {
        for (int r = 0; r < t->n; r++) order[r] = r;
    } else {
        tree_order(t, -1, order, &at);
        for (int r = 0; r < t->n; r++) {
            /* A command cell with its tree drawing in front. */
            for (int c = 0; c < t->count; c++) {
                if (t->chosen[c] != COL_COMMAND || t->parent[r] < 0) continue;
                char prefix[256];
                tree_prefix(t, r, prefix, sizeof prefix);
                char *drawn = xmalloc(strlen(prefix) + strlen(t->cells[r][c]) + 1);
                strcpy(drawn, prefix);
                strcat(drawn, t->cells[r][c]);
                t->cells[r][c] = drawn;
            }
        }
    }
    int widths[32] = {0};
    for (int c = 0; c < t->count; c++) {
        /* libsmartcols sizes columns by their headers even when not shown. */
        widths[c] = (int)strlen(columns[t->chosen[c]].name);
        for (int r = 0; r < t->n; r++) {
            int length = display_width(t->cells[r][c]);
            if (length > widths[c]) widths[c] = length;
        }
    }
    for (int i = headings ? -1 : 0; i < t->n; i++) {
        int r = i < 0 ? -1 : order[i];
        for (int c = 0; c < t->count; c++) {
            const char *text = r < 0 ? columns[t->chosen[c]].name : t->cells[r][c];
            if (c) putchar(' ');
            if (format == FORMAT_RAW) {
                put_raw(text);
                continue;
            }
            int pad = widths[c] - display_width(text);
            if (columns[t->chosen[c]].number) printf("%*s", pad, "");
            put_escaped(text);
            if (!columns[t->chosen[c]].number && c != t->count - 1) printf("%*s", pad, "");
        }
        putchar('\n');
    }
    free(order);
}

/* The table of `rows` (already filtered), with the process tree of lsns:
 * a row's parent is the latest earlier row whose process is its process's parent. */
static void print_rows(const int *chosen, int count, struct namespace_row *list, int n,
                       enum format format, int headings) {
    struct table t = {chosen, count, n, xmalloc((n + 1) * sizeof(char **)),
                      xmalloc((n + 1) * sizeof(int))};
    for (int r = 0; r < n; r++) {
        t.cells[r] = xmalloc(count * sizeof(char *));
        for (int c = 0; c < count; c++) t.cells[r][c] = strdup(cell(&list[r], chosen[c]));
        t.parent[r] = -1;
        for (int q = r - 1; q >= 0 && t.parent[r] < 0; q--)
            if (list[q].lowest->pid == list[r].lowest->ppid) t.parent[r] = q;
    }
    print_table(&t, format, headings);
}

/* `lsns NS`: the processes in that namespace, as a process tree. */
static void print_processes(unsigned long long id, const char *type, enum format format,
                            int headings) {
    static const int chosen[] = {COL_PID, COL_PPID, COL_USER, COL_COMMAND};
    struct namespace_row *list = xmalloc((process_count + 1) * sizeof *list);
    int n = 0;
    for (int i = 0; i < process_count; i++) {
        char path[64];
        struct stat st;
        snprintf(path, sizeof path, "/proc/%ld/ns/%s", processes[i].pid, type);
        if (stat(path, &st) < 0 || (unsigned long long)st.st_ino != id) continue;
        list[n++] = (struct namespace_row){id, type, 1, &processes[i]};
    }
    struct table t = {chosen, 4, n, xmalloc((n + 1) * sizeof(char **)),
                      xmalloc((n + 1) * sizeof(int))};
    for (int r = 0; r < n; r++) {
        t.cells[r] = xmalloc(4 * sizeof(char *));
        for (int c = 0; c < 4; c++) t.cells[r][c] = strdup(cell(&list[r], chosen[c]));
        t.parent[r] = -1;
        for (int q = 0; q < n; q++)
            if (list[q].lowest->pid == list[r].lowest->ppid) t.parent[r] = q;
    }
    print_table(&t, format, headings);
}

static const struct option_spec specs[] = {
    {"json", 'J', 0},      {"list", 'l', 0},    {"noheadings", 'n', 0},
    {"output", 'o', 1},    {"output-all", 256, 0}, {"task", 'p', 1},
    {"raw", 'r', 0},       {"notruncate", 'u', 0}, {"nowrap", 'W', 0},
    {"type", 't', 1},      {NULL, 0, 0},
};

static const char synopsis[] = "lsns [options] [<namespace>]";
static const char help_text[] =
    "List system namespaces.\n"
    "\n"
    "Options:\n"
    " -J, --json             JSON output\n"
    " -l, --list             list output (the default)\n"
    " -n, --noheadings       no heading line\n"
    " -o, --output <list>    the columns to show\n"
    "     --output-all       every column\n"
    " -p, --task <pid>       only the namespaces of this process\n"
    " -r, --raw              raw output\n"
    " -u, --notruncate       do not truncate (never done here)\n"
    " -W, --nowrap           do not wrap (never done here)\n"
    " -t, --type <name>      namespace type (mnt, net, ipc, user, pid, uts, cgroup, time)\n"
    "\n"
    "Columns: NS TYPE PATH NPROCS PID PPID COMMAND UID USER\n";

/* Parses `list` (NAME,NAME...; a leading + appends to the defaults). */
static int parse_columns(const char *list, int *chosen, int *count) {
    if (*list == '+') list++;
    else *count = 0;
    char *copy = strdup(list);
    for (char *save = NULL, *name = strtok_r(copy, ",", &save); name;
         name = strtok_r(NULL, ",", &save)) {
        int found = -1;
        for (int c = 0; c < COLUMN_COUNT; c++)
            if (strcasecmp(name, columns[c].name) == 0) found = c;
        if (found < 0) {
            warnx_("unknown column: %s", name);
            free(copy);
            return -1;
        }
        if (*count < 32) chosen[(*count)++] = found;
    }
    free(copy);
    return 0;
}

int lsns_main(int argc, char **argv) {
    int chosen[32] = {COL_NS, COL_TYPE, COL_NPROCS, COL_PID, COL_USER, COL_COMMAND};
    int count = 6, headings = 1;
    enum format format = FORMAT_TABLE;
    const char *type = NULL;
    long task = 0;
    struct option_parser parser;
    options_init(&parser, argc, argv);
    int key;
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP: return print_help(synopsis, help_text);
        case 'J': format = FORMAT_JSON; break;
        case 'l': format = FORMAT_LIST; break;
        case 'r': format = FORMAT_RAW; break;
        case 'n': headings = 0; break;
        case 'o':
            if (parse_columns(parser.arg, chosen, &count) < 0) return 1;
            break;
        case 256:
            for (count = 0; count < COLUMN_COUNT; count++) chosen[count] = count;
            break;
        case 't':
            type = parser.arg;
            if (!ns_kind_named(type)) {
                warnx_("unknown namespace type: %s", type);
                return 1;
            }
            break;
        case 'p': {
            char *end;
            task = strtol(parser.arg, &end, 10);
            if (!*parser.arg || *end || task <= 0) {
                warnx_("invalid PID argument: '%s'", parser.arg);
                return 1;
            }
            break;
        }
        default: break;
        }
    }
    unsigned long long only = 0;
    /* util-linux reads the first operand only. */
    if (parser.operand_count >= 1) {
        char *end;
        only = strtoull(parser.operands[0], &end, 10);
        if (!*parser.operands[0] || *end) {
            warnx_("invalid namespace argument: '%s'", parser.operands[0]);
            return 1;
        }
    }
    scan();
    qsort(rows, row_count, sizeof *rows, compare_rows);
    struct namespace_row *list = malloc((row_count + 1) * sizeof *list);
    int n = 0;
    if (only) {
        for (int r = 0; r < row_count; r++) {
            if (rows[r].id != only || (type && strcmp(rows[r].type, type) != 0)) continue;
            print_processes(only, rows[r].type, format, headings);
            return 0;
        }
        warnx_("not found namespace: %llu", only);
        return 1;
    }
    for (int r = 0; r < row_count; r++) {
        if (type && strcmp(rows[r].type, type) != 0) continue;
        if (task) {
            char path[64];
            struct stat st;
            snprintf(path, sizeof path, "/proc/%ld/ns/%s", task, rows[r].type);
            if (stat(path, &st) < 0 || (unsigned long long)st.st_ino != rows[r].id) continue;
        }
        list[n++] = rows[r];
    }
    if (n > 0) print_rows(chosen, count, list, n, format, headings);
    free(list);
    return 0;
}
