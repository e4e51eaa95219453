/* ls.c: ls with -a -A -d -l -h -1 -R -t -S -r -F -i -n --color, sorted as
 * `LC_ALL=C ls` (bytes), one name per line when not on a terminal (no
 * columns: output here is always compared through pipes). -l shows GNU's
 * mode string, link count, owners by name (/etc/passwd, /etc/group; numbers
 * when absent), sizes (device numbers for devices), and "Mon DD HH:MM", or
 * "Mon DD  YYYY" for times more than six months away, in UTC. */
#include "bocal.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "applets.h"
#include "util.h"

struct ls_options {
    int all, almost_all, directory, longform, human, recursive, by_time, by_size, reverse,
        classify, inode, numeric, color;
};

#define OPT_COLOR 256

struct entry {
    char *name; /* as shown */
    char *path; /* to stat */
    struct stat st;
    int ok;
};

static struct ls_options opts;

static int compare(const void *a, const void *b) {
    const struct entry *x = a, *y = b;
    int result = 0;
    if (opts.by_size && x->st.st_size != y->st.st_size)
        result = x->st.st_size > y->st.st_size ? -1 : 1;
    else if (opts.by_time && x->st.st_mtim.tv_sec != y->st.st_mtim.tv_sec)
        result = x->st.st_mtim.tv_sec > y->st.st_mtim.tv_sec ? -1 : 1;
    else if (opts.by_time && x->st.st_mtim.tv_nsec != y->st.st_mtim.tv_nsec)
        result = x->st.st_mtim.tv_nsec > y->st.st_mtim.tv_nsec ? -1 : 1;
    else
        result = strcmp(x->name, y->name);
    return opts.reverse ? -result : result;
}

static void mode_string(mode_t mode, char out[11]) {
    static const char kinds[] = "?pc?d?b?-?l?s???";
    out[0] = kinds[(mode >> 12) & 15];
    const char *rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) out[1 + i] = mode & (0400 >> i) ? rwx[i] : '-';
    if (mode & S_ISUID) out[3] = out[3] == 'x' ? 's' : 'S';
    if (mode & S_ISGID) out[6] = out[6] == 'x' ? 's' : 'S';
    if (mode & S_ISVTX) out[9] = out[9] == 'x' ? 't' : 'T';
    out[10] = '\0';
}

static void human_size(long long size, char *out) {
    static const char units[] = "KMGTPE";
    if (size < 1024) return (void)sprintf(out, "%lld", size);
    double value = (double)size;
    int unit = -1;
    while (value >= 1024 && unit < 5) value /= 1024, unit++;
    /* GNU rounds up: 1.01 -> 1.1, and prints one decimal below 10. */
    if (value < 10) {
        double tenths = (double)(long long)(value * 10);
        if (tenths < value * 10) tenths += 1;
        if (tenths >= 100) sprintf(out, "%d%c", 10, units[unit]);
        else sprintf(out, "%.1f%c", tenths / 10, units[unit]);
    } else {
        long long whole = (long long)value;
        if ((double)whole < value) whole++;
        if (whole >= 1024 && unit < 5) sprintf(out, "1.0%c", units[unit + 1]);
        else sprintf(out, "%lld%c", whole, units[unit]);
    }
}

