/* lineedit-complete.c: Tab. The word before the cursor is completed as a
 * command name when it is the first of a command (at the line's start or
 * after ; & | ( or `) and has no slash: the shell's builtins, aliases,
 * functions and the executables in $PATH; otherwise as a path (files and directories; in
 * command position with a slash, directories and executables). As busybox
 * and bash: one match replaces the word, followed by a space, or by a slash
 * for a directory; several extend the word to what they share and beep; a
 * second Tab then lists them in columns and shows the line again. Special
 * characters in a completed name get a backslash. */
#define _GNU_SOURCE
#include "bocal.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lineedit-state.h"

struct matches {
    char **names; /* as listed: directories end with '/' */
    int count, capacity;
};

/* Builtins of the shell that may exist; only those find_builtin knows are offered. */
static const char *const builtin_names[] = {
    ".", ":", "[", "alias", "bg", "break", "cd", "command", "continue", "echo", "eval",
    "exec", "exit", "export", "false", "fg", "getopts", "hash", "jobs", "kill", "local",
    "printf", "pwd", "read", "readonly", "return", "set", "shift", "test", "times",
    "trap", "true", "type", "ulimit", "umask", "unalias", "unset", "wait",
};

static const char special[] = " \t\n\\'\"`$&|;<>()*?[]#~!{}";

