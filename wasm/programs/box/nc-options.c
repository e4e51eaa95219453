/* nc-options.c: netcat's options, messages and usage, as netcat-openbsd
 * 1.219 (Debian's nc) prints them. Options may follow operands, as glibc's
 * getopt lets them. Options of OpenBSD's nc that need what bocal lacks
 * (proxies, TLS, IPv6, UNIX sockets with -U) are refused as unknown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nc-options.h"

static int usage(void) {
    fputs("usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n"
          "\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n"
          "\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n"
          "\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n"
          "\t  [destination] [port]\n",
          stderr);
    return 1;
}

/* A whole number for -q or -w, or -1 (netcat's strtonum range 0..INT_MAX; -q takes negatives). */
static int number(const char *text, int allow_negative, long *value) {
    char *end;
    long parsed = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || (parsed < 0 && !allow_negative)) return -1;
    *value = parsed;
    return 0;
}

int nc_port(const char *text) {
    char *end;
    long port = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || port < 0) {
        fprintf(stderr, "nc: port number invalid: %s\n", text);
        return -1;
    }
    if (port > 65535) {
        fprintf(stderr, "nc: port number too large: %s\n", text);
        return -1;
    }
    return (int)port;
}

int nc_parse(int argc, char **argv, struct nc_options *o) {
    memset(o, 0, sizeof *o);
    o->quit_after_eof = -1;
    o->timeout_ms = -1;
    const char *operands[3];
    int count = 0;
    int options_done = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (options_done || arg[0] != '-' || arg[1] == '\0') {
            if (count == 3) return usage();
            operands[count++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            options_done = 1;
            continue;
        }
        for (const char *c = arg + 1; *c; c++) {
            const char *value = 0;
            if (strchr("pqsw", *c)) {
                value = c[1] ? c + 1 : (i + 1 < argc ? argv[++i] : 0);
                if (!value) {
                    fprintf(stderr, "nc: option requires an argument -- '%c'\n", *c);
                    return usage();
                }
            }
            long n;
            switch (*c) {
            case 'l': o->listen = 1; break;
            case 'u': o->udp = 1; break;
            case 'z': o->scan = 1; break;
            case 'v': o->verbose = 1; break;
            case 'N': o->shutdown_on_eof = 1; break;
            case 'n': case '4': case 'd': case 'k': break;
            case 'h': usage(); return 0;
            case 'p': o->source_port = value; break;
            case 's': o->source = value; break;
            case 'q':
                if (number(value, 1, &n) < 0) {
                    fprintf(stderr, "nc: quit timer invalid: %s\n", value);
                    return 1;
                }
                o->quit_after_eof = n < 0 ? -1 : (int)n;
                break;
            case 'w':
                if (number(value, 0, &n) < 0) {
                    fprintf(stderr, "nc: timeout invalid: %s\n", value);
                    return 1;
                }
                o->timeout_ms = (int)(n * 1000);
                break;
            default:
                fprintf(stderr, "nc: invalid option -- '%c'\n", *c);
                return usage();
            }
            if (value) break;
        }
    }
    if (o->listen) {
        /* nc -l [-p] port, or nc -l [address] port. */
        if (count == 2) {
            o->host = operands[0];
            o->port = operands[1];
        } else if (count == 1) {
            o->port = operands[0];
        } else if (count == 0 && o->source_port) {
            o->port = o->source_port;
            o->source_port = 0;
        } else if (count == 0) {
            fputs("nc: missing port number\n", stderr);
            return 1;
        } else {
            return usage();
        }
        return -1;
    }
    if (count == 0) return usage();
    if (count == 1) {
        fputs("nc: missing port number\n", stderr);
        return 1;
    }
    if (count > 2) return usage();
    o->host = operands[0];
    o->port = operands[1];
    return -1;
}
