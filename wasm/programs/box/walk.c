/* walk.c: the children of a directory for the -R of chmod and chown (see
 * walk.h). */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int for_each_child(const char *dir, int quiet, int (*visit)(const char *child, void *context),
                   void *context) {
    DIR *stream = opendir(dir);
    if (!stream) {
        if (!quiet) warn_errno(errno, "cannot read directory %s", quote(dir));
        return 1;
    }
    struct dirent *entry;
    char **names = NULL;
    size_t count = 0;
    while ((entry = readdir(stream))) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
        names = realloc(names, (count + 1) * sizeof *names);
        names[count++] = strdup(entry->d_name);
    }
    closedir(stream);
    int status = 0;
    for (size_t i = 0; i < count; i++) {
        char *child = path_join(dir, names[i]);
        status |= visit(child, context);
        free(child), free(names[i]);
    }
    free(names);
    return status;
}
