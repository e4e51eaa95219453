/* chown.c: chown [-R] [-v|-c] [-f] [-h] OWNER[:[GROUP]] FILE... (or
 * :GROUP, or the old OWNER.GROUP with GNU's warning): names are looked up
 * in /etc/passwd and /etc/group, numbers taken as they are; `OWNER:` means
 * the owner's login group. -R changes a directory after what it holds,
 * and does not follow symbolic links; -h changes a link itself. */
#include "bocal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "applets.h"
#include "util.h"
#include "walk.h"

struct chown_options {
    uid_t uid;
    gid_t gid;
    int set_uid, set_gid;
    const char *user_text, *group_text; /* as -v shows the new owner */
    int recursive, verbose, changes, quiet, no_dereference;
};

static int parse_id(const char *text, unsigned long *value) {
    char *end;
    if (!*text) return -1;
    errno = 0;
    *value = strtoul(text, &end, 10);
    return *end || errno || *value > 0xfffffffeUL ? -1 : 0;
}

static const char *user_name(uid_t uid, char *buffer) {
    struct passwd *user = getpwuid(uid);
    if (user) return strcpy(buffer, user->pw_name);
    sprintf(buffer, "%lu", (unsigned long)uid);
    return buffer;
}

static const char *group_name(gid_t gid, char *buffer) {
    struct group *group = getgrgid(gid);
    if (group) return strcpy(buffer, group->gr_name);
    sprintf(buffer, "%lu", (unsigned long)gid);
    return buffer;
}

/* Parses OWNER[:GROUP]; -1 after GNU's message. */
static int parse_spec(const char *spec, struct chown_options *options) {
    char *copy = strdup(spec);
    char *separator = strchr(copy, ':');
    if (!separator && (separator = strchr(copy, '.'))) {
        /* the old OWNER.GROUP form, unless the whole is a user name */
        if (getpwnam(copy)) separator = NULL;
        else warnx_("warning: '.' should be ':': %s", quote(spec));
    }
    char *user = copy, *group = NULL;
    if (separator) *separator = '\0', group = separator + 1;
    unsigned long id;
    if (*user) {
        struct passwd *entry = getpwnam(user);
        if (entry) {
            options->uid = entry->pw_uid;
            if (group && !*group) {
                options->gid = entry->pw_gid, options->set_gid = 1;
                char buffer[64];
                options->group_text = strdup(group_name(entry->pw_gid, buffer));
            }
        } else if (parse_id(user, &id) == 0) {
            options->uid = (uid_t)id;
            if (group && !*group) {
                warnx_("invalid spec: %s", quote(spec));
                return -1;
            }
        } else {
            warnx_("invalid user: %s", quote(spec));
            return -1;
        }
        options->set_uid = 1;
        options->user_text = user;
    }
    if (group && *group) {
        struct group *entry = getgrnam(group);
        if (entry) options->gid = entry->gr_gid;
        else if (parse_id(group, &id) == 0) options->gid = (gid_t)id;
        else {
            warnx_("invalid group: %s", quote(spec));
            return -1;
        }
        options->set_gid = 1;
        options->group_text = group;
    }
    return 0;
}

static void report(const struct chown_options *options, const char *path, const struct stat *st,
                   int changed) {
    char old_user[64], old_group[64], old[140], new[140];
    user_name(st->st_uid, old_user), group_name(st->st_gid, old_group);
    if (options->set_uid && options->set_gid) {
        snprintf(old, sizeof old, "%s:%s", old_user, old_group);
        snprintf(new, sizeof new, "%s:%s", options->user_text, options->group_text);
    } else if (options->set_uid) {
        snprintf(old, sizeof old, "%s", old_user);
        snprintf(new, sizeof new, "%s", options->user_text);
    } else {
        snprintf(old, sizeof old, "%s", old_group);
        snprintf(new, sizeof new, "%s", options->group_text);
    }
    const char *what = options->set_uid ? "ownership" : "group";
    if (changed) printf("changed %s of %s from %s to %s\n", what, quote(path), old, new);
    else if (options->verbose) printf("%s of %s retained as %s\n", what, quote(path), old);
}

static int change(const struct chown_options *options, const char *path, int top);

static int change_child(const char *child, void *options) { return change(options, child, 0); }

static int change(const struct chown_options *options, const char *path, int top) {
    struct stat st;
    int follow = top && !options->no_dereference;
    if ((follow ? stat(path, &st) : lstat(path, &st)) != 0) {
        if (!options->quiet) warn_errno(errno, "cannot access %s", quote(path));
        return 1;
    }
    int status = 0;
    if (options->recursive && S_ISDIR(st.st_mode))
        status |= for_each_child(path, options->quiet, change_child, (void *)options);
    if (!options->set_uid && !options->set_gid) return status;
    uid_t uid = options->set_uid ? options->uid : (uid_t)-1;
    gid_t gid = options->set_gid ? options->gid : (gid_t)-1;
    int result = follow ? chown(path, uid, gid) : lchown(path, uid, gid);
    if (result != 0) {
        if (!options->quiet) warn_errno(errno, "changing ownership of %s", quote(path));
        return 1;
    }
    int changed = (options->set_uid && options->uid != st.st_uid) ||
                  (options->set_gid && options->gid != st.st_gid);
    if (options->verbose || (options->changes && changed)) report(options, path, &st, changed);
    return status;
}

int chown_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"recursive", 'R', 0}, {"verbose", 'v', 0},        {"changes", 'c', 0},
        {"silent", 'f', 0},    {"quiet", 'f', 0},          {"no-dereference", 'h', 0},
        {"dereference", 256, 0}, {NULL, 0, 0}};
    struct chown_options options = {0};
    struct option_parser parser;
    int key;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... [OWNER][:[GROUP]] FILE...",
                              "Change the owner and/or group of each FILE to OWNER and/or "
                              "GROUP.\n\n"
                              "  -c, --changes          like verbose but report only when a "
                              "change is made\n"
                              "  -f, --silent, --quiet  suppress most error messages\n"
                              "  -v, --verbose          output a diagnostic for every file "
                              "processed\n"
                              "  -h, --no-dereference   affect symbolic links instead of any "
                              "referenced file\n"
                              "  -R, --recursive        operate on files and directories "
                              "recursively\n");
        case 'R': options.recursive = 1; break;
        case 'v': options.verbose = 1; break;
        case 'c': options.changes = 1; break;
        case 'f': options.quiet = 1; break;
        case 'h': options.no_dereference = 1; break;
        case 256: options.no_dereference = 0; break;
        }
    }
    if (parser.operand_count == 0) return warnx_("missing operand"), try_help();
    if (parser.operand_count == 1) {
        warnx_("missing operand after %s", quote(parser.operands[0]));
        return try_help();
    }
    if (parse_spec(parser.operands[0], &options) != 0) return 1;
    int status = 0;
    for (int i = 1; i < parser.operand_count; i++)
        status |= change(&options, parser.operands[i], 1);
    return status;
}
