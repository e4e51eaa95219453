/* diff.c: diff [-u | -U N] [-q] [-r] [-N] [-x PAT] FILE1 FILE2, GNU
 * diffutils' normal and unified formats: the longest common subsequence of
 * lines by Myers' O(ND) algorithm; `\ No newline at end of file` marks;
 * "Binary files A and B differ" for files with a NUL; directories compared
 * entry by entry in name order (`Only in`, `Common subdirectories`, or
 * recursively with -r). Exit status 0 same, 1 different, 2 trouble. */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "applets.h"
#include "util.h"

struct options {
    int unified, context, brief, recursive, new_file;
    char **excludes;
    int exclude_count;
    const char *switches; /* the options as given, for `diff -r ...` lines */
};

struct file {
    const char *name;
    char *data;
    size_t size;
    char **lines;
    size_t *lengths;
    size_t count;
    int missing_newline; /* the last line has no newline */
    struct stat st;
};

/* ---- reading ----------------------------------------------------------------- */

static int read_file(struct file *file, const char *name, int absent_is_empty) {
    memset(file, 0, sizeof *file);
    file->name = name;
    FILE *stream = strcmp(name, "-") == 0 ? stdin : fopen(name, "rb");
    if (!stream) {
        if (absent_is_empty && errno == ENOENT) {
            file->data = xmalloc(1);
            return 0;
        }
        warn_errno(errno, "%s", name);
        return -1;
    }
    fstat(fileno(stream), &file->st);
    size_t capacity = 4096;
    file->data = xmalloc(capacity);
    size_t got;
    while ((got = fread(file->data + file->size, 1, capacity - file->size, stream)) > 0) {
        file->size += got;
        if (file->size == capacity) file->data = realloc(file->data, capacity *= 2);
    }
    if (stream != stdin) fclose(stream);
    size_t lines_capacity = 64;
    file->lines = xmalloc(lines_capacity * sizeof(char *));
    file->lengths = xmalloc(lines_capacity * sizeof(size_t));
    for (size_t start = 0; start < file->size;) {
        char *newline = memchr(file->data + start, '\n', file->size - start);
        size_t end = newline ? (size_t)(newline - file->data) : file->size;
        if (file->count == lines_capacity) {
            lines_capacity *= 2;
            file->lines = realloc(file->lines, lines_capacity * sizeof(char *));
            file->lengths = realloc(file->lengths, lines_capacity * sizeof(size_t));
        }
        file->lines[file->count] = file->data + start;
        file->lengths[file->count++] = end - start;
        if (!newline) file->missing_newline = 1;
        start = end + 1;
    }
    return 0;
}

static int is_binary(const struct file *file) {
    size_t check = file->size < 4096 ? file->size : 4096;
    return memchr(file->data, '\0', check) != NULL;
}

static int same_line(const struct file *a, size_t i, const struct file *b, size_t j) {
    return a->lengths[i] == b->lengths[j] &&
           memcmp(a->lines[i], b->lines[j], a->lengths[i]) == 0 &&
           (i + 1 < a->count || !a->missing_newline) == (j + 1 < b->count || !b->missing_newline);
}

/* ---- Myers' algorithm --------------------------------------------------------- */

/* Marks in `a_matched` / `b_matched` the lines of a longest common subsequence. */
static void compare(const struct file *a, const struct file *b, char *a_matched, char *b_matched) {
    long n = (long)a->count, m = (long)b->count, max = n + m, offset = max + 1;
    long *v = calloc((size_t)(2 * max + 3), sizeof(long));
    long **trace = xmalloc((size_t)(max + 1) * sizeof(long *));
    long d, found = -1;
    for (d = 0; d <= max && found < 0; d++) {
        trace[d] = xmalloc((size_t)(2 * d + 1) * sizeof(long));
        for (long k = -d; k <= d; k += 2) {
            long x;
            if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) x = v[offset + k + 1];
            else x = v[offset + k - 1] + 1;
            long y = x - k;
            while (x < n && y < m && same_line(a, (size_t)x, b, (size_t)y)) x++, y++;
            v[offset + k] = x;
            if (x >= n && y >= m) found = d;
        }
        /* what V held for k in [-d, d] after step d */
        for (long k = -d; k <= d; k++) trace[d][k + d] = v[offset + k];
    }
    /* walk back from (n, m) */
    long x = n, y = m;
    for (d = found; d >= 0; d--) {
        long k = x - y, previous_k, previous_x, previous_y;
        if (d == 0) {
            while (x > 0 && y > 0) a_matched[--x] = 1, b_matched[--y] = 1;
            break;
        }
        long *before = trace[d - 1];
        long down = k == -d || (k != d && before[k - 1 + (d - 1)] < before[k + 1 + (d - 1)]);
        previous_k = down ? k + 1 : k - 1;
        previous_x = before[previous_k + (d - 1)];
        previous_y = previous_x - previous_k;
        long start_x = down ? previous_x : previous_x + 1;
        long start_y = start_x - k;
        while (x > start_x && y > start_y) a_matched[--x] = 1, b_matched[--y] = 1;
        x = previous_x, y = previous_y;
    }
    for (long i = 0; i <= found; i++) free(trace[i]);
    free(trace);
    free(v);
}

