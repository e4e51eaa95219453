/* ip.h: the state `ip` shows (links, addresses, routes of the caller's
 * network namespace), read once per run as the kernel's text lines
 * (bocal-net.h; natively ip-native.c builds the same lines). */
#ifndef BOX_IP_H
#define BOX_IP_H

#define IP_MAX_LINKS 32
#define IP_MAX_ADDRS 128
#define IP_MAX_ROUTES 256

/* <linux/if.h> */
#define IP_IFF_UP 0x1
#define IP_IFF_BROADCAST 0x2
#define IP_IFF_LOOPBACK 0x8
#define IP_IFF_RUNNING 0x40
#define IP_IFF_NOARP 0x80
#define IP_IFF_MULTICAST 0x1000
#define IP_IFF_LOWER_UP 0x10000

struct ip_link {
    int index;
    char name[32];
    unsigned flags, mtu, txqlen;
    char qdisc[16], kind[16], hwaddr[32];
};

struct ip_addr {
    int index, prefix;
    char family[8], address[64], scope[8], label[32];
};

struct ip_route {
    char table[8], type[16], family[8], destination[64], device[32], scope[8], source[64],
        metric[16];
};

struct ip_config {
    struct ip_link links[IP_MAX_LINKS];
    struct ip_addr addrs[IP_MAX_ADDRS];
    struct ip_route routes[IP_MAX_ROUTES];
    int link_count, addr_count, route_count;
};

/* Options common to every object: -4/-6 (0 for both), -o, -br. */
struct ip_options {
    int family; /* 0, 4 or 6 */
    int oneline, brief;
};

/* Fills `config` from the kernel: 0, or -1 with errno. */
int ip_read_config(struct ip_config *config);
/* Sets device `name` up (1) or down (0): 0, or -1 with errno. */
int ip_set_up(const char *name, int up);
/* The text lines of ip_read_config, parsed. */
void ip_parse_config(const char *text, struct ip_config *config);

const struct ip_link *ip_find_link(const struct ip_config *config, const char *name);
/* Whether `word` is a non-empty prefix of `full` (iproute2's matches()). */
int ip_matches(const char *word, const char *full);

int ip_link_command(const struct ip_options *options, int argc, char **argv);

/* What prints one link for `ip link show` or `ip addr show`. */
typedef void ip_print_link_fn(const struct ip_options *options, const struct ip_config *config,
                              const struct ip_link *link);
/* `show [dev] NAME [up]`: the links it names, each printed by `print`;
 * iproute2's messages when the state cannot be read or the device does not
 * exist. The exit status. */
int ip_show_links(const struct ip_options *options, int argc, char **argv,
                  ip_print_link_fn *print);
int ip_addr_command(const struct ip_options *options, int argc, char **argv);
int ip_route_command(const struct ip_options *options, int argc, char **argv);

/* Prints one link's header line (`1: lo: <...> mtu ...`), without the newline. */
void ip_print_link_header(const struct ip_link *link, int link_object, int family);
/* The `    link/...` line, with its newline. */
void ip_print_link_address(const struct ip_link *link);
/* `<LOOPBACK,UP,LOWER_UP>` */
void ip_print_flags(unsigned flags);
/* UNKNOWN, DOWN or UP, as the operational state `ip` prints. */
const char *ip_link_state(const struct ip_link *link);

#endif
