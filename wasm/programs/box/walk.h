/* walk.h: the children of a directory, for applets that descend a tree
 * (chmod -R, chown -R, du, find, grep -r, tar). */
#ifndef BOX_WALK_H
#define BOX_WALK_H

#include <dirent.h>
#include <stddef.h>

/* The names in `dir` but . and .., in readdir order: the stream is read to
 * its end and closed, so that a walk below it holds no descriptor for it (as
 * fts does for deep trees). The array and each name are malloc'ed (see
 * free_names); `*count` gets how many. Exits after "memory exhausted". */
char **read_names(DIR *dir, size_t *count);

/* Sorts names as strcmp does (the C locale's order). */
void sort_names(char **names, size_t count);

/* Frees what read_names returned. */
void free_names(char **names, size_t count);

/* Calls visit(child_path, context) for each entry of `dir` but . and ..,
 * with `dir/name` as the path. The names are read first and the directory
 * closed before any visit, so a visit may change or descend into the child
 * without running out of descriptors. Returns the OR of the visits' results,
 * or 1 after `cannot read directory 'DIR': ERROR` (left out when `quiet`)
 * when the directory cannot be opened. */
int for_each_child(const char *dir, int quiet, int (*visit)(const char *child, void *context),
                   void *context);

#endif