static void add_match(struct matches *m, const char *name, size_t length, int directory) {
    for (int i = 0; i < m->count; i++) {
        size_t have = strlen(m->names[i]);
        if (have == length + (size_t)directory && strncmp(m->names[i], name, length) == 0) return;
    }
    if (m->count == m->capacity) {
        m->capacity = m->capacity ? m->capacity * 2 : 32;
        m->names = sh_realloc(m->names, sizeof *m->names * (size_t)m->capacity);
    }
    char *copy = sh_malloc(length + 2);
    memcpy(copy, name, length);
    if (directory) copy[length++] = '/';
    copy[length] = 0;
    m->names[m->count++] = copy;
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of DIR starting with PREFIX; executables only (and
 * directories unless COMMANDS_ONLY) when EXECUTABLES. */
static void scan_directory(struct matches *m, const char *dir, const char *prefix,
                           int executables, int commands_only) {
    DIR *d = opendir(*dir ? dir : ".");
    if (!d) return;
    size_t length = strlen(prefix);
    struct dirent *entry;
    while ((entry = readdir(d))) {
        const char *name = entry->d_name;
        if (strncmp(name, prefix, length) != 0) continue;
        if (name[0] == '.' && (prefix[0] != '.' || !strcmp(name, ".") || !strcmp(name, "..")))
            continue;
        struct buf path = {0};
        buf_adds(&path, *dir ? dir : ".");
        if (path.s[path.len - 1] != '/') buf_add(&path, '/');
        buf_adds(&path, name);
        struct stat st;
        int directory = stat(path.s, &st) == 0 && S_ISDIR(st.st_mode);
        int wanted = 1;
        if (executables) {
            int runnable = !directory && access(path.s, X_OK) == 0;
            wanted = runnable || (directory && !commands_only);
        }
        free(path.s);
        if (wanted) add_match(m, name, strlen(name), directory && !commands_only);
    }
    closedir(d);
}

static void command_matches(struct matches *m, const char *prefix) {
    size_t length = strlen(prefix);
    for (size_t i = 0; i < sizeof builtin_names / sizeof builtin_names[0]; i++)
        if (strncmp(builtin_names[i], prefix, length) == 0 && find_builtin(builtin_names[i]))
            add_match(m, builtin_names[i], strlen(builtin_names[i]), 0);
    /* Aliases and functions are commands too, as bash and busybox ash offer them. */
    const char *entry;
    for (int i = 0; (entry = alias_entry(i)); i++) {
        size_t name_length = strcspn(entry, "=");
        if (name_length >= length && strncmp(entry, prefix, length) == 0)
            add_match(m, entry, name_length, 0);
    }
    const char *name;
    for (int i = 0; (name = func_name(i)); i++)
        if (strncmp(name, prefix, length) == 0) add_match(m, name, strlen(name), 0);
    const char *path = var_get("PATH");
    for (const char *at = path ? path : ""; *at;) {
        const char *end = strchr(at, ':');
        size_t dir_length = end ? (size_t)(end - at) : strlen(at);
        char *dir = sh_strndup(at, dir_length);
        scan_directory(m, dir, prefix, 1, 1);
        free(dir);
        if (!end) break;
        at = end + 1;
    }
}

/* Where the word before the cursor starts: after an unescaped blank or operator. */
static size_t word_start(const struct editor *e) {
    size_t at = e->cursor;
    while (at > 0) {
        char c = e->line.s[at - 1];
        int escaped = at >= 2 && e->line.s[at - 2] == '\\';
        if (strchr(" \t;&|()<>`", c) && !escaped) break;
        at--;
    }
    return at;
}

static int command_position(const struct editor *e, size_t start) {
    while (start > 0 && (e->line.s[start - 1] == ' ' || e->line.s[start - 1] == '\t')) start--;
    return start == 0 || strchr(";&|(`", e->line.s[start - 1]) != NULL;
}

/* The word with its backslashes taken out and quotes dropped. */
static char *unescape(const char *text, size_t length) {
    struct buf b = {0};
    buf_adds(&b, "");
    for (size_t i = 0; i < length; i++) {
        if (text[i] == '\\' && i + 1 < length) buf_add(&b, text[++i]);
        else if (text[i] != '\'' && text[i] != '"') buf_add(&b, text[i]);
    }
    return buf_take(&b);
}

static void add_escaped(struct buf *b, const char *text, size_t length) {
    for (size_t i = 0; i < length; i++) {
        if (strchr(special, text[i]) && !(i == 0 && text[i] == '~')) buf_add(b, '\\');
        buf_add(b, text[i]);
    }
}

/* Replaces the word [START, cursor) with DIR (as typed) and NAME escaped. */
static void replace_word(struct editor *e, size_t start, const char *typed_dir,
                         size_t typed_dir_length, const char *name, size_t length,
                         const char *suffix) {
    struct buf b = {0};
    buf_addn(&b, typed_dir, typed_dir_length);
    add_escaped(&b, name, length);
    buf_adds(&b, suffix);
    memmove(e->line.s + start, e->line.s + e->cursor, e->line.len - e->cursor + 1);
    e->line.len -= e->cursor - start;
    e->cursor = start;
    editor_insert(e, b.s, b.len);
    free(b.s);
}

void complete_word(struct editor *e, int again) {
    size_t start = word_start(e);
    char *word = unescape(e->line.s + start, e->cursor - start);
    int command = command_position(e, start);
    const char *slash = strrchr(word, '/');
    struct matches m = {0};
    /* What the user typed up to the last slash stays as it is. */
    size_t typed_dir = 0;
    if (slash) {
        for (size_t i = start; i < e->cursor; i++)
            if (e->line.s[i] == '/') typed_dir = i + 1 - start;
    }
    if (command && !slash) {
        command_matches(&m, word);
    } else {
        char *dir = slash ? sh_strndup(word, (size_t)(slash + 1 - word)) : sh_strdup("");
        if (dir[0] == '~' && (dir[1] == '/' || !dir[1])) {
            const char *home = var_get("HOME");
            struct buf expanded = {0};
            buf_adds(&expanded, home ? home : "");
            buf_adds(&expanded, dir + 1);
            free(dir);
            dir = buf_take(&expanded);
        }
        scan_directory(&m, dir, slash ? slash + 1 : word, command, 0);
        free(dir);
    }
    const char *prefix = slash ? slash + 1 : word;
    if (m.count == 0) {
        screen_beep(e);
    } else if (m.count == 1) {
        const char *name = m.names[0];
        size_t length = strlen(name);
        int directory = name[length - 1] == '/';
        replace_word(e, start, e->line.s + start, typed_dir, name, length - directory,
                     directory ? "/" : " ");
        screen_redraw(e);
    } else {
        qsort(m.names, (size_t)m.count, sizeof *m.names, by_name);
        size_t common = strlen(m.names[0]);
        for (int i = 1; i < m.count; i++) {
            size_t k = 0;
            while (k < common && m.names[i][k] == m.names[0][k]) k++;
            common = k;
        }
        if (common > 0 && m.names[0][common - 1] == '/') common--;
        if (common > strlen(prefix)) {
            replace_word(e, start, e->line.s + start, typed_dir, m.names[0], common, "");
            screen_redraw(e);
        } else if (again) {
            size_t cursor = e->cursor;
            e->cursor = e->line.len;
            screen_redraw(e);
            screen_leave(e);
            screen_list(e, m.names, m.count);
            e->cursor = cursor;
            screen_restart(e, 0);
        } else {
            screen_beep(e);
        }
    }
    for (int i = 0; i < m.count; i++) free(m.names[i]);
    free(m.names);
    free(word);
}
