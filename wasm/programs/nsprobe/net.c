/* net.c: the network namespace as files show it, so the same code reads
 * both kernels: interface names from /proc/net/dev (else /sys/class/net),
 * their IPv6 addresses from /proc/net/if_inet6, and the namespace's local
 * IPv4 addresses from the LOCAL host routes of /proc/net/fib_trie (IPv4
 * addresses are not listed per interface in any file). Whether a link is
 * up is not reported: /sys/class/net shows the network namespace of
 * whoever mounted /sys, not the caller's; an interface that is down has no
 * addresses in these files, which is what scenarios look at. */
#include "json.h"
#include "probe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NAMES 64

/* Interface names, from /proc/net/dev's lines "  NAME: counters...". */
static int interface_names(char *names[], int max) {
    char *text = read_text("/proc/net/dev");
    int count = 0;
    if (text) {
        for (char *save = NULL, *line = strtok_r(text, "\n", &save); line && count < max;
             line = strtok_r(NULL, "\n", &save)) {
            char *colon = strchr(line, ':');
            if (!colon || strchr(line, '|')) continue;
            *colon = 0;
            while (*line == ' ') line++;
            names[count++] = strdup(line);
        }
        free(text);
        return count;
    }
    char **entries = sorted_entries("/sys/class/net", NULL);
    if (!entries) return -1;
    for (char **entry = entries; *entry && count < max; entry++) names[count++] = strdup(*entry);
    free_entries(entries);
    return count;
}

/* if_inet6 lines: 32 hex digits, ifindex, prefix length, scope, flags, name. */
static void ipv6_member(const char *name, const char *inet6) {
    json_key("ipv6");
    if (!inet6) return json_null();
    json_begin_array();
    const char *line = inet6;
    while (*line) {
        const char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) : strlen(line);
        char copy[256], hex[33], device[64];
        unsigned prefix;
        if (length < sizeof copy) {
            memcpy(copy, line, length);
            copy[length] = 0;
            if (sscanf(copy, "%32s %*x %x %*x %*x %63s", hex, &prefix, device) == 3 &&
                strcmp(device, name) == 0) {
                char address[48];
                size_t at = 0;
                for (int group = 0; group < 8; group++) {
                    memcpy(address + at, hex + group * 4, 4);
                    at += 4;
                    if (group < 7) address[at++] = ':';
                }
                address[at] = 0;
                char text[80];
                snprintf(text, sizeof text, "%s/%u", address, prefix);
                json_string(text);
            }
        }
        line += length + (end ? 1 : 0);
    }
    json_end_array();
}

static int compare_strings(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "|-- 127.0.0.1" followed by "/32 host LOCAL": an address of this namespace. */
static void ipv4_member(void) {
    char *text = read_text("/proc/net/fib_trie");
    json_key("ipv4");
    if (!text) return json_null();
    char *found[MAX_NAMES];
    int count = 0;
    const char *address = NULL;
    for (char *save = NULL, *line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *leaf = strstr(line, "|-- ");
        if (leaf) {
            address = leaf + 4;
            continue;
        }
        if (!address || !strstr(line, "host LOCAL")) continue;
        int known = 0;
        for (int i = 0; i < count; i++) known |= strcmp(found[i], address) == 0;
        if (!known && count < MAX_NAMES) found[count++] = strdup(address);
    }
    qsort(found, count, sizeof *found, compare_strings);
    json_begin_array();
    for (int i = 0; i < count; i++) {
        json_string(found[i]);
        free(found[i]);
    }
    json_end_array();
    free(text);
}

void probe_net(void) {
    char *names[MAX_NAMES];
    int count = interface_names(names, MAX_NAMES);
    json_key("net");
    if (count < 0) return json_null();
    qsort(names, count, sizeof *names, compare_strings);
    char *inet6 = read_text("/proc/net/if_inet6");
    json_begin_object();
    json_key("interfaces");
    json_begin_array();
    for (int i = 0; i < count; i++) {
        json_begin_object();
        json_member_string("name", names[i]);
        ipv6_member(names[i], inet6);
        json_end_object();
        free(names[i]);
    }
    json_end_array();
    ipv4_member();
    json_end_object();
    free(inet6);
}
