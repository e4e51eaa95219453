/* df.c: df [-h] [-k] [-T] [-a] [-t TYPE] [-x TYPE] [FILE]...: the mounted
 * file systems and their space, as GNU coreutils: the mounts of
 * /proc/self/mounts (pseudo and duplicate ones only with -a), or those
 * holding each FILE, in columns sized to their contents.
 *
 * Natively the numbers are statvfs(3)'s. bocal has no statfs call: there
 * the size is the mount's size= option, or half the memory of
 * /proc/meminfo (tmpfs' default, as Linux), and the used space is the sum
 * of the blocks of the files on the mount (what a statfs would count). */
#include "bocal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef __wasi__
#include <sys/statvfs.h>
#endif

#include "applets.h"
#include "human.h"
#include "util.h"

struct mount_row {
    char *source, *target, *type, *options;
    dev_t dev;
    int have_dev;
    unsigned long long size, used, avail; /* bytes */
    int known;                            /* the numbers are known */
};

struct settings {
    int human, all, print_type;
    const char *only_type, *exclude_type;
};

static int status;

/* File systems with no storage of their own: shown only with -a. */
static int is_pseudo(const char *type) {
    static const char *const pseudo[] = {"proc",     "sysfs",    "devpts",  "cgroup",
                                         "cgroup2",  "mqueue",   "debugfs", "tracefs",
                                         "securityfs", "pstore", "bpf",     "configfs",
                                         "fusectl",  "hugetlbfs", "binfmt_misc", "autofs",
                                         "nsfs",     "rpc_pipefs", NULL};
    for (int i = 0; pseudo[i]; i++)
        if (!strcmp(type, pseudo[i])) return 1;
    return 0;
}

/* The octal escapes of /proc/mounts (\040 for a space) decoded in place. */
static char *unescape(char *text) {
    char *out = text;
    for (char *p = text; *p; p++) {
        if (p[0] == '\\' && p[1] >= '0' && p[1] <= '7' && p[2] && p[3]) {
            *out++ = (char)((p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0'));
            p += 3;
        } else {
            *out++ = *p;
        }
    }
    *out = '\0';
    return text;
}

#ifdef __wasi__
static unsigned long long memory_total(void) {
    FILE *file = fopen("/proc/meminfo", "r");
    char line[128];
    unsigned long long kb = 0;
    if (!file) return 0;
    while (fgets(line, sizeof line, file))
        if (sscanf(line, "MemTotal: %llu kB", &kb) == 1) break;
    fclose(file);
    return kb * 1024;
}

/* Blocks of everything under `path` on device `dev`, each inode once. */
static unsigned long long used_below(const char *path, dev_t dev, int depth) {
    struct stat st;
    if (lstat(path, &st) < 0 || st.st_dev != dev) return 0;
    unsigned long long total = (unsigned long long)st.st_blocks * 512;
    if (!S_ISDIR(st.st_mode) || depth > 64) return total;
    DIR *dir = opendir(path);
    if (!dir) return total;
    struct dirent *entry;
    while ((entry = readdir(dir))) {
        if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, "..")) continue;
        char *child = path_join(path, entry->d_name);
        total += used_below(child, dev, depth + 1);
        free(child);
    }
    closedir(dir);
    return total;
}

static void measure(struct mount_row *row) {
    unsigned long long size = 0;
    const char *option = strstr(row->options, "size=");
    if (option && (option == row->options || option[-1] == ',')) {
        char *end;
        size = strtoull(option + 5, &end, 10);
        if (*end == 'k') size *= 1024;
        else if (*end == 'm') size *= 1024 * 1024;
        else if (*end == 'g') size *= 1024ULL * 1024 * 1024;
    } else if (!strcmp(row->type, "tmpfs") || !strcmp(row->type, "devtmpfs") ||
               !strcmp(row->type, "rootfs")) {
        size = memory_total() / 2;
    }
    struct stat st;
    if (stat(row->target, &st) < 0) return;
    row->used = used_below(row->target, st.st_dev, 0);
    row->size = size > row->used ? size : row->used;
    row->avail = row->size - row->used;
    row->known = 1;
}
#else
static void measure(struct mount_row *row) {
    struct statvfs info;
    if (statvfs(row->target, &info) < 0) return;
    unsigned long long unit = info.f_frsize ? info.f_frsize : info.f_bsize;
    row->size = info.f_blocks * unit;
    row->used = (info.f_blocks - info.f_bfree) * unit;
    row->avail = info.f_bavail * unit;
    row->known = 1;
}
#endif

