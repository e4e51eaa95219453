/* ip-link.c: `ip link [show [dev] NAME]` and `ip link set [dev] NAME
 * up|down`, with the header line `ip addr` shares. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ip.h"

void ip_print_flags(unsigned flags) {
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {
        {IP_IFF_LOOPBACK, "LOOPBACK"}, {IP_IFF_BROADCAST, "BROADCAST"},
        {IP_IFF_MULTICAST, "MULTICAST"}, {IP_IFF_NOARP, "NOARP"}, {IP_IFF_UP, "UP"},
        {IP_IFF_LOWER_UP, "LOWER_UP"},
    };
    int first = 1;
    putchar('<');
    /* A device up without carrier says so first, as iproute2 does. */
    if ((flags & IP_IFF_UP) && !(flags & IP_IFF_RUNNING)) {
        fputs("NO-CARRIER", stdout);
        first = 0;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(flags & names[i].bit)) continue;
        printf("%s%s", first ? "" : ",", names[i].name);
        first = 0;
    }
    putchar('>');
}

const char *ip_link_state(const struct ip_link *link) {
    /* Up without carrier is operationally down (NO-CARRIER in the flags). */
    if (!(link->flags & IP_IFF_UP) || !(link->flags & IP_IFF_RUNNING)) return "DOWN";
    /* A loopback device has no operational state of its own (IF_OPER_UNKNOWN). */
    return strcmp(link->kind, "loopback") == 0 ? "UNKNOWN" : "UP";
}

void ip_print_link_header(const struct ip_link *link, int link_object, int family) {
    printf("%d: %s: ", link->index, link->name);
    ip_print_flags(link->flags);
    /* iproute2 leaves qdisc and group out when addresses are asked for IPv6 only. */
    if (family == 6 && !link_object) {
        printf(" mtu %u state %s ", link->mtu, ip_link_state(link));
    } else {
        printf(" mtu %u qdisc %s state %s%s group default ", link->mtu, link->qdisc,
               ip_link_state(link), link_object ? " mode DEFAULT" : "");
    }
    /* A device without a transmit queue (qlen 0) has no qlen field. */
    if (link->txqlen) printf("qlen %u", link->txqlen);
}

/* `link/loopback 00:..:00 brd 00:..:00`; an Ethernet device's broadcast is all ones. */
void ip_print_link_address(const struct ip_link *link) {
    int loopback = strcmp(link->kind, "loopback") == 0;
    printf("    link/%s %s brd %s\n", link->kind, link->hwaddr,
           loopback ? link->hwaddr : "ff:ff:ff:ff:ff:ff");
}

static void print_link(const struct ip_options *options, const struct ip_config *config,
                       const struct ip_link *link) {
    (void)config;
    if (options->brief) {
        printf("%-16s %-14s %-17s ", link->name, ip_link_state(link), link->hwaddr);
        ip_print_flags(link->flags);
        fputs(" \n", stdout);
        return;
    }
    ip_print_link_header(link, 1, options->family);
    fputs(options->oneline ? "\\" : "\n", stdout);
    ip_print_link_address(link);
}

static int read_config(struct ip_config *config) {
    if (ip_read_config(config) == 0) return 0;
    fprintf(stderr, "Cannot send dump request: %s\n", strerror(errno));
    return -1;
}

int ip_show_links(const struct ip_options *options, int argc, char **argv,
                  ip_print_link_fn *print) {
    const char *device = NULL;
    int up_only = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "dev") == 0 && i + 1 < argc) device = argv[++i];
        else if (strcmp(argv[i], "up") == 0) up_only = 1;
        else device = argv[i];
    }
    static struct ip_config config;
    if (read_config(&config) < 0) return 1;
    if (device && !ip_find_link(&config, device)) {
        fprintf(stderr, "Device \"%s\" does not exist.\n", device);
        return 1;
    }
    for (int i = 0; i < config.link_count; i++) {
        const struct ip_link *link = &config.links[i];
        if (device && strcmp(link->name, device) != 0) continue;
        if (up_only && !(link->flags & IP_IFF_UP)) continue;
        print(options, &config, link);
    }
    return 0;
}

static int link_set(int argc, char **argv) {
    const char *device = NULL;
    int up = -1;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "up") == 0) up = 1;
        else if (strcmp(argv[i], "down") == 0) up = 0;
        else if (strcmp(argv[i], "dev") == 0 && i + 1 < argc && !device) device = argv[++i];
        else if (!device) device = argv[i];
        else {
            fprintf(stderr, "Error: either \"dev\" is duplicate, or \"%s\" is a garbage.\n",
                    argv[i]);
            return 255;
        }
    }
    if (!device) {
        fputs("Not enough information: \"dev\" argument is required.\n", stderr);
        return 255;
    }
    static struct ip_config config;
    if (read_config(&config) < 0) return 1;
    if (!ip_find_link(&config, device)) {
        fprintf(stderr, "Cannot find device \"%s\"\n", device);
        return 1;
    }
    if (up < 0) return 0;
    if (ip_set_up(device, up) < 0) {
        fprintf(stderr, "RTNETLINK answers: %s\n", strerror(errno));
        return 2;
    }
    return 0;
}

int ip_link_command(const struct ip_options *options, int argc, char **argv) {
    if (argc == 0 || ip_matches(argv[0], "show") || ip_matches(argv[0], "list") ||
        strcmp(argv[0], "lst") == 0)
        return ip_show_links(options, argc ? argc - 1 : 0, argv + (argc ? 1 : 0), print_link);
    if (ip_matches(argv[0], "set")) return link_set(argc - 1, argv + 1);
    fprintf(stderr, "Command \"%s\" is unknown, try \"ip link help\".\n", argv[0]);
    return 255;
}
