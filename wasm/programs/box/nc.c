/* nc.c: netcat, the subset of OpenBSD's (Debian's netcat-openbsd) a
 * course needs: `nc HOST PORT` connects and relays stdin and stdout,
 * `nc -l [-p] PORT` waits for one connection and relays it, -u for UDP,
 * -z to test a port, -v to tell, -w, -N and -q to end. Hosts are numeric,
 * "localhost" or names in /etc/hosts (getaddrinfo of wasm/lib). */
#include "bocal.h"
#include "bocal-socket.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "nc-options.h"

/* The service name /etc/services gives a port, or "*", for -v's message. */
static const char *service_name(int port, const char *protocol) {
    static char name[64];
    FILE *services = fopen("/etc/services", "r");
    if (!services) return "*";
    char line[256];
    char want[32];
    snprintf(want, sizeof want, "%d/%s", port, protocol);
    const char *found = "*";
    while (fgets(line, sizeof line, services)) {
        char first[64], second[64];
        if (line[0] == '#' || sscanf(line, "%63s %63s", first, second) != 2) continue;
        if (strcmp(second, want) == 0) {
            snprintf(name, sizeof name, "%s", first);
            found = name;
            break;
        }
    }
    fclose(services);
    return found;
}

static const char *numeric_host(const struct sockaddr_in *address, char *text, size_t size) {
    inet_ntop(AF_INET, &address->sin_addr, text, (socklen_t)size);
    return text;
}

static int resolve(const char *host, const char *port, const struct nc_options *o, int passive,
                   struct addrinfo **result) {
    struct addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET;
    hints.ai_socktype = o->udp ? SOCK_DGRAM : SOCK_STREAM;
    hints.ai_flags = passive ? AI_PASSIVE : 0;
    int error = getaddrinfo(host, port, &hints, result);
    if (error) {
        fprintf(stderr, "nc: getaddrinfo for host \"%s\" port %s: %s\n", host ? host : "", port,
                gai_strerror(error));
        return -1;
    }
    return 0;
}

/* Binds `fd` to -s/-p, when given. */
static int bind_source(int fd, const struct nc_options *o) {
    if (!o->source && !o->source_port) return 0;
    struct addrinfo *local;
    if (resolve(o->source, o->source_port ? o->source_port : "0", o, 1, &local) < 0) return -1;
    int ok = bind(fd, local->ai_addr, local->ai_addrlen);
    if (ok < 0) perror("nc: bind failed");
    freeaddrinfo(local);
    return ok;
}

static int connect_mode(const struct nc_options *o) {
    int port = nc_port(o->port);
    if (port < 0) return 1;
    struct addrinfo *addresses;
    if (resolve(o->host, o->port, o, 0, &addresses) < 0) return 1;
    int fd = -1;
    const char *protocol = o->udp ? "udp" : "tcp";
    for (struct addrinfo *a = addresses; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        if (fd < 0) continue;
        if (bind_source(fd, o) < 0) {
            close(fd);
            freeaddrinfo(addresses);
            return 1;
        }
        if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) break;
        if (o->verbose) {
            fprintf(stderr, "nc: connect to %s port %s (%s) failed: %s\n", o->host, o->port,
                    protocol, strerror(errno));
        }
        close(fd);
        fd = -1;
    }
    freeaddrinfo(addresses);
    if (fd < 0) return 1;
    if (o->verbose) {
        fprintf(stderr, "Connection to %s %s port [%s/%s] succeeded!\n", o->host, o->port, protocol,
                service_name(port, protocol));
    }
    if (o->scan) {
        close(fd);
        return 0;
    }
    int status = nc_relay(fd, o);
    close(fd);
    return status;
}

static int listen_mode(const struct nc_options *o) {
    if (nc_port(o->port) < 0) return 1;
    struct addrinfo *local;
    if (resolve(o->host, o->port, o, 1, &local) < 0) return 1;
    int fd = socket(local->ai_family, local->ai_socktype, local->ai_protocol);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd < 0 || bind(fd, local->ai_addr, local->ai_addrlen) < 0) {
        perror("nc: bind failed");
        freeaddrinfo(local);
        return 1;
    }
    freeaddrinfo(local);
    char host[INET_ADDRSTRLEN];
    struct sockaddr_in address;
    socklen_t length = sizeof address;
    if (!o->udp && listen(fd, 1) < 0) {
        perror("nc: listen");
        return 1;
    }
    if (o->verbose) {
        getsockname(fd, (struct sockaddr *)&address, &length);
        fprintf(stderr, "Listening on %s %u\n", numeric_host(&address, host, sizeof host),
                (unsigned)ntohs(address.sin_port));
    }
    int connection;
    length = sizeof address;
    if (o->udp) {
        /* The first datagram's sender becomes the peer; the datagram stays queued for the relay. */
        char byte;
        if (recvfrom(fd, &byte, 1, MSG_PEEK, (struct sockaddr *)&address, &length) < 0 ||
            connect(fd, (struct sockaddr *)&address, length) < 0) {
            perror("nc: recvfrom");
            return 1;
        }
        connection = fd;
    } else {
        connection = accept(fd, (struct sockaddr *)&address, &length);
        if (connection < 0) {
            perror("nc: accept");
            return 1;
        }
    }
    if (o->verbose) {
        fprintf(stderr, "Connection received on %s %u\n", numeric_host(&address, host, sizeof host),
                (unsigned)ntohs(address.sin_port));
    }
    /* The listening socket stays open while the connection lasts, as OpenBSD's nc keeps it. */
    int status = nc_relay(connection, o);
    close(connection);
    if (connection != fd) close(fd);
    return status;
}

int nc_main(int argc, char **argv) {
    struct nc_options options;
    int status = nc_parse(argc, argv, &options);
    if (status >= 0) return status;
    return options.listen ? listen_mode(&options) : connect_mode(&options);
}