static struct mount_row *read_mounts(size_t *count) {
    FILE *file = fopen("/proc/self/mounts", "r");
    if (!file) {
        warn_errno(errno, "cannot read table of mounted file systems");
        exit(1);
    }
    struct mount_row *rows = NULL;
    size_t capacity = 0;
    char line[4096];
    *count = 0;
    while (fgets(line, sizeof line, file)) {
        char source[1024], target[1024], type[256], options[2048];
        if (sscanf(line, "%1023s %1023s %255s %2047s", source, target, type, options) != 4)
            continue;
        if (*count == capacity) {
            capacity = capacity ? capacity * 2 : 16;
            rows = realloc(rows, capacity * sizeof *rows);
            if (!rows) warnx_("memory exhausted"), exit(1);
        }
        struct mount_row *row = &rows[(*count)++];
        memset(row, 0, sizeof *row);
        row->source = strdup(unescape(source));
        row->target = strdup(unescape(target));
        row->type = strdup(type);
        row->options = strdup(options);
        struct stat st;
        if (stat(row->target, &st) == 0) row->dev = st.st_dev, row->have_dev = 1;
    }
    fclose(file);
    return rows;
}

/* Whether an earlier mount has the same target or device: GNU shows a
 * file system once, where it first appears. */
static int duplicate(const struct mount_row *rows, size_t index) {
    for (size_t i = 0; i < index; i++) {
        if (!strcmp(rows[i].target, rows[index].target)) return 1;
        if (rows[i].have_dev && rows[index].have_dev && rows[i].dev == rows[index].dev &&
            !is_pseudo(rows[i].type))
            return 1;
    }
    return 0;
}

/* The mount holding `path`: the longest matching target among the mounts. */
static long mount_of(const struct mount_row *rows, size_t count, const char *path) {
    struct stat st;
    if (stat(path, &st) < 0) {
        warn_errno(errno, "%s", quotef(path));
        status = 1;
        return -1;
    }
    long best = -1;
    for (size_t i = 0; i < count; i++)
        if (rows[i].have_dev && rows[i].dev == st.st_dev) best = (long)i;
    return best;
}

struct table {
    char *cells[64][7];
    int rows;
};

static void add_row(struct table *t, const struct settings *s, const struct mount_row *row) {
    if (t->rows >= 64) return;
    char **c = t->cells[t->rows++];
    char buffer[32];
    c[0] = row->source;
    c[1] = row->type;
    if (!row->known || (row->size == 0 && !s->human && is_pseudo(row->type))) {
        for (int i = 2; i < 6; i++) c[i] = strdup("-");
        if (row->known && row->size == 0) {
            c[2] = strdup("0"), c[3] = strdup("0"), c[4] = strdup("0");
        }
    } else if (s->human) {
        c[2] = strdup(human_size(row->size, buffer));
        c[3] = strdup(row->used ? human_size(row->used, buffer) : "0");
        c[4] = strdup(human_size(row->avail, buffer));
    } else {
        snprintf(buffer, sizeof buffer, "%llu", (row->size + 1023) / 1024);
        c[2] = strdup(buffer);
        snprintf(buffer, sizeof buffer, "%llu", (row->used + 1023) / 1024);
        c[3] = strdup(buffer);
        snprintf(buffer, sizeof buffer, "%llu", row->avail / 1024);
        c[4] = strdup(buffer);
    }
    if (row->known) {
        unsigned long long whole = row->used + row->avail;
        if (whole == 0) {
            c[5] = strdup("-");
        } else {
            /* GNU rounds the percentage up. */
            unsigned long long percent = (row->used * 100 + whole - 1) / whole;
            snprintf(buffer, sizeof buffer, "%llu%%", percent);
            c[5] = strdup(buffer);
        }
    } else if (!c[5]) {
        c[5] = strdup("-");
    }
    c[6] = row->target;
}

