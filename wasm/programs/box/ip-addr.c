/* ip-addr.c: `ip addr [show [dev] NAME] [up]`: each link with its
 * addresses, in iproute2's full, one-line (-o) and brief (-br) forms. */
#include <stdio.h>
#include <string.h>

#include "ip.h"

static int family_wanted(const struct ip_options *options, const struct ip_addr *addr) {
    if (options->family == 4) return strcmp(addr->family, "inet") == 0;
    if (options->family == 6) return strcmp(addr->family, "inet6") == 0;
    return 1;
}

static void print_addr(const struct ip_options *options, const struct ip_link *link,
                       const struct ip_addr *addr) {
    if (options->oneline) printf("%d: %s", link->index, link->name);
    printf("    %s %s/%d scope %s %s", addr->family, addr->address, addr->prefix, addr->scope,
           addr->label);
    fputs(options->oneline ? "\\" : "\n", stdout);
    fputs("       valid_lft forever preferred_lft forever\n", stdout);
}

static void print_link(const struct ip_options *options, const struct ip_config *config,
                       const struct ip_link *link) {
    int count = 0;
    for (int i = 0; i < config->addr_count; i++)
        count += config->addrs[i].index == link->index && family_wanted(options, &config->addrs[i]);
    if (options->brief) {
        printf("%-16s %-14s ", link->name, ip_link_state(link));
        for (int i = 0; i < config->addr_count; i++) {
            const struct ip_addr *addr = &config->addrs[i];
            if (addr->index == link->index && family_wanted(options, addr))
                printf("%s/%d ", addr->address, addr->prefix);
        }
        putchar('\n');
        return;
    }
    /* With a family asked for, links without such an address are left out. */
    if (options->family && count == 0) return;
    if (!options->oneline) {
        ip_print_link_header(link, 0, options->family);
        putchar('\n');
        if (!options->family) ip_print_link_address(link);
    }
    for (int i = 0; i < config->addr_count; i++) {
        const struct ip_addr *addr = &config->addrs[i];
        if (addr->index == link->index && family_wanted(options, addr))
            print_addr(options, link, addr);
    }
}

int ip_addr_command(const struct ip_options *options, int argc, char **argv) {
    if (argc > 0) {
        if (!(ip_matches(argv[0], "show") || ip_matches(argv[0], "list") ||
              strcmp(argv[0], "lst") == 0)) {
            fprintf(stderr, "Command \"%s\" is unknown, try \"ip address help\".\n", argv[0]);
            return 255;
        }
        argc--;
        argv++;
    }
    return ip_show_links(options, argc, argv, print_link);
}