static void time_string(time_t when, char *out) {
    static const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    struct tm tm;
    gmtime_r(&when, &tm);
    time_t now = time(NULL);
    long long six_months = 31556952LL / 2;
    if (now - when > six_months || when - now > 0)
        sprintf(out, "%s %2d  %d", months[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900);
    else
        sprintf(out, "%s %2d %02d:%02d", months[tm.tm_mon], tm.tm_mday, tm.tm_hour, tm.tm_min);
}

static const char *user_name(uid_t uid, char *buffer) {
    struct passwd *pw = opts.numeric ? NULL : getpwuid(uid);
    if (pw) return pw->pw_name;
    sprintf(buffer, "%u", (unsigned)uid);
    return buffer;
}

static const char *group_name(gid_t gid, char *buffer) {
    struct group *gr = opts.numeric ? NULL : getgrgid(gid);
    if (gr) return gr->gr_name;
    sprintf(buffer, "%u", (unsigned)gid);
    return buffer;
}

static char classify(mode_t mode) {
    if (S_ISDIR(mode)) return '/';
    if (S_ISLNK(mode)) return '@';
    if (S_ISFIFO(mode)) return '|';
    if (S_ISSOCK(mode)) return '=';
    if (S_ISREG(mode) && (mode & 0111)) return '*';
    return 0;
}

struct widths {
    int inode, links, user, group, size;
};

static void row_fields(const struct entry *e, char *links, char *user, char *group,
                       char *size, char *inode) {
    char number[32];
    sprintf(inode, "%llu", (unsigned long long)e->st.st_ino);
    sprintf(links, "%lu", (unsigned long)e->st.st_nlink);
    strcpy(user, user_name(e->st.st_uid, number));
    strcpy(group, group_name(e->st.st_gid, number));
    if (S_ISCHR(e->st.st_mode) || S_ISBLK(e->st.st_mode))
        sprintf(size, "%u, %u", major(e->st.st_rdev), minor(e->st.st_rdev));
    else if (opts.human)
        human_size((long long)e->st.st_size, size);
    else
        sprintf(size, "%lld", (long long)e->st.st_size);
}

/* GNU ls's built-in colours (used when LS_COLORS is not set), chosen by
 * type and mode in GNU's order of precedence. NULL: printed plain. */
static const char *color_of(mode_t mode) {
    if (S_ISDIR(mode)) {
        if ((mode & S_ISVTX) && (mode & S_IWOTH)) return "30;42";
        if (mode & S_IWOTH) return "34;42";
        if (mode & S_ISVTX) return "37;44";
        return "01;34";
    }
    if (S_ISLNK(mode)) return "01;36";
    if (S_ISFIFO(mode)) return "33";
    if (S_ISSOCK(mode)) return "01;35";
    if (S_ISBLK(mode) || S_ISCHR(mode)) return "01;33";
    if (mode & S_ISUID) return "37;41";
    if (mode & S_ISGID) return "30;43";
    if (mode & (S_IXUSR | S_IXGRP | S_IXOTH)) return "01;32";
    return NULL;
}

/* Whether the terminal takes colours, as GNU ls (9.x) decides when
 * LS_COLORS is not set: COLORTERM set, or TERM one of dircolors' terminals.
 * (bocal's ls does not read LS_COLORS: with it set, the defaults are used.) */
static int color_terminal(void) {
    static const char *const terms[] = {
        "Eterm", "ansi", "*color*", "con[0-9]*x[0-9]*", "cons25", "console", "cygwin",
        "*direct*", "dtterm", "gnome", "hurd", "jfbterm", "konsole", "kterm", "linux",
        "linux-c", "mlterm", "putty", "rxvt*", "screen*", "st", "terminator", "tmux*",
        "vt100", "xterm*"};
    const char *colors = getenv("LS_COLORS"), *colorterm = getenv("COLORTERM");
    if ((colors && *colors) || (colorterm && *colorterm)) return 1;
    const char *term = getenv("TERM");
    if (!term) return 0;
    for (size_t i = 0; i < sizeof terms / sizeof *terms; i++)
        if (fnmatch(terms[i], term, 0) == 0) return 1;
    return 0;
}

/* Prints a name in its colour; GNU resets the terminal's attributes once,
 * before the first coloured name. */
static void put_name(const char *name, int known, mode_t mode) {
    static int reset_sent;
    const char *color = opts.color && known ? color_of(mode) : NULL;
    if (!color) {
        fputs(name, stdout);
        return;
    }
    if (!reset_sent) fputs("\033[0m", stdout), reset_sent = 1;
    printf("\033[%sm%s\033[0m", color, name);
}

static void print_entries(struct entry *entries, int count) {
    struct widths w = {0};
    char links[32], user[64], group[64], size[64], inode[32];
    for (int i = 0; i < count; i++) {
        if (!opts.longform && !opts.inode) break;
        row_fields(&entries[i], links, user, group, size, inode);
        int lengths[5] = {(int)strlen(inode), (int)strlen(links), (int)strlen(user),
                          (int)strlen(group), (int)strlen(size)};
        int *fields[5] = {&w.inode, &w.links, &w.user, &w.group, &w.size};
        for (int f = 0; f < 5; f++)
            if (lengths[f] > *fields[f]) *fields[f] = lengths[f];
    }
    for (int i = 0; i < count; i++) {
        const struct entry *e = &entries[i];
        row_fields(e, links, user, group, size, inode);
        if (opts.inode) printf("%*s ", w.inode, inode);
        if (opts.longform) {
            char mode[11], when[32];
            mode_string(e->st.st_mode, mode);
            time_string(e->st.st_mtim.tv_sec, when);
            printf("%s %*s %-*s %-*s %*s %s ", mode, w.links, links, w.user, user, w.group,
                   group, w.size, size, when);
        }
        put_name(e->name, e->ok, e->st.st_mode);
        if (opts.longform && S_ISLNK(e->st.st_mode)) {
            char target[4096];
            ssize_t length = readlink(e->path, target, sizeof target - 1);
            if (length >= 0) {
                target[length] = '\0';
                struct stat to;
                int known = stat(e->path, &to) == 0;
                fputs(" -> ", stdout);
                put_name(target, known, known ? to.st_mode : 0);
            }
        }
        if (opts.classify && classify(e->st.st_mode)) putchar(classify(e->st.st_mode));
        putchar('\n');
    }
}

static long long total_blocks(struct entry *entries, int count) {
    long long blocks = 0;
    for (int i = 0; i < count; i++) blocks += (long long)entries[i].st.st_blocks;
    return blocks / 2;
}

static int list_directory(const char *path, int show_header, int *first);

static int list_children(struct entry *entries, int count, int *first) {
    int status = 0;
    for (int i = 0; i < count; i++) {
        const char *name = entries[i].name;
        if (!S_ISDIR(entries[i].st.st_mode)) continue;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) continue;
        status |= list_directory(entries[i].path, 1, first);
    }
    return status;
}

