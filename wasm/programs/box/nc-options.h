/* nc-options.h: netcat's command line (nc-options.c) and its two modes
 * (nc.c connects or listens, nc-relay.c moves the bytes). */
#ifndef BOX_NC_OPTIONS_H
#define BOX_NC_OPTIONS_H

struct nc_options {
    int listen;          /* -l */
    int udp;             /* -u */
    int scan;            /* -z: connect, then close at once */
    int verbose;         /* -v */
    int shutdown_on_eof; /* -N: shutdown(SHUT_WR) when stdin ends */
    int quit_after_eof;  /* -q: seconds to wait after stdin ends; -1 waits for the network */
    int timeout_ms;      /* -w: connect and idle timeout; -1 for none */
    const char *source_port; /* -p */
    const char *source;      /* -s */
    const char *host;
    const char *port;
};

/* Parses argv as OpenBSD netcat (Debian's netcat-openbsd) does; returns -1
 * to go on, or the exit status after printing a message or the usage. */
int nc_parse(int argc, char **argv, struct nc_options *options);
/* A port operand as a number, or -1 after printing netcat's message. */
int nc_port(const char *text);

/* Copies stdin to `fd` and `fd` to stdout until the network side ends,
 * as netcat's readwrite(); returns the exit status. */
int nc_relay(int fd, const struct nc_options *options);

#endif
