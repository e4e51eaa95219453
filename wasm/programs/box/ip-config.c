/* ip-config.c: reading the namespace's state for `ip` (ip.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ip.h"
#ifdef __wasi__
#include "bocal-net.h"
#endif

void ip_parse_config(const char *text, struct ip_config *config) {
    memset(config, 0, sizeof *config);
    while (*text) {
        const char *end = strchr(text, '\n');
        size_t length = end ? (size_t)(end - text) : strlen(text);
        char line[512];
        if (length >= sizeof line) length = sizeof line - 1;
        memcpy(line, text, length);
        line[length] = '\0';
        text += end ? length + 1 : length;
        if (strncmp(line, "link ", 5) == 0 && config->link_count < IP_MAX_LINKS) {
            struct ip_link *l = &config->links[config->link_count];
            if (sscanf(line + 5, "%d %31s %u %u %15s %u %15s %31s", &l->index, l->name, &l->flags,
                       &l->mtu, l->qdisc, &l->txqlen, l->kind, l->hwaddr) == 8)
                config->link_count++;
        } else if (strncmp(line, "addr ", 5) == 0 && config->addr_count < IP_MAX_ADDRS) {
            struct ip_addr *a = &config->addrs[config->addr_count];
            if (sscanf(line + 5, "%d %7s %63s %d %7s %31s", &a->index, a->family, a->address,
                       &a->prefix, a->scope, a->label) == 6) {
                if (strcmp(a->label, "-") == 0) a->label[0] = '\0';
                config->addr_count++;
            }
        } else if (strncmp(line, "route ", 6) == 0 && config->route_count < IP_MAX_ROUTES) {
            struct ip_route *r = &config->routes[config->route_count];
            if (sscanf(line + 6, "%7s %15s %7s %63s %31s %7s %63s %15s", r->table, r->type,
                       r->family, r->destination, r->device, r->scope, r->source,
                       r->metric) == 8) {
                if (strcmp(r->source, "-") == 0) r->source[0] = '\0';
                if (strcmp(r->metric, "-") == 0) r->metric[0] = '\0';
                config->route_count++;
            }
        }
    }
}

#ifdef __wasi__
int ip_read_config(struct ip_config *config) {
    char *text = bocal_net_config();
    if (!text) return -1;
    ip_parse_config(text, config);
    free(text);
    return 0;
}

int ip_set_up(const char *name, int up) {
    return bocal_net_link_set(name, IP_IFF_UP, up ? IP_IFF_UP : 0);
}
#endif

const struct ip_link *ip_find_link(const struct ip_config *config, const char *name) {
    for (int i = 0; i < config->link_count; i++)
        if (strcmp(config->links[i].name, name) == 0) return &config->links[i];
    return NULL;
}

int ip_matches(const char *word, const char *full) {
    size_t length = strlen(word);
    return length > 0 && length <= strlen(full) && strncmp(word, full, length) == 0;
}