static int list_directory(const char *path, int show_header, int *first) {
    DIR *dir = opendir(path);
    if (!dir) return warn_errno(errno, "cannot open directory %s", quote(path)), 2;
    int count = 0, capacity = 32;
    struct entry *entries = xmalloc(sizeof *entries * (size_t)capacity);
    struct dirent *d;
    while ((d = readdir(dir))) {
        const char *name = d->d_name;
        if (name[0] == '.' && !opts.all) {
            int dots = strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
            if (dots || !opts.almost_all) continue;
        }
        if (count == capacity)
            entries = realloc(entries, sizeof *entries * (size_t)(capacity *= 2));
        struct entry *e = &entries[count++];
        e->name = strdup(name);
        e->path = path_join(path, name);
        e->ok = lstat(e->path, &e->st) == 0;
        if (!e->ok) memset(&e->st, 0, sizeof e->st);
    }
    closedir(dir);
    qsort(entries, (size_t)count, sizeof *entries, compare);
    if (show_header) printf("%s%s:\n", *first ? "" : "\n", path);
    *first = 0;
    if (opts.longform) printf("total %lld\n", total_blocks(entries, count));
    print_entries(entries, count);
    int status = opts.recursive ? list_children(entries, count, first) : 0;
    for (int i = 0; i < count; i++) free(entries[i].name), free(entries[i].path);
    free(entries);
    return status;
}

