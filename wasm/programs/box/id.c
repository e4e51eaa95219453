/* id.c: id [-u|-g|-G] [-n] [-r] [USER]... and whoami: user and group ids with
 * names from /etc/passwd and /etc/group (through getpwuid/getgrgid, which
 * bocal's C library reads from the process's own root). A name that is not
 * in the databases prints as the bare number, as GNU does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bocal.h"

#include "applets.h"
#include "util.h"

static void print_user(uid_t uid) {
    struct passwd *entry = getpwuid(uid);
    printf("%u", (unsigned)uid);
    if (entry) printf("(%s)", entry->pw_name);
}

static void print_group(gid_t gid) {
    struct group *entry = getgrgid(gid);
    printf("%u", (unsigned)gid);
    if (entry) printf("(%s)", entry->gr_name);
}

static int print_name_or_number(int group, unsigned id, int names) {
    const char *name = NULL;
    if (names && group) {
        struct group *entry = getgrgid((gid_t)id);
        if (entry) name = entry->gr_name;
    } else if (names) {
        struct passwd *entry = getpwuid((uid_t)id);
        if (entry) name = entry->pw_name;
    }
    if (names && !name) {
        warnx_("cannot find name for %s ID %u", group ? "group" : "user", id);
        printf("%u", id);
        return 1;
    }
    if (name) fputs(name, stdout);
    else printf("%u", id);
    return 0;
}

/* The groups: the process's supplementary list with the gid first, as GNU. */
static int group_list(gid_t gid, gid_t *list, int capacity) {
    gid_t groups[64];
    int count = getgroups(64, groups), n = 0;
    list[n++] = gid;
    for (int i = 0; i < count && n < capacity; i++)
        if (groups[i] != gid) list[n++] = groups[i];
    return n;
}

#define ID_MAX_GROUPS 65

/* Whose ids id reports: the process's, or a user's from the databases. */
struct identity {
    uid_t uid, euid;
    gid_t gid, egid;
    gid_t groups[ID_MAX_GROUPS];
    int count;
};

/* A user named by name (or number) in /etc/passwd, with its primary group
 * first and then every group of /etc/group that lists it; -1 if unknown. */
static int user_identity(const char *name, struct identity *identity) {
    struct passwd *entry = getpwnam(name);
    char *end;
    unsigned long number = strtoul(name, &end, 10);
    if (!entry && *name && !*end) entry = getpwuid((uid_t)number);
    if (!entry) return -1;
    char *user = strdup(entry->pw_name);
    identity->uid = identity->euid = entry->pw_uid;
    identity->gid = identity->egid = entry->pw_gid;
    identity->groups[0] = entry->pw_gid;
    identity->count = 1;
    struct group *group;
    setgrent();
    while ((group = getgrent()) && identity->count < ID_MAX_GROUPS) {
        if (group->gr_gid == identity->gid) continue;
        for (char **member = group->gr_mem; member && *member; member++)
            if (strcmp(*member, user) == 0) {
                identity->groups[identity->count++] = group->gr_gid;
                break;
            }
    }
    endgrent();
    free(user);
    return 0;
}

/* One report: -u, -g or -G (which), else the full uid=... line. */
static int report(const struct identity *id, int which, int names, int real) {
    int status = 0;
    if (which == 'u') status = print_name_or_number(0, real ? id->uid : id->euid, names);
    if (which == 'g') status = print_name_or_number(1, real ? id->gid : id->egid, names);
    for (int i = 0; which == 'G' && i < id->count; i++) {
        if (i) putchar(' ');
        status |= print_name_or_number(1, id->groups[i], names);
    }
    if (which) return putchar('\n'), status;
    printf("uid="), print_user(id->uid);
    printf(" gid="), print_group(id->gid);
    if (id->euid != id->uid) printf(" euid="), print_user(id->euid);
    if (id->egid != id->gid) printf(" egid="), print_group(id->egid);
    printf(" groups=");
    for (int i = 0; i < id->count; i++) {
        if (i) putchar(',');
        print_group(id->groups[i]);
    }
    putchar('\n');
    return 0;
}

static int id_help(void) {
    return print_help("[OPTION]... [USER]...",
                      "Print user and group information for the current process.\n\n"
                      "  -g, --group   print only the effective group ID\n"
                      "  -G, --groups  print all group IDs\n"
                      "  -n, --name    print a name instead of a number, for -u, -g, -G\n"
                      "  -r, --real    print the real ID instead of the effective ID\n"
                      "  -u, --user    print only the effective user ID\n");
}

int id_main(int argc, char **argv) {
    static const struct option_spec specs[] = {{"group", 'g', 0}, {"groups", 'G', 0},
                                               {"name", 'n', 0},  {"real", 'r', 0},
                                               {"user", 'u', 0},  {NULL, 0, 0}};
    int which = 0, names = 0, real = 0, key;
    struct option_parser parser;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP: return id_help();
        case 'g': case 'G': case 'u':
            if (which && which != key)
                return warnx_("cannot print \"only\" of more than one choice"), 1;
            which = key;
            break;
        case 'n': names = 1; break;
        case 'r': real = 1; break;
        }
    }
    if (!which && (names || real))
        return warnx_("cannot print only names or real IDs in default format"), 1;
    if (parser.operand_count == 0) {
        struct identity self = {getuid(), geteuid(), getgid(), getegid(), {0}, 0};
        self.count = group_list(real ? self.gid : self.egid, self.groups, ID_MAX_GROUPS);
        return report(&self, which, names, real);
    }
    int status = 0;
    for (int i = 0; i < parser.operand_count; i++) {
        struct identity user;
        if (user_identity(parser.operands[i], &user) != 0) {
            warnx_("%s: no such user", quote(parser.operands[i]));
            status = 1;
            continue;
        }
        status |= report(&user, which, names, real);
    }
    return status;
}

int whoami_main(int argc, char **argv) {
    struct option_parser parser;
    int done = parse_help_only(&parser, argc, argv, "[OPTION]...",
                               "Print the user name of the effective user ID.\n");
    if (done >= 0) return done;
    if (parser.operand_count > 0)
        return warnx_("extra operand %s", quote(parser.operands[0])), try_help();
    uid_t uid = geteuid();
    struct passwd *entry = getpwuid(uid);
    if (!entry) return warnx_("cannot find name for user ID %u", (unsigned)uid), 1;
    puts(entry->pw_name);
    return 0;
}
