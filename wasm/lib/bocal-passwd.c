/* bocal-passwd.c: the user and group databases, read from /etc/passwd and
 * /etc/group with stdio: getpwnam(3), getpwuid(3), getpwent(3) with
 * setpwent/endpwent, and the same for groups. Like musl's, the results live
 * in static storage that the next call overwrites; a malformed line is
 * skipped; a missing file means no entries, with errno untouched. */
#ifdef __wasi__
#include "bocal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MEMBERS 64

static FILE *passwd_file, *group_file;
static char pw_line[1024], gr_line[1024];
static struct passwd pw;
static struct group gr;
static char *gr_members[MAX_MEMBERS + 1];

/* Splits `line` at ':' into `count` fields; 0 if it has another number. */
static int split(char *line, char **fields, int count) {
    line[strcspn(line, "\n")] = 0;
    for (int i = 0; i < count; i++) {
        fields[i] = line;
        char *colon = strchr(line, ':');
        if (i == count - 1) return colon == 0;
        if (!colon) return 0;
        *colon = 0;
        line = colon + 1;
    }
    return 1;
}

/* A decimal id; 0 if `text` is not one. */
static int parse_id(const char *text, unsigned *id) {
    char *end;
    if (!*text) return 0;
    unsigned long value = strtoul(text, &end, 10);
    *id = (unsigned)value;
    return *end == 0;
}

/* The next well-formed line of `file` parsed into `pw`; NULL at the end. */
static struct passwd *next_passwd(FILE *file) {
    char *f[7];
    unsigned uid, gid;
    while (fgets(pw_line, sizeof pw_line, file)) {
        if (!split(pw_line, f, 7) || !parse_id(f[2], &uid) || !parse_id(f[3], &gid)) continue;
        pw = (struct passwd){f[0], f[1], uid, gid, f[4], f[5], f[6]};
        return &pw;
    }
    return NULL;
}

static struct group *next_group(FILE *file) {
    char *f[4];
    unsigned gid;
    while (fgets(gr_line, sizeof gr_line, file)) {
        if (!split(gr_line, f, 4) || !parse_id(f[2], &gid)) continue;
        int n = 0;
        for (char *m = strtok(f[3], ","); m && n < MAX_MEMBERS; m = strtok(0, ",")) {
            gr_members[n++] = m;
        }
        gr_members[n] = 0;
        gr = (struct group){f[0], f[1], gid, gr_members};
        return &gr;
    }
    return NULL;
}

static FILE *open_database(const char *path) {
    int saved = errno;
    FILE *file = fopen(path, "r");
    errno = saved;
    return file;
}

void setpwent(void) {
    if (passwd_file) rewind(passwd_file);
}

void endpwent(void) {
    if (passwd_file) fclose(passwd_file);
    passwd_file = 0;
}

struct passwd *getpwent(void) {
    if (!passwd_file) passwd_file = open_database("/etc/passwd");
    return passwd_file ? next_passwd(passwd_file) : NULL;
}

/* One pass over /etc/passwd for the entry `match` accepts. */
static struct passwd *find_passwd(int (*match)(const struct passwd *, const void *),
                                  const void *key) {
    FILE *file = open_database("/etc/passwd");
    struct passwd *found = NULL;
    if (!file) return NULL;
    while ((found = next_passwd(file)) && !match(found, key)) continue;
    fclose(file);
    return found;
}

static int name_is(const struct passwd *p, const void *name) {
    return strcmp(p->pw_name, name) == 0;
}
static int uid_is(const struct passwd *p, const void *uid) {
    return p->pw_uid == *(const uid_t *)uid;
}

struct passwd *getpwnam(const char *name) { return find_passwd(name_is, name); }
struct passwd *getpwuid(uid_t uid) { return find_passwd(uid_is, &uid); }

void setgrent(void) {
    if (group_file) rewind(group_file);
}

void endgrent(void) {
    if (group_file) fclose(group_file);
    group_file = 0;
}

struct group *getgrent(void) {
    if (!group_file) group_file = open_database("/etc/group");
    return group_file ? next_group(group_file) : NULL;
}

static struct group *find_group(const char *name, gid_t gid) {
    FILE *file = open_database("/etc/group");
    struct group *found = NULL;
    if (!file) return NULL;
    while ((found = next_group(file))) {
        if (name ? strcmp(found->gr_name, name) == 0 : found->gr_gid == gid) break;
    }
    fclose(file);
    return found;
}

struct group *getgrnam(const char *name) { return find_group(name, 0); }
struct group *getgrgid(gid_t gid) { return find_group(0, gid); }
#endif
