/* bocal-netdb.c: getaddrinfo(3) and getnameinfo(3) without a resolver:
 * numeric addresses, names from /etc/hosts (as glibc's "files" source),
 * and "localhost" when the file does not list it. IPv4 only, as the
 * kernel's sockets are. Services must be numeric. */
#ifdef __wasi__
#include "bocal-socket.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Looks `name` up in /etc/hosts: 1 and the address if an IPv4 line has it. */
static int hosts_lookup(const char *name, struct in_addr *address) {
    FILE *hosts = fopen("/etc/hosts", "r");
    if (!hosts) return 0;
    char line[512];
    int found = 0;
    while (!found && fgets(line, sizeof line, hosts)) {
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        char *save = 0;
        char *field = strtok_r(line, " \t\r\n", &save);
        if (!field || inet_pton(AF_INET, field, address) != 1) continue;
        while ((field = strtok_r(0, " \t\r\n", &save))) {
            if (strcasecmp(field, name) == 0) {
                found = 1;
                break;
            }
        }
    }
    fclose(hosts);
    return found;
}

static int parse_port(const char *service, int flags, int *port) {
    if (!service) {
        *port = 0;
        return 0;
    }
    char *end;
    long value = strtol(service, &end, 10);
    if (*service == '\0' || *end != '\0' || value < 0 || value > 65535) {
        return flags & AI_NUMERICSERV ? EAI_NONAME : EAI_SERVICE;
    }
    *port = (int)value;
    return 0;
}

static struct addrinfo *entry(struct in_addr address, int port, int socktype, int protocol) {
    struct addrinfo *info = calloc(1, sizeof *info + sizeof(struct sockaddr_in));
    if (!info) return 0;
    struct sockaddr_in *in = (struct sockaddr_in *)(info + 1);
    in->sin_family = AF_INET;
    in->sin_port = htons((uint16_t)port);
    in->sin_addr = address;
    info->ai_family = AF_INET;
    info->ai_socktype = socktype;
    info->ai_protocol = protocol;
    info->ai_addrlen = sizeof *in;
    info->ai_addr = (struct sockaddr *)in;
    return info;
}

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
                struct addrinfo **result) {
    int flags = hints ? hints->ai_flags : 0;
    int family = hints ? hints->ai_family : AF_UNSPEC;
    int socktype = hints ? hints->ai_socktype : 0;
    if (!node && !service) return EAI_NONAME;
    if (family != AF_UNSPEC && family != AF_INET) return family == AF_INET6 ? EAI_NONAME : EAI_FAMILY;
    if (socktype != 0 && socktype != SOCK_STREAM && socktype != SOCK_DGRAM) return EAI_SOCKTYPE;
    int port;
    int error = parse_port(service, flags, &port);
    if (error) return error;
    struct in_addr address;
    if (!node) {
        address.s_addr = htonl(flags & AI_PASSIVE ? INADDR_ANY : INADDR_LOOPBACK);
    } else if (inet_pton(AF_INET, node, &address) == 1) {
    } else if (flags & AI_NUMERICHOST) {
        return EAI_NONAME;
    } else if (!hosts_lookup(node, &address)) {
        if (strcasecmp(node, "localhost") != 0) return EAI_NONAME;
        address.s_addr = htonl(INADDR_LOOPBACK);
    }
    struct addrinfo *first = 0, **next = &first;
    static const int types[][2] = {{SOCK_STREAM, IPPROTO_TCP}, {SOCK_DGRAM, IPPROTO_UDP}};
    for (int i = 0; i < 2; i++) {
        if (socktype != 0 && socktype != types[i][0]) continue;
        struct addrinfo *info = entry(address, port, types[i][0], types[i][1]);
        if (!info) {
            freeaddrinfo(first);
            return EAI_MEMORY;
        }
        if ((flags & AI_CANONNAME) && node && !*next) info->ai_canonname = strdup(node);
        *next = info;
        next = &info->ai_next;
    }
    *result = first;
    return 0;
}

void freeaddrinfo(struct addrinfo *info) {
    while (info) {
        struct addrinfo *next = info->ai_next;
        free(info->ai_canonname);
        free(info);
        info = next;
    }
}

const char *gai_strerror(int error) {
    switch (error) {
    case EAI_BADFLAGS: return "Bad value for ai_flags";
    case EAI_NONAME: return "Name or service not known";
    case EAI_AGAIN: return "Temporary failure in name resolution";
    case EAI_FAIL: return "Non-recoverable failure in name resolution";
    case EAI_FAMILY: return "ai_family not supported";
    case EAI_SOCKTYPE: return "ai_socktype not supported";
    case EAI_SERVICE: return "Servname not supported for ai_socktype";
    case EAI_MEMORY: return "Memory allocation failure";
    case EAI_SYSTEM: return "System error";
    default: return "Unknown error";
    }
}

int getnameinfo(const struct sockaddr *address, socklen_t length, char *host, socklen_t host_length,
                char *service, socklen_t service_length, int flags) {
    (void)flags;
    if (!address || length < sizeof(struct sockaddr_in) || address->sa_family != AF_INET) {
        return EAI_FAMILY;
    }
    const struct sockaddr_in *in = (const struct sockaddr_in *)address;
    if (host && host_length > 0 && !inet_ntop(AF_INET, &in->sin_addr, host, host_length)) {
        return EAI_SYSTEM;
    }
    if (service && service_length > 0) {
        snprintf(service, service_length, "%u", (unsigned)ntohs(in->sin_port));
    }
    return 0;
}
#endif
