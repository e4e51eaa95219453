/* ip-native.c: `ip`'s state on the host's Linux, for running box natively:
 * links from if_nameindex and the SIOCGIF* ioctls, addresses from
 * getifaddrs, written as the kernel's text lines (ip.h). Natively the
 * qdisc is not read (noqueue when up, noop when down, right for lo only),
 * IPv4 labels are the device's name, and no routes are listed:
 * rtnetlink would be needed for those. */
#ifndef __wasi__
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ip.h"

static int prefix_of(const struct sockaddr *mask, int family) {
    const unsigned char *bytes = family == AF_INET
        ? (const unsigned char *)&((const struct sockaddr_in *)mask)->sin_addr
        : (const unsigned char *)&((const struct sockaddr_in6 *)mask)->sin6_addr;
    int count = 0;
    for (int i = 0; i < (family == AF_INET ? 4 : 16); i++)
        for (int bit = 7; bit >= 0; bit--) count += (bytes[i] >> bit) & 1;
    return count;
}

int ip_read_config(struct ip_config *config) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) return -1;
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    struct if_nameindex *names = if_nameindex();
    for (struct if_nameindex *n = names; n && n->if_index; n++) {
        struct ifreq request;
        memset(&request, 0, sizeof request);
        snprintf(request.ifr_name, sizeof request.ifr_name, "%s", n->if_name);
        unsigned flags = 0, mtu = 0, qlen = 0;
        if (ioctl(fd, SIOCGIFFLAGS, &request) == 0) flags = (unsigned short)request.ifr_flags;
        if (flags & IP_IFF_RUNNING) flags |= IP_IFF_LOWER_UP;
        if (ioctl(fd, SIOCGIFMTU, &request) == 0) mtu = (unsigned)request.ifr_mtu;
        if (ioctl(fd, SIOCGIFTXQLEN, &request) == 0) qlen = (unsigned)request.ifr_qlen;
        unsigned char hw[6] = {0, 0, 0, 0, 0, 0};
        if (ioctl(fd, SIOCGIFHWADDR, &request) == 0) memcpy(hw, request.ifr_hwaddr.sa_data, 6);
        fprintf(out, "link %u %s %u %u %s %u %s %02x:%02x:%02x:%02x:%02x:%02x\n", n->if_index,
                n->if_name, flags, mtu, flags & IP_IFF_UP ? "noqueue" : "noop", qlen,
                flags & IP_IFF_LOOPBACK ? "loopback" : "ether", hw[0], hw[1], hw[2], hw[3], hw[4],
                hw[5]);
    }
    if (names) if_freenameindex(names);
    close(fd);
    struct ifaddrs *list = NULL;
    if (getifaddrs(&list) == 0) {
        for (struct ifaddrs *a = list; a; a = a->ifa_next) {
            if (!a->ifa_addr || !a->ifa_netmask) continue;
            int family = a->ifa_addr->sa_family;
            if (family != AF_INET && family != AF_INET6) continue;
            char address[INET6_ADDRSTRLEN];
            const void *raw = family == AF_INET
                ? (const void *)&((struct sockaddr_in *)a->ifa_addr)->sin_addr
                : (const void *)&((struct sockaddr_in6 *)a->ifa_addr)->sin6_addr;
            inet_ntop(family, raw, address, sizeof address);
            int host = a->ifa_flags & IP_IFF_LOOPBACK;
            fprintf(out, "addr %u %s %s %d %s %s\n", if_nametoindex(a->ifa_name),
                    family == AF_INET ? "inet" : "inet6", address,
                    prefix_of(a->ifa_netmask, family), host ? "host" : "global",
                    family == AF_INET ? a->ifa_name : "-");
        }
        freeifaddrs(list);
    }
    fclose(out);
    ip_parse_config(text ? text : "", config);
    free(text);
    return 0;
}

int ip_set_up(const char *name, int up) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) return -1;
    struct ifreq request;
    memset(&request, 0, sizeof request);
    snprintf(request.ifr_name, sizeof request.ifr_name, "%s", name);
    int result = ioctl(fd, SIOCGIFFLAGS, &request);
    if (result == 0) {
        if (up) request.ifr_flags |= IFF_UP;
        else request.ifr_flags &= ~IFF_UP;
        result = ioctl(fd, SIOCSIFFLAGS, &request);
    }
    close(fd);
    return result;
}
#endif
