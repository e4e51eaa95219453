/* id.c: id [-u|-g|-G] [-n] [-r] [USER] and whoami: user and group ids with
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
    if (parser.operand_count > 0) return warnx_("%s: no such user", quote(parser.operands[0])), 1;
    if (!which && (names || real))
        return warnx_("cannot print only names or real IDs in default format"), 1;
    uid_t uid = real ? getuid() : geteuid();
    gid_t gid = real ? getgid() : getegid();
    gid_t groups[65];
    int count = group_list(gid, groups, 65), status = 0;
    if (which == 'u') status = print_name_or_number(0, uid, names);
    if (which == 'g') status = print_name_or_number(1, gid, names);
    for (int i = 0; which == 'G' && i < count; i++) {
        if (i) putchar(' ');
        status |= print_name_or_number(1, groups[i], names);
    }
    if (which) return putchar('\n'), status;
    printf("uid="), print_user(getuid());
    printf(" gid="), print_group(getgid());
    if (geteuid() != getuid()) printf(" euid="), print_user(geteuid());
    if (getegid() != getgid()) printf(" egid="), print_group(getegid());
    printf(" groups=");
    for (int i = 0; i < count; i++) {
        if (i) putchar(',');
        print_group(groups[i]);
    }
    putchar('\n');
    return 0;
}

int whoami_main(int argc, char **argv) {
    static const struct option_spec specs[] = {{NULL, 0, 0}};
    struct option_parser parser;
    int key;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        if (key == OPT_ERROR) return 1;
        if (key == OPT_HELP)
            return print_help("[OPTION]...", "Print the user name of the effective user ID.\n");
    }
    if (parser.operand_count > 0)
        return warnx_("extra operand %s", quote(parser.operands[0])), try_help();
    uid_t uid = geteuid();
    struct passwd *entry = getpwuid(uid);
    if (!entry) return warnx_("cannot find name for user ID %u", (unsigned)uid), 1;
    puts(entry->pw_name);
    return 0;
}