static int parse_ls_options(int argc, char **argv, struct option_parser *parser) {
    static const struct option_spec specs[] = {
        {"all", 'a', 0},        {"almost-all", 'A', 0}, {"directory", 'd', 0},
        {NULL, 'l', 0},         {"human-readable", 'h', 0}, {NULL, '1', 0},
        {"recursive", 'R', 0},  {NULL, 't', 0},        {NULL, 'S', 0},
        {"reverse", 'r', 0},    {"classify", 'F', 0},  {"inode", 'i', 0},
        {"numeric-uid-gid", 'n', 0}, {"color", OPT_COLOR, 2}, {NULL, 0, 0}};
    int key;
    options_init(parser, argc, argv);
    while ((key = next_option(parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 2;
        case OPT_HELP:
            print_help("[OPTION]... [FILE]...",
                       "List information about the FILEs (the current directory by default).\n"
                       "Entries are sorted by name (C locale) unless -t or -S.\n\n"
                       "  -a, --all                  do not ignore entries starting with .\n"
                       "  -A, --almost-all           do not list implied . and ..\n"
                       "  -d, --directory            list directories themselves\n"
                       "  -F, --classify             append indicator (one of */=@|)\n"
                       "  -h, --human-readable       with -l, print sizes like 1K 234M\n"
                       "  -i, --inode                print the index number of each file\n"
                       "  -l                         use a long listing format\n"
                       "  -n, --numeric-uid-gid      like -l, but list numeric user and group "
                       "IDs\n"
                       "  -r, --reverse              reverse order while sorting\n"
                       "  -R, --recursive            list subdirectories recursively\n"
                       "  -S                         sort by file size, largest first\n"
                       "  -t                         sort by time, newest first\n"
                       "  -1                         list one file per line\n"
                       "      --color[=WHEN]         color the output WHEN: always (the\n"
                       "                             default), auto (on a terminal) or never\n");
            return -1;
        case 'a': opts.all = 1, opts.almost_all = 0; break;
        case 'A': opts.almost_all = 1, opts.all = 0; break;
        case 'd': opts.directory = 1; break;
        case 'l': opts.longform = 1; break;
        case 'h': opts.human = 1; break;
        case 'R': opts.recursive = 1; break;
        case 't': opts.by_time = 1, opts.by_size = 0; break;
        case 'S': opts.by_size = 1, opts.by_time = 0; break;
        case 'r': opts.reverse = 1; break;
        case 'F': opts.classify = 1; break;
        case 'i': opts.inode = 1; break;
        case 'n': opts.numeric = opts.longform = 1; break;
        case OPT_COLOR: {
            static const char *const always[] = {"always", "yes", "force"};
            static const char *const never[] = {"never", "no", "none"};
            static const char *const automatic[] = {"auto", "tty", "if-tty"};
            const char *when = parser->arg ? parser->arg : "always";
            int found = 0;
            for (int i = 0; i < 3; i++) {
                if (!strcmp(when, always[i])) opts.color = 1, found = 1;
                if (!strcmp(when, never[i])) opts.color = 0, found = 1;
                if (!strcmp(when, automatic[i])) opts.color = isatty(1), found = 1;
            }
            if (!found) {
                fprintf(stderr,
                        "ls: invalid argument '%s' for '--color'\n"
                        "Valid arguments are:\n"
                        "  - 'always', 'yes', 'force'\n"
                        "  - 'never', 'no', 'none'\n"
                        "  - 'auto', 'tty', 'if-tty'\n"
                        "Try 'ls --help' for more information.\n",
                        when);
                return 1; /* GNU ls: 1 for a bad argument, 2 for a bad option */
            }
            break;
        }
        }
    }
    return 0;
}

int ls_main(int argc, char **argv) {
    struct option_parser parser;
    int parsed = parse_ls_options(argc, argv, &parser);
    if (parsed) return parsed < 0 ? 0 : parsed;
    if (opts.color) opts.color = color_terminal();
    char *dot[] = {"."};
    int count = parser.operand_count ? parser.operand_count : 1;
    char **names = parser.operand_count ? parser.operands : dot;
    struct entry *files = xmalloc(sizeof *files * (size_t)count);
    struct entry *dirs = xmalloc(sizeof *dirs * (size_t)count);
    int file_count = 0, dir_count = 0, status = 0, first = 1;
    for (int i = 0; i < count; i++) {
        struct entry e = {names[i], names[i], {0}, 1};
        int found = (opts.longform || opts.directory || opts.classify)
                        ? lstat(names[i], &e.st) == 0
                        : stat(names[i], &e.st) == 0 || lstat(names[i], &e.st) == 0;
        if (found && S_ISLNK(e.st.st_mode) && !opts.longform && !opts.classify) {
            struct stat target;
            if (stat(names[i], &target) == 0) e.st = target;
        }
        if (!found) {
            warn_errno(errno, "cannot access %s", quote(names[i]));
            status = 2;
        } else if (S_ISDIR(e.st.st_mode) && !opts.directory) {
            dirs[dir_count++] = e;
        } else {
            files[file_count++] = e;
        }
    }
    qsort(files, (size_t)file_count, sizeof *files, compare);
    qsort(dirs, (size_t)dir_count, sizeof *dirs, compare);
    print_entries(files, file_count);
    if (file_count) first = 0;
    int headers = count > 1 || opts.recursive;
    for (int i = 0; i < dir_count; i++) {
        int result = list_directory(dirs[i].name, headers, &first);
        if (result > status) status = result;
    }
    return status;
}
