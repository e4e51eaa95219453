/* groups.c: groups [USER]...: the group names of this process (its
 * effective group, then its supplementary groups), or of each USER as
 * `USER : primary others...` from /etc/passwd and /etc/group, as GNU
 * coreutils. A group without a name shows as its number. */
#include "bocal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "util.h"

static void print_group(gid_t gid, int *first) {
    struct group *group = getgrgid(gid);
    if (!*first) putchar(' ');
    if (group) fputs(group->gr_name, stdout);
    else printf("%lu", (unsigned long)gid);
    *first = 0;
}

static int user_groups(const char *name) {
    struct passwd *user = getpwnam(name);
    if (!user) {
        warnx_("%s: no such user", quote(name));
        return 1;
    }
    gid_t primary = user->pw_gid;
    char *login = strdup(user->pw_name);
    int first = 1;
    printf("%s : ", name);
    print_group(primary, &first);
    setgrent();
    struct group *group;
    while ((group = getgrent())) {
        if (group->gr_gid == primary) continue;
        for (char **member = group->gr_mem; member && *member; member++)
            if (strcmp(*member, login) == 0) {
                if (!first) putchar(' ');
                fputs(group->gr_name, stdout);
                first = 0;
                break;
            }
    }
    endgrent();
    putchar('\n');
    free(login);
    return 0;
}

int groups_main(int argc, char **argv) {
    struct option_parser parser;
    int status = parse_help_only(&parser, argc, argv, "[OPTION]... [USERNAME]...",
                                 "Print group memberships for each USERNAME or, if no USERNAME "
                                 "is specified, for\nthe current process (which may differ if "
                                 "the groups database has changed).\n");
    if (status >= 0) return status;
    if (parser.operand_count == 0) {
        gid_t primary = getegid();
        int first = 1;
        print_group(primary, &first);
        int count = getgroups(0, NULL);
        gid_t *list = xmalloc(sizeof(gid_t) * (size_t)(count > 0 ? count : 1));
        count = getgroups(count, list);
        for (int i = 0; i < count; i++) {
            int seen = list[i] == primary;
            for (int j = 0; j < i && !seen; j++) seen = list[j] == list[i];
            if (!seen) print_group(list[i], &first);
        }
        putchar('\n');
        free(list);
        return 0;
    }
    for (int i = 0; i < parser.operand_count; i++) status = user_groups(parser.operands[i]) || status > 0;
    return status > 0;
}