static void print_table(const struct table *t, const struct settings *s) {
    /* GNU's narrowest columns: the file system 14, sizes 5. */
    int width[7] = {14, 4, 5, 5, 5, 4, 0};
    for (int r = 0; r < t->rows; r++)
        for (int i = 0; i < 7; i++) {
            int length = (int)strlen(t->cells[r][i]);
            if (length > width[i]) width[i] = length;
        }
    for (int r = 0; r < t->rows; r++) {
        const char *const *c = (const char *const *)t->cells[r];
        printf("%-*s ", width[0], c[0]);
        if (s->print_type) printf("%-*s ", width[1], c[1]);
        for (int i = 2; i < 5; i++) printf("%*s ", width[i], c[i]);
        printf("%*s %s\n", width[5], c[5], c[6]);
    }
}

int df_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"human-readable", 'h', 0}, {"all", 'a', 0},   {"print-type", 'T', 0},
        {"type", 't', 1},           {"exclude-type", 'x', 1}, {NULL, 'k', 0},
        {"local", 'l', 0},          {NULL, 'P', 0},    {NULL, 'v', 0},
        {NULL, 0, 0}};
    struct settings s = {0};
    struct option_parser parser;
    int key;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case 'h': s.human = 1; break;
        case 'k': s.human = 0; break;
        case 'a': s.all = 1; break;
        case 'T': s.print_type = 1; break;
        case 't': s.only_type = parser.arg; break;
        case 'x': s.exclude_type = parser.arg; break;
        case 'l':
        case 'P':
        case 'v': break;
        case OPT_HELP:
            return print_help(
                "[OPTION]... [FILE]...",
                "Show information about the file system on which each FILE resides,\n"
                "or all file systems by default.\n\n"
                "  -a, --all             include pseudo, duplicate, inaccessible file systems\n"
                "  -h, --human-readable  print sizes in powers of 1024 (e.g., 1023M)\n"
                "  -k                    like --block-size=1K\n"
                "  -t, --type=TYPE       limit listing to file systems of type TYPE\n"
                "  -T, --print-type      print file system type\n"
                "  -x, --exclude-type=TYPE   limit listing to file systems not of type TYPE\n"
                "      --help        display this help and exit\n");
        default: return 1;
        }
    }
    size_t count;
    struct mount_row *rows = read_mounts(&count);
    static struct table table;
    char *header[7] = {"Filesystem", "Type", s.human ? "Size" : "1K-blocks", "Used",
                       s.human ? "Avail" : "Available", "Use%", "Mounted on"};
    for (int i = 0; i < 7; i++) table.cells[0][i] = header[i];
    table.rows = 1;
    if (parser.operand_count > 0) {
        for (int i = 0; i < parser.operand_count; i++) {
            long index = mount_of(rows, count, parser.operands[i]);
            if (index < 0) continue;
            measure(&rows[index]);
            add_row(&table, &s, &rows[index]);
        }
        if (table.rows == 1) {
            if (!status) warnx_("no file systems processed");
            return 1;
        }
    } else {
        for (size_t i = 0; i < count; i++) {
            struct mount_row *row = &rows[i];
            if (s.only_type && strcmp(row->type, s.only_type) != 0) continue;
            if (s.exclude_type && !strcmp(row->type, s.exclude_type)) continue;
            if (!s.all && (is_pseudo(row->type) || duplicate(rows, i))) continue;
            measure(row);
            add_row(&table, &s, row);
        }
        if (table.rows == 1) {
            warnx_("no file systems processed");
            return 1;
        }
    }
    print_table(&table, &s);
    return status;
}