/* ---- changes and output ---------------------------------------------------------- */

struct change {
    size_t a_start, a_end, b_start, b_end; /* [start, end) lines */
};

static struct change *changes_of(const struct file *a, const struct file *b, size_t *count) {
    char *a_matched = calloc(a->count + 1, 1), *b_matched = calloc(b->count + 1, 1);
    compare(a, b, a_matched, b_matched);
    struct change *changes = NULL;
    size_t n = 0, i = 0, j = 0;
    while (i < a->count || j < b->count) {
        if (i < a->count && j < b->count && a_matched[i] && b_matched[j]) {
            i++, j++;
            continue;
        }
        struct change change = {i, i, j, j};
        while (i < a->count && !a_matched[i]) i++;
        while (j < b->count && !b_matched[j]) j++;
        change.a_end = i, change.b_end = j;
        changes = realloc(changes, (n + 1) * sizeof *changes);
        changes[n++] = change;
    }
    free(a_matched), free(b_matched);
    *count = n;
    return changes;
}

static void print_line(const char *prefix, const struct file *file, size_t index) {
    fputs(prefix, stdout);
    fwrite(file->lines[index], 1, file->lengths[index], stdout);
    putchar('\n');
    if (index + 1 == file->count && file->missing_newline) puts("\\ No newline at end of file");
}

static void print_range(size_t start, size_t end) {
    /* lines start+1..end, 1-based; an empty range names the line before */
    if (end - start <= 1) printf("%zu", end > start ? start + 1 : start);
    else printf("%zu,%zu", start + 1, end);
}

static void normal_format(const struct file *a, const struct file *b, struct change *changes,
                          size_t count) {
    for (size_t c = 0; c < count; c++) {
        struct change *ch = &changes[c];
        int deleted = ch->a_end > ch->a_start, inserted = ch->b_end > ch->b_start;
        print_range(ch->a_start, ch->a_end);
        putchar(deleted && inserted ? 'c' : deleted ? 'd' : 'a');
        print_range(ch->b_start, ch->b_end);
        putchar('\n');
        for (size_t i = ch->a_start; i < ch->a_end; i++) print_line("< ", a, i);
        if (deleted && inserted) puts("---");
        for (size_t j = ch->b_start; j < ch->b_end; j++) print_line("> ", b, j);
    }
}

static void print_time(const struct file *file) {
    char date[64];
    struct tm *tm = localtime(&file->st.st_mtime);
    strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", tm);
    char zone[16];
    strftime(zone, sizeof zone, "%z", tm);
#ifdef __wasi__
    long nanoseconds = (long)file->st.st_mtim.tv_nsec;
#else
    long nanoseconds = (long)file->st.st_mtim.tv_nsec;
#endif
    printf("%s.%09ld %s\n", date, nanoseconds, zone);
}

static void unified_range(size_t start, size_t end) {
    size_t length = end - start;
    if (length == 1) printf("%zu", start + 1);
    else printf("%zu,%zu", length == 0 ? start : start + 1, length);
}

