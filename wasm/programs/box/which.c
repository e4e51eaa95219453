/* which.c: which [-a] COMMAND...: the path of each command found in PATH,
 * as Debian's which (debianutils): a name with a slash is checked as it
 * is; -a shows every match; the status is 1 when any was not found (or no
 * name was given), 2 for a bad option. Nothing is printed for a miss. */
#include "bocal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "util.h"

static int executable_file(const char *path) {
    struct stat st;
    /* An x bit too: root's access(X_OK) needs one, and wasi-libc's access
     * only checks that the file is there. */
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111) &&
           access(path, X_OK) == 0;
}

/* Prints the matches of `name`; returns whether there was one. */
static int search(const char *name, int all) {
    if (strchr(name, '/')) {
        if (!executable_file(name)) return 0;
        puts(name);
        return 1;
    }
    const char *path = getenv("PATH");
    int found = 0;
    if (!path) path = "";
    for (const char *start = path;; start++) {
        const char *end = strchr(start, ':');
        size_t length = end ? (size_t)(end - start) : strlen(start);
        char *dir = xmalloc(length + 2);
        memcpy(dir, start, length);
        dir[length] = '\0';
        char *candidate = path_join(length ? dir : ".", name);
        if (executable_file(candidate)) {
            puts(candidate);
            found = 1;
        }
        free(candidate);
        free(dir);
        if ((found && !all) || !end) break;
        start = end;
    }
    return found;
}

int which_main(int argc, char **argv) {
    int all = 0, index = 1;
    for (; index < argc && argv[index][0] == '-' && argv[index][1]; index++) {
        if (!strcmp(argv[index], "--")) {
            index++;
            break;
        }
        if (!strcmp(argv[index], "--help")) {
            puts("Usage: which [-a] args\n"
                 "Print the full path of each command found in PATH.\n\n"
                 "  -a     print all matching pathnames of each argument");
            return 0;
        }
        for (const char *p = argv[index] + 1; *p; p++) {
            if (*p == 'a') {
                all = 1;
                continue;
            }
            fprintf(stderr, "Illegal option -%c\n", *p);
            puts("Usage: which [-a] args");
            return 2;
        }
    }
    int status = index >= argc;
    for (; index < argc; index++)
        if (!search(argv[index], all)) status = 1;
    return status;
}
