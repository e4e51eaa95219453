/* ip-route.c: `ip route [show|list] [table main|local|all]`: the kernel
 * routes of the namespace. Without a table, iproute2 shows the main
 * table's IPv4 routes; `table all` shows both families. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ip.h"

static void print_route(const struct ip_route *route, int all) {
    int ipv6 = strcmp(route->family, "inet6") == 0;
    if (strcmp(route->type, "unicast") != 0) printf("%s ", route->type);
    printf("%s dev %s", route->destination, route->device);
    if (all && strcmp(route->table, "main") != 0) printf(" table %s", route->table);
    fputs(" proto kernel", stdout);
    if (ipv6) {
        printf(" metric %s pref medium\n", route->metric);
        return;
    }
    if (strcmp(route->scope, "global") != 0) printf(" scope %s", route->scope);
    if (route->source[0]) printf(" src %s", route->source);
    fputs(" \n", stdout);
}

int ip_route_command(const struct ip_options *options, int argc, char **argv) {
    if (argc > 0) {
        if (!(ip_matches(argv[0], "show") || ip_matches(argv[0], "list") ||
              strcmp(argv[0], "lst") == 0)) {
            fprintf(stderr, "Command \"%s\" is unknown, try \"ip route help\".\n", argv[0]);
            return 255;
        }
        argc--;
        argv++;
    }
    const char *table = "main";
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "table") == 0 && i + 1 < argc) {
            table = argv[++i];
            if (strcmp(table, "main") != 0 && strcmp(table, "local") != 0 &&
                strcmp(table, "all") != 0) {
                fprintf(stderr, "Error: argument \"%s\" is wrong: table id value is invalid\n\n",
                        table);
                return 255;
            }
        } else {
            fprintf(stderr, "Error: either \"to\" is duplicate, or \"%s\" is a garbage.\n",
                    argv[i]);
            return 255;
        }
    }
    int all = strcmp(table, "all") == 0;
    /* iproute2 defaults to IPv4 unless every table is listed. */
    int family = options->family ? options->family : all ? 0 : 4;
    static struct ip_config config;
    if (ip_read_config(&config) < 0) {
        fprintf(stderr, "Cannot send dump request: %s\n", strerror(errno));
        return 1;
    }
    for (int i = 0; i < config.route_count; i++) {
        const struct ip_route *route = &config.routes[i];
        if (!all && strcmp(route->table, table) != 0) continue;
        int ipv6 = strcmp(route->family, "inet6") == 0;
        if ((family == 4 && ipv6) || (family == 6 && !ipv6)) continue;
        print_route(route, all);
    }
    return 0;
}