static void unified_format(const struct file *a, const struct file *b, struct change *changes,
                           size_t count, int context) {
    printf("--- %s\t", a->name);
    print_time(a);
    printf("+++ %s\t", b->name);
    print_time(b);
    size_t c = 0;
    while (c < count) {
        /* a hunk: changes closer than 2 * context lines join */
        size_t last = c;
        while (last + 1 < count &&
               changes[last + 1].a_start - changes[last].a_end <= (size_t)(2 * context))
            last++;
        size_t a_start = changes[c].a_start > (size_t)context ? changes[c].a_start - context : 0;
        size_t b_start = changes[c].b_start > (size_t)context ? changes[c].b_start - context : 0;
        size_t a_end = changes[last].a_end + context < a->count ? changes[last].a_end + context
                                                                : a->count;
        size_t b_end = changes[last].b_end + context < b->count ? changes[last].b_end + context
                                                                : b->count;
        fputs("@@ -", stdout);
        unified_range(a_start, a_end);
        fputs(" +", stdout);
        unified_range(b_start, b_end);
        puts(" @@");
        size_t i = a_start, j = b_start;
        for (size_t h = c; h <= last; h++) {
            for (; i < changes[h].a_start; i++, j++) print_line(" ", a, i);
            for (; i < changes[h].a_end; i++) print_line("-", a, i);
            for (; j < changes[h].b_end; j++) print_line("+", b, j);
        }
        for (; i < a_end; i++, j++) print_line(" ", a, i);
        c = last + 1;
    }
}

/* ---- files and directories ----------------------------------------------------- */

static int diff_paths(const struct options *options, const char *a_name, const char *b_name,
                      int top);

static int diff_files(const struct options *options, const char *a_name, const char *b_name,
                      int top) {
    struct file a, b;
    if (read_file(&a, a_name, options->new_file) != 0) return 2;
    if (read_file(&b, b_name, options->new_file) != 0) return 2;
    int status = 0;
    int differ = a.size != b.size || memcmp(a.data, b.data, a.size) != 0;
    if (!differ) goto done;
    status = 1;
    if (!top && !options->brief) printf("diff %s%s %s\n", options->switches, a_name, b_name);
    if (options->brief) {
        printf("Files %s and %s differ\n", a_name, b_name);
        goto done;
    }
    if (is_binary(&a) || is_binary(&b)) {
        printf("Binary files %s and %s differ\n", a_name, b_name);
        goto done;
    }
    size_t count;
    struct change *changes = changes_of(&a, &b, &count);
    if (options->unified) unified_format(&a, &b, changes, count, options->context);
    else normal_format(&a, &b, changes, count);
    free(changes);
done:
    free(a.data), free(b.data), free(a.lines), free(b.lines), free(a.lengths), free(b.lengths);
    return status;
}

static int compare_names(const void *x, const void *y) {
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static char **list_directory(const char *path, const struct options *options, size_t *count) {
    DIR *dir = opendir(path);
    *count = 0;
    if (!dir) return NULL;
    char **names = NULL;
    struct dirent *entry;
    while ((entry = readdir(dir))) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
        int excluded = 0;
        for (int i = 0; i < options->exclude_count; i++)
            if (fnmatch(options->excludes[i], entry->d_name, 0) == 0) excluded = 1;
        if (excluded) continue;
        names = realloc(names, (*count + 1) * sizeof(char *));
        names[(*count)++] = strdup(entry->d_name);
    }
    closedir(dir);
    qsort(names, *count, sizeof(char *), compare_names);
    return names;
}

static int diff_directories(const struct options *options, const char *a_path,
                            const char *b_path) {
    size_t a_count, b_count;
    char **a_names = list_directory(a_path, options, &a_count);
    char **b_names = list_directory(b_path, options, &b_count);
    if (!a_names && errno) return warn_errno(errno, "%s", a_path), 2;
    int status = 0;
    size_t i = 0, j = 0;
    while (i < a_count || j < b_count) {
        int order = i >= a_count ? 1 : j >= b_count ? -1 : strcmp(a_names[i], b_names[j]);
        if (order != 0 && !options->new_file) {
            const char *dir = order < 0 ? a_path : b_path;
            printf("Only in %s: %s\n", dir, order < 0 ? a_names[i] : b_names[j]);
            status |= 1;
            order < 0 ? i++ : j++;
            continue;
        }
        const char *name = order <= 0 ? a_names[i] : b_names[j];
        char *a_child = path_join(a_path, name), *b_child = path_join(b_path, name);
        struct stat a_st, b_st;
        int a_dir = stat(a_child, &a_st) == 0 && S_ISDIR(a_st.st_mode);
        int b_dir = stat(b_child, &b_st) == 0 && S_ISDIR(b_st.st_mode);
        if (a_dir && b_dir) {
            if (options->recursive) status |= diff_directories(options, a_child, b_child);
            else printf("Common subdirectories: %s and %s\n", a_child, b_child);
        } else if (a_dir != b_dir && order == 0) {
            printf("File %s is a %s while file %s is a %s\n", a_child,
                   a_dir ? "directory" : "regular file", b_child,
                   b_dir ? "directory" : "regular file");
            status |= 1;
        } else {
            status |= diff_files(options, a_child, b_child, 0);
        }
        free(a_child), free(b_child);
        if (order <= 0) i++;
        if (order >= 0) j++;
    }
    return status;
}

