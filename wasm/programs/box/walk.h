/* walk.h: the children of a directory, one at a time, for applets whose -R
 * descends a tree (chmod, chown). */
#ifndef BOX_WALK_H
#define BOX_WALK_H

/* Calls visit(child_path, context) for each entry of `dir` but . and ..,
 * with `dir/name` as the path. The names are read first and the directory
 * closed before any visit, so a visit may change or descend into the child
 * without running out of descriptors. Returns the OR of the visits' results,
 * or 1 after `cannot read directory 'DIR': ERROR` (left out when `quiet`)
 * when the directory cannot be opened. */
int for_each_child(const char *dir, int quiet, int (*visit)(const char *child, void *context),
                   void *context);

#endif