static int diff_paths(const struct options *options, const char *a_name, const char *b_name,
                      int top) {
    struct stat a_st, b_st;
    int a_dir = strcmp(a_name, "-") != 0 && stat(a_name, &a_st) == 0 && S_ISDIR(a_st.st_mode);
    int b_dir = strcmp(b_name, "-") != 0 && stat(b_name, &b_st) == 0 && S_ISDIR(b_st.st_mode);
    if (a_dir && b_dir) return diff_directories(options, a_name, b_name);
    if (a_dir || b_dir) {
        /* FILE DIR: compare with DIR/basename(FILE) */
        const char *file = a_dir ? b_name : a_name;
        char *base = path_basename(file);
        char *inside = path_join(a_dir ? a_name : b_name, base);
        int status = a_dir ? diff_files(options, inside, b_name, top)
                           : diff_files(options, a_name, inside, top);
        free(base), free(inside);
        return status;
    }
    return diff_files(options, a_name, b_name, top);
}

int diff_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"unified", 'u', 0},    {NULL, 'U', 1},           {"brief", 'q', 0},
        {"recursive", 'r', 0},  {"new-file", 'N', 0},     {"exclude", 'x', 1},
        {"report-identical-files", 's', 0}, {NULL, 0, 0}};
    struct option_parser parser;
    struct options options = {0};
    int key, report_identical = 0;
    try_help_named = 1;
    options.context = 3;
    options.excludes = xmalloc(sizeof(char *) * (size_t)argc);
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 2;
        case OPT_HELP:
            return print_help("[OPTION]... FILES",
                              "Compare FILES line by line.\n\n"
                              "  -q, --brief             report only when files differ\n"
                              "  -s, --report-identical-files  report when two files are the "
                              "same\n"
                              "  -u, -U NUM, --unified   output NUM (default 3) lines of "
                              "unified context\n"
                              "  -r, --recursive         recursively compare any "
                              "subdirectories found\n"
                              "  -N, --new-file          treat absent files as empty\n"
                              "  -x, --exclude=PAT       exclude files that match PAT\n\n"
                              "Exit status is 0 if inputs are the same, 1 if different, 2 if "
                              "trouble.\n");
        case 'u': options.unified = 1; break;
        case 'U': {
            char *end;
            long value = strtol(parser.arg, &end, 10);
            if (*end || value < 0 || !*parser.arg) {
                warnx_("invalid context length %s", quote(parser.arg));
                return try_help(), 2;
            }
            options.unified = 1, options.context = (int)value;
            break;
        }
        case 'q': options.brief = 1; break;
        case 'r': options.recursive = 1; break;
        case 'N': options.new_file = 1; break;
        case 's': report_identical = 1; break;
        case 'x': options.excludes[options.exclude_count++] = (char *)parser.arg; break;
        }
    }
    if (parser.operand_count < 2) {
        if (parser.operand_count == 0) warnx_("missing operand after %s", quote(argv[0]));
        else warnx_("missing operand after %s", quote(parser.operands[0]));
        return try_help(), 2;
    }
    if (parser.operand_count > 2) {
        warnx_("extra operand %s", quote(parser.operands[2]));
        return try_help(), 2;
    }
    /* the options as given, repeated in `diff -r ...` lines between files */
    size_t length = 0;
    for (int i = 1; i < argc; i++) length += strlen(argv[i]) + 1;
    char *switches = xmalloc(length + 1);
    switches[0] = '\0';
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] != '-' || !argv[i][1]) continue;
        if (strcmp(argv[i], "--") == 0) break;
        strcat(strcat(switches, argv[i]), " ");
        /* an option's separate argument goes with it */
        int separate = strcmp(argv[i], "--exclude") == 0 ||
                       (argv[i][1] != '-' && strpbrk(argv[i] + 1, "xU") &&
                        strpbrk(argv[i] + 1, "xU")[1] == '\0');
        if (separate && i + 1 < argc) strcat(strcat(switches, argv[++i]), " ");
    }
    options.switches = switches;
    int status = diff_paths(&options, parser.operands[0], parser.operands[1], 1);
    if (status == 0 && report_identical)
        printf("Files %s and %s are identical\n", parser.operands[0], parser.operands[1]);
    return status;
}
